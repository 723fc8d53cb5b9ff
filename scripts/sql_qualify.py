#!/usr/bin/env python3
"""Checks (and, with --fix, rewrites) SQL sources so that every function and operator reference is
schema-qualified.

Why: the extension is trusted, so its install and update scripts run as the bootstrap superuser on behalf
of a non-superuser installer, with search_path = <target schema>, pg_temp. Any unqualified function or
operator can then resolve to a better-matching overload the installer planted in the target schema (or, at
run time, in a schema on a definer function's search_path) and run as the superuser. So every call is
written `pg_catalog.f(...)` or `@extschema@.f(...)`, and every operator `OPERATOR(pg_catalog.=)`.

Constructs that look an operator up by name and have no qualified spelling are reported, never fixed:
IN (list) -> `x OPERATOR(pg_catalog.=) ANY (ARRAY[...])`, NULLIF, BETWEEN, LIKE/ILIKE/SIMILAR, IS [NOT]
DISTINCT FROM, simple CASE (`CASE x WHEN`), JOIN ... USING / NATURAL JOIN.

Type names are not qualified: they are not overloaded, and pg_catalog is searched before every schema on
the search paths the scripts and the extension's functions run with (implicitly first in scripts,
explicitly first in the functions' SET search_path), so a planted type cannot win. Casts are looked up by
type oids in pg_cast, not by name.

Dollar-quoted bodies (functions, DO blocks, $q$ dynamic SQL) are checked as SQL; single-quoted strings
are checked when they look like SQL (they contain an SQL keyword in upper case), and never fixed.

  scripts/sql_qualify.py FILE...          report, exit 1 when anything is found
  scripts/sql_qualify.py --fix FILE...    rewrite what can be rewritten safely, report the rest
"""
import re
import sys

