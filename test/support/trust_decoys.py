#!/usr/bin/env python3
"""Decoy generator of the trust-boundary test (test/shell/trust_boundary.sh).

An extension script (trusted extension: run as the bootstrap superuser for a non-superuser installer) that
references a function or an operator without schema qualification resolves it through search_path. Whoever
can create objects in a schema on that path (the installer: target schema, public, its own schema) can plant
a *better match* than pg_catalog's -- an exact-type overload beats a polymorphic, variadic, "any" or
implicitly-cast signature, whatever the order of the path -- and gets it run as the superuser. This script
derives, from the product itself (no hand list), every function and operator it can reach and prints SQL
that plants, for each of them, decoys of the same name with argument types that would win:

  1. stored expressions of a reference install (CHECK constraints, defaults and generated columns, policies,
     views and the matview, trigger WHEN clauses, index expressions, SQL-standard function bodies): the
     node trees name the resolved function/operator and, below the implicit coercions the parser added, the
     argument types as written -- the exact types a decoy needs;
  2. parse trees of a traced replay of the install/update scripts and of a traced exercise of the installed
     extension (debug_print_parse): DO blocks, dynamic SQL (EXECUTE format(...)), PL/pgSQL and SQL bodies;
  3. a token scan of the generated scripts sql/vital_persona--*.sql: every identifier followed by "(" that
     names a pg_catalog function, with its arity, and every operator token (plus the operators that IN,
     BETWEEN, LIKE, NULLIF, IS DISTINCT FROM and simple CASE use): overloads with concrete types substituted
     for polymorphic/"any" parameters, and operator overloads for every pair of common types that a
     pg_catalog operator of that name accepts only through a cast or a polymorphic signature.
  4. the extension's own functions (--own-schemas): same name and argument types in schemas other than the
     extension's, for unqualified calls of its own functions.

Each decoy is PL/pgSQL, IMMUTABLE (so it is also accepted where the product needs an immutable function:
generated columns, index expressions), counts itself in the non-transactional sequence vp_decoy.hits (survives
a rollback) and raises WARNING 'DECOY <what> ran as <current_user>' (client and server log), then returns what
pg_catalog's function or operator returns for the same arguments (so one run reveals every hijacked site rather
than failing at the first), or NULL / no rows when that fails (aggregates and the extension's own names: NULL).

Usage: trust_decoys.py --db REFDB [--trace FILE]... [--script FILE]... --schemas s1,s2 [--own-schemas s3]
Prints SQL on stdout and counts on stderr. Needs psql (PG* environment) to read REFDB's catalog.
"""
import argparse
import re
import subprocess
import sys

POLY = {"anyelement", "anyarray", "anynonarray", "anyenum", "anyrange", "anymultirange",
        "anycompatible", "anycompatiblearray", "anycompatiblenonarray", "anycompatiblerange",
        "anycompatiblemultirange", '"any"'}
ELEM_POLY = {"anyelement", "anynonarray", "anycompatible", "anycompatiblenonarray", '"any"', "anyenum"}
ARRAY_POLY = {"anyarray", "anycompatiblearray"}
# Types a decoy overload is generated for when the product's own types do not say (token scan, source 3).
COMMON_TYPES = ["text", "character varying", "name", "integer", "smallint", "bigint", "numeric",
                "double precision", "boolean", "uuid", "jsonb", "json", "text[]", "character varying[]",
                "uuid[]", "name[]", "integer[]", "regclass", "regtype", "regprocedure", "regnamespace",
                "regrole", "oid", "timestamp with time zone", "timestamp without time zone", "date",
                "interval", "bytea", "inet", '"char"']


def psql(db, sql):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", db,
                          "-c", "SET search_path = pg_catalog, pg_temp", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


# ------------------------------------------------------------------ node trees (outfuncs.c text format)
TOKEN = re.compile(r'[(){}]|(?:\\.|[^\s(){}\\])+', re.S)


