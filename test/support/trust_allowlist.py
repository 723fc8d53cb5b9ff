#!/usr/bin/env python3
"""Compares the privileges of an installed vital_persona with the allowlist DOCUMENTED in docs/security.md
(section "Privilege allowlist"): an oracle independent of the code that applies it (src/tenancy/allowlist.cpp) and of
vital_rls_audit(), which checks it against the same code.

Usage: trust_allowlist.py DOCS_SECURITY_MD DB
Prints one line per deviation ("relation <rel> <role>: has X, documented Y" / "function <fn> <role>: ...") and
exits 0; exits 2 (printing nothing) when the document has no allowlist section yet.
Roles compared: PUBLIC, anon, authenticated, service_role and the extension owner; relation privileges SELECT,
INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER (others, e.g. PG17's MAINTAIN, are not documented).
"""
import fnmatch
import re
import subprocess
import sys

PRIVS = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"]


def psql(db, sql):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", db,
                          "-c", "SET search_path = pg_catalog, pg_temp", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def tables(lines):
    """Markdown tables of a section: lists of rows (cells), header first, separator dropped."""
    out, cur = [], None
    for line in lines:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if cur is None:
                cur = []
                out.append(cur)
            if not all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                cur.append(cells)
        else:
            cur = None
    return out


def privs(cell):
    return frozenset(p for p in PRIVS if re.search(rf"\b{p}\b", cell))


def main():
    doc, db = sys.argv[1], sys.argv[2]
    text = open(doc).read()
    m = re.search(r"^## Privilege allowlist.*?$(.*?)(?=^## )", text, re.S | re.M)
    if not m:
        sys.exit(2)
    tbls = tables(m.group(1).splitlines())
    rel_t = next(t for t in tbls if "relations" in t[0][0].lower())
    fn_t = next(t for t in tbls if "function" in t[0][0].lower())
    owner = psql(db, "SELECT extowner::regrole FROM pg_extension WHERE extname = 'vital_persona'")[0][0]

    # relations: (names, globs, by_tenant_id) -> {role: privileges}
    rel_rules = []
    for row in rel_t[1:]:
        names = re.findall(r"`([^`]+)`", row[0])
        if not names or len(row) < 5:
            continue  # "any column": checked as column ACLs below
        svc = privs(row[3])
        own = svc if row[4].lower().startswith("same") else privs(row[4])
        expect = {"PUBLIC": privs(row[1]), "anon": privs(row[1]), "authenticated": privs(row[2]),
                  "service_role": svc, owner: own}
        rel_rules.append((names, expect))

    def rel_expect(name, has_tenant_id):
        for names, expect in rel_rules:  # exact names first, then patterns, then "tenant tables"
            if name in names:
                return expect
        for names, expect in rel_rules:
            if any("*" in n and fnmatch.fnmatch(name, n) for n in names):
                return expect
        for names, expect in rel_rules:
            if "tenant_id" in names and has_tenant_id:
                return expect
        return None

    out = []
    rels = psql(db, """
        SELECT c.oid::regclass, c.relname, EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid
                   AND a.attname = 'tenant_id' AND NOT a.attisdropped),
               coalesce((SELECT string_agg(CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE x.grantee::regrole::text END
                                           || '=' || x.privilege_type, ',')
                         FROM aclexplode(c.relacl) x WHERE x.grantee <> c.relowner), ''),
               (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attacl IS NOT NULL)
        FROM pg_class c JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
        WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'vital_persona')
          AND c.relkind IN ('r', 'p', 'v', 'm', 'f')""")
    for reg, name, has_tid, acl, colacls in rels:
        expect = rel_expect(name, has_tid == "t")
        if expect is None:
            out.append(f"relation {reg}: not in the documented allowlist")
            continue
        have = {}
        for item in filter(None, acl.split(",")):
            role, p = item.rsplit("=", 1)
            have.setdefault(role, set()).add(p)
        for role, want in expect.items():
            got = frozenset(p for p in have.get(role, ()) if p in PRIVS)
            if got != want:
                out.append(f"relation {reg} {role}: has {{{', '.join(sorted(got))}}}, documented {{{', '.join(sorted(want))}}}")
        if colacls != "0":
            out.append(f"relation {reg}: column-level privileges ({colacls} columns), documented none")

    fn_rules = []
    for row in fn_t[1:]:
        names = [n for n in re.findall(r"`([^`]+)`", row[0])]
        if len(row) >= 3:
            fn_rules.append((names, {"authenticated": "✓" in row[1], "service_role": "✓" in row[2]}))

    def fn_expect(name):
        for names, expect in fn_rules:
            if name in names:
                return expect
        for names, expect in fn_rules:
            if any("*" in n and fnmatch.fnmatch(name, n) for n in names):
                return expect
        return {"authenticated": False, "service_role": False}

    fns = psql(db, f"""
        SELECT p.oid::regprocedure, p.proname, p.prorettype IN ('trigger'::regtype, 'event_trigger'::regtype),
               has_function_privilege('authenticated', p.oid, 'EXECUTE'), has_function_privilege('service_role', p.oid, 'EXECUTE'),
               has_function_privilege('anon', p.oid, 'EXECUTE'),
               EXISTS (SELECT FROM aclexplode(p.proacl) x WHERE x.grantee = 0) OR p.proacl IS NULL,
               has_function_privilege('{owner}', p.oid, 'EXECUTE')
        FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
        WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'vital_persona')""")
    for reg, name, trig, auth, svc, anon, public, own in fns:
        expect = {"authenticated": False, "service_role": False} if trig == "t" else fn_expect(name)
        for role, got in (("authenticated", auth == "t"), ("service_role", svc == "t")):
            if got != expect[role]:
                out.append(f"function {reg} {role}: EXECUTE {'granted' if got else 'missing'}, documented "
                           f"{'granted' if expect[role] else 'none'}")
        if anon == "t" or public == "t":
            out.append(f"function {reg}: executable by {'PUBLIC' if public == 't' else 'anon'}, documented none")
        if trig != "t" and own != "t":
            out.append(f"function {reg} {owner}: EXECUTE missing for the extension owner")
    if out:
        print("\n".join(sorted(out)))


if __name__ == "__main__":
    main()
