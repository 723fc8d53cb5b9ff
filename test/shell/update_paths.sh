#!/usr/bin/env bash
# Update-path equivalence: for EVERY path pg_extension_update_paths('vital_persona') knows, the catalog after
# "install old version, ALTER EXTENSION UPDATE" equals the catalog of a fresh install of the target version
# (test/support/catalog_snapshot.sql = the extension's _vital_schema_facts(), the query vital_schema_drift() uses: tables, columns by name, types/defaults/nullability, constraints, indexes,
# triggers, policies, functions + settings, grants, comments, extconfig). Then proves the comparison has teeth:
# each deliberate difference applied to a fresh install must show up in the diff.
source "$(dirname "$0")/../support/shell_lib.sh"

paths=$(q postgres -c "SELECT source || ' ' || target FROM pg_extension_update_paths('vital_persona') WHERE path IS NOT NULL ORDER BY 1")
if [[ -z "$paths" ]]; then not_ok "pg_extension_update_paths lists at least one update path"; finish; exit; fi
ok "pg_extension_update_paths lists $(wc -l <<<"$paths") update path(s)"

declare -A fresh_db
while read -r src tgt; do
  if [[ -z "${fresh_db[$tgt]:-}" ]]; then
    if ! { db=$(newdb "fresh_${tgt//./_}") &&
           q "$db" -c "SET client_min_messages=warning; CREATE EXTENSION vital_persona VERSION '$tgt'" &&
           snapshot "$db" "$VP_TMP/fresh_$tgt.txt"; }; then
      not_ok "fresh install of $tgt"; continue
    fi
    fresh_db[$tgt]=$db
  fi
  db=$(newdb "upd_${src//./_}_${tgt//./_}")
  if ! q "$db" -c "SET client_min_messages=warning; CREATE EXTENSION vital_persona VERSION '$src'; ALTER EXTENSION vital_persona UPDATE TO '$tgt'" 2>"$VP_TMP/err"; then
    not_ok "update $src -> $tgt runs"; diag <"$VP_TMP/err"; continue
  fi
  snapshot "$db" "$VP_TMP/upd_${src}_$tgt.txt"
  if diff -u "$VP_TMP/fresh_$tgt.txt" "$VP_TMP/upd_${src}_$tgt.txt" >"$VP_TMP/diff"; then
    ok "update $src -> $tgt gives the same catalog as a fresh $tgt install ($(wc -l <"$VP_TMP/fresh_$tgt.txt") facts)"
  else
    not_ok "update $src -> $tgt gives the same catalog as a fresh $tgt install"; head -n 60 "$VP_TMP/diff" | diag
  fi
done <<<"$paths"

# Teeth: every deliberate difference must be caught (each applied in a rolled-back transaction).
tgt=$(q postgres -c "SELECT default_version FROM pg_available_extensions WHERE name = 'vital_persona'")
db=${fresh_db[$tgt]:-}
if [[ -n "$db" ]]; then
  mutations=(
    "index|DROP INDEX idx_persona_goals_tenant_persona"
    "column default|ALTER TABLE persona_goals ALTER COLUMN priority SET DEFAULT 1"
    "nullability|ALTER TABLE persona_goals ALTER COLUMN goal_text SET NOT NULL"
    "extra column|ALTER TABLE personas ADD COLUMN goals jsonb"
    "column type|ALTER TABLE persona_goals ALTER COLUMN goal_text TYPE varchar(500)"
    "check constraint|ALTER TABLE persona_goals DROP CONSTRAINT goal_type_allowed"
    "trigger|DROP TRIGGER evidence_summary_ins ON persona_public_research"
    "policy|CREATE POLICY vp_extra ON persona_goals USING (false)"
    "function setting|ALTER FUNCTION get_persona_time_perspective(uuid) SET work_mem = '8MB'"
    "function body|CREATE OR REPLACE FUNCTION calculate_evidence_quality_score(p_total_sources integer, p_peer_reviewed_count integer, p_verified_sources_count integer, p_primary_sources_count integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS 'SELECT 1'"
    "table grant|GRANT SELECT ON persona_goals TO PUBLIC"
    "function grant|GRANT EXECUTE ON FUNCTION recompute_persona_evidence_summary(uuid[]) TO PUBLIC"
    "comment|COMMENT ON TABLE persona_goals IS 'changed'"
    "RLS flag|ALTER TABLE persona_goals NO FORCE ROW LEVEL SECURITY"
    "extcondition|UPDATE pg_extension SET extcondition[1] = 'WHERE false' WHERE extname = 'vital_persona'"
    "matview privilege|GRANT SELECT ON persona_summary TO PUBLIC"
  )
  for m in "${mutations[@]}"; do
    what=${m%%|*}; sql=${m#*|}
    schema=$(q "$db" -c "SELECT extnamespace::regnamespace FROM pg_extension WHERE extname = 'vital_persona'")
    if ! psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" >"$VP_TMP/mut.txt" 2>"$VP_TMP/err" <<SQL
SET client_min_messages = warning;
BEGIN;
SET LOCAL search_path = $schema;
$sql;
\i $VP_REPO/test/support/catalog_snapshot.sql
ROLLBACK;
SQL
    then not_ok "deliberate difference ($what) could be applied"; diag <"$VP_TMP/err"; continue; fi
    if diff -q "$VP_TMP/fresh_$tgt.txt" "$VP_TMP/mut.txt" >/dev/null; then
      not_ok "snapshot catches a deliberate difference: $what"
    else
      ok "snapshot catches a deliberate difference: $what"
    fi
  done
fi
finish
