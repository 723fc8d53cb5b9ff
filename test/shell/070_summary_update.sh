#!/usr/bin/env bash
# vital_summary keeps working across ALTER EXTENSION UPDATE in the same session: the section
# registry and cached plans are rebuilt (4.0 sections -> the default version's, through 5.0), no stale-plan errors.
# Runs against the throwaway cluster (PGHOST/PGPORT/PGUSER set by the runner).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
default_version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" vital_persona.control)
db="vs_summary_update_$$"
createdb "$db" || { echo "not ok 1 - createdb"; exit 0; }
trap 'dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
out=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" 2>&1 <<'SQL'
CREATE EXTENSION vital_persona VERSION '4.0';
INSERT INTO tenants (id, name, slug) VALUES ('10000000-0000-0000-0000-00000000000a', 'A', 'vs-a');
INSERT INTO personas (id, tenant_id, name, slug) VALUES
    ('a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-00000000000a', 'P', 'vs-p');
SELECT 'v40 ' || (SELECT count(*) FROM jsonb_object_keys(vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections'))
       || ' ' || (vital_summary('a0000000-0000-0000-0000-000000000001') #>> '{version,extension}');
SELECT 'goals ' || (vital_summary('a0000000-0000-0000-0000-000000000001') #>> '{sections,persona_goals}');
ALTER EXTENSION vital_persona UPDATE;
SELECT 'vnew ' || (SELECT count(*) FROM jsonb_object_keys(vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections'))
       || ' ' || (vital_summary('a0000000-0000-0000-0000-000000000001') #>> '{version,extension}');
SELECT 'week ' || (vital_summary('a0000000-0000-0000-0000-000000000001') #>> '{sections,persona_week_in_life}');
SELECT 'sections ' || (SELECT count(*) FROM pg_class c JOIN pg_constraint con ON con.conrelid = c.oid AND con.contype = 'f'
        AND con.confrelid = 'personas'::regclass WHERE c.relnamespace = 'public'::regnamespace);
SQL
)
n=0
# shellcheck disable=SC2001  # sed prefixes every line of $out; ${out//} cannot anchor at each line start
check() { n=$((n + 1)); if [[ "$1" == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; echo "$out" | sed 's/^/# /'; fi; }
grep -q '^v40 38 4.0$' <<<"$out"; check $? "at 4.0: 38 sections, version 4.0"
grep -q '^goals 0$' <<<"$out"; check $? "at 4.0: empty section counts 0"
children=$(sed -n 's/^sections //p' <<<"$out")
grep_ok=1
vnew=''
if [[ -n "$children" ]] && grep -q "^vnew [0-9]* ${default_version//./\\.}\$" <<<"$out"; then
  vnew=$(sed -n "s/^vnew \([0-9]*\) ${default_version//./\\.}\$/\1/p" <<<"$out")
  [[ "$vnew" -gt 38 && "$vnew" -ge "$children" ]] && grep_ok=0
fi
check $grep_ok "same session after ALTER EXTENSION UPDATE: the default version's sections ($vnew >= $children children) and version $default_version"
grep -q '^week 0$' <<<"$out"; check $? "a section added by the update is counted"
! grep -qi 'error' <<<"$out"; check $? "no stale plan or cache errors"
echo "1..$n"
