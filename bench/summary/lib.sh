# shellcheck shell=bash
# Shared helpers of the bench/summary scripts (sourced, not run).

# bench_pgbench DIR SCRIPT CLIENTS SECONDS [PGOPTIONS]
# Runs pgbench -M prepared on DIR/SCRIPT.sql (output in DIR/SCRIPT.out, per-transaction log in DIR)
# and prints "tps p50 p95 p99 cpu" (latencies in ms, from the per-transaction log; cpu = server CPU ms
# per transaction of the run's backends, see bench_children_cpu, when BENCH_DATADIR names the cluster's
# data directory, else "-").
bench_pgbench() {
  local dir=$1 script=$2 clients=$3 secs=$4 opts=${5:-} cpu0="" cpu="-"
  [[ -z ${BENCH_DATADIR:-} ]] || { sleep 0.5; cpu0=$(bench_children_cpu "$BENCH_DATADIR"); }
  (cd "$dir" && rm -f pgbench_log.* &&
    PGOPTIONS="$opts" pgbench -n -M prepared -c "$clients" -j "$(( clients > 1 ? 2 : 1 ))" -T "$secs" -l \
      -f "$script.sql" >"$script.out" 2>&1) || { cat "$dir/$script.out" >&2; return 1; }
  local tps n
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$dir/$script.out" | tail -1)
  n=$(cat "$dir"/pgbench_log.* | wc -l)
  if [[ -n $cpu0 ]]; then
    sleep 1   # the backends exit after pgbench; the postmaster adds their CPU when it reaps them
    cpu=$(awk -v a="$cpu0" -v b="$(bench_children_cpu "$BENCH_DATADIR")" -v n="$n" 'BEGIN{printf "%.3f", (b - a) * 1000 / n}')
  fi
  echo "$tps $(cat "$dir"/pgbench_log.* | awk '{print $3}' | sort -n |
    awk '{a[NR]=$1} END {printf "%.3f %.3f %.3f", a[int(NR*0.5)]/1000, a[int(NR*0.95)]/1000, a[int(NR*0.99)]/1000}') $cpu"
}

# bench_load: the 1/5/15-minute load averages, for every result line (the machine is shared)
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }

# bench_ratio A B: A/B with two decimals
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", (b == 0 ? 0 : a / b)}'; }

# bench_children_cpu DATADIR: CPU seconds (user + system) of the server's exited backends so far, from the
# postmaster's cutime + cstime (a backend's CPU time is added there when it exits). The difference around a
# pgbench run is the CPU its backend spent: much less sensitive to a loaded machine than wall-clock time.
bench_children_cpu() {
  local pm; pm=$(head -1 "$1/postmaster.pid")
  awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%.2f", ($14 + $15) / hz}' "/proc/$pm/stat"
}

# bench_summary_scripts DIR N: the pgbench scripts of the read variants of bench/summary, each on a random persona
# 1..N of setup.sql's ids: summary (C++), plpgsql ((a) same-output SQL), counts (counts-only SQL), matview
# ((b) the seed's persona_summary query for one persona), pkfetch ((c) SELECT * by id).
bench_summary_scripts() {
  local dir=$1 n=$2 id="('00000000-0000-4000-8000-' || lpad(to_hex((:n)::int), 12, '0'))::uuid" v q
  for v in summary plpgsql counts matview pkfetch; do
    case $v in
      summary) q="SELECT vital_summary($id);" ;;
      plpgsql) q="SELECT bench_summary_sql($id);" ;;
      counts) q="SELECT bench_counts_sql($id);" ;;
      matview) q="SELECT p.id, p.name, p.title, count(DISTINCT g.id), count(DISTINCT pp.id), count(DISTINCT r.id), jsonb_build_object('wilo', (SELECT jsonb_agg(w) FROM persona_week_in_life w WHERE w.persona_id = p.id), 'stakeholders', (SELECT count(*) FROM persona_internal_stakeholders s WHERE s.persona_id = p.id)) FROM personas p LEFT JOIN persona_goals g ON g.persona_id = p.id LEFT JOIN persona_pain_points pp ON pp.persona_id = p.id LEFT JOIN persona_public_research r ON r.persona_id = p.id WHERE p.id = $id GROUP BY p.tenant_id, p.id;" ;;
      pkfetch) q="SELECT * FROM personas WHERE id = $id;" ;;
    esac
    printf '\\set n random(1, %s)\n%s\n' "$n" "$q" >"$dir/$v.sql"
  done
}
