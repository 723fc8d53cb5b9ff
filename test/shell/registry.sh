#!/usr/bin/env bash
# Schema registry (docs/registry.md): the committed sql/registry/*.sql are what `make registry` generates from
# today's sources (regenerated here into a temp dir and diffed), and the 4.0 -> 5.0 update's drift preflight
# refuses drift the update depends on (with the list) and only warns about the rest.
source "$(dirname "$0")/../support/shell_lib.sh"

mkdir -p "$VP_TMP/gen"
if VP_GEN_INNER=1 "$VP_REPO/scripts/generate.sh" --out "$VP_TMP/gen" registry 2>"$VP_TMP/err"; then
  for f in "$VP_TMP"/gen/sql/registry/*.sql; do
    name=sql/registry/$(basename "$f")
    if diff -u "$VP_REPO/$name" "$f" >"$VP_TMP/diff" 2>&1; then
      ok "$name is current"
    else
      not_ok "$name is current (run: make registry)"; head -n 20 "$VP_TMP/diff" | diag
    fi
  done
  check "no stale registry file without a version" \
    test "$(cd "$VP_REPO"/sql/registry && printf '%s\n' * | sort)" == "$(cd "$VP_TMP"/gen/sql/registry && printf '%s\n' * | sort)"
else
  not_ok "scripts/generate.sh registry runs"; diag <"$VP_TMP/err"
fi

# Supabase's case: a non-superuser database owner installs the (trusted) extension and asks for the drift report.
psql -X -q -d postgres -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vp_project_owner') THEN
  CREATE ROLE vp_project_owner LOGIN NOSUPERUSER; END IF; END \$\$" >/dev/null
db=$(newdb drift_owner)
q "$db" -c "ALTER DATABASE $db OWNER TO vp_project_owner" >/dev/null
if out=$(psql -X -q -At -v ON_ERROR_STOP=1 -U vp_project_owner -d "$db" \
           -c "SET client_min_messages=warning; CREATE SCHEMA vital; CREATE EXTENSION vital_persona SCHEMA vital" \
           -c "SELECT count(*) FROM vital.vital_schema_drift()" 2>"$VP_TMP/err"); then
  check "a non-superuser owner's trusted install has no drift, and the owner may ask" test "$out" == 0
else
  not_ok "a non-superuser owner's trusted install has no drift, and the owner may ask"; diag <"$VP_TMP/err"
fi

# Preflight: a dropped 4.0 column that the update writes to refuses the update, naming it.
db=$(newdb drift_block)
q "$db" -c "SET client_min_messages=warning; CREATE EXTENSION vital_persona VERSION '4.0'" >/dev/null
q "$db" -c "ALTER TABLE persona_goals DROP COLUMN goal_text; CREATE INDEX extra_idx ON persona_goals (priority)"
if q "$db" -c "ALTER EXTENSION vital_persona UPDATE TO '5.0'" >/dev/null 2>"$VP_TMP/err"; then
  not_ok "update refuses a dropped column it depends on"
else
  check "update refuses a dropped column it depends on, naming the reason" \
    grep -q 'differs from 4.0 where the update depends on it' "$VP_TMP/err"
  check "... the error lists the dropped column" grep -q 'column persona_goals.goal_text (column): expected type=text' "$VP_TMP/err"
  check "... and not the harmless extra index" bash -c "! grep -q extra_idx '$VP_TMP/err'"
  check "... and the database stays at 4.0" \
    test "$(q "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'vital_persona'")" == 4.0
fi

# Other drift only warns; the update re-applies policies and grants, and the drift report shows what is left.
db=$(newdb drift_warn)
q "$db" -c "SET client_min_messages=warning; CREATE EXTENSION vital_persona VERSION '4.0'" >/dev/null
q "$db" -c "CREATE INDEX extra_idx ON persona_goals (priority); DROP POLICY vital_delete ON persona_goals; GRANT SELECT ON persona_goals TO anon"
if q "$db" -c "ALTER EXTENSION vital_persona UPDATE TO '5.0'" >/dev/null 2>"$VP_TMP/err"; then
  ok "update goes on despite drift it does not depend on"
  check "... with a WARNING listing it" grep -q 'WARNING:.*3 difference(s) from the 4.0 schema' "$VP_TMP/err"
  check "... that names the extra index" grep -q 'index persona_goals.extra_idx (index, info)' "$VP_TMP/err"
  check "after the update only the extra index is left (policy and grants re-applied)" \
    test "$(q "$db" -c "SELECT string_agg(object || '/' || kind, ',') FROM vital_schema_drift()")" == "index persona_goals.extra_idx/index"
else
  not_ok "update goes on despite drift it does not depend on"; diag <"$VP_TMP/err"
fi
finish
