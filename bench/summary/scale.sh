#!/usr/bin/env bash
# Scale curve of vital_summary (issue 12), one command:  bench/summary/scale.sh
#   bench/summary/scale.sh gen N      generate the N-persona data set once (kept, reused)
#   bench/summary/scale.sh run        measure every generated size under every profile
#   bench/summary/scale.sh writes     only the write cost (tuned profile) at every size
#   bench/summary/scale.sh            gen every size in VS_SCALES, then run
# Data sets live OUTSIDE the repo, one cluster per size: $VS_CACHE/bench-N/data (default
# /work/cache); the default and the tuned profile restart the same cluster with other settings,
# so both measure the same bytes. Each cluster is generated with bench/summary/setup.sql (the
# generic filler test/support/fill.sql, VS_ROWS rows per persona per section, counters
# rebuilt, VACUUM ANALYZE, tenant policies, the (a) SQL baseline).
# Knobs: VS_ID_INDEX (0; 1, 2: extra indexes on ids, see id_indexes), VS_SCALES ("1000 10000 100000"), VS_PROFILES ("default tuned"), VS_SECONDS (15),
#        VS_WRITES (0; 1 = also the write cost at each size, tuned profile), VS_ROWS (4), VS_TENANTS (10), VS_TUNED_SB (shared_buffers of "tuned", default 10GB).
# Writes bench/summary/scale_results.md (appends one section per run).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/summary/lib.sh
export VS_SCALES="${VS_SCALES:-1000 10000 100000}" VS_PROFILES="${VS_PROFILES:-default tuned}" \
       VS_SECONDS="${VS_SECONDS:-15}" VS_ROWS="${VS_ROWS:-4}" VS_TENANTS="${VS_TENANTS:-10}" \
       VS_CACHE="${VS_CACHE:-/work/cache}" VS_TUNED_SB="${VS_TUNED_SB:-10GB}"
command -v pgbench >/dev/null || scripts/install-deps.sh --with-bench
pg=${VP_POSTGRES:-$(VP_PRIVATE_INSTALL=1 scripts/build-install.sh | tail -1)}
bin=$(dirname "$pg")
[[ -x "$bin/initdb" ]] || bin=$(pg_config --bindir)
as_server=()
if [[ $(id -u) -eq 0 ]]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  as_server=(runuser -u postgres --)
fi
# Settings every profile shares: a throwaway cluster (no durability), no autovacuum noise
# between variants (the data set is VACUUMed once after generation), no JIT.
# (one line: pg_ctl pastes -o into a shell command line)
common="-c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=20"
common+=" -c autovacuum=off -c jit=off -c track_io_timing=on -c shared_preload_libraries=pg_stat_statements"
common+=" -c max_wal_size=8GB -c checkpoint_timeout=1h"
profile_opts() {
  case $1 in
    default) echo "" ;;   # shared_buffers 128MB, effective_cache_size 4GB: PostgreSQL's defaults
    tuned) echo "-c shared_buffers=$VS_TUNED_SB -c effective_cache_size=16GB -c huge_pages=off" ;;
    gen) echo "-c shared_buffers=4GB -c maintenance_work_mem=1GB -c wal_level=minimal -c max_wal_senders=0" ;;
    *) echo "unknown profile $1" >&2; return 1 ;;
  esac
}
dir_of() { echo "$VS_CACHE/bench-$1"; }
start() {  # N profile
  local d; d=$(dir_of "$1")
  "${as_server[@]}" "$bin/pg_ctl" -D "$d/data" -p "$pg" -l "$d/postgres.log" -w -t 300 \
    -o "-k '$d' -p 5432 $common $(profile_opts "$2")" start >/dev/null
  export PGHOST="$d" PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
}
stop() { "${as_server[@]}" "$bin/pg_ctl" -D "$(dir_of "$1")/data" -m fast -w -t 300 stop >/dev/null; }

