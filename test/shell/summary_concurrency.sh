#!/usr/bin/env bash
# Bounded concurrency test of the maintained summary counters (issue #12, docs/summary.md "Concurrency"):
# pgbench, 8 clients, READ COMMITTED, VP_CONC_SECONDS (default 25) seconds of single-statement writers of every
# kind on a few shared personas — child inserts/deletes/moves, evidence inserts (the evidence-summary trigger
# locks the persona row), parent inserts/moves/deletes (grandchildren cascade), grandchild inserts/deletes, persona
# deletes with cascades and re-creation — plus readers (vital_summary, vital_summaries as owner and as
# `authenticated` under a tenant policy). Then: no deadlock and no serialization failure, and every
# persona x section count of vital_summary equals count(*) (from the catalog: every slot, grandchildren through
# their parent), and vital_summary_check_counts() agrees.
source "$(dirname "$0")/../support/shell_lib.sh"
source "$VP_REPO/test/support/summary_shell.sh"
secs=${VP_CONC_SECONDS:-25}
if ! command -v pgbench >/dev/null; then echo "ok 1 # skip pgbench not installed"; echo "1..1"; exit 0; fi
summary_db conc
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$VP_REPO/test/support/supabase_roles.sql" >/dev/null 2>&1  # idempotent
T=10000000-0000-0000-0000-0000000000d1
# 8 stable personas (targets of moves) and 4 that are deleted and re-created
stable=() churn=()
for i in 1 2 3 4 5 6 7 8; do stable+=("d0000000-0000-0000-0000-00000000000$i"); done
for i in a b c d; do churn+=("d0000000-0000-0000-0000-00000000000$i"); done
all=("${stable[@]}" "${churn[@]}")
arr() { local s; s=$(printf "'%s'," "$@"); echo "ARRAY[${s%,}]::uuid[]"; }
summary_seed "$db" "$T" conc 2 "${all[@]}"
q "$db" >/dev/null <<SQL
SET client_min_messages = warning;
-- readers as an API user: one tenant policy on every table, as the generated policies do
DO \$\$
DECLARE r regclass;
BEGIN
    FOR r IN SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
             AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id') LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', r);
        EXECUTE format(\$p\$CREATE POLICY conc_tenant ON %s FOR SELECT TO authenticated
                        USING (tenant_id = ANY (string_to_array(current_setting('vc.tenants', true), ',')::uuid[]))\$p\$, r);
        EXECUTE format('GRANT SELECT ON %s TO authenticated', r);
    END LOOP;
END \$\$;
GRANT USAGE ON SCHEMA public TO authenticated;
GRANT EXECUTE ON FUNCTION vital_summary(uuid), vital_summaries(uuid[]) TO authenticated;
SQL
cols() {  # columns of a table to copy a row (all but id, persona_id and timestamps), with an optional prefix
  q "$db" -c "SELECT string_agg('${2:-}' || quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = '$1'::regclass
              AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('id', 'persona_id', 'created_at', 'updated_at')"
}
cs_cols=$(cols persona_case_studies); cs_rcols=$(cols persona_case_studies r.)
pr_cols=$(cols persona_public_research); pr_rcols=$(cols persona_public_research r.)
w=$VP_TMP/bench
mkdir -p "$w"
any="(($(arr "${all[@]}"))[:i])"
stab="(($(arr "${stable[@]}"))[:j])"
# inserts lock their persona FOR KEY SHARE in the same statement, so a concurrent persona delete makes them
# insert nothing instead of failing on the foreign key (that failure would not be the extension's)
cat >"$w/child_ins.sql" <<SQL
INSERT INTO persona_goals (tenant_id, persona_id, goal_text) SELECT p.tenant_id, p.id, 'conc' FROM personas p WHERE p.id = $any FOR KEY SHARE;
SQL
cat >"$w/child_del.sql" <<SQL
DELETE FROM persona_goals WHERE id = (SELECT id FROM persona_goals WHERE persona_id = $any ORDER BY random() LIMIT 1);
SQL
cat >"$w/child_move.sql" <<SQL
UPDATE persona_goals SET persona_id = $stab WHERE id = (SELECT id FROM persona_goals WHERE persona_id = $any ORDER BY random() LIMIT 1);
SQL
cat >"$w/evidence_ins.sql" <<SQL
INSERT INTO persona_public_research (persona_id, $pr_cols)
SELECT p.id, $pr_rcols FROM personas p, LATERAL (SELECT * FROM persona_public_research ORDER BY random() LIMIT 1) r
 WHERE p.id = $any FOR KEY SHARE OF p ON CONFLICT DO NOTHING;
