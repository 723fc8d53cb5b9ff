# shellcheck shell=bash
# Throwaway PostgreSQL nodes, shared by scripts/with-temp-pg.sh (one node) and scripts/with-citus-cluster.sh
# (three). Sourced after `set -euo pipefail`. Every node lives in a directory below one private temp dir:
# DIR/data, DIR/postgres.log, its unix socket in DIR. An EXIT trap stops every node, reports a crashed server
# process (exit status 3 when the command itself succeeded) and removes the temp dir (VP_KEEP_CLUSTER=1 keeps
# it). Root cannot run initdb or postgres: the servers then run as the postgres system user.
#   cluster_begin NAME          names the temp dir and messages (with-NAME: ...); sets cluster_tmp, installs the traps
#   node_start DIR USER PORT OPTS   initdb (bootstrap superuser USER) and start; OPTS are extra server options
#   cluster_run CMD [ARGS...]   runs the command and exits with its status (after the cleanup)
# Binaries: VP_POSTGRES (default: pg_config's bindir/postgres); initdb and pg_ctl from its directory when they are
# there, else from pg_config's bindir (PG_CONFIG, default the pg_config on PATH).
cluster_bindir=$("${PG_CONFIG:-pg_config}" --bindir)
cluster_postgres="${VP_POSTGRES:-$cluster_bindir/postgres}"
cluster_srvbin=$(dirname "$cluster_postgres")
[[ -x "$cluster_srvbin/initdb" && -x "$cluster_srvbin/pg_ctl" ]] || cluster_srvbin=$cluster_bindir
cluster_name='' cluster_tmp='' cluster_nodes=() cluster_status=0 as_server=()

cluster_begin() {
  cluster_name=$1
  cluster_tmp=$(mktemp -d "${TMPDIR:-/tmp}/vital_persona_$cluster_name.XXXXXX")
  chmod 755 "$cluster_tmp"
  if [[ $(id -u) -eq 0 ]]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres:postgres "$cluster_tmp"
    as_server=(runuser -u postgres --)
  fi
  trap cluster_cleanup EXIT
  trap 'cluster_status=130; exit 130' INT TERM
}

cluster_cleanup() {
  local rc=$? dir node
  [[ $cluster_status -ne 0 ]] || cluster_status=$rc
  for dir in "${cluster_nodes[@]}"; do
    if [[ -f "$dir/data/postmaster.pid" ]]; then
      "${as_server[@]}" "$cluster_srvbin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
        "${as_server[@]}" "$cluster_srvbin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [[ -f "$dir/postgres.log" ]] && grep -q 'terminated by signal' "$dir/postgres.log"; then
      node=${dir#"$cluster_tmp"}; node=${node#/}
      echo "with-$cluster_name: a server process${node:+ of $node} crashed:" >&2
      grep -B2 -A5 'terminated by signal' "$dir/postgres.log" >&2 || true
      [[ $cluster_status -ne 0 ]] || cluster_status=3
    fi
  done
  if [[ "${VP_KEEP_CLUSTER:-0}" == 1 ]]; then
    echo "with-$cluster_name: kept $cluster_tmp" >&2
  else
    rm -rf "$cluster_tmp"
  fi
  exit "$cluster_status"
}

# node_start DIR USER PORT OPTS: exits (status 1, the log on stderr) when initdb or the start fails. The log
# line prefix names the database, so a test can tell its own errors from those of tests running beside it.
node_start() {
  local dir=$1 user=$2 port=$3 opts=$4
  mkdir -p "$dir"
  [[ ${#as_server[@]} -eq 0 ]] || chown postgres:postgres "$dir"
  cluster_nodes+=("$dir")
  if ! "${as_server[@]}" "$cluster_srvbin/initdb" -D "$dir/data" -U "$user" --auth=trust --no-sync \
        --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2; cluster_status=1; exit 1
  fi
  if ! "${as_server[@]}" "$cluster_srvbin/pg_ctl" -D "$dir/data" -p "$cluster_postgres" -l "$dir/postgres.log" -w -t 60 \
        -o "-k '$dir' -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
            -c log_line_prefix='%m [%p] %q%d ' $opts ${VP_PG_OPTS:-}" start >/dev/null; then
    cat "$dir/postgres.log" >&2; cluster_status=1; exit 1
  fi
}

cluster_run() {
  set +e
  "$@"
  cluster_status=$?
  set -e
  exit "$cluster_status"
}
