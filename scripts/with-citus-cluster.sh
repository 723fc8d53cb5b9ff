#!/usr/bin/env bash
# Runs a command against a throwaway 3-node Citus cluster on loopback (coordinator + 2 workers):
#   scripts/with-citus-cluster.sh CMD [ARGS...]
# Each node is its own cluster in a private temp dir (data, log, unix socket; scripts/lib/cluster.sh), listening on 127.0.0.1 on a
# free port (Citus nodes reach each other over TCP), with shared_preload_libraries = 'citus'. Everything is
# stopped and removed when the command ends, fails, or on Ctrl-C/TERM. The command gets PGHOST (the
# coordinator's socket dir), PGPORT, PGUSER, VP_CITUS_COORD_PORT, VP_CITUS_WORKER_PORTS ("p1 p2"),
# VP_CITUS_SOCKETS ("dir0 dir1 dir2", coordinator first) and VP_CITUS_LOGS.
#
# Environment: VP_POSTGRES (postgres binary of a tree that has citus.so; scripts/test-citus.sh sets it),
# VP_KEEP_CLUSTER=1 to keep the temp dir.
set -euo pipefail
# shellcheck source=scripts/lib/cluster.sh
source "$(dirname "$0")/lib/cluster.sh"

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

cluster_begin citus-cluster
ports=() sockets=() logs=()
for n in coord worker1 worker2; do
  port=$(pick_port "${ports[*]:-}") || { echo "with-citus-cluster: no free port" >&2; cluster_status=1; exit 1; }
  ports+=("$port")
  # Small settings: 2 cores are shared with other work. max_connections covers the coordinator's
  # connections to each worker (citus.max_shared_pool_size follows it).
  node_start "$cluster_tmp/$n" postgres "$port" "-c listen_addresses=127.0.0.1 -c shared_preload_libraries=citus \
    -c max_connections=80 -c max_prepared_transactions=40 -c citus.max_adaptive_executor_pool_size=4"
  sockets+=("$cluster_tmp/$n"); logs+=("$cluster_tmp/$n/postgres.log")
done

export PGHOST="${sockets[0]}" PGPORT="${ports[0]}" PGUSER=postgres PGDATABASE=postgres
export VP_CITUS_COORD_PORT="${ports[0]}" VP_CITUS_WORKER_PORTS="${ports[1]} ${ports[2]}"
export VP_CITUS_SOCKETS="${sockets[*]}" VP_CITUS_LOGS="${logs[*]}" VP_SERVER_LOG="${logs[0]}"
cluster_run "$@"