# ---------------------------------------------------------------------------------------------- lexer
OP_CHARS = set("+-*/<>=~!@#%^&|`?")
TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>--[^\n]*|^\\[^\n]*)
  | (?P<ccomment>/\*)
  | (?P<ext>@ext(?:schema|owner)@)
  | (?P<estr>[eE]'(?:[^'\\]|\\.|'')*')
  | (?P<str>'(?:[^']|'')*')
  | (?P<dollar>\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$)
  | (?P<param>\$[0-9]+)
  | (?P<qident>"(?:[^"]|"")*")
  | (?P<num>(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
  | (?P<ident>[A-Za-z_\x80-\uffff][A-Za-z0-9_$\x80-\uffff]*)
  | (?P<typecast>::)
  | (?P<assign>:=)
  | (?P<arrow>=>)
  | (?P<dotdot>\.\.)
  | (?P<op>[+\-*/<>=~!@#%^&|`?]+)
  | (?P<punct>[(),;\[\].:])
""", re.X | re.M)


class Tok:
    __slots__ = ("kind", "text", "start", "end")

    def __init__(self, kind, text, start, end):
        self.kind, self.text, self.start, self.end = kind, text, start, end

    @property
    def up(self):
        return self.text.upper() if self.kind == "ident" else self.text

    def __repr__(self):
        return f"{self.kind}:{self.text}"


def trim_operator(text):
    """PostgreSQL's rule: a multi-char operator may not end in + or - unless it contains one of ~!@#%^&|`?"""
    if len(text) > 1 and text[-1] in "+-" and not any(c in "~!@#%^&|`?" for c in text):
        t = text.rstrip("+-")
        return t if t else text[0]
    # "--" and "/*" inside an operator start comments; the regex handles them before ops.
    return text


FORMAT_PLACEHOLDER = re.compile(r"%(?:[0-9]+\$)?-?[0-9]*[sIL]|%%")


def mask_placeholders(text):
    """format() placeholders -> identifier-like text of the same length (offsets stay valid)."""
    return FORMAT_PLACEHOLDER.sub(lambda m: "% " if m.group() == "%%" else "x" + "_" * (len(m.group()) - 1), text)


def is_code_body(toks, i):
    """Is the dollar-quoted token toks[i] SQL code (a function body, DO block, format()/EXECUTE text)?"""
    p = toks[i - 1] if i > 0 else None
    if p is None:
        return False
    if p.kind == "ident" and p.up in ("AS", "DO", "EXECUTE"):
        return True
    if p.text == "(" and i > 1 and toks[i - 2].kind == "ident" and toks[i - 2].up == "FORMAT":
        return True
    return False


def lex(src):
    toks, i, n = [], 0, len(src)
    while i < n:
        m = TOKEN_RE.match(src, i)
        if not m:
            raise SyntaxError(f"cannot tokenize at {src[i:i + 30]!r}")
        kind = m.lastgroup
        if kind == "ccomment":
            depth, j = 1, m.end()
            while depth and j < n:
                if src.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif src.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            i = j
            continue
        if kind == "dollar":
            tag = m.group()
            close = src.find(tag, m.end())
            if close < 0:
                raise SyntaxError(f"unterminated dollar quote {tag}")
            toks.append(Tok("dbody", src[m.end():close], m.end(), close))
            i = close + len(tag)
            continue
        if kind == "op":
            text = m.group()
            # an operator never swallows a following comment start
            for k in ("--", "/*"):
                p = text.find(k)
                if p > 0:
                    text = text[:p]
            text = trim_operator(text)
            toks.append(Tok("op", text, i, i + len(text)))
            i += len(text)
            continue
        if kind not in ("ws", "comment"):
            toks.append(Tok(kind, m.group(), m.start(), m.end()))
        i = m.end()
    return toks


PAIRS = {"(": ")", "[": "]", ")": "(", "]": "["}


def match_bracket(toks, i, step=1):
    """Index of the bracket matching toks[i]: forward (step=1) from an opening ( or [, backward (step=-1) from
    a closing ) or ]. Only that kind of bracket nests; None when it is not closed (not opened)."""
    here, there = toks[i].text, PAIRS[toks[i].text]
    depth = 0
    while 0 <= i < len(toks):
        if toks[i].text == here:
            depth += 1
        elif toks[i].text == there:
            depth -= 1
            if depth == 0:
                return i
        i += step
    return None


# ---------------------------------------------------------------------------------------- knowledge
# Words followed by "(" that are syntax, not function calls.
NOT_CALLS = set("""
    CHECK IN EXISTS VALUES ARRAY COALESCE GREATEST LEAST CAST EXTRACT ROW ANY ALL SOME OVER FILTER AS ON
    USING KEY UNIQUE REFERENCES TABLE INCLUDE WITH AND OR NOT WHERE SELECT RETURN RETURNS INTO DISTINCT
    WHEN THEN ELSE IF ELSIF CONFLICT GROUP BY PARTITION POSITION SUBSTRING TRIM OVERLAY NORMALIZE
    GROUPING FROM JOIN LATERAL TO OF IS LIKE BETWEEN FOR EXCLUDE GENERATED DEFAULT OWNED SET QUERY
    RECURSIVE VARIADIC INOUT OUT CASE END ORDER HAVING LIMIT OFFSET EXECUTE PERFORM RAISE
    CURRENT_DATE CURRENT_TIMESTAMP LOCALTIMESTAMP CURRENT_TIME LOCALTIME CURRENT_USER SESSION_USER
    CURRENT_ROLE USER NULLIF DO LOOP WHILE FOREACH EXIT CONTINUE BEGIN DECLARE UPDATE DELETE INSERT
    CREATE ALTER DROP GRANT REVOKE COMMENT INDEX TRIGGER POLICY VIEW FUNCTION PROCEDURE TYPE DOMAIN
    XMLELEMENT XMLFOREST XMLCONCAT XMLPARSE XMLPI XMLROOT XMLSERIALIZE XMLEXISTS JSON_OBJECT JSON_ARRAY
    TREAT COLLATION INTERVAL DOUBLE PRECISION CHARACTER VARYING NATIONAL OPERATOR
""".split())
# Type names that take modifiers: `numeric(5,2)` is a type, not a call.
TYPE_NAMES = set("""
    NUMERIC DECIMAL VARCHAR CHAR CHARACTER BPCHAR BIT VARBIT TIMESTAMP TIMESTAMPTZ TIME TIMETZ INTERVAL
    FLOAT DEC
""".split())
# Keywords that end an operand (split expression chains).
BOUNDARY_WORDS = set("""
    AND OR NOT WHERE WHEN THEN ELSE END CASE SELECT FROM ON AS IS ISNULL NOTNULL IN LIKE ILIKE SIMILAR
    BETWEEN ORDER GROUP HAVING LIMIT OFFSET RETURNING INTO USING IF ELSIF LOOP RETURN CHECK DEFAULT
    VALUES SET WITH UNION INTERSECT EXCEPT JOIN LEFT RIGHT INNER FULL CROSS LATERAL FILTER OVER BY
    ASC DESC NULLS FIRST LAST PERFORM EXECUTE RAISE EXIT WHILE FOREACH DISTINCT ALL ANY SOME ARRAY
    EXISTS INSERT UPDATE DELETE CONTINUE BEGIN DECLARE TO FOR STRICT ESCAPE WINDOW PARTITION ROWS
    COLLATE AT GENERATED STORED ALWAYS NO ACTION CASCADE RESTRICT REFERENCES CONSTRAINT PRIMARY KEY
    FOREIGN UNIQUE INDEX TABLE VIEW FUNCTION TRIGGER POLICY CREATE ALTER DROP GRANT REVOKE COMMENT
    OUT INOUT VARIADIC LANGUAGE IMMUTABLE STABLE VOLATILE SECURITY DEFINER INVOKER PARALLEL SAFE COST
    QUERY SLICE REVERSE NEXT NOTICE WARNING EXCEPTION DEBUG LOG INFO DETAIL HINT ERRCODE MESSAGE
""".split())
# Binding strength of binary operators in PostgreSQL's grammar (higher binds tighter).
PREC_CMP, PREC_OP, PREC_ADD, PREC_MUL, PREC_POW = 1, 2, 3, 4, 5


def prec(op):
    if op in ("<", ">", "=", "<=", ">=", "<>", "!="):
        return PREC_CMP
    if op in ("+", "-"):
        return PREC_ADD
    if op in ("*", "/", "%"):
        return PREC_MUL
    if op == "^":
        return PREC_POW
    return PREC_OP


SQLISH_STRING = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|GRANT|REVOKE|WHERE|EXECUTE FUNCTION)\b")


# ---------------------------------------------------------------------------------------- analysis
class Finding:
    def __init__(self, pos, msg):
        self.pos, self.msg = pos, msg


def is_operand_end(t):
    """Can token t end an operand (so that an operator after it is binary)?"""
    if t is None:
        return False
    if t.kind in ("num", "str", "estr", "qident", "param", "dbody", "ext"):
        return True
    if t.kind == "punct" and t.text in (")", "]"):
        return True
    if t.kind == "ident":
        return t.up not in BOUNDARY_WORDS or t.up in ("END", "NULL", "TRUE", "FALSE")
    return False


def analyse(src, ext_functions, fix, base=0, in_string=False):
    """Returns (findings, edits); edits are (start, end, replacement) in src coordinates + base."""
    findings, edits = [], []
    toks = lex(src)
    n = len(toks)

    def prev(i, k=1):
        return toks[i - k] if i - k >= 0 else None

    def nxt(i, k=1):
        return toks[i + k] if i + k < n else None

    # --- recurse into bodies and SQL-looking strings
    for i, t in enumerate(toks):
        if t.kind == "dbody" and is_code_body(toks, i):
            f, e = analyse(mask_placeholders(t.text), ext_functions, fix, base + t.start)
            findings += f
            edits += e
        elif t.kind in ("str", "estr") and SQLISH_STRING.search(t.text) and not (i > 0 and toks[i - 1].up in ("IS", "FROM")):
            inner = t.text[2:-1] if t.kind == "estr" else t.text[1:-1]
            inner = inner.replace("''", "'")
            inner = mask_placeholders(inner)
            try:
                f, _ = analyse(inner, ext_functions, False, 0, True)
            except SyntaxError:
                f = []
            for x in f:
                findings.append(Finding(base + t.start, "in an SQL string: " + x.msg))

    # --- constructs that look operators up by name
    for i, t in enumerate(toks):
        u = t.up if t.kind == "ident" else None
        if u == "NULLIF" and nxt(i) and nxt(i).text == "(" and not (prev(i) and prev(i).text == "."):
            findings.append(Finding(base + t.start, "NULLIF looks up = unqualified: use CASE WHEN a OPERATOR(pg_catalog.=) b THEN NULL ELSE a END"))
        elif u == "BETWEEN":
            findings.append(Finding(base + t.start, "BETWEEN looks up >= and <= unqualified"))
        elif u in ("LIKE", "ILIKE", "SIMILAR") and not (prev(i) and prev(i).up in ("CREATE", "TABLE")):
            findings.append(Finding(base + t.start, f"{u} looks up its operator unqualified: use OPERATOR(pg_catalog.~~) etc."))
        elif u == "DISTINCT" and prev(i) and prev(i).up in ("IS", "NOT") and nxt(i) and nxt(i).up == "FROM":
            findings.append(Finding(base + t.start, "IS [NOT] DISTINCT FROM looks up = unqualified"))
        elif u == "IN" and prev(i) and prev(i).up == "TAG":
            continue                      # CREATE EVENT TRIGGER ... WHEN TAG IN (...) is a filter, not an operator
        elif u == "IN" and nxt(i) and nxt(i).text == "(" and is_operand_end(prev(i)) or (
                u == "IN" and prev(i) and prev(i).up == "NOT" and nxt(i) and nxt(i).text == "("):
            # FOR x IN ( ... ) LOOP in PL/pgSQL is not the operator
            j = i - 1
            while j >= 0 and toks[j].up not in ("FOR", ";", "LOOP", "THEN", "BEGIN", "WHERE", "AND", "OR", "WHEN", "ON", "CHECK", "IF", "ELSIF", "SELECT", "(", ","):
                j -= 1
            if j >= 0 and toks[j].up == "FOR":
                continue
            findings.append(Finding(base + t.start, "IN (...) looks up = unqualified: use OPERATOR(pg_catalog.=) ANY (ARRAY[...]) or ANY (SELECT ...)"))
        elif u == "CASE" and nxt(i) and nxt(i).up != "WHEN" and not (prev(i) and prev(i).up == "END"):
            findings.append(Finding(base + t.start, "simple CASE x WHEN looks up = unqualified: use CASE WHEN x OPERATOR(pg_catalog.=) ..."))
        elif u == "USING" and prev(i) and nxt(i) and nxt(i).text == "(":
            # JOIN t USING (col): look back for JOIN at this depth
            j, depth = i - 1, 0
            while j >= 0:
                if toks[j].text == ")":
                    depth += 1
                elif toks[j].text == "(":
                    if depth == 0:
                        break
                    depth -= 1
                elif depth == 0 and toks[j].up in ("JOIN", "ON", "WHERE", "SELECT", "POLICY", "INDEX", ";", "FROM"):
                    break
                j -= 1
            if j >= 0 and toks[j].up == "JOIN":
                findings.append(Finding(base + t.start, "JOIN ... USING looks up = unqualified: use ON a.c OPERATOR(pg_catalog.=) b.c"))
        elif u == "NATURAL":
            findings.append(Finding(base + t.start, "NATURAL JOIN looks up = unqualified"))

    # --- function calls
    for i, t in enumerate(toks):
        if t.kind != "ident" or not nxt(i) or nxt(i).text != "(":
            continue
        p = prev(i)
        if p is not None and (p.text == "." or p.kind == "typecast"):
            continue                      # qualified, or a type after ::
        if t.up in NOT_CALLS or t.up in TYPE_NAMES:
            continue
        if p is not None and p.up == "USING" and t.up in ("BTREE", "GIN", "GIST", "HASH", "BRIN", "SPGIST"):
            continue                      # CREATE INDEX ... USING gin (...): an access method
        if p is not None and p.kind == "ident" and p.up in (
                "TABLE", "INTO", "REFERENCES", "ON", "AS", "WITH", "RECURSIVE", "CONSTRAINT", "INDEX",
                "FUNCTION", "PROCEDURE", "TRIGGER", "TYPE", "VIEW", "POLICY", "ONLY", "EXISTS", "UPDATE", "KEY"):
            continue                      # an object name (table, alias with columns, CTE, ...)
        if p is not None and p.text == ")":
            continue                      # alias with a column list after a function in FROM
        if p is not None and p.kind == "ident" and p.up not in BOUNDARY_WORDS and p.up not in NOT_CALLS and p.up not in ("NULL", "TRUE", "FALSE"):
            # `ident ident (`: a column list after an alias, or a column `name type(mod)`
            continue
        name = t.text.lower()
        schema = "@extschema@" if name in ext_functions else "pg_catalog"
        if in_string:
            findings.append(Finding(base + t.start, f"unqualified function {t.text}()"))
        elif fix:
            edits.append((base + t.start, base + t.start, schema + "."))
        else:
            findings.append(Finding(base + t.start, f"unqualified function {t.text}(): write {schema}.{t.text}("))

    # --- operators, per expression chain
    # Which "=" are not operators: SET a = ..., WITH (opt = ...), USING opt = ..., GET DIAGNOSTICS x = ...,
    # PL/pgSQL assignment `x = ...;` at statement start, parameter defaults.
    def is_assignment_eq(i):
        j = i - 1
        # skip the assigned target: ident(.ident)*([..])*
        while j >= 0 and (toks[j].kind in ("ident", "qident") or toks[j].text in (".", "]", "[") or toks[j].kind == "num"):
            if toks[j].text == "]":
                j = match_bracket(toks, j, -1)
                j = -1 if j is None else j
            j -= 1
            if j >= 0 and toks[j].kind in ("ident", "qident") and toks[j + 1].kind in ("ident", "qident"):
                break
        before = toks[j] if j >= 0 else None
        if before is None:
            return True
        if before.text in (";",) or before.up in ("BEGIN", "THEN", "ELSE", "LOOP", "DECLARE", "SET", "DIAGNOSTICS", "USING"):
            return True
        if before.text == "(" and j - 1 >= 0 and toks[j - 1].up == "WITH":
            return True
        if before.text == ",":
            # inside SET a = 1, b = 2 / WITH (a = x, b = y) / USING DETAIL = .., HINT = ..: look back at depth 0
            k, depth = j - 1, 0
            while k >= 0:
                tx = toks[k].text
                if tx == ")":
                    depth += 1
                elif tx == "(":
                    if depth == 0:
                        return k - 1 >= 0 and toks[k - 1].up == "WITH"
                    depth -= 1
                elif depth == 0 and toks[k].up in ("SET", "USING"):
                    return True
                elif depth == 0 and (tx == ";" or toks[k].up in ("WHERE", "SELECT", "FROM", "BEGIN", "THEN", "LOOP")):
                    return False
                k -= 1
        return False

    def operand_bounds_right(i):
        """Index range [i, j) of the primary starting at i (after an operator), or None if not simple."""
        j = i
        # unary minus / plus on the operand is handled as its own operator token
        def skip_group(k):
            """Index after the group that the bracket toks[k] opens (n when it is not closed)."""
            m = match_bracket(toks, k)
            return n if m is None else m + 1
        if j >= n:
            return None
        t = toks[j]
        if t.text == "(":
            j = skip_group(j)
        elif t.kind == "ident" and t.up in ("ANY", "ALL", "SOME", "ARRAY", "EXISTS") and nxt(j) and nxt(j).text in ("(", "["):
            j = skip_group(j + 1)
        elif t.kind == "ident" and t.up == "CASE":
            depth = 0
            while j < n:
                if toks[j].up == "CASE":
                    depth += 1
                elif toks[j].up == "END":
                    depth -= 1
                    if depth == 0:
                        j += 1
                        break
                j += 1
        elif t.kind in ("ident", "qident", "ext"):
            j += 1
            while j < n and toks[j].text == "." and j + 1 < n:
                j += 2
            if j < n and toks[j].text == "(":
                j = skip_group(j)
        elif t.kind in ("num", "str", "estr", "param", "dbody"):
            j += 1
        else:
            return None
        # postfix: subscripts, casts, COLLATE
        while j < n:
            if toks[j].text == "[":
                j = skip_group(j)
            elif toks[j].kind == "typecast":
                j += 1
                while j < n and (toks[j].kind in ("ident", "qident", "ext") or toks[j].text == "."):
                    if toks[j].kind == "ident" and toks[j].up in BOUNDARY_WORDS and toks[j].up not in ("TIME",):
                        break
                    j += 1
                if j < n and toks[j].text == "(" and toks[j - 1].kind == "ident":
                    j = skip_group(j)
                while j + 1 < n and toks[j].text == "[" and toks[j + 1].text == "]":
                    j += 2
            elif toks[j].kind == "ident" and toks[j].up == "COLLATE":
                j += 2
            else:
                break
        return j

    def match_back(m):
        """Index of the bracket that opens the group toks[m] closes (0 when it is not opened)."""
        o = match_bracket(toks, m, -1)
        return 0 if o is None else o

    def dotted_back(m):
        while m - 2 >= 0 and toks[m - 1].text == "." and toks[m - 2].kind in ("ident", "qident", "ext"):
            m -= 2
        return m

    def operand_start(e):
        """Index of the first token of the operand whose last token is e."""
        m = e
        while True:
            t = toks[m]
            if t.text == ")":
                m = match_back(m)
                if m - 1 >= 0 and toks[m - 1].kind in ("ident", "qident") and (
                        toks[m - 1].up not in BOUNDARY_WORDS or toks[m - 1].up in ("ANY", "ALL", "SOME", "ARRAY", "EXISTS")):
                    m = dotted_back(m - 1)
            elif t.text == "]":
                m = match_back(m)
                if m - 1 >= 0 and toks[m - 1].up == "ARRAY":
                    m -= 1
                elif m - 1 >= 0 and is_operand_end(toks[m - 1]):
                    m = operand_start(m - 1)
            elif t.kind == "ident" and t.up == "END":
                depth = 0
                while m >= 0:
                    if toks[m].up == "END":
                        depth += 1
                    elif toks[m].up == "CASE":
                        depth -= 1
                        if depth == 0:
                            break
                    m -= 1
            elif t.kind in ("ident", "qident", "ext"):
                m = dotted_back(m)
            if m - 1 >= 0 and toks[m - 1].kind == "typecast" and m - 2 >= 0:
                m = m - 2
                continue
            return m

    op_tokens = [i for i, t in enumerate(toks) if t.kind == "op"]
    handled = set()
    for i in op_tokens:
        if i in handled:
            continue
        t = toks[i]
        p = prev(i)
        # not operators: `*` in SELECT */count(*)/t.*, = in assignments/options
        if t.text == "*" and not is_operand_end(p):
            continue
        if t.text == "*" and p is not None and p.text == ".":
            continue
        if t.text == "=" and is_assignment_eq(i):
            continue
        if p is not None and p.kind == "ident" and p.up == "OPERATOR":
            continue
        if p is not None and p.text == "(" and prev(i, 2) is not None and prev(i, 2).up == "OPERATOR":
            continue
        if p is not None and p.text == "." and prev(i, 2) is not None and prev(i, 2).text.lower() == "pg_catalog":
            continue
        # `OPERATOR(pg_catalog.x) -1`: the ")" closes a qualified operator, so this one is unary
        after_qualified_op = (p is not None and p.text == ")" and i >= 6 and toks[i - 6].up == "OPERATOR"
                              and toks[i - 5].text == "(")
        unary = after_qualified_op or not is_operand_end(p)
        if unary and t.text == "-" and nxt(i) is not None and nxt(i).kind == "num":
            continue                      # a negative constant: folded by the parser, no operator lookup
        # Walk left to the start of the chain this operator belongs to.
        k = i
        start = i
        while is_operand_end(prev(k)):
            m = operand_start(k - 1)
            start = m
            if prev(m) is not None and prev(m).kind == "op" and not (prev(m).text == "=" and is_assignment_eq(m - 1)):
                k = m - 1
                continue
            break
        # Now parse forward from start: operand (op operand)*
        pos = start
        items = []          # ("operand", a, b) / ("op", idx) / ("uop", idx)
        ok = True
        expect_operand = True
        while pos < n:
            tk = toks[pos]
            if expect_operand:
                if tk.kind == "op":
                    items.append(("uop", pos))
                    pos += 1
                    continue
                b = operand_bounds_right(pos)
                if b is None:
                    ok = False
                    break
                items.append(("operand", pos, b))
                pos = b
                expect_operand = False
            else:
                if tk.kind == "op" and not (tk.text == "=" and is_assignment_eq(pos)):
                    items.append(("op", pos))
                    pos += 1
                    expect_operand = True
                else:
                    break
        if not ok or expect_operand:
            findings.append(Finding(base + t.start, f"operator {t.text}: cannot rewrite this expression safely; write OPERATOR(pg_catalog.{t.text}) by hand"))
            handled.add(i)
            continue
        ops = [x for x in items if x[0] in ("op", "uop")]
        for x in ops:
            handled.add(x[1])
        # Precedence: rewritten operators all bind at the generic level, left to right. The result equals
        # the original when binary precedences never increase along the chain; otherwise parenthesise.
        bin_ops = [toks[x[1]].text for x in ops if x[0] == "op"]
        precs = [prec(o) for o in bin_ops]
        monotone = all(precs[q] >= precs[q + 1] for q in range(len(precs) - 1))
        if not monotone:
            # build a tree by precedence climbing and emit parentheses around compound right operands
            # operands with their unary prefixes
            units, ops_b = [], []
            cur_prefix = []
            for x in items:
                if x[0] == "uop":
                    cur_prefix.append(x)
                elif x[0] == "operand":
                    units.append((cur_prefix, x))
                    cur_prefix = []
                else:
                    ops_b.append(x)
            # simple iterative climbing (ops_b[k] sits between units[k] and units[k+1])
            def climb(lo, hi):
                # tree for units[lo..hi] with ops_b[lo..hi-1]
                if lo == hi:
                    return ("leaf", lo)
                # split at the rightmost lowest-precedence operator (left associativity)
                best, bp = None, 99
                for q in range(lo, hi):
                    pq = prec(toks[ops_b[q][1]].text)
                    if pq <= bp:
                        best, bp = q, pq
                return ("bin", best, climb(lo, best), climb(best + 1, hi))

            tree = climb(0, len(units) - 1)
            # parentheses needed around each compound right child
            opens, closes = {}, {}

            def mark(node):
                if node[0] == "leaf":
                    return
                _, q, l, r = node
                mark(l)
                mark(r)
                if r[0] == "bin":
                    lo, hi = span(r)
                    a = units[lo][0][0][1] if units[lo][0] else units[lo][1][1]
                    b = units[hi][1][2]
                    opens[a] = opens.get(a, 0) + 1
                    closes[b - 1] = closes.get(b - 1, 0) + 1

            def span(node):
                if node[0] == "leaf":
                    return node[1], node[1]
                return span(node[2])[0], span(node[3])[1]

            mark(tree)
            if fix:
                for a, c in opens.items():
                    edits.append((base + toks[a].start, base + toks[a].start, "(" * c))
                for b, c in closes.items():
                    edits.append((base + toks[b].end, base + toks[b].end, ")" * c))
        for x in ops:
            tk = toks[x[1]]
            if x[0] == "uop" and tk.text == "-" and nxt(x[1]) is not None and nxt(x[1]).kind == "num":
                continue                  # a negative constant: folded by the parser, no operator lookup
            if in_string:
                findings.append(Finding(base + tk.start, f"unqualified operator {tk.text}"))
            elif fix:
                edits.append((base + tk.start, base + tk.end, f"OPERATOR(pg_catalog.{tk.text})"))
            else:
                findings.append(Finding(base + tk.start, f"unqualified operator {tk.text}: write OPERATOR(pg_catalog.{tk.text})"))
    return findings, edits


def fix_in_lists(src, base=0):
    """Edits turning `x IN (list)` into `x OPERATOR(pg_catalog.=) ANY (ARRAY[list])`, `IN (SELECT ..)` into
    `= ANY (SELECT ..)`, and NOT IN into `<> ALL`. Run after operators are qualified: the left operand is
    then a chain of generic-precedence operators, which groups before the new operator exactly as before IN."""
    edits = []
    toks = lex(src)
    n = len(toks)
    for i, t in enumerate(toks):
        if t.kind == "dbody" and is_code_body(toks, i):
            edits += fix_in_lists(mask_placeholders(t.text), base + t.start)
    for i, t in enumerate(toks):
        if t.kind != "ident" or t.up != "IN" or i + 1 >= n or toks[i + 1].text != "(":
            continue
        neg = i > 0 and toks[i - 1].up == "NOT"
        if i > 0 and toks[i - 1].up == "TAG":
            continue
        if not neg and not (i > 0 and is_operand_end(toks[i - 1])):
            continue
        j = i - 1
        while j >= 0 and toks[j].up not in ("FOR", ";", "LOOP", "THEN", "BEGIN", "WHERE", "AND", "OR", "WHEN", "ON", "CHECK", "IF", "ELSIF", "SELECT", "(", ","):
            j -= 1
        if j >= 0 and toks[j].up == "FOR":
            continue
        k = match_bracket(toks, i + 1)
        k = n if k is None else k
        first = toks[i + 2] if i + 2 < n else None
        subquery = first is not None and first.up in ("SELECT", "WITH", "VALUES")
        a = toks[i - 1].start if neg else t.start
        op = "OPERATOR(pg_catalog.<>) ALL" if neg else "OPERATOR(pg_catalog.=) ANY"
        if subquery:
            edits.append((base + a, base + t.end, op))
        else:
            edits.append((base + a, base + toks[i + 1].end, op + " (ARRAY["))
            edits.append((base + toks[k].start, base + toks[k].start, "]"))
    return edits


def ext_function_names(paths):
    names = set()
    rx = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE|AGGREGATE)\s+@extschema@\.([A-Za-z_][A-Za-z0-9_]*)", re.I)
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            names.update(m.group(1).lower() for m in rx.finditer(fh.read()))
    return names


def apply_edits(src, edits):
    edits = sorted(edits, key=lambda e: (e[0], e[1]))
    out, last = [], 0
    for a, b, rep in edits:
        if a < last:
            continue
        out.append(src[last:a])
        out.append(rep)
        last = b
    out.append(src[last:])
    return "".join(out)


def line_col(src, pos):
    line = src.count("\n", 0, pos) + 1
    return line, pos - (src.rfind("\n", 0, pos) + 1) + 1


def main(argv):
    fix = "--fix" in argv
    names_from = [a.split("=", 1)[1] for a in argv if a.startswith("--functions-from=")]
    paths = [a for a in argv[1:] if not a.startswith("--")]
    ext = ext_function_names(paths + [q for p in names_from for q in p.split(",")])
    total = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            src = fh.read()
        try:
            findings, edits = analyse(src, ext, fix)
        except SyntaxError as e:
            print(f"{path}: {e}")
            total += 1
            continue
        if fix:
            src = apply_edits(src, edits)
            src = apply_edits(src, fix_in_lists(src))
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(src)
            findings, _ = analyse(src, ext, False)
        for f in sorted(findings, key=lambda f: f.pos):
            line, col = line_col(src, f.pos)
            print(f"{path}:{line}:{col}: {f.msg}")
        total += len(findings)
    if total:
        print(f"sql_qualify: {total} unqualified reference(s)", file=sys.stderr)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
