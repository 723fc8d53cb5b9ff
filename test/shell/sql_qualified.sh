#!/usr/bin/env bash
# Trusted-extension rule: every function and operator reference in the built install and update scripts
# is schema-qualified (scripts/sql_qualify.py; why in its header and docs/security.md). Also shows that the
# checker is not blind: each kind of unqualified reference, planted in a copy of a script, is reported.
cd "$(dirname "$0")/../.." || exit 1
n=0
ok() { n=$((n + 1)); if [[ $1 -eq 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

for f in sql/vital_persona--*.sql sql/released/vital_persona--*.sql; do
  [[ -f "$f" ]] || continue
  out=$(python3 scripts/sql_qualify.py "$f" 2>&1)
  ok $? "$f: every function and operator is schema-qualified"
  [[ -z "$out" ]] || echo "$out" | head -20 | sed 's/^/# /'
done

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
planted=(
  "SELECT format('%s', 1);|unqualified function"
  "SELECT 1 WHERE 'a'::regclass = 'b'::regclass;|unqualified operator ="
  "CREATE TABLE @extschema@.t (x integer CHECK (x >= 0));|unqualified operator >="
  "CREATE TABLE @extschema@.t (x text CHECK (x IN ('a', 'b')));|IN (...)"
  "DO \$\$ BEGIN PERFORM pg_catalog.now() WHERE 1 IS DISTINCT FROM 2; END \$\$;|DISTINCT FROM"
  "DO \$\$ BEGIN EXECUTE 'SELECT count(*) FROM pg_class'; END \$\$;|in an SQL string"
  "SELECT nullif(1, 2);|NULLIF"
  "SELECT CASE 1 WHEN 1 THEN 2 END;|simple CASE"
  "SELECT 1 FROM pg_catalog.pg_class a JOIN pg_catalog.pg_class b USING (oid);|JOIN ... USING"
  "SELECT 'a' LIKE 'b';|LIKE"
)
# planted into the install script of the default version as the sources describe it today (a released version's
# sources may have moved on: 5.0's files now describe a later state)
default_version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" vital_persona.control)
for p in "${planted[@]}"; do
  sql=${p%%|*} want=${p##*|}
  { scripts/assemble-sql.sh "$default_version"; echo "$sql"; } > "$tmp/s.sql"
  python3 scripts/sql_qualify.py "$tmp/s.sql" 2>&1 | grep -qF -- "$want"
  ok $? "the checker reports a planted '$want': $sql"
done
echo "1..$n"
