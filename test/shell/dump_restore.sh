#!/usr/bin/env bash
# pg_dump -> restore round trips with data in EVERY extension table (test/support/fill.sql, vp_fill('all')):
#  * at the default version: restore into a fresh database, zero rows lost, contents identical (per-table row
#    count + hash), also with the evidence summary's data restored last and first (merge + upsert make any order work);
#    the persona_summary materialized view is rebuilt by refresh_persona_summary().
#  * at 4.0: the supported procedure for old dumps (docs/backup.md): CREATE EXTENSION ... VERSION '4.0' in the
#    target, restore, ALTER EXTENSION UPDATE; contents identical before the update, and after it equal to the
#    source database updated in place.
source "$(dirname "$0")/../support/shell_lib.sh"
derived='{}'

compare() {  # compare LABEL FILE_A FILE_B
  if diff -u "$2" "$3" >"$VP_TMP/ddiff"; then ok "$1 ($(wc -l <"$2") tables)"; else not_ok "$1"; diag <"$VP_TMP/ddiff" | head -40; fi
}
restore() {  # restore DB DUMP [LIST]
  pg_restore --exit-on-error -d "$1" ${3:+-L "$3"} "$2" 2>"$VP_TMP/rerr"
}

# ------------------------------------------------------------------ the default version
src=$(newdb src50)
q "$src" -c "SET client_min_messages=warning; CREATE EXTENSION vital_persona" &&
  fill_all "$src" >/dev/null && q "$src" -f "$VP_REPO/test/support/register_section.sql" >/dev/null &&
  q "$src" -c "SELECT refresh_persona_summary(false)" >/dev/null
empty=$(q "$src" -f "$VP_REPO/test/support/table_digests.sql" -c "SELECT count(*) FROM pg_temp.vp_digests('{}') WHERE n = 0")
check "$VP_DEFAULT_VERSION (the default version) source has rows in every table" test "$empty" = 0
digests "$src" "$derived" "$VP_TMP/src50.txt"
if pg_dump -Fc -f "$VP_TMP/d50.dump" "$src"; then ok "pg_dump at $VP_DEFAULT_VERSION"; else not_ok "pg_dump at $VP_DEFAULT_VERSION"; fi

dst=$(newdb dst50)
if restore "$dst" "$VP_TMP/d50.dump"; then ok "restore of a $VP_DEFAULT_VERSION dump into a fresh database without errors"
else not_ok "restore of a $VP_DEFAULT_VERSION dump into a fresh database without errors"; diag <"$VP_TMP/rerr"; fi
digests "$dst" "$derived" "$VP_TMP/dst50.txt"
compare "$VP_DEFAULT_VERSION round trip: every table has the same rows" "$VP_TMP/src50.txt" "$VP_TMP/dst50.txt"
registered=$(q "$dst" -c "SELECT count(*) FROM _vital_managed_tables() WHERE registered AND tbl = 'vp_app.persona_app_notes'::regclass")
check "a registered custom section is still registered after the restore" test "$registered" = 1
sum_src=$(q "$src" -c "SELECT md5(string_agg(s::text, ',' ORDER BY id)) FROM persona_summary s")
q "$dst" -c "SELECT refresh_persona_summary()" >/dev/null
sum_dst=$(q "$dst" -c "SELECT md5(string_agg(s::text, ',' ORDER BY id)) FROM persona_summary s")
check "persona_summary after restore + refresh_persona_summary() equals the source's" test "$sum_src" = "$sum_dst"
check "no schema drift after the restore (vital_schema_drift() lists nothing but the registration)" \
  test "$(q "$dst" -c "SELECT count(*) FILTER (WHERE kind <> 'registration') || '/' || count(*) FILTER (WHERE kind = 'registration') FROM vital_schema_drift()")" = 0/1

