#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster:
#   scripts/with-temp-pg.sh CMD [ARGS...]
# The cluster lives in a private temp dir (data, log, unix socket; no TCP; scripts/lib/cluster.sh) and is stopped and
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
# shellcheck source=scripts/lib/cluster.sh
source "$(dirname "$0")/lib/cluster.sh"

cluster_begin temp-pg
node_start "$cluster_tmp" "${VP_BOOTSTRAP_USER:-postgres}" "${VP_PORT:-54329}" "-c listen_addresses='' -c max_connections=40"
export PGHOST="$cluster_tmp" PGPORT="${VP_PORT:-54329}" PGUSER="${VP_BOOTSTRAP_USER:-postgres}" PGDATABASE=postgres \
  VP_SERVER_LOG="$cluster_tmp/postgres.log"
cluster_run "$@"
