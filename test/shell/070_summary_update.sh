#!/usr/bin/env bash
# vital_summary keeps working across ALTER EXTENSION UPDATE in the same session: the section
# registry and cached plans are rebuilt (4.0 sections -> 5.0 sections), no stale-plan errors.
# Runs against the throwaway cluster (PGHOST/PGPORT/PGUSER set by the runner).
set -uo pipefail
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
ALTER EXTENSION vital_persona UPDATE TO '5.0';
SELECT 'v50 ' || (SELECT count(*) FROM jsonb_object_keys(vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections'))
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
if [[ -n "$children" ]] && grep -q "^v50 [0-9]* 5.0$" <<<"$out"; then
  v50=$(sed -n 's/^v50 \([0-9]*\) 5.0$/\1/p' <<<"$out")
  [[ "$v50" -gt 38 && "$v50" -ge "$children" ]] && grep_ok=0
fi
check $grep_ok "same session after ALTER EXTENSION UPDATE: 5.0 sections ($v50 >= $children children) and version 5.0"
grep -q '^week 0$' <<<"$out"; check $? "a section added by the update is counted"
! grep -qi 'error' <<<"$out"; check $? "no stale plan or cache errors"
echo "1..$n"
