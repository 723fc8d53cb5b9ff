#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster:
#   scripts/with-temp-pg.sh CMD [ARGS...]
# The cluster lives in a private temp dir (data, log, unix socket; no TCP) and is stopped and
# removed when the command ends, fails, or on Ctrl-C/TERM. The command gets PGHOST, PGPORT,
# PGUSER, PGDATABASE and VP_SERVER_LOG. Never touches the system cluster.
#
# Environment:
#   PG_CONFIG      pg_config of the PostgreSQL to run (default: the one on PATH)
#   VP_POSTGRES    postgres binary to run (default: the one in pg_config's bindir; a private
#                  install tree from scripts/build-install.sh sets this); initdb and pg_ctl are
#                  taken from its directory when they are there, else from pg_config's bindir
#   VP_KEEP_CLUSTER=1   keep the temp dir for debugging (its path is printed)
#   VP_PG_OPTS     extra server options, e.g. "-c shared_buffers=1GB"
#   VP_BOOTSTRAP_USER   name of the bootstrap superuser (default postgres; the Supabase-like
#                  trust-boundary test uses supabase_admin, as Supabase's images do)
set -euo pipefail

bindir=$("${PG_CONFIG:-pg_config}" --bindir)
postgres_bin="${VP_POSTGRES:-$bindir/postgres}"
srvbin=$(dirname "$postgres_bin")
[[ -x "$srvbin/initdb" && -x "$srvbin/pg_ctl" ]] || srvbin=$bindir
port="${VP_PORT:-54329}"
bootstrap_user="${VP_BOOTSTRAP_USER:-postgres}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vital_persona_pg.XXXXXX")
chmod 755 "$tmp"
as_server=()
if [[ $(id -u) -eq 0 ]]; then
  # initdb and postgres refuse to run as root: run the server as the postgres system user.
  id -u postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  chown postgres:postgres "$tmp"
  as_server=(runuser -u postgres --)
fi

status=0
cleanup() {
  local rc=$?
  [[ $status -ne 0 ]] || status=$rc
  if [[ -f "$tmp/data/postmaster.pid" ]]; then
    "${as_server[@]}" "$srvbin/pg_ctl" -D "$tmp/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      "${as_server[@]}" "$srvbin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [[ -f "$tmp/postgres.log" ]] && grep -q 'terminated by signal' "$tmp/postgres.log"; then
    echo "with-temp-pg: a server process crashed:" >&2
    grep -B2 -A5 'terminated by signal' "$tmp/postgres.log" >&2 || true
    [[ $status -ne 0 ]] || status=3
  fi
  if [[ "${VP_KEEP_CLUSTER:-0}" == 1 ]]; then
    echo "with-temp-pg: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'status=130; exit 130' INT TERM

if ! "${as_server[@]}" "$srvbin/initdb" -D "$tmp/data" -U "$bootstrap_user" --auth=trust --no-sync \
      --encoding=UTF8 --locale=C >"$tmp/initdb.log" 2>&1; then
  cat "$tmp/initdb.log" >&2
  status=1
  exit 1
fi

if ! "${as_server[@]}" "$srvbin/pg_ctl" -D "$tmp/data" -p "$postgres_bin" -l "$tmp/postgres.log" -w -t 60 \
      -o "-k '$tmp' -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=40 ${VP_PG_OPTS:-}" \
      start >/dev/null; then
  cat "$tmp/postgres.log" >&2
  status=1
  exit 1
fi

export PGHOST="$tmp" PGPORT="$port" PGUSER="$bootstrap_user" PGDATABASE=postgres VP_SERVER_LOG="$tmp/postgres.log"
set +e
"$@"
status=$?
set -e
exit "$status"
