#!/usr/bin/env bash
# RLS overhead benchmark: common reads as `authenticated` under the generated policies vs. the same statement
# with RLS bypassed (service_role, BYPASSRLS), at 100 tenants x 1,000 personas. One command:
#   bench/rls/run.sh            (builds, installs privately, runs on a throwaway cluster)
# Knobs: VP_BENCH_SCALE (personas per tenant, 1000), VP_BENCH_FILLED (personas per tenant with every section
# filled, 20), VP_BENCH_SECTION_ROWS (rows per section and persona, 2), VP_BENCH_RUNS (executions per
# measurement, 200), VP_BENCH_ROUNDS (alternating bypass/authenticated measurements per query, 5).
# Each execution is its own transaction, as PostgREST runs a request: set_config('role', …, true),
# set_config('request.jwt.claims', …, true) (Supabase-sized claims), the statement, COMMIT. Prints, per query
# and mode (adhoc = parse+plan+execute; prepared = EXECUTE of a statement prepared once per session), the
# median ms of each round, the median over the rounds and the ratio; then the EXPLAIN plans of both runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" != "--inner" ]]; then
  pg=$(VP_PRIVATE_INSTALL=1 scripts/build-install.sh | tail -n 1)
  VP_POSTGRES="$pg" exec scripts/with-temp-pg.sh "$0" --inner
fi
scale=${VP_BENCH_SCALE:-1000}
filled=${VP_BENCH_FILLED:-20}
section_rows=${VP_BENCH_SECTION_ROWS:-2}
runs=${VP_BENCH_RUNS:-200}
rounds=${VP_BENCH_ROUNDS:-5}
psql -X -q -v ON_ERROR_STOP=1 -f test/support/supabase_roles.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA vital; CREATE EXTENSION vital_persona SCHEMA vital" >/dev/null
PGOPTIONS="-c search_path=vital" psql -X -q -v ON_ERROR_STOP=1 -v scale="$scale" -v filled="$filled" -v rows="$section_rows" \
  -f bench/rls/data.sql >/dev/null
psql -X -q -At -c "SELECT 'data: ' || (SELECT count(*) FROM vital.personas) || ' personas, ' ||
  (SELECT sum(n_live_tup) FROM pg_stat_user_tables WHERE schemaname = 'vital') || ' rows, ' ||
  pg_size_pretty(pg_database_size(current_database()))"
psql -X -q -At -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm" -c "SELECT pg_prewarm(c.oid) FROM pg_class c WHERE c.relnamespace = 'vital'::regnamespace AND c.relkind IN ('r', 'i')" \
  >/dev/null 2>&1 || true

tenant=00000000-0000-0000-0000-000000000042
user=10000000-0000-0000-0000-000000000042
persona=20000000-0000-0000-0042-000000000005   # one of the first $filled personas: every section filled
# A Supabase-sized access token payload (what PostgREST puts in request.jwt.claims).
claims="{\"aud\":\"authenticated\",\"exp\":1999999999,\"iat\":1700000000,\"iss\":\"https://example.supabase.co/auth/v1\",\"sub\":\"$user\",\"email\":\"user42@example.com\",\"phone\":\"\",\"app_metadata\":{\"provider\":\"email\",\"providers\":[\"email\"]},\"user_metadata\":{\"email\":\"user42@example.com\",\"email_verified\":true,\"full_name\":\"User 42\",\"sub\":\"$user\"},\"role\":\"authenticated\",\"aal\":\"aal1\",\"amr\":[{\"method\":\"password\",\"timestamp\":1700000000}],\"session_id\":\"30000000-0000-0000-0000-000000000042\",\"is_anonymous\":false}"
IFS=$'\t' read -r one_tables one_prefix < <(psql -X -q -At -F $'\t' -f bench/rls/queries.sql)
list="SELECT id, name, seniority_level FROM vital.personas WHERE tenant_id = '$tenant' AND seniority_level = 'director' ORDER BY name LIMIT 50"
one="${one_prefix}'$persona'"
# list_sameplan: the list with bitmap scans off for both roles, so that bypass and RLS run the same plan shape.
declare -A setup=([list]="" [list_sameplan]="PERFORM set_config('enable_bitmapscan', 'off', true);" [one]="")
declare -A text=([list]="$list" [list_sameplan]="$list" [one]="$one")

# $runs executions of one statement as role $1, each in its own transaction; prints the median ms.
measure() {
  local role=$1 q=$2 mode=$3 sql=${text[$2]} run
  if [[ $mode == prepared ]]; then run="EXECUTE q"; else run=$sql; fi
  psql -X -q -At -v ON_ERROR_STOP=1 <<SQL
$( [[ $mode == prepared ]] && printf 'PREPARE q AS %s;\n' "$sql" )
DO \$\$
DECLARE i int; t0 timestamptz; r record; ms float8[] := '{}';
BEGIN
  FOR i IN 1..$runs LOOP
    PERFORM set_config('role', '$role', true);
    PERFORM set_config('request.jwt.claims', '$claims', true);
    ${setup[$q]}
    t0 := clock_timestamp();
    FOR r IN EXECUTE \$q\$$run\$q\$ LOOP END LOOP;
    ms := ms || (extract(epoch FROM clock_timestamp() - t0) * 1000)::float8;
    COMMIT;
  END LOOP;
  RAISE NOTICE '%', (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x)::numeric, 4) FROM unnest(ms) x);
END \$\$;
SQL
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
plan() {
  psql -X -q -v ON_ERROR_STOP=1 <<SQL
BEGIN;
SELECT set_config('role', '$1', true), set_config('request.jwt.claims', '$claims', true) \gset
$( [[ $2 == list_sameplan ]] && echo "SET LOCAL enable_bitmapscan = off;" )
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${text[$2]};
ROLLBACK;
SQL
}
echo "scale: 100 tenants x $scale personas ($filled per tenant with every section, $section_rows rows each);" \
     "'one' reads $one_tables tables; $runs executions per measurement, $rounds alternating rounds; median ms"
for q in list list_sameplan one; do
  for mode in adhoc prepared; do
    measure service_role "$q" "$mode" >/dev/null 2>&1; measure authenticated "$q" "$mode" >/dev/null 2>&1  # warm-up
    bs=() as=()
    for ((r = 1; r <= rounds; r++)); do
      bs+=("$(measure service_role "$q" "$mode" 2>&1 | sed -n 's/^NOTICE: *//p')")
      as+=("$(measure authenticated "$q" "$mode" 2>&1 | sed -n 's/^NOTICE: *//p')")
    done
    b=$(median "${bs[@]}"); a=$(median "${as[@]}")
    printf '%-14s %-8s bypass %-9s authenticated %-9s ratio %s   (rounds: bypass %s; authenticated %s)\n' "$q" "$mode" "$b" "$a" \
      "$(echo "scale=3; $a / $b" | bc)" "${bs[*]}" "${as[*]}"
  done
done
if [[ "${VP_BENCH_PLANS:-1}" == 1 ]]; then
  for q in list list_sameplan one; do
    echo "--- plan ($q) as authenticated"; plan authenticated "$q"
    echo "--- plan ($q) bypass"; plan service_role "$q"
  done
fi