gen() {  # N
  local n=$1 d; d=$(dir_of "$1")
  if [[ -f "$d/generated" ]]; then echo "bench-$n: already generated ($(cat "$d/generated"))"; return 0; fi
  rm -rf "$d"; mkdir -p "$d"; chmod 755 "$VS_CACHE" "$d"
  [[ ${#as_server[@]} -eq 0 ]] || chown postgres:postgres "$d"
  "${as_server[@]}" "$bin/initdb" -D "$d/data" -U postgres --auth=trust --no-sync --encoding=UTF8 --locale=C >"$d/initdb.log"
  start "$n" gen
  trap 'stop '"$n"' || true' EXIT
  local t0; t0=$(date +%s)
  psql -X -q -f test/support/supabase_roles.sql >/dev/null
  psql -X -q -c "CREATE EXTENSION vital_persona" -c "CREATE EXTENSION pg_stat_statements" -c "CREATE EXTENSION pg_prewarm" >/dev/null
  local fast=(); (( n < 100000 )) || fast=(-v fast_counts=1)   # see bench/summary/fast_counts.sql
  PGOPTIONS="-c vs.rows=$VS_ROWS" psql -X -q -v tenants="$VS_TENANTS" -v personas="$n" -v skip_prewarm=1 "${fast[@]}" \
    -f bench/summary/setup.sql >"$d/setup.log" 2>&1
  finish_gen "$n" "$t0"
}
# After the load: the summary, checkpoint, stop, and the "generated" marker scale.sh run looks for.
finish_gen() {  # N start-epoch (cluster running)
  local n=$1 t0=$2 d; d=$(dir_of "$1")
  local rows size
  rows=$(psql -X -At -c "SELECT sum(n_live_tup) FROM pg_stat_user_tables")
  size=$(psql -X -At -c "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'")
  psql -X -q -c CHECKPOINT
  stop "$n"; trap - EXIT
  echo "$n personas, $rows rows, $size, generated in $(( $(date +%s) - t0 ))s${VS_GEN_NOTE:-} on $(date -u '+%Y-%m-%d %H:%M') UTC (load $(cut -d' ' -f1-3 /proc/loadavg) at end)" | tee "$d/generated"
}
# A generation interrupted after the section load (e.g. a counters rebuild cancelled as too slow): compute the
# counters with bench/summary/fast_counts.sql and run the rest of setup.sql (VACUUM ANALYZE, policies, baselines).
resume() {  # N
  local n=$1 d t0; d=$(dir_of "$1"); t0=$(date +%s)
  [[ ! -f "$d/generated" ]] || { echo "bench-$n: already generated" >&2; return 0; }
  start "$n" gen
  trap 'stop '"$n"' || true' EXIT
  { psql -X -q -f bench/summary/fast_counts.sql
    sed -n '/^-- (scale.sh resumes here/,$p' bench/summary/setup.sql |
      PGOPTIONS="-c vs.rows=$VS_ROWS" psql -X -q -v ON_ERROR_STOP=1 -v skip_prewarm=1
  } >>"$d/setup.log" 2>&1
  VS_GEN_NOTE=" (resumed: counters by fast_counts.sql, then VACUUM ANALYZE etc.; the load before took ${VS_LOAD_SECS:-?}s)" finish_gen "$n" "$t0"
}


# Inventory of one persona's summary, per relation kind: shared buffers touched (hit + read) and read
# (= missed shared_buffers; from the OS cache here) per call, from pg_statio_* after a reset.
statio_sql="WITH m AS (SELECT key AS relname, value AS mode FROM jsonb_each_text(_vital_summary_modes())),
  k AS (SELECT CASE WHEN t.relname = 'personas' THEN 'personas'
                    WHEN t.relname LIKE '\_vital\_summary\_counts%' THEN 'counters'
                    WHEN m.mode = 'counter' THEN 'counted sections'
                    WHEN m.mode IS NOT NULL THEN 'scanned sections'
                    ELSE 'other' END AS kind,
               coalesce(heap_blks_hit, 0) + coalesce(heap_blks_read, 0) + coalesce(toast_blks_hit, 0) + coalesce(toast_blks_read, 0) AS heap_touch,
               coalesce(heap_blks_read, 0) + coalesce(toast_blks_read, 0) AS heap_read,
               coalesce(idx_blks_hit, 0) + coalesce(idx_blks_read, 0) AS idx_touch, coalesce(idx_blks_read, 0) AS idx_read
        FROM pg_statio_user_tables t LEFT JOIN m USING (relname))
  SELECT string_agg(format('%s %s/%s heap, %s/%s index', kind, round(sum_ht / :calls, 1), round(sum_hr / :calls, 1),
                           round(sum_it / :calls, 1), round(sum_ir / :calls, 1)), '; ' ORDER BY kind)
  FROM (SELECT kind, sum(heap_touch) sum_ht, sum(heap_read) sum_hr, sum(idx_touch) sum_it, sum(idx_read) sum_ir
        FROM k GROUP BY kind HAVING sum(heap_touch) + sum(idx_touch) > 0) s"

# VS_ID_INDEX: 0 = the schema as installed; 1 = plus an index on personas (id); 2 = plus indexes on the id of every
# parent of grandchildren and on every grandchild's parent key. None of them is part of 4.0/5.0: their keys are
# (tenant_id, id), so a lookup by id alone has no index (bench/README.md "Scale curve"). 5.1 installs the personas
# one (idx_personas_id, issue 12): where an index leading with personas (id) exists, levels 1/2 do not add a second.
# Prints the label.
id_indexes() {
  psql -X -q -At -c "DO \$\$ DECLARE i regclass; BEGIN
      FOR i IN SELECT c.oid::regclass FROM pg_class c WHERE c.relkind = 'i' AND c.relname LIKE 'bench\_%' AND c.relnamespace = 'public'::regnamespace LOOP
        EXECUTE format('DROP INDEX %s', i); END LOOP; END \$\$" >/dev/null
  case ${VS_ID_INDEX:-0} in
    0) ;;
    1|2) psql -X -q -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid
           AND a.attnum = x.indkey[0] WHERE x.indrelid = 'personas'::regclass AND a.attname = 'id') THEN
           CREATE INDEX bench_personas_id ON personas (id); END IF; END \$\$" >/dev/null ;;&
    2) psql -X -q -At -c "DO \$\$ DECLARE s record; BEGIN
         FOR s IN SELECT DISTINCT parent FROM _vital_summary_slots WHERE parent <> '' LOOP
           EXECUTE format('CREATE INDEX %I ON %I (id)', left('bench_' || s.parent, 50) || '_id', s.parent); END LOOP;
         FOR s IN SELECT relname, key_column FROM _vital_summary_slots WHERE parent <> '' LOOP
           EXECUTE format('CREATE INDEX %I ON %I (%I)', left('bench_' || s.relname, 50) || '_key', s.relname, s.key_column); END LOOP;
         END \$\$" >/dev/null ;;
  esac
  psql -X -q -c "ANALYZE" >/dev/null
  case ${VS_ID_INDEX:-0} in
    1) echo ", + index personas (id)" ;;
    2) echo ", + indexes personas (id), parents (id), grandchildren (parent key)" ;;
  esac
}

