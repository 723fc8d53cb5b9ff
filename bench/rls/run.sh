#!/usr/bin/env bash
# RLS overhead benchmark: common reads as `authenticated` under the generated policies vs. the same query
# with RLS bypassed (service_role, BYPASSRLS), at 100 tenants x 1,000 personas. Prints the median of each
# query, the ratio, and the EXPLAIN plans (the initPlan must show). One command:
#   bench/rls/run.sh            (builds, installs privately, runs on a throwaway cluster)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" != "--inner" ]]; then
  pg=$(VP_PRIVATE_INSTALL=1 scripts/build-install.sh | tail -n 1)
  VP_POSTGRES="$pg" exec scripts/with-temp-pg.sh "$0" --inner
fi
scale=${VP_BENCH_SCALE:-1000}
runs=${VP_BENCH_RUNS:-200}
psql -X -q -v ON_ERROR_STOP=1 -f test/support/supabase_roles.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA vital; CREATE EXTENSION vital_persona SCHEMA vital" >/dev/null
PGOPTIONS="-c search_path=vital" psql -X -q -v ON_ERROR_STOP=1 -v scale="$scale" -f bench/rls/data.sql >/dev/null

tenant=00000000-0000-0000-0000-000000000042
user=10000000-0000-0000-0000-000000000042
persona=20000000-0000-0000-0042-000000000500
claims="{\"sub\":\"$user\",\"role\":\"authenticated\"}"
list="SELECT id, name, seniority_level FROM vital.personas WHERE tenant_id = '$tenant' AND seniority_level = 'director' ORDER BY name LIMIT 50"
one="SELECT p.*, (SELECT jsonb_agg(g) FROM vital.persona_goals g WHERE g.tenant_id = p.tenant_id AND g.persona_id = p.id) AS goals, (SELECT jsonb_agg(t) FROM vital.persona_tags t WHERE t.tenant_id = p.tenant_id AND t.persona_id = p.id) AS tags FROM vital.personas p WHERE p.id = '$persona'"

# Runs $runs executions of a query inside PostgREST-style transactions as role $1; prints the median ms.
measure() {
  local role=$1 sql=$2
  psql -X -q -At -v ON_ERROR_STOP=1 <<SQL
CREATE TEMP TABLE IF NOT EXISTS t (ms float8);
TRUNCATE t;
DO \$\$
DECLARE i int; t0 timestamptz; r record;
BEGIN
  FOR i IN 1..$runs LOOP
    PERFORM set_config('role', '$role', true);
    PERFORM set_config('request.jwt.claims', '$claims', true);
    t0 := clock_timestamp();
    FOR r IN EXECUTE \$q\$$sql\$q\$ LOOP END LOOP;
    EXECUTE 'RESET ROLE';
    INSERT INTO t VALUES (extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
END \$\$;
SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 4) FROM t;
SQL
}
plan() {
  psql -X -q -v ON_ERROR_STOP=1 <<SQL
BEGIN;
SELECT set_config('role', '$1', true), set_config('request.jwt.claims', '$claims', true) \gset
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) $2;
ROLLBACK;
SQL
}
echo "scale: 100 tenants x $scale personas; $runs runs per query; median ms"
for q in list one; do
  sql=${!q}
  measure service_role "$sql" >/dev/null; measure authenticated "$sql" >/dev/null   # warm-up
  b=$(measure service_role "$sql"); a=$(measure authenticated "$sql")
  b2=$(measure service_role "$sql"); a2=$(measure authenticated "$sql")
  echo "$q: bypass ${b}/${b2} ms, authenticated+RLS ${a}/${a2} ms, ratio $(echo "scale=3; ($a + $a2) / ($b + $b2)" | bc)"
done
for q in list one; do
  echo "--- plan ($q) as authenticated"; plan authenticated "${!q}"
  echo "--- plan ($q) bypass"; plan service_role "${!q}"
done
