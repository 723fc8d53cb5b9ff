#!/usr/bin/env bash
# Data survives ALTER EXTENSION vital_persona UPDATE (4.0 -> the default version, through 5.0): a 4.0 database
# with a row in every table and varied legacy JSONB in personas is updated; every row is still there with the
# same contents (the four dropped columns aside), the JSONB content arrived as rows, and the 5.0 features work on
# the updated database.
source "$(dirname "$0")/../support/shell_lib.sh"
db=$(newdb upd_data)
T=00000000-0000-0000-0000-00000000a001
P=00000000-0000-0000-0000-00000000b001
P2=00000000-0000-0000-0000-00000000b002
q "$db" -c "SET client_min_messages=warning; CREATE EXTENSION vital_persona VERSION '4.0'" && fill_all "$db" >/dev/null
q "$db" <<SQL
INSERT INTO tenants (id, name, slug) VALUES ('$T', 'Update Co', 'update-co');
INSERT INTO personas (id, tenant_id, name, slug, goals, pain_points, challenges, communication_preferences) VALUES
 ('$P', '$T', 'Medical Affairs Director', 'mad',
  '["Grow payer access", {"text": "Cut cycle time", "type": "primary", "priority": "high"}, {"goal": "odd", "kpi": 3}, null, 7]',
  '[{"pain_point": "Slow approvals", "description": "six weeks", "category": "operational", "severity": "High"}, "Tool sprawl"]',
  '{"challenge": "Siloed data", "impact": "critical"}',
  '{"channel": "email", "formats": ["brief", "dashboard"], "nested": {"tone": "formal"}}'),
 ('$P2', '$T', 'Market Access Lead', 'mal', '"Single goal"', '[]', NULL, '["phone", {"type": "cadence", "value": "weekly"}]');
INSERT INTO persona_goals (tenant_id, persona_id, goal_text, sequence_order) VALUES ('$T', '$P', 'Grow payer access', 3);
INSERT INTO persona_evidence_sources (tenant_id, persona_id, citation, publication_date) VALUES ('$T', '$P', 'Survey 2024', '2024-05-01');
SQL
legacy='{personas.goals,personas.pain_points,personas.challenges,personas.communication_preferences}'
digests "$db" "$legacy" "$VP_TMP/before.txt"
if q "$db" -c "SET client_min_messages=warning; ALTER EXTENSION vital_persona UPDATE" 2>"$VP_TMP/err"; then ok "ALTER EXTENSION vital_persona UPDATE on a database with data"
else not_ok "ALTER EXTENSION vital_persona UPDATE on a database with data"; diag <"$VP_TMP/err"; fi
check "extension is at the default version $VP_DEFAULT_VERSION" \
  test "$(q "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'vital_persona'")" = "$VP_DEFAULT_VERSION"
digests "$db" "$legacy" "$VP_TMP/after.txt"
# every 4.0 table: same rows (only the migration targets, the evidence summary and vital_summary's derived
# counters/slots may change)
lost=$(join -t'|' -j1 <(sort "$VP_TMP/before.txt") <(sort "$VP_TMP/after.txt") |
       awk -F'|' '$2 != $4 || $3 != $5 { print $1 " " $2 "->" $4 }' |
       grep -Ev '^(persona_(goals|pain_points|challenges)|_vital_summary_(counts|slots)) ' || true)
joined=$(join -t'|' -j1 <(sort "$VP_TMP/before.txt") <(sort "$VP_TMP/after.txt") | wc -l)
check "every 4.0 table still exists after the update" test "$joined" = "$(wc -l <"$VP_TMP/before.txt")"
if [[ -z "$lost" ]]; then ok "every 4.0 table keeps exactly its rows and contents ($(wc -l <"$VP_TMP/before.txt") tables)"
else not_ok "every 4.0 table keeps exactly its rows and contents"; diag <<<"$lost"; fi
grew=$(join -t'|' -j1 <(sort "$VP_TMP/before.txt") <(sort "$VP_TMP/after.txt") | awk -F'|' '$1 ~ /^persona_(goals|pain_points|challenges)$/ && $4 < $2')
check "goals/pain points/challenges lost no rows" test -z "$grew"
unreadable=$(q "$db" -c "SELECT string_agg(c.relname, ',') FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e' AND d.classid = 'pg_class'::regclass WHERE c.relkind = 'r' AND NOT (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM (SELECT * FROM %s) t', c.oid::regclass), false, true, ''))::text[] IS NOT NULL)")
check "every table is readable after the update (SELECT *)" test -z "$unreadable"
check "personas no longer has the legacy JSONB columns" test "$(q "$db" -c "SELECT count(*) FROM pg_attribute WHERE attrelid = 'personas'::regclass AND attname IN ('goals','pain_points','challenges','communication_preferences') AND NOT attisdropped")" = 0