def parse_nodes(text):
    """Parses every top-level {NODE ...} of text; returns a list of nested dicts/lists/strings."""
    toks = TOKEN.findall(text)
    pos = 0
    out = []

    def value():
        nonlocal pos
        t = toks[pos]
        if t == "{":
            return node()
        if t == "(":
            pos += 1
            items = []
            while pos < len(toks) and toks[pos] != ")":
                items.append(value())
            pos += 1
            return items
        pos += 1
        if t == "<>":
            return None
        if pos < len(toks) and toks[pos] == "[" and re.fullmatch(r"-?\d+", t):
            while pos < len(toks) and toks[pos] != "]":
                pos += 1
            pos += 1
        return t

    def node():
        nonlocal pos
        pos += 1  # {
        d = {"_t": toks[pos] if pos < len(toks) else ""}
        pos += 1
        while pos < len(toks) and toks[pos] != "}":
            t = toks[pos]
            if t.startswith(":"):
                pos += 1
                if pos < len(toks) and (toks[pos] == "}" or toks[pos].startswith(":")):
                    d[t[1:]] = None
                else:
                    d[t[1:]] = value()
            else:
                value()
        pos += 1
        return d

    while pos < len(toks):
        if toks[pos] == "{":
            try:
                out.append(node())
            except IndexError:
                break
        else:
            pos += 1
    return out


def walk(x):
    if isinstance(x, dict):
        yield x
        for v in x.values():
            yield from walk(v)
    elif isinstance(x, list):
        for v in x:
            yield from walk(v)


def as_int(v, default=None):
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def strip_implicit(n):
    """The argument as written: below the implicit coercions the parser inserted."""
    while isinstance(n, dict):
        t = n["_t"]
        if t == "RELABELTYPE" and n.get("relabelformat") == "2":
            n = n.get("arg")
        elif t == "FUNCEXPR" and n.get("funcformat") == "2" and n.get("args"):
            n = n["args"][0]
        elif t in ("COERCEVIAIO", "ARRAYCOERCEEXPR") and n.get("coerceformat") == "2":
            n = n.get("arg")
        elif t == "COLLATEEXPR":
            n = n.get("arg")
        else:
            break
    return n


TYPE_FIELD = {"VAR": "vartype", "CONST": "consttype", "PARAM": "paramtype", "FUNCEXPR": "funcresulttype",
              "OPEXPR": "opresulttype", "DISTINCTEXPR": "opresulttype", "NULLIFEXPR": "opresulttype",
              "RELABELTYPE": "resulttype", "COERCEVIAIO": "resulttype", "ARRAYCOERCEEXPR": "resulttype",
              "CASEEXPR": "casetype", "ARRAYEXPR": "array_typeid", "COALESCEEXPR": "coalescetype",
              "MINMAXEXPR": "minmaxtype", "AGGREF": "aggtype", "WINDOWFUNC": "wintype",
              "ROWEXPR": "row_typeid", "SUBSCRIPTINGREF": "refrestype", "FIELDSELECT": "resulttype",
              "CASETESTEXPR": "typeId", "SQLVALUEFUNCTION": "type", "COERCETODOMAIN": "resulttype",
              "COERCETODOMAINVALUE": "typeId", "CONVERTROWTYPEEXPR": "resulttype"}
BOOL_NODES = {"SCALARARRAYOPEXPR", "BOOLEXPR", "NULLTEST", "BOOLEANTEST"}


def expr_type(n):
    if not isinstance(n, dict):
        return None
    t = n["_t"]
    if t in BOOL_NODES:
        return 16
    if t == "COLLATEEXPR":
        return expr_type(n.get("arg"))
    if t == "SUBLINK":
        if n.get("subLinkType") in ("0", "1", "2"):  # EXISTS, ALL, ANY
            return 16
        q = n.get("subselect")
        if isinstance(q, dict) and q.get("targetList"):
            te = q["targetList"][0]
            if n.get("subLinkType") == "6":  # ARRAY: the array type is not in the node
                return ("array", expr_type(te.get("expr")))
            return expr_type(te.get("expr"))
        return None
    f = TYPE_FIELD.get(t)
    return as_int(n.get(f)) if f else None