measure() {  # N profile
  local n=$1 prof=$2 d work; d=$(dir_of "$1")
  [[ -f "$d/generated" ]] || { echo "bench-$n: not generated, skipped" >&2; return 0; }
  work=$(mktemp -d)
  start "$n" "$prof"
  trap 'stop '"$n"' || true; rm -rf '"$work" EXIT
  psql -X -q -c "SET client_min_messages = warning" -f bench/summary/baseline.sql >/dev/null
  psql -X -q -c "CREATE EXTENSION IF NOT EXISTS pageinspect" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
  # the data set was generated once, possibly by an older version: bring the extension to the installed one
  psql -X -q -c "SET client_min_messages = warning" -c "ALTER EXTENSION vital_persona UPDATE" -f bench/summary/api_policies.sql >/dev/null
  local idx ver; idx=$(id_indexes)
  ver=$(psql -X -At -c "SELECT extversion FROM pg_extension WHERE extname = 'vital_persona'")
  # default: the data set in the OS cache, shared_buffers as shipped; tuned: all of it in shared_buffers
  local mode=read; [[ $prof == tuned ]] && mode=buffer
  psql -X -q -At -c "SELECT sum(pg_prewarm(c.oid::regclass, '$mode')) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i', 't')" \
       -c "SELECT sum(pg_prewarm(c.oid::regclass, '$mode', 'vm')) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND pg_relation_size(c.oid, 'vm') > 0" >/dev/null
  local tenants levels sb
  tenants=$(psql -X -At -c "SELECT string_agg(id::text, ',') FROM tenants WHERE slug LIKE 'bench-%'")
  sb=$(psql -X -At -c "SELECT current_setting('shared_buffers') || ', effective_cache_size ' || current_setting('effective_cache_size') || ', huge_pages ' || current_setting('huge_pages')")
  levels=$(psql -X -At -c "SELECT format('personas_pkey %s, counters index %s, section (tenant_id, persona_id) indexes %s-%s',
      (SELECT level FROM bt_metap('personas_pkey')), (SELECT level FROM bt_metap('_vital_summary_counts_persona')), min(l), max(l))
    FROM (SELECT (bt_metap(i.indexrelid::regclass::text)).level l FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[1]
          WHERE c.relnamespace = 'public'::regnamespace AND a.attname = 'persona_id') s")
  bench_summary_scripts "$work" "$n"
  {
    echo
    echo "### $n personas, $prof (vital_persona $ver, $sb$idx)"
    echo
    echo "Sanity: vital_summary sections = counts-only SQL for personas 1, 42 and $n as owner: $(psql -X -At -c "SELECT bool_and(vital_summary(x) -> 'sections' = bench_counts_sql(x)) FROM (SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid x FROM unnest(ARRAY[1, 42, $n]) i) s")."
    echo "Sanity: as authenticated (the bench tenants in vs.tenants) vital_summary sees persona 1: $(psql -X -q -At -c "SET role authenticated" -c "SET vs.tenants = '$tenants'" -c "SELECT vital_summary('00000000-0000-4000-8000-000000000001') IS NOT NULL")."
    echo "Data set: $(cat "$d/generated"). B-tree levels (bt_metap; a descent reads level + 1 pages): $levels."
    echo
    echo "| as | variant | calls/s | p50 ms | p99 ms | backend CPU ms/call | buffers/call (hit+read) | read/call (shared_buffers misses) | load 1/5/15 min |"
    echo "|---|---|---|---|---|---|---|---|---|"
  } >>"$out"
  local role v opts t p50 p99 load stats inv cpu calls touch miss
  for role in owner authenticated; do
    opts=""; [[ $role == authenticated ]] && opts="-c role=authenticated -c vs.tenants=$tenants"
    for v in summary plpgsql counts pkfetch; do
      psql -X -q -At -c "SELECT pg_stat_statements_reset()" -c "SELECT pg_stat_reset()" >/dev/null
      load=$(bench_load)
      read -r t p50 _ p99 cpu <<<"$(BENCH_DATADIR="$d/data" bench_pgbench "$work" "$v" 1 "$VS_SECONDS" "$opts")"
      stats=$(psql -X -At -F' ' -c "SELECT calls, round(shared_blks_hit::numeric / calls + shared_blks_read::numeric / calls, 1), round(shared_blks_read::numeric / calls, 1)
                                   FROM pg_stat_statements WHERE query LIKE 'SELECT%' || '\$1%' ORDER BY calls DESC LIMIT 1")
      read -r calls touch miss <<<"$stats"
      echo "| $role | $v | $t | $p50 | $p99 | $cpu | $touch | $miss | $load |" >>"$out"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$n" "$prof" "${VS_ID_INDEX:-0}" "$role" "$v" "$t" "$p50" "$p99" "$cpu" "$touch" "$miss" "$load" >>"$raw"
      if [[ $role == owner && ( $v == summary || $v == counts ) ]]; then
        inv=$(psql -X -At -c "${statio_sql//:calls/$calls}")
        echo "$n $prof $v: $inv" >>"$work/inventory"
      fi
    done
  done
  { echo; echo "Per relation kind, owner, per call (touched/read): "; sed 's/^/- /' "$work/inventory"; } >>"$out"
  [[ ${VS_WRITES:-0} == 1 && $prof == tuned ]] && writes "$n"
  stop "$n"; trap - EXIT; rm -rf "$work"
}

# Write cost at this size (VS_WRITES=1, tuned profile only): one-row writes by a random persona of the data set,
# counter triggers on vs off (ALTER TABLE ... DISABLE TRIGGER), and per statement (pg_stat_statements.track = all,
# so the triggers' own statements are listed) the shared buffers each call touches.
writes() {  # N (cluster running)
  local n=$1 work; work=$(mktemp -d)
  local pid="('00000000-0000-4000-8000-' || lpad(to_hex((:n)::int), 12, '0'))::uuid"
  local tid="('10000000-0000-4000-8000-' || lpad(to_hex(1 + (:n)::int % $VS_TENANTS), 12, '0'))::uuid"
  # Every write is rolled back (the AFTER STATEMENT triggers run before the ROLLBACK): the kept data set and its
  # counters stay as generated, also after the "off" runs, whose writes the counters would not see.
  printf '\\set n random(1, %s)\nBEGIN;\nINSERT INTO persona_goals (tenant_id, persona_id, goal_text) VALUES (%s, %s, %s);\nROLLBACK;\n' "$n" "$tid" "$pid" "'bench'" >"$work/child.sql"
  printf '\\set n random(1, %s)\nBEGIN;\nDELETE FROM persona_goals WHERE tenant_id = %s AND id = (SELECT id FROM persona_goals WHERE tenant_id = %s AND persona_id = %s LIMIT 1);\nINSERT INTO persona_goals (tenant_id, persona_id, goal_text) VALUES (%s, %s, %s);\nROLLBACK;\n' \
    "$n" "$tid" "$tid" "$pid" "$tid" "$pid" "'bench'" >"$work/childdel.sql"
  printf '\\set n random(1, %s)\nBEGIN;\nINSERT INTO persona_case_study_metrics (tenant_id, case_study_id, metric_name) SELECT tenant_id, id, %s FROM persona_case_studies WHERE tenant_id = %s AND persona_id = %s LIMIT 1;\nROLLBACK;\n' \
    "$n" "'bench'" "$tid" "$pid" >"$work/grandchild.sql"
  printf '\set n random(1, %s)
BEGIN;
DELETE FROM persona_case_studies WHERE tenant_id = %s AND id = (SELECT id FROM persona_case_studies WHERE tenant_id = %s AND persona_id = %s LIMIT 1);
ROLLBACK;
' \
    "$n" "$tid" "$tid" "$pid" >"$work/parentdel.sql"
  toggle() { psql -X -q -c "ALTER TABLE persona_goals ${1^^} TRIGGER vital_summary_counts_ins, ${1^^} TRIGGER vital_summary_counts_del;
                            ALTER TABLE persona_case_study_metrics ${1^^} TRIGGER vital_summary_counts_ins, ${1^^} TRIGGER vital_summary_counts_del;
                            ALTER TABLE persona_case_studies ${1^^} TRIGGER vital_summary_counts_del, ${1^^} TRIGGER \"A_vital_summary_counts_parent_del\"" >/dev/null; }
  {
    echo
    echo "Writes at $n personas (1 client, ${VS_WRITE_SECONDS:-8}s per variant; on = counter triggers enabled, off = disabled):"
    echo
    echo "| workload | on: tx/s (p50 ms) | off: tx/s (p50 ms) | wall-clock cost on / off | backend CPU ms/tx on / off | statements of the \"on\" run (calls/tx): buffers/call | load |"
    echo "|---|---|---|---|---|---|---|"
  } >>"$out"
  local v t1 l1 t2 l2 c1 c2 load top _
  for v in "child one-row INSERT into persona_goals" "childdel DELETE + INSERT of one goal" "grandchild one-row INSERT into persona_case_study_metrics" \
           "parentdel DELETE of one case study (cascade: its 4 metrics), rolled back"; do
    read -r s d <<<"$v"
    load=$(bench_load)
    toggle enable
    psql -X -q -At -c "SELECT pg_stat_statements_reset()" >/dev/null
    read -r t1 l1 _ _ c1 <<<"$(BENCH_DATADIR="$(dir_of "$n")/data" bench_pgbench "$work" "$s" 1 "${VS_WRITE_SECONDS:-8}" "-c pg_stat_statements.track=all")"
    top=$(psql -X -At -c "WITH s AS (SELECT query, calls, (shared_blks_hit + shared_blks_read)::numeric AS b FROM pg_stat_statements WHERE calls > 20),
                                 tx AS (SELECT max(calls) AS c FROM s WHERE query ~* '^(INSERT INTO|DELETE FROM) persona')
                          SELECT string_agg(format('%s (%s): %s', regexp_replace(left(regexp_replace(query, '\s+', ' ', 'g'), 60), '[|]', '/', 'g'),
                                                   round(calls::numeric / tx.c, 1), round(b / calls, 1)), '; ' ORDER BY b DESC)
                          FROM (SELECT * FROM s ORDER BY b DESC LIMIT 4) s, tx")
    toggle disable
    read -r t2 l2 _ _ c2 <<<"$(BENCH_DATADIR="$(dir_of "$n")/data" bench_pgbench "$work" "$s" 1 "${VS_WRITE_SECONDS:-8}")"
    toggle enable
    echo "| $d | $t1 ($l1) | $t2 ($l2) | $(bench_ratio "$t2" "$t1")× | $c1 / $c2 = $(bench_ratio "$c1" "$c2")× | $top | $load |" >>"$out"
  done
  # the rolled-back writes left dead rows and index entries (autovacuum is off here): without this a later
  # `scale.sh run` of the same data set reads them (1k: 362 instead of 81 buffers per vital_summary call)
  psql -X -q -c "VACUUM (ANALYZE) persona_goals, persona_case_study_metrics, persona_case_studies, _vital_summary_counts" >/dev/null
  rm -rf "$work"
}

run_all() {
  out=bench/summary/scale_results.md raw="$VS_CACHE/scale_raw.tsv"
  [[ -f $out ]] || printf '# vital_summary scale curve (bench/summary/scale.sh)\n\nRaw rows: %s (not in the repo).\n' "$raw" >"$out"
  {
    echo
    echo "## Run of $(date -u '+%Y-%m-%d %H:%M') UTC ($(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, shared machine, load $(bench_load) at start)"
    echo
    echo "pgbench -M prepared, 1 client, ${VS_SECONDS}s per variant, random persona; summary = vital_summary(id), plpgsql = (a)"
    echo "bench_summary_sql(id) (same output), counts = bench_counts_sql(id) (the 69 counts only), pkfetch = (c) SELECT * FROM personas WHERE id."
  } >>"$out"
  for n in $VS_SCALES; do for prof in $VS_PROFILES; do measure "$n" "$prof"; done; done
  echo "wrote $out" >&2
}

case "${1:-all}" in
  gen) gen "$2" ;;
  resume) resume "$2" ;;
  hotcold) out=bench/summary/scale_results.md  # same calls on all N personas vs on the first 1,000 (tuned profile)
    for n in $VS_SCALES; do
      start "$n" tuned; trap 'stop '"$n"' || true' EXIT
      psql -X -q -At -c "SELECT sum(pg_prewarm(c.oid::regclass)) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i', 't')" >/dev/null
      w=$(mktemp -d); bench_summary_scripts "$w" "$n"; cp "$w/summary.sql" "$w/all.sql"
      bench_summary_scripts "$w" 1000; cp "$w/summary.sql" "$w/hot.sql"
      { echo; echo "Hot vs cold at $n personas, tuned, owner, $(date -u '+%Y-%m-%d %H:%M') UTC (index on personas (id): $(psql -X -At -c "SELECT to_regclass('bench_personas_id') IS NOT NULL")): vital_summary on a random persona of all $n vs of the first 1,000 (same B-tree depth, same code path; only the working set differs), alternating, ${VS_SECONDS}s each:"
        echo; echo "| round | personas drawn from | calls/s | p50 ms | backend CPU ms/call | buffers/call | load |"; echo "|---|---|---|---|---|---|---|"; } >>"$out"
      for r in 1 2; do for v in all hot; do
        psql -X -q -At -c "SELECT pg_stat_statements_reset()" >/dev/null
        load=$(bench_load)
        read -r t p50 _ _ cpu <<<"$(BENCH_DATADIR="$(dir_of "$n")/data" bench_pgbench "$w" "$v" 1 "$VS_SECONDS")"
        b=$(psql -X -At -c "SELECT round((shared_blks_hit + shared_blks_read)::numeric / calls, 1) FROM pg_stat_statements WHERE query LIKE 'SELECT vital_summary%' ORDER BY calls DESC LIMIT 1")
        echo "| $r | $([[ $v == all ]] && echo "all $n" || echo "first 1,000") | $t | $p50 | $cpu | $b | $load |" >>"$out"
      done; done
      rm -rf "$w"; stop "$n"; trap - EXIT
    done ;;
  recount) for n in $VS_SCALES; do   # counters of a kept data set recomputed (after writes with the triggers off)
      start "$n" gen; trap 'stop '"$n"' || true' EXIT
      psql -X -q -f bench/summary/fast_counts.sql >/dev/null && psql -X -q -c "VACUUM ANALYZE _vital_summary_counts"
      stop "$n"; trap - EXIT; echo "bench-$n: counters recomputed"; done ;;
  run) run_all ;;
  writes) out=bench/summary/scale_results.md  # write cost only, tuned profile, every size in VS_SCALES
    for n in $VS_SCALES; do
      start "$n" tuned; trap 'stop '"$n"' || true' EXIT
      lbl=$(id_indexes); echo >>"$out"; echo "Indexes: ${lbl:-as installed}." >>"$out"
      writes "$n"; stop "$n"; trap - EXIT
    done ;;
  all) for n in $VS_SCALES; do gen "$n"; done; run_all ;;
  *) echo "usage: $0 [gen N | resume N | run | writes | recount | hotcold]" >&2; exit 2 ;;
esac