# JSONB content arrived as rows
got=$(q "$db" -c "SELECT string_agg(coalesce(goal_type,'-') || ':' || goal_text || ':' || coalesce(priority::text,'-'), ' | ' ORDER BY sequence_order) FROM persona_goals WHERE persona_id = '$P'")
want='-:Grow payer access:0 | primary:Cut cycle time:1 | -:{"kpi": 3, "goal": "odd"}:- | -:7:-'
check "goals: strings and mapped objects become rows, unknown shapes keep their raw JSON, duplicates are not doubled" test "$got" = "$want" || echo "# got: $got"
got=$(q "$db" -c "SELECT string_agg(coalesce(pain_category,'-') || ':' || coalesce(severity,'-') || ':' || pain_point_text || ':' || coalesce(pain_description,'-'), ' | ' ORDER BY sequence_order) FROM persona_pain_points WHERE persona_id = '$P'")
check "pain points arrived as rows (category/severity mapped, case normalised)" test "$got" = 'operational:high:Slow approvals:six weeks | -:-:Tool sprawl:-' || echo "# got: $got"
got=$(q "$db" -c "SELECT string_agg(coalesce(impact_level,'-') || ':' || challenge_text, ' | ') FROM persona_challenges WHERE persona_id = '$P'")
check "a single-object challenges document becomes one row" test "$got" = 'critical:Siloed data' || echo "# got: $got"
got=$(q "$db" -c "SELECT string_agg(preference_type || '=' || preference_value, ' | ' ORDER BY persona_id, sequence_order) FROM persona_communication_preferences WHERE persona_id IN ('$P', '$P2')")
check "communication preferences: keys, array elements and nested JSON arrived as rows" test "$got" = 'nested={"tone": "formal"} | channel=email | formats=brief | formats=dashboard | general=phone | cadence=weekly' || echo "# got: $got"
check "a plain-string goals document becomes one row" test "$(q "$db" -c "SELECT goal_text FROM persona_goals WHERE persona_id = '$P2'")" = 'Single goal'

# 5.0 features on the updated database
check "evidence summary backfilled from 4.0 evidence sources" test "$(q "$db" -c "SELECT other_sources_count || '/' || total_sources FROM persona_evidence_summary WHERE persona_id = '$P'")" = 1/1
q "$db" -c "INSERT INTO persona_public_research (tenant_id, persona_id, research_title, research_type, publication_source, key_findings, relevance_score, peer_reviewed) VALUES ('$T', '$P', 'Benchmark', 'industry', 'X', ARRAY['f'], 9, true)" >/dev/null
check "new evidence updates the summary (2 sources, 1 peer reviewed -> quality 3)" test "$(q "$db" -c "SELECT total_sources || '/' || peer_reviewed_count || '/' || evidence_quality_score FROM persona_evidence_summary WHERE persona_id = '$P'")" = 2/1/3
q "$db" -c "INSERT INTO persona_week_in_life (tenant_id, persona_id, day_of_week, meeting_load) VALUES ('$T', '$P', 'Monday', 'heavy')" >/dev/null
check "get_persona_time_perspective works on the updated database" test "$(q "$db" -c "SELECT get_persona_time_perspective('$P') -> 'week' -> 0 ->> 'day_of_week'")" = Monday
check "get_persona_evidence_portfolio works on the updated database" test "$(q "$db" -c "SELECT jsonb_array_length(get_persona_evidence_portfolio('$P') -> 'research') || '/' || jsonb_array_length(get_persona_evidence_portfolio('$P') -> 'basic_sources')")" = 1/1
q "$db" -c "INSERT INTO persona_stakeholder_influence_map (tenant_id, persona_id, stakeholder_name, stakeholder_role, stakeholder_type, decision_influence, budget_influence) VALUES ('$T', '$P', 'CFO', 'CFO', 'internal', 'very_high', 'high')" >/dev/null
check "stakeholder ecosystem + influence score trigger work on the updated database" test "$(q "$db" -c "SELECT get_persona_stakeholder_ecosystem('$P') -> 'influence_map' -> 0 ->> 'overall_influence_score'")" = 9
q "$db" -c "SELECT refresh_persona_summary()" >/dev/null
check "persona_summary refreshes concurrently and counts the migrated goals" test "$(q "$db" -c "SELECT goals_count || '/' || pain_points_count || '/' || research_count FROM persona_summary WHERE id = '$P'")" = 4/2/1

# vital_summary's maintained counters after the update (backfilled for the 5.0 sections, kept by the triggers
# through the JSONB migration) equal a recount from scratch
drift=$(q "$db" <<'SQL'
BEGIN;
CREATE TEMP TABLE kept AS SELECT c.persona_id, s.relname, coalesce(c.counts[s.slot], 0) AS n
  FROM _vital_summary_counts c CROSS JOIN _vital_summary_slots s;
SELECT vital_summary_rebuild_counts() \g /dev/null
SELECT count(*) FROM (
  (SELECT * FROM kept WHERE n <> 0
   EXCEPT SELECT c.persona_id, s.relname, coalesce(c.counts[s.slot], 0) FROM _vital_summary_counts c CROSS JOIN _vital_summary_slots s)
  UNION ALL
  (SELECT c.persona_id, s.relname, coalesce(c.counts[s.slot], 0) AS n FROM _vital_summary_counts c CROSS JOIN _vital_summary_slots s
   WHERE coalesce(c.counts[s.slot], 0) <> 0 EXCEPT SELECT * FROM kept)) d;
ROLLBACK;
SQL
)
check "vital_summary counters after the update equal a full recount" test "$drift" = 0
check "... and cover data of 5.0 sections migrated from JSONB" test "$(q "$db" -c "SELECT coalesce(c.counts[s.slot], 0) FROM _vital_summary_counts c, _vital_summary_slots s WHERE s.relname = 'persona_communication_preferences' AND c.persona_id = '$P'")" != 0
finish
