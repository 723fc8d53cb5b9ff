#!/usr/bin/env python3
"""The C++ <-> PostgreSQL boundary rule, checked mechanically (make lint; docs/architecture.md).

Rule: a PostgreSQL call that can raise ERROR longjmps; a longjmp that crosses a C++ frame owning
destructors (or a try block) is undefined behaviour, and a C++ exception inside PG_TRY leaves
PostgreSQL's error stack pointing at a dead frame. So C++ calls a raising PostgreSQL function only
  * inside pg_call(...)                  (include/vital_persona/pg/entry.hpp: PG_TRY, copy, rethrow), or
  * inside PG_TRY() ... PG_END_TRY(), or
  * in a Postgres zone: a function marked `// lint: postgres-zone` on a line of its own right before it,
    or a file marked `// lint: postgres-zone-file` -- code written like C that is only ever called from
    inside pg_call (its callers are checked like everyone else's), or
  * in an allow-listed file (src/pg/entry.cpp: the guard itself), or
  * on a line marked `// lint: cannot-raise: <why>` (same line or a comment line above; e.g.
    MemoryContextAllocExtended with MCXT_ALLOC_NO_OOM).
And inside pg_call(...) and Postgres zones, no C++ object that owns a destructor is declared and nothing
is thrown (a longjmp would skip the destructor; a throw would unwind through PG_TRY).

Which functions can raise: scripts/lint/pg_raising.txt (one name a line, `*` for a suffix; extend it).

What it cannot see (it is a lexical check, not a compiler):
  * a raising call hidden behind a function of ours that is not marked -- it only knows the listed names;
    a call to our own Postgres-zone function from outside pg_call is not reported;
  * names missing from the list (most PostgreSQL functions can raise: keep the list growing);
  * destructor-owning types other than the listed std:: and Boost containers, or declared via `auto`;
  * control flow: a marked zone that is in fact called outside pg_call.

  scripts/lint/pg_boundary.py [--list FILE] FILE...   report, exit 1 when anything is found
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ALLOWED_FILES = ("src/pg/entry.cpp",)
ZONE_MARK = re.compile(r"//\s*lint:\s*postgres-zone\s*$", re.M)
FILE_ZONE_MARK = re.compile(r"//\s*lint:\s*postgres-zone-file\b")
WRAPPERS = ("pg_call",)          # a call to one of these (any namespace prefix) wraps its arguments
# C++ types with destructors that must not live in a Postgres zone or a pg_call lambda.
OWNING_TYPES = re.compile(
    r"\bstd::(?:string|vector|map|unordered_map|set|unordered_set|deque|list|unique_ptr|shared_ptr|function"
    r"|optional|variant|ostringstream|stringstream|istringstream)\b"
    r"|(?<![\w:])(?:SmallVector|FlatMap)\s*<|\bSpi\s+[A-Za-z_]\w*\s*[;({=]")
THROW = re.compile(r"\bthrow\b")
# `call(...);  // lint: cannot-raise: why` (or that comment on the line above): a listed function called in a way
# that cannot raise.
CANNOT_RAISE = re.compile(r"//\s*lint:\s*cannot-raise\b")


def source_line(src, pos):
    return src[src.rfind("\n", 0, pos) + 1:src.find("\n", pos) if src.find("\n", pos) >= 0 else len(src)]


def load_names(path):
    exact, prefixes = set(), []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.endswith("*"):
                prefixes.append(line[:-1])
            elif "*" in line:
                prefixes.append(line.split("*", 1)[0])      # DefineCustom*Variable: prefix is enough
            else:
                exact.add(line)
    return exact, tuple(prefixes)


def blank(src):
    """Comments, string and char literals -> spaces (newlines kept): offsets and line numbers stay valid."""
    out, i, n = list(src), 0, len(src)

    def wipe(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            wipe(i, j)
            i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            wipe(i, j)
            i = j
        elif c == 'R' and src.startswith('R"', i) and (i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', src[i:])
            end = src.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            wipe(i + 1, j)
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            wipe(i + 1, min(j, n))
            i = j + 1
        else:
            i += 1
    return "".join(out)


def match_paren(code, i, open_="(", close=")"):
    """Index just after the bracket closing code[i] (an opening bracket), or len(code)."""
    depth = 0
    for k in range(i, len(code)):
        if code[k] == open_:
            depth += 1
        elif code[k] == close:
            depth -= 1
            if depth == 0:
                return k + 1
    return len(code)


def wrapped_spans(code):
    """[a, b) spans of pg_call(...) arguments and PG_TRY() ... PG_END_TRY()."""
    spans = []
    for w in WRAPPERS:
        for m in re.finditer(r"\b%s\s*\(" % w, code):
            p = m.end() - 1
            spans.append((p, match_paren(code, p)))
    for m in re.finditer(r"\bPG_TRY\s*\(\s*\)", code):
        e = code.find("PG_END_TRY", m.end())
        spans.append((m.start(), len(code) if e < 0 else e))
    return spans


def zone_spans(src, code):
    """Bodies of the functions marked `// lint: postgres-zone` (the first { ... } after the mark)."""
    spans = []
    for m in ZONE_MARK.finditer(src):
        b = code.find("{", m.end())
        if b >= 0:
            spans.append((b, match_paren(code, b, "{", "}")))
    return spans


def inside(pos, spans):
    return any(a <= pos < b for a, b in spans)


def line_of(code, pos):
    return code.count("\n", 0, pos) + 1


def check(path, src, names):
    exact, prefixes = names
    rel = os.path.relpath(path)      # scripts/lint.sh runs from the root of the tree it checks
    if rel in ALLOWED_FILES:
        return []
    code = blank(src)
    whole_file = bool(FILE_ZONE_MARK.search(src))
    wrapped = wrapped_spans(code)
    zones = [(0, len(code))] if whole_file else zone_spans(src, code)
    findings = []
    if not whole_file:
        for m in re.finditer(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(", code):
            name = m.group(1)
            if name not in exact and not name.startswith(prefixes):
                continue
            before = code[max(0, m.start() - 40):m.start()]
            if re.search(r"\bdefine\s+$", before):
                continue                  # a macro of that name being defined
            q = re.search(r"(\w*)\s*::\s*$", before)
            if q and q.group(1) not in ("", "pg", "std"):
                continue                  # ours::name(...): a function of ours that shares the name
            if inside(m.start(), wrapped) or inside(m.start(), zones):
                continue
            here = source_line(src, m.start())
            above = source_line(src, max(0, src.rfind("\n", 0, m.start()) - 1))
            if CANNOT_RAISE.search(here) or (above.strip().startswith("//") and CANNOT_RAISE.search(above)):
                continue
            findings.append((line_of(code, m.start()), f"{name}() can raise, outside pg_call/PG_TRY/a Postgres zone"))
    for a, b in wrapped + zones:
        body = code[a:b]
        for m in OWNING_TYPES.finditer(body):
            findings.append((line_of(code, a + m.start()), f"{m.group().strip()} owns a destructor inside "
                             "pg_call/PG_TRY/a Postgres zone: a PostgreSQL error would skip it"))
        for m in THROW.finditer(body):
            findings.append((line_of(code, a + m.start()), "throw inside pg_call/PG_TRY/a Postgres zone: it would "
                             "unwind through PG_TRY and leave PostgreSQL's error stack broken"))
    return sorted(set(findings))


def main(argv):
    args = argv[1:]
    names_path = os.path.join(HERE, "pg_raising.txt")
    if args[:1] == ["--list"]:
        names_path, args = args[1], args[2:]
    names = load_names(names_path)
    total = 0
    for path in args:
        with open(path, encoding="utf-8") as fh:
            src = fh.read()
        for line, msg in check(path, src, names):
            print(f"{path}:{line}: {msg}")
            total += 1
    if total:
        print(f"pg_boundary: {total} finding(s). Call PostgreSQL inside vp::pg::pg_call(...); a C-like helper "
              "that only runs inside pg_call gets `// lint: postgres-zone` on the line before it; a call that truly "
              "cannot raise gets `// lint: cannot-raise: <why>` (scripts/lint/pg_boundary.py, docs/architecture.md)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