SQL
cat >"$w/parent_ins.sql" <<SQL
INSERT INTO persona_case_studies (persona_id, $cs_cols)
SELECT p.id, $cs_rcols FROM personas p, LATERAL (SELECT * FROM persona_case_studies ORDER BY random() LIMIT 1) r
 WHERE p.id = $any FOR KEY SHARE OF p ON CONFLICT DO NOTHING;
SQL
cat >"$w/parent_move.sql" <<SQL
UPDATE persona_case_studies SET persona_id = $stab WHERE id = (SELECT id FROM persona_case_studies WHERE persona_id = $any ORDER BY random() LIMIT 1);
SQL
cat >"$w/parent_del.sql" <<SQL
DELETE FROM persona_case_studies WHERE id = (SELECT id FROM persona_case_studies WHERE persona_id = $any ORDER BY random() LIMIT 1);
SQL
cat >"$w/gc_ins.sql" <<SQL
INSERT INTO persona_case_study_metrics (tenant_id, case_study_id, metric_name)
SELECT c.tenant_id, c.id, 'conc' FROM persona_case_studies c WHERE c.id = (SELECT id FROM persona_case_studies WHERE persona_id = $any ORDER BY random() LIMIT 1) FOR KEY SHARE;
SQL
cat >"$w/gc_del.sql" <<SQL
DELETE FROM persona_case_study_metrics WHERE id = (SELECT m.id FROM persona_case_study_metrics m JOIN persona_case_studies c ON c.id = m.case_study_id WHERE c.persona_id = $any ORDER BY random() LIMIT 1);
SQL
# right after each churn delete: counter rows left for the persona it deleted (an orphan, e.g. a delta a
# concurrent grandchild delete appended) are recorded. The end-of-run comparison alone misses most of them: the
# next delete of the same (re-created) persona id removes them again (measured on 5.0: this probe failed 3 runs of
# 3 while the final comparison passed; in a narrowed workload 396 of 1117 persona deletes left rows behind).
q "$db" -c "CREATE TABLE conc_orphans (persona_id uuid, rows_left bigint)" >/dev/null
cat >"$w/persona_churn.sql" <<SQL
\\set c random(1, ${#churn[@]})
DELETE FROM personas WHERE id = ($(arr "${churn[@]}"))[:c];
INSERT INTO conc_orphans SELECT ($(arr "${churn[@]}"))[:c], count(*) FROM _vital_summary_counts c
 WHERE c.persona_id = ($(arr "${churn[@]}"))[:c] AND NOT EXISTS (SELECT FROM personas p WHERE p.id = ($(arr "${churn[@]}"))[:c]) HAVING count(*) > 0;
INSERT INTO personas (id, tenant_id, name, slug) VALUES (($(arr "${churn[@]}"))[:c], '$T', 'churn', 'conc-churn-' || :c) ON CONFLICT DO NOTHING;
INSERT INTO persona_goals (tenant_id, persona_id, goal_text) SELECT p.tenant_id, p.id, 'churn' FROM personas p WHERE p.id = ($(arr "${churn[@]}"))[:c] FOR KEY SHARE;
SQL
cat >"$w/read_owner.sql" <<SQL
SELECT vital_summary($any);
SELECT count(*) FROM vital_summaries($(arr "${all[@]}"));
SQL
cat >"$w/read_api.sql" <<SQL
SET ROLE authenticated;
SELECT set_config('vc.tenants', '$T', false);
SELECT vital_summary($any);
SELECT count(*) FROM vital_summaries($(arr "${all[@]}"));
RESET ROLE;
SQL
for f in "$w"/*.sql; do  # pgbench variables used by $any / $stab
  { printf '\\set i random(1, %s)\n\\set j random(1, %s)\n' "${#all[@]}" "${#stable[@]}"; cat "$f"; } >"$f.tmp" && mv "$f.tmp" "$f"
done
deadlocks_before=$(deadlocks_in_log "$db")
(cd "$w" && pgbench -n -c 8 -j 2 -T "$secs" --max-tries=1 --failures-detailed \
   -f child_ins.sql@4 -f child_del.sql@3 -f child_move.sql@2 -f evidence_ins.sql@2 \
   -f parent_ins.sql@2 -f parent_move.sql@2 -f parent_del.sql@1 -f gc_ins.sql@3 -f gc_del.sql@2 \
   -f persona_churn.sql@1 -f read_owner.sql@2 -f read_api.sql@2 "$db" >"$w/out.txt" 2>&1)
rc=$?
tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$w/out.txt" | tail -1)
processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$w/out.txt")
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$w/out.txt")
if [[ $rc -eq 0 && "${failed:-x}" == 0 ]] && ! grep -q 'aborted' "$w/out.txt"; then
  ok "pgbench ${secs}s, 8 clients, READ COMMITTED: $processed transactions ($tps tx/s), 0 failed, no client aborted"
else
  not_ok "pgbench ${secs}s, 8 clients, READ COMMITTED: 0 failed transactions, no client aborted (rc $rc, failed ${failed:-?})"
  grep -E 'aborted|ERROR|failed|deadlock|serializ' "$w/out.txt" | head -20 | diag
fi
if [[ -n "${VP_SERVER_LOG:-}" ]]; then
  deadlocks_after=$(deadlocks_in_log "$db")
  check "no deadlock in the server log during the run (this database)" test "$deadlocks_after" = "$deadlocks_before"
  [[ "$deadlocks_after" == "$deadlocks_before" ]] ||
    grep -A14 " $db ERROR:  deadlock detected" "$VP_SERVER_LOG" | grep -E 'DETAIL|Process [0-9]+:|CONTEXT|STATEMENT|waits for' | cut -c1-400 | head -60 | diag
fi
sed -n 's/^ *\(tps\|number of \(failed\|serialization\|deadlock\)\)/# \1/p' "$w/out.txt"
grep -Eq 'transactions actually processed: [1-9]' "$w/out.txt" && kinds_ok=1 || kinds_ok=0
check "the workload ran (transactions processed)" test "$kinds_ok" = 1

# every persona x section: vital_summary (owner: counters) = count(*) (catalog-driven, all slots)
bad=$(summary_mismatches "$db")
if [[ -z "$bad" ]]; then ok "afterwards every persona x section count of vital_summary equals count(*)"
else not_ok "afterwards every persona x section count of vital_summary equals count(*)"; diag <<<"$bad"; fi
check "... vital_summary_check_counts() reports no drift" test "$(q "$db" -c "SELECT count(*) FROM vital_summary_check_counts()")" = 0
orphans=$(q "$db" -c "SELECT count(*) FROM conc_orphans")
check "... no persona delete left counter rows of the persona behind (probed after each churn delete)" test "$orphans" = 0
[[ "$orphans" == 0 ]] || q "$db" -c "SELECT count(*) || ' churn deletes left ' || sum(rows_left) || ' counter rows' FROM conc_orphans" | diag
check "... the evidence summary of every persona equals a recomputation" \
  test "$(q "$db" -c "SELECT count(*) FROM persona_evidence_summary s JOIN evidence_summary_compute($(arr "${all[@]}")) c USING (persona_id)
                     WHERE (s.total_sources, s.case_studies_count, s.research_studies_count) IS DISTINCT FROM (c.total_sources, c.case_studies_count, c.research_studies_count)")" = 0
check "... the counters have at most a few rows per persona (folded)" \
  test "$(q "$db" -c "SELECT coalesce(max(n), 0) <= 8 FROM (SELECT count(*) n FROM _vital_summary_counts GROUP BY persona_id) x")" = t
q "$db" -c "SELECT count(*) || ' counter rows for ' || count(DISTINCT persona_id) || ' personas' FROM _vital_summary_counts" | diag
finish