# Restore orders: the dumped summary rows after all evidence, and before any evidence.
pg_restore -l "$VP_TMP/d50.dump" >"$VP_TMP/list"
ev='persona_(public_research|research_quantitative_results|industry_reports|expert_opinions|case_stud(y|ies)[a-z_]*|supporting_statistics|statistic_history|evidence_sources) '
{ grep -v 'TABLE DATA [^ ]* persona_evidence_summary ' "$VP_TMP/list"; grep 'TABLE DATA [^ ]* persona_evidence_summary ' "$VP_TMP/list"; } >"$VP_TMP/list_summary_last"
{ grep -Ev "TABLE DATA [^ ]* $ev" "$VP_TMP/list"; grep -E "TABLE DATA [^ ]* $ev" "$VP_TMP/list"; } >"$VP_TMP/list_evidence_last"
for variant in summary_last evidence_last; do
  d=$(newdb "dst50_$variant")
  if restore "$d" "$VP_TMP/d50.dump" "$VP_TMP/list_$variant"; then
    digests "$d" "$derived" "$VP_TMP/dst50_$variant.txt"
    compare "$VP_DEFAULT_VERSION restore with order '$variant': every table has the same rows" "$VP_TMP/src50.txt" "$VP_TMP/dst50_$variant.txt"
  else
    not_ok "$VP_DEFAULT_VERSION restore with order '$variant' without errors"; diag <"$VP_TMP/rerr"
  fi
done

# ------------------------------------------------------------------ 4.0 (old dumps)
src4=$(newdb src40)
q "$src4" -c "SET client_min_messages=warning; CREATE EXTENSION vital_persona VERSION '4.0'" && fill_all "$src4" >/dev/null &&
q "$src4" -c "UPDATE personas SET goals = '[\"Reach payers\", {\"text\": \"Cut cycle time\", \"type\": \"primary\"}]',
                                    pain_points = '[\"Slow approvals\"]', challenges = '[{\"challenge\": \"Siloed data\", \"impact\": \"high\"}]',
                                    communication_preferences = '{\"channel\": \"email\"}'"
digests "$src4" '{}' "$VP_TMP/src40.txt"
if pg_dump -Fc -f "$VP_TMP/d40.dump" "$src4"; then ok "pg_dump at 4.0"; else not_ok "pg_dump at 4.0"; fi

naive=$(newdb naive40)
if restore "$naive" "$VP_TMP/d40.dump"; then
  not_ok "restoring a 4.0 dump where the default is $VP_DEFAULT_VERSION fails (why docs/backup.md's procedure exists)"
else
  ok "restoring a 4.0 dump where the default is $VP_DEFAULT_VERSION fails (why docs/backup.md's procedure exists)"
fi

dst4=$(newdb dst40)
q "$dst4" -c "SET client_min_messages=warning; CREATE EXTENSION vital_persona VERSION '4.0'"
if restore "$dst4" "$VP_TMP/d40.dump"; then ok "old-dump procedure: restore into CREATE EXTENSION ... VERSION '4.0' without errors"
else not_ok "old-dump procedure: restore into CREATE EXTENSION ... VERSION '4.0' without errors"; diag <"$VP_TMP/rerr"; fi
digests "$dst4" '{}' "$VP_TMP/dst40.txt"
compare "4.0 round trip: every table has the same rows" "$VP_TMP/src40.txt" "$VP_TMP/dst40.txt"
if q "$dst4" -c "SET client_min_messages=warning; ALTER EXTENSION vital_persona UPDATE" 2>"$VP_TMP/err"; then
  ok "old-dump procedure: ALTER EXTENSION vital_persona UPDATE after the restore"
else
  not_ok "old-dump procedure: ALTER EXTENSION vital_persona UPDATE after the restore"; diag <"$VP_TMP/err"
fi
q "$src4" -c "SET client_min_messages=warning; ALTER EXTENSION vital_persona UPDATE"
# rows the update creates get new ids/timestamps: compare them without those
gen='{persona_goals.id,persona_goals.created_at,persona_goals.updated_at,persona_pain_points.id,persona_pain_points.created_at,persona_pain_points.updated_at,persona_challenges.id,persona_challenges.created_at,persona_challenges.updated_at,persona_communication_preferences.id,persona_communication_preferences.created_at,persona_communication_preferences.updated_at,persona_evidence_summary.id,persona_evidence_summary.created_at,persona_evidence_summary.updated_at}'
digests "$src4" "$gen" "$VP_TMP/src40u.txt"
digests "$dst4" "$gen" "$VP_TMP/dst40u.txt"
compare "4.0 dump restored + updated equals the source updated in place" "$VP_TMP/src40u.txt" "$VP_TMP/dst40u.txt"
n=$(q "$dst4" -c "SELECT count(*) FROM persona_goals WHERE goal_text IN ('Reach payers', 'Cut cycle time')")
check "old-dump procedure: the dumped JSONB goals arrived as rows" test "$n" = 2
check "old-dump procedure: no schema drift after restore + update" test "$(q "$dst4" -c "SELECT count(*) FROM vital_schema_drift()")" = 0
finish
