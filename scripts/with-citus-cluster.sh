#!/usr/bin/env bash
# Runs a command against a throwaway 3-node Citus cluster on loopback (coordinator + 2 workers):
#   scripts/with-citus-cluster.sh CMD [ARGS...]
# Each node is its own cluster in a private temp dir (data, log, unix socket), listening on 127.0.0.1 on a
# free port (Citus nodes reach each other over TCP), with shared_preload_libraries = 'citus'. Everything is
# stopped and removed when the command ends, fails, or on Ctrl-C/TERM. The command gets PGHOST (the
# coordinator's socket dir), PGPORT, PGUSER, VP_CITUS_COORD_PORT, VP_CITUS_WORKER_PORTS ("p1 p2"),
# VP_CITUS_SOCKETS ("dir0 dir1 dir2", coordinator first) and VP_CITUS_LOGS.
#
# Environment: VP_POSTGRES (postgres binary of a tree that has citus.so; scripts/test-citus.sh sets it),
# VP_KEEP_CLUSTER=1 to keep the temp dir.
set -euo pipefail

bindir=$(pg_config --bindir)
postgres_bin="${VP_POSTGRES:-$bindir/postgres}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vital_persona_citus.XXXXXX")
chmod 755 "$tmp"
as_server=()
if [[ $(id -u) -eq 0 ]]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  chown postgres:postgres "$tmp"
  as_server=(runuser -u postgres --)
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {  # a free TCP port in 55000-59999 not in $1
  local p tries=0
  while ((tries++ < 200)); do
    p=$((55000 + RANDOM % 5000))
    [[ " $1 " == *" $p "* ]] && continue
    port_free "$p" && { echo "$p"; return 0; }
  done
  return 1
}

nodes=(coord worker1 worker2)
ports=()
status=0
cleanup() {
  local rc=$? n
  [[ $status -ne 0 ]] || status=$rc
  for n in "${nodes[@]}"; do
    if [[ -f "$tmp/$n/data/postmaster.pid" ]]; then
      "${as_server[@]}" "$bindir/pg_ctl" -D "$tmp/$n/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
        "${as_server[@]}" "$bindir/pg_ctl" -D "$tmp/$n/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [[ -f "$tmp/$n/postgres.log" ]] && grep -q 'terminated by signal' "$tmp/$n/postgres.log"; then
      echo "with-citus-cluster: a server process of $n crashed:" >&2
      grep -B2 -A5 'terminated by signal' "$tmp/$n/postgres.log" >&2 || true
      [[ $status -ne 0 ]] || status=3
    fi
  done
  if [[ "${VP_KEEP_CLUSTER:-0}" == 1 ]]; then echo "with-citus-cluster: kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'status=130; exit 130' INT TERM

sockets=() logs=()
for n in "${nodes[@]}"; do
  mkdir -p "$tmp/$n"
  [[ ${#as_server[@]} -eq 0 ]] || chown postgres:postgres "$tmp/$n"
  if ! "${as_server[@]}" "$bindir/initdb" -D "$tmp/$n/data" -U postgres --auth=trust --no-sync \
        --encoding=UTF8 --locale=C >"$tmp/$n/initdb.log" 2>&1; then
    cat "$tmp/$n/initdb.log" >&2; status=1; exit 1
  fi
  port=$(pick_port "${ports[*]:-}") || { echo "with-citus-cluster: no free port" >&2; status=1; exit 1; }
  ports+=("$port")
  # Small settings: 2 cores are shared with other work. max_connections covers the coordinator's
  # connections to each worker (citus.max_shared_pool_size follows it).
  if ! "${as_server[@]}" "$bindir/pg_ctl" -D "$tmp/$n/data" -p "$postgres_bin" -l "$tmp/$n/postgres.log" -w -t 60 \
        -o "-k '$tmp/$n' -p $port -c listen_addresses=127.0.0.1 -c shared_preload_libraries=citus \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=80 \
            -c max_prepared_transactions=40 -c citus.max_adaptive_executor_pool_size=4 ${VP_PG_OPTS:-}" \
        start >/dev/null; then
    cat "$tmp/$n/postgres.log" >&2; status=1; exit 1
  fi
  sockets+=("$tmp/$n"); logs+=("$tmp/$n/postgres.log")
done

export PGHOST="${sockets[0]}" PGPORT="${ports[0]}" PGUSER=postgres PGDATABASE=postgres
export VP_CITUS_COORD_PORT="${ports[0]}" VP_CITUS_WORKER_PORTS="${ports[1]} ${ports[2]}"
export VP_CITUS_SOCKETS="${sockets[*]}" VP_CITUS_LOGS="${logs[*]}" VP_SERVER_LOG="${logs[0]}"
set +e
"$@"
status=$?
set -e
exit "$status"