def sites_of_tree(tree, out):
    """Adds (kind, oid, argtypes, restype, retset) for every function/operator/aggregate call in tree."""
    for n in walk(tree):
        t = n["_t"]
        if t == "FUNCEXPR" and n.get("funcformat") == "0":
            args = [expr_type(strip_implicit(a)) for a in (n.get("args") or [])]
            out.add(("f", as_int(n.get("funcid")), tuple(args), as_int(n.get("funcresulttype")),
                     n.get("funcretset") == "true"))
        elif t in ("OPEXPR", "DISTINCTEXPR", "NULLIFEXPR"):
            args = [expr_type(strip_implicit(a)) for a in (n.get("args") or [])]
            out.add(("o", as_int(n.get("opno")), tuple(args), as_int(n.get("opresulttype")), False))
        elif t == "SCALARARRAYOPEXPR":
            a = n.get("args") or []
            if len(a) == 2:
                left = expr_type(strip_implicit(a[0]))
                arr = strip_implicit(a[1])
                if isinstance(arr, dict) and arr["_t"] == "ARRAYEXPR":
                    el = [expr_type(strip_implicit(e)) for e in (arr.get("elements") or [])]
                    right = el[0] if el and all(x == el[0] for x in el) else as_int(arr.get("element_typeid"))
                    out.add(("o", as_int(n.get("opno")), (left, right), 16, False))
                else:
                    out.add(("o", as_int(n.get("opno")), (left, ("elemof", expr_type(arr))), 16, False))
        elif t in ("AGGREF", "WINDOWFUNC"):
            key = "aggfnoid" if t == "AGGREF" else "winfnoid"
            args = []
            for a in n.get("args") or []:
                if isinstance(a, dict) and a["_t"] == "TARGETENTRY":
                    a = a.get("expr")
                args.append(expr_type(strip_implicit(a)))
            if n.get("aggstar") == "true" or n.get("winstar") == "true":
                continue
            out.add(("a" if t == "AGGREF" else "w", as_int(n.get(key)), tuple(args),
                     as_int(n.get("aggtype") or n.get("wintype")), False))


def trace_blocks(text):
    """The node trees printed by debug_print_parse (LOG: parse tree: / DETAIL: {QUERY ...})."""
    blocks, cur = [], None
    for line in text.splitlines():
        if line.startswith("DETAIL:  {"):
            cur = [line[len("DETAIL:  "):]]
            blocks.append(cur)
        elif cur is not None and line and not re.match(r"^[A-Z]+:  ", line):
            cur.append(line)
        else:
            cur = None
    return ["\n".join(b) for b in blocks]


# ------------------------------------------------------------------ token scan of the scripts (source 3)
KEYWORD_OPS = {r"\bnot\s+in\b": "<>", r"\bin\s*\(": "=", r"\bbetween\b": ">= <=", r"\bnot\s+like\b": "!~~",
               r"\blike\b": "~~", r"\bnot\s+ilike\b": "!~~*", r"\bilike\b": "~~*", r"\bnullif\s*\(": "=",
               r"\bis\s+(not\s+)?distinct\s+from\b": "=", r"\bcase\s+(?!when)\w": "=",
               r"\bsimilar\s+to\b": "~"}


def strip_comments(sql):
    sql = re.sub(r"/\*.*?\*/", " ", sql, flags=re.S)
    return re.sub(r"--[^\n]*", " ", sql)


def scan_calls(sql):
    """(name, arity) of every identifier followed by "(" (arity from top-level commas)."""
    calls = set()
    # unqualified names and pg_catalog.-qualified ones (every name the scripts use, qualified or not)
    for m in re.finditer(r'(?:(?<=pg_catalog\.)|(?<![\w."$]))([A-Za-z_][A-Za-z0-9_]*)\s*\(', sql):
        name = m.group(1).lower()
        depth, i, commas, empty = 1, m.end(), 0, True
        while i < len(sql) and depth:
            c = sql[i]
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            elif c == "," and depth == 1:
                commas += 1
            elif c == "'" and depth >= 1:
                j = sql.find("'", i + 1)
                i = j if j > 0 else i
            if depth and not c.isspace() and c != ")":
                empty = False
            i += 1
            if i - m.end() > 4000:
                break
        calls.add((name, 0 if empty else commas + 1))
    return calls


def scan_ops(sql):
    ops = set(re.findall(r"[+\-*/<>=~!@#%^&|`?]+", sql))
    ops = {o for o in ops if o not in ("--", "/*", "*/", "$$")}
    low = sql.lower()
    for pat, op in KEYWORD_OPS.items():
        if re.search(pat, low):
            ops.update(op.split())
    return ops


