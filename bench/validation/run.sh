#!/usr/bin/env bash
# COPY N rows (default 1,000,000) into persona_week_in_life on a throwaway cluster, with
#   none       no BEFORE trigger (declared constraints and FKs only)
#   cpp        the C++ trigger vital_validate_row()
#   cpp_off    the C++ trigger with vital_persona.validation = off (the cost of having any BEFORE trigger)
#   plpgsql    an equivalent hand-written PL/pgSQL trigger (plpgsql_trigger.sql)
# Each variant runs VP_BENCH_REPEAT times (default 3), interleaved; the best time of each is reported with its
# ratio to `none`. Usage: bench/validation/run.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" != "--inner" ]]; then
  pg=$(VP_PRIVATE_INSTALL=1 scripts/build-install.sh | tail -n 1)
  VP_POSTGRES="$pg" VP_PG_OPTS="${VP_PG_OPTS:--c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=30min}" \
    exec scripts/with-temp-pg.sh "$0" --inner "${1:-1000000}"
fi
rows=$2 repeat=${VP_BENCH_REPEAT:-3}
psql=(psql -X -q -v ON_ERROR_STOP=1 -d postgres)
"${psql[@]}" -f test/support/supabase_roles.sql >/dev/null
data=$(mktemp -d); chmod 777 "$data"; trap 'rm -rf "$data"' EXIT
"${psql[@]}" <<SQL
SET client_min_messages = warning;
CREATE EXTENSION vital_persona;
\i bench/validation/plpgsql_trigger.sql
-- The same two functions without the per-call SET search_path (fmgr_security_definer's GUC save/restore).
CREATE FUNCTION bench_cpp_noset() RETURNS trigger LANGUAGE c AS 'vital_persona', 'vital_validate_row';
SELECT format('CREATE FUNCTION bench_week_validate_noset() RETURNS trigger LANGUAGE plpgsql AS %L', prosrc)
FROM pg_proc WHERE proname = 'bench_week_validate' \gexec
INSERT INTO tenants (id, name, slug) VALUES ('00000000-0000-0000-0000-00000000000a', 'Bench', 'bench');
INSERT INTO personas (id, tenant_id, name, slug)
  SELECT ('10000000-0000-0000-0000-' || lpad(to_hex(i), 12, '0'))::uuid, '00000000-0000-0000-0000-00000000000a',
         'Persona ' || i, 'persona-' || i
  FROM generate_series(0, ($rows + 6) / 7) i;
VACUUM ANALYZE personas;
COPY (SELECT '00000000-0000-0000-0000-00000000000a'::uuid,
             ('10000000-0000-0000-0000-' || lpad(to_hex(i / 7), 12, '0'))::uuid,
             (ARRAY['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday'])[i % 7 + 1],
             '08:00'::time, '17:30'::time, (ARRAY['heavy','moderate','light'])[i % 3 + 1], i % 25,
             (ARRAY['high','medium','low','none'])[i % 4 + 1], (ARRAY['high','medium','low'])[i % 3 + 1],
             '{email,meetings,"deep work"}'::text[], i % 40, i % 12
      FROM generate_series(0, $rows - 1) i) TO '$data/week.csv' (FORMAT csv);
SQL
cols="tenant_id, persona_id, day_of_week, typical_start_time, typical_end_time, meeting_load, focus_time_available, travel_likelihood, energy_pattern, typical_activities, stakeholder_interactions, decision_count"
run() {  # variant -> seconds
  local setup
  case $1 in
    none)    setup="DROP TRIGGER IF EXISTS vital_validate_row ON persona_week_in_life;" ;;
    cpp)     setup="CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON persona_week_in_life FOR EACH ROW EXECUTE FUNCTION vital_validate_row();" ;;
    cpp_off) setup="CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON persona_week_in_life FOR EACH ROW EXECUTE FUNCTION vital_validate_row(); SET vital_persona.validation = off;" ;;
    cpp_noset) setup="CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON persona_week_in_life FOR EACH ROW EXECUTE FUNCTION bench_cpp_noset();" ;;
    plpgsql_noset) setup="CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON persona_week_in_life FOR EACH ROW EXECUTE FUNCTION bench_week_validate_noset();" ;;
    plpgsql) setup="CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON persona_week_in_life FOR EACH ROW EXECUTE FUNCTION bench_week_validate();" ;;
  esac
  "${psql[@]}" -At <<SQL
SET client_min_messages = warning;
DROP TRIGGER IF EXISTS vital_validate_row ON persona_week_in_life;
TRUNCATE persona_week_in_life;
CHECKPOINT;
$setup
SELECT pg_backend_pid() AS pid \gset
\setenv BACKEND_PID :pid
\! awk '{print \$14 + \$15}' /proc/\$BACKEND_PID/stat > $data/cpu0
SELECT clock_timestamp() AS t0 \gset
COPY persona_week_in_life ($cols) FROM '$data/week.csv' (FORMAT csv);
SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric, 3) AS wall \gset
\! awk '{print \$14 + \$15}' /proc/\$BACKEND_PID/stat > $data/cpu1
\echo :wall
SQL
  # CPU seconds of the backend that ran the COPY (less sensitive than wall time to other load on the machine)
  echo "$(( $(cat "$data/cpu1") - $(cat "$data/cpu0") ))" | awk -v t="$(getconf CLK_TCK)" '{printf "%.2f\n", $1 / t}'
}
declare -A best wall
for r in $(seq "$repeat"); do
  for v in ${VP_BENCH_VARIANTS:-none cpp cpp_off plpgsql cpp_noset plpgsql_noset}; do
    out=$(run $v | tail -n 2)
    w=$(head -n 1 <<<"$out") s=$(tail -n 1 <<<"$out")
    echo "run $r $v: backend CPU ${s}s, wall ${w}s" >&2
    if [[ -z "${best[$v]:-}" ]] || awk "BEGIN{exit !($s < ${best[$v]})}"; then best[$v]=$s; fi
    if [[ -z "${wall[$v]:-}" ]] || awk "BEGIN{exit !($w < ${wall[$v]})}"; then wall[$v]=$w; fi
  done
done
echo "best wall times:"; for v in "${!wall[@]}"; do echo "  $v ${wall[$v]}s"; done
echo "ratios below use the backend's CPU time"
echo "rows=$rows best of $repeat"
for v in ${VP_BENCH_VARIANTS:-none cpp cpp_off plpgsql cpp_noset plpgsql_noset}; do
  awk -v v="$v" -v s="${best[$v]}" -v b="${best[none]}" 'BEGIN{printf "%-8s %8.3fs  %.2fx none\n", v, s, s/b}'
done
[[ -n "${best[cpp]:-}" && -n "${best[plpgsql]:-}" ]] && awk -v c="${best[cpp]}" -v p="${best[plpgsql]}" -v n="${best[none]}" \
  'BEGIN{printf "plpgsql / cpp (whole COPY) = %.2fx; trigger overhead over none: cpp %.3fs, plpgsql %.3fs, ratio %.2fx\n", p/c, c-n, p-n, (p-n)/(c-n)}'
if [[ -n "${best[cpp_noset]:-}" && -n "${best[plpgsql_noset]:-}" ]]; then
  awk -v c="${best[cpp_noset]}" -v p="${best[plpgsql_noset]}" -v n="${best[none]}" \
    'BEGIN{printf "without SET search_path: overhead cpp %.3fs, plpgsql %.3fs, ratio %.2fx\n", c-n, p-n, (p-n)/(c-n)}'
fi
