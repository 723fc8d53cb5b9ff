#!/usr/bin/env bash
# Citus benchmark: per-tenant reads and vital_summary as an API user, one node vs the 3-node cluster
# (coordinator + 2 workers on this machine, scripts/with-citus-cluster.sh), plus the per-row cost of the Citus
# policy form against the single-node initPlan form. One command:
#   bench/citus/run.sh
# Knobs: VP_BENCH_TENANTS (20), VP_BENCH_PERSONAS (50 per tenant), VP_BENCH_SECONDS (10 per measurement),
# VP_BENCH_SHARDS (8 per distributed table). Every transaction is a PostgREST request: BEGIN, set_config of role and
# claims, SELECT vital_citus_request(), the statement, COMMIT (pgbench -M prepared, 1 client, tenant 7).
# Needs Citus (scripts/citus.sh): prints "skipped: Citus not installed" otherwise. Writes bench/results/citus.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" == "" ]]; then
  scripts/citus.sh --check >/dev/null || { echo "skipped: Citus not installed"; exit 0; }
  stage=$(scripts/citus.sh | tail -n 1)
  pg=$(VP_PRIVATE_INSTALL=1 scripts/build-install.sh | tail -n 1)
  for d in "$(pg_config --pkglibdir)" "$(pg_config --sharedir)/extension"; do
    for f in "$stage$d"/*; do [[ -f "$f" ]] || continue; rm -f ".pgtree$d/$(basename "$f")"; cp -p "$f" ".pgtree$d/$(basename "$f")"; done
  done
  mkdir -p bench/results
  out=bench/results/citus.txt
  : >"$out"
  VP_POSTGRES="$pg" VP_PG_OPTS="-c shared_preload_libraries=citus" scripts/with-temp-pg.sh "$0" --single | tee -a "$out"
  VP_POSTGRES="$pg" scripts/with-citus-cluster.sh "$0" --cluster | tee -a "$out"
  echo "written: $out"
  exit 0
fi
tenants=${VP_BENCH_TENANTS:-20} personas=${VP_BENCH_PERSONAS:-50} seconds=${VP_BENCH_SECONDS:-10} shards=${VP_BENCH_SHARDS:-8}
db=vp_bench
T=$(printf '10000000-0000-0000-0000-%012x' 7) U=$(printf '20000000-0000-0000-0000-%012x' 7)
P=$(printf '3%07x-0000-0000-0000-%012x' 7 3)
setup_roles() { psql -X -q -v ON_ERROR_STOP=1 -h "$1" -p "$2" -d postgres -f test/support/supabase_roles.sql \
                  -c "ALTER ROLE authenticated LOGIN" -c "CREATE DATABASE $db" >/dev/null; }
bench() {  # bench LABEL SQL: transactions per second (median of 3 runs of $seconds/3)
  local label=$1 sql=$2 f tps=()
  f=$(mktemp); cat >"$f" <<SQL
BEGIN;
SELECT set_config('role', 'authenticated', true), set_config('request.jwt.claims', '{"sub":"$U","role":"authenticated"}', true);
SELECT vital.vital_citus_request();
$sql;
COMMIT;
SQL
  for _ in 1 2 3; do
    tps+=("$(pgbench -n -M prepared -c 1 -T $(( (seconds + 2) / 3 )) -f "$f" "$db" 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p')")
  done
  rm -f "$f"
  printf '%-44s %10s tps   (runs: %s)\n' "$label" "$(printf '%s\n' "${tps[@]}" | sort -n | sed -n 2p)" "${tps[*]}"
}
queries() {
  bench "$1 list: 50 personas of the tenant" "SELECT id, name FROM vital.personas WHERE tenant_id = '$T' ORDER BY name LIMIT 50"
  bench "$1 goals of the tenant (400 rows)" "SELECT count(*), max(goal_text) FROM vital.persona_goals WHERE tenant_id = '$T'"
  bench "$1 one persona's goals" "SELECT * FROM vital.persona_goals WHERE tenant_id = '$T' AND persona_id = '$P'"
  bench "$1 vital_summary(persona)" "SELECT vital.vital_summary('$P')"
}

if [[ "$1" == "--single" ]]; then
  echo "== one node ($tenants tenants x $personas personas; $(nproc) cores shared)"
  setup_roles "$PGHOST" "$PGPORT"
  export PGDATABASE=$db
  psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning; CREATE SCHEMA vital; CREATE EXTENSION vital_persona SCHEMA vital" >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -v tenants="$tenants" -v personas="$personas" -f bench/citus/data.sql >/dev/null
  queries "1 node, initPlan policies:"
  # Citus installed but nothing distributed: the generator switches to the Citus policy form on the same tables.
  psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning; CREATE EXTENSION citus" -c "SELECT count(*) FROM vital.vital_rls_apply()" >/dev/null
  queries "1 node, Citus policy form (per row):"
else
  echo "== 3 nodes (coordinator + 2 workers, $shards shards per table, same data)"
  read -r -a socks <<<"$VP_CITUS_SOCKETS"; read -r -a ports <<<"$VP_CITUS_COORD_PORT $VP_CITUS_WORKER_PORTS"
  for n in 0 1 2; do
    setup_roles "${socks[$n]}" "${ports[$n]}"
    psql -X -q -v ON_ERROR_STOP=1 -h "${socks[$n]}" -p "${ports[$n]}" -d $db -c "CREATE EXTENSION citus" >/dev/null
  done
  export PGDATABASE=$db
  psql -X -q -v ON_ERROR_STOP=1 -c "SELECT citus_set_coordinator_host('127.0.0.1', $VP_CITUS_COORD_PORT)" \
    -c "SELECT citus_add_node('127.0.0.1', ${ports[1]})" -c "SELECT citus_add_node('127.0.0.1', ${ports[2]})" \
    -c "ALTER DATABASE $db SET citus.propagate_set_commands = 'local'" >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning; CREATE SCHEMA vital; CREATE EXTENSION vital_persona SCHEMA vital" \
    -c "SELECT count(*) FROM vital.vital_distribute($shards)" >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -v tenants="$tenants" -v personas="$personas" -f bench/citus/data.sql >/dev/null
  queries "3 nodes:"
fi