# ------------------------------------------------------------------ generation
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--tree-db", action="append", default=[], help="more reference installs (e.g. 4.0)")
    ap.add_argument("--trace", action="append", default=[])
    ap.add_argument("--script", action="append", default=[])
    ap.add_argument("--schemas", required=True)
    ap.add_argument("--own-schemas", default="")
    ap.add_argument("--extension", default="vital_persona")
    a = ap.parse_args()
    db = a.db

    types = {}
    for oid, name, typtype, elem, arr, ns in psql(db, """
            SELECT t.oid, format_type(t.oid, NULL), t.typtype, t.typelem, t.typarray, t.typnamespace::regnamespace
            FROM pg_type t"""):
        types[int(oid)] = dict(name=name, typtype=typtype, elem=int(elem), array=int(arr), ns=ns)
    byname = {v["name"]: k for k, v in types.items()}
    procs = {}
    for oid, name, nargs, argtypes, variadic, ret, retset, kind, ns in psql(db, """
            SELECT p.oid, p.proname, p.pronargs, array_to_string(p.proargtypes::oid[], ','), p.provariadic,
                   p.prorettype, p.proretset, p.prokind, p.pronamespace::regnamespace
            FROM pg_proc p"""):
        procs[int(oid)] = dict(name=name, nargs=int(nargs), args=[int(x) for x in argtypes.split(",") if x],
                               variadic=int(variadic), ret=int(ret), retset=retset == "t", kind=kind, ns=ns)
    ops = {}
    for oid, name, left, right, res, ns in psql(db, """
            SELECT o.oid, o.oprname, o.oprleft, o.oprright, o.oprresult, o.oprnamespace::regnamespace
            FROM pg_operator o"""):
        ops[int(oid)] = dict(name=name, left=int(left), right=int(right), res=int(res), ns=ns)
    implicit = set()
    for s, t in psql(db, "SELECT castsource, casttarget FROM pg_cast WHERE castcontext = 'i'"):
        implicit.add((int(s), int(t)))
    trees_sql = """
        SELECT replace(x::text, E'\\n', ' ') FROM (
            SELECT conbin::text FROM pg_constraint WHERE conbin IS NOT NULL
            UNION ALL SELECT adbin::text FROM pg_attrdef
            UNION ALL SELECT polqual::text FROM pg_policy WHERE polqual IS NOT NULL
            UNION ALL SELECT polwithcheck::text FROM pg_policy WHERE polwithcheck IS NOT NULL
            UNION ALL SELECT r.ev_action::text FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
                      WHERE c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
            UNION ALL SELECT tgqual::text FROM pg_trigger WHERE tgqual IS NOT NULL
            UNION ALL SELECT indexprs::text FROM pg_index WHERE indexprs IS NOT NULL
            UNION ALL SELECT indpred::text FROM pg_index WHERE indpred IS NOT NULL
            UNION ALL SELECT prosqlbody::text FROM pg_proc WHERE prosqlbody IS NOT NULL
        ) s(x)"""
    trees = [r[0] for d in [db] + a.tree_db for r in psql(d, trees_sql)]
    coltypes = {int(r[0]) for r in psql(db, f"""
        SELECT DISTINCT a.atttypid FROM pg_attribute a JOIN pg_depend d ON d.classid = 'pg_class'::regclass
          AND d.objid = a.attrelid AND d.deptype = 'e'
          AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = '{a.extension}')
        WHERE a.attnum > 0 AND NOT a.attisdropped""")}
    own = psql(db, f"""
        SELECT p.oid FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
          AND d.deptype = 'e' AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = '{a.extension}')""")

    def tname(oid):
        return types[oid]["name"] if oid in types else None

    def concrete(oid):
        t = types.get(oid)
        return t is not None and t["typtype"] != "p" and t["ns"] == "pg_catalog"

    def resolve(x):
        """A type from a node tree: an oid or ('elemof', arraytype) / ('array', elemtype)."""
        if isinstance(x, tuple):
            kind, inner = x
            inner = resolve(inner)
            if inner is None:
                return None
            if kind == "elemof":
                return types[inner]["elem"] or None if inner in types else None
            return types[inner]["array"] or None if inner in types else None
        if x == 705:  # unknown literal passed to "any": text
            return 25
        return x

    sigs = {}  # (kind, name, argtypes tuple) -> (ret, retset, source)

    def add(kind, name, args, ret, retset, source):
        if any(x is None or not concrete(x) for x in args):
            return
        if ret is None or (not concrete(ret) and tname(ret) != "void"):
            return
        if kind == "o" and len(args) not in (1, 2):
            return
        sigs.setdefault((kind, name, tuple(args)), (ret, retset, source))

    # sources 1 and 2: node trees
    sites = set()
    for t in trees:
        for n in parse_nodes(t):
            sites_of_tree(n, sites)
    n_catalog = len(sites)
    for f in a.trace:
        for block in trace_blocks(open(f, errors="replace").read()):
            for n in parse_nodes(block):
                sites_of_tree(n, sites)
    for kind, oid, args, ret, retset in sites:
        args = tuple(resolve(x) for x in args)
        if kind == "o":
            o = ops.get(oid)
            if not o or o["ns"] != "pg_catalog":
                continue
            add("o", o["name"], args, o["res"] if concrete(o["res"]) else ret, False, "tree")
        else:
            p = procs.get(oid)
            if not p or p["ns"] != "pg_catalog":
                continue
            add("a" if kind in ("a",) or p["kind"] == "a" else "f", p["name"], args,
                ret if ret and concrete(ret) else p["ret"], retset, "tree")
    n_tree = len(sigs)

    # source 3: token scan of the generated scripts
    text = "\n".join(strip_comments(open(f).read()) for f in a.script)
    calls = scan_calls(text)
    opnames = scan_ops(text)
    common = [byname[t] for t in COMMON_TYPES if t in byname] + sorted(c for c in coltypes if concrete(c))
    common = list(dict.fromkeys(common))
    by_name = {}
    for oid, p in procs.items():
        if p["ns"] == "pg_catalog" and p["kind"] in ("f", "a"):
            by_name.setdefault(p["name"], []).append(p)

    def accepts(decls, actuals):
        """Whether a pg_catalog signature takes these argument types (exact, implicit cast, polymorphic)."""
        bound = None
        for d, x in zip(decls, actuals):
            dn = tname(d)
            is_array = types[x]["name"].endswith("[]")
            if concrete(d):
                if d != x and (x, d) not in implicit:
                    return False
                continue
            if dn == '"any"':
                continue
            if dn in ELEM_POLY:
                if dn == "anyenum" and types[x]["typtype"] != "e":
                    return False
                if dn.endswith("nonarray") and is_array:
                    return False
                elem = x
            elif dn in ARRAY_POLY:
                if not is_array:
                    return False
                elem = types[x]["elem"]
            else:
                return False
            if bound is not None and bound != elem:
                return False
            bound = elem
        return True

    def substitute(p, arity, T):
        """Signature of overload p for `arity` arguments with polymorphic positions bound to T."""
        decl = list(p["args"])
        if p["variadic"]:
            vt = p["variadic"]
            decl = decl[:-1] + [vt] * (arity - len(decl) + 1) if arity >= len(decl) - 1 else None
            if decl is None:
                return None
        if len(decl) != arity:
            return None
        out = []
        for d in decl:
            dn = tname(d)
            if dn in ELEM_POLY:
                out.append(T)
            elif dn in ARRAY_POLY:
                out.append(types[T]["array"] if types[T]["array"] else None)
            elif concrete(d):
                out.append(d)
            else:
                return None
        rn = tname(p["ret"])
        ret = T if rn in ELEM_POLY else (types[T]["array"] if rn in ARRAY_POLY else p["ret"])
        return out, ret

    for name, arity in calls:
        for p in by_name.get(name, []):
            if arity == 0:
                continue
            poly = any(tname(d) in POLY for d in p["args"]) or p["variadic"]
            wide = p["variadic"] and arity > 3  # long variadic lists: the traced calls give their types
            for T in (common if poly and not wide else [25]):
                if types[T]["elem"] and any(tname(d) in ARRAY_POLY for d in p["args"]):
                    continue
                s = substitute(p, arity, T)
                if not s or None in s[0]:
                    continue
                args, ret = s
                add("a" if p["kind"] == "a" else "f", name, args, ret, p["retset"], "scan")
                # one position through an implicit cast (e.g. name -> text, integer -> numeric)
                for i, d in enumerate(args if arity <= 3 else []):
                    for src in common:
                        if (src, d) in implicit:
                            alt = list(args)
                            alt[i] = src
                            add("a" if p["kind"] == "a" else "f", name, alt, ret, p["retset"], "scan")
    cat_ops = {}
    for o in ops.values():
        if o["ns"] == "pg_catalog":
            cat_ops.setdefault(o["name"], []).append(o)
    for name in opnames:
        for L in common:
            for R in common:
                cands = cat_ops.get(name, [])
                if any(o["left"] == L and o["right"] == R for o in cands):
                    continue
                for o in cands:
                    if o["left"] and accepts((o["left"], o["right"]), (L, R)):
                        rn = tname(o["res"])
                        ret = o["res"] if concrete(o["res"]) else (L if rn in POLY else None)
                        add("o", name, (L, R), ret, False, "scan")
                        break

    # source 4: the extension's own functions, for the schemas that are not the extension's
    own_sigs = []
    for (oid,) in own:
        p = procs[int(oid)]
        if p["kind"] in ("f",) and all(concrete(x) for x in p["args"]) and (concrete(p["ret"]) or tname(p["ret"]) == "void"):
            own_sigs.append(("f", p["name"], tuple(p["args"]), p["ret"], p["retset"]))

    out = sys.stdout
    out.write("-- generated by test/support/trust_decoys.py: do not edit\n")
    out.write("SET search_path = pg_catalog, pg_temp;\nSET client_min_messages = error;\n")
    n = 0

    def q(ident):
        return '"' + ident.replace('"', '""') + '"'

    def lit(s):
        return "'" + s.replace("'", "''") + "'"

    def emit(schema, kind, name, args, ret, retset, passthrough=True):
        nonlocal n
        n += 1
        argl = ", ".join(tname(x) for x in args)
        label = f"{'operator ' if kind == 'o' else ''}{schema}.{name}({argl})"
        fn = f"{q(schema)}.vp_decoy_{n}"
        rett = tname(ret)
        params = ", ".join(f"${i + 1}" for i in range(len(args)))
        # After logging, the decoy returns what pg_catalog's function would (so that one run reveals every
        # hijacked site instead of stopping at the first one), or NULL / no rows when that fails.
        if kind == "o":
            call = (f"$1 OPERATOR(pg_catalog.{name}) $2" if len(args) == 2 else f"OPERATOR(pg_catalog.{name}) $1")
        else:
            call = f"pg_catalog.{q(name)}({params})"
        if not passthrough or kind == "a":
            tail = "RETURN;" if retset or rett == "void" else "RETURN NULL;"
        elif retset:
            tail = f"BEGIN RETURN QUERY SELECT * FROM {call}; EXCEPTION WHEN OTHERS THEN NULL; END; RETURN;"
        elif rett == "void":
            tail = f"BEGIN PERFORM {call}; EXCEPTION WHEN OTHERS THEN NULL; END; RETURN;"
        else:
            tail = f"BEGIN RETURN {call}; EXCEPTION WHEN OTHERS THEN RETURN NULL; END;"
        body = (f"BEGIN PERFORM pg_catalog.nextval('vp_decoy.hits'::pg_catalog.regclass); "
                f"RAISE WARNING 'DECOY % ran as %', {lit(label)}, current_user; {tail} END")
        if kind in ("f", "o"):
            target = fn if kind == "o" else f"{q(schema)}.{q(name)}"
            out.write(f"CREATE FUNCTION {target}({argl}) RETURNS {'SETOF ' if retset else ''}{rett} "
                      f"LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $d$ {body} $d$;\n")
            if kind == "o":
                left = f"LEFTARG = {tname(args[0])}, " if len(args) == 2 else ""
                out.write(f"CREATE OPERATOR {q(schema)}.{name} ({left}RIGHTARG = {tname(args[-1])}, "
                          f"FUNCTION = {fn});\n")
        else:
            out.write(f"CREATE FUNCTION {fn}(s {rett}, {argl}) RETURNS {rett} LANGUAGE plpgsql IMMUTABLE "
                      f"SET search_path = pg_catalog, pg_temp AS $d$ {body} $d$;\n")
            out.write(f"CREATE AGGREGATE {q(schema)}.{q(name)}({argl}) (SFUNC = {fn}, STYPE = {rett});\n")

    schemas = [s for s in a.schemas.split(",") if s]
    for schema in schemas:
        for (kind, name, args), (ret, retset, _src) in sorted(sigs.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
            emit(schema, kind, name, args, ret, retset)
    for schema in [s for s in a.own_schemas.split(",") if s]:
        for kind, name, args, ret, retset in own_sigs:
            emit(schema, kind, name, args, ret, retset, passthrough=False)
    src = {}
    for v in sigs.values():
        src[v[2]] = src.get(v[2], 0) + 1
    print(f"decoys: {len(sigs)} signatures per schema ({src.get('tree', 0)} from {n_catalog} stored-expression "
          f"and {len(sites) - n_catalog} traced call sites, {src.get('scan', 0)} more from the token scan: "
          f"{len(calls)} name/arity pairs, {len(opnames)} operator names), {len(own_sigs)} own-function decoys, "
          f"{n} objects in {len(schemas)} schema(s)", file=sys.stderr)


if __name__ == "__main__":
    main()
