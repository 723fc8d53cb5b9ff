#!/usr/bin/env bash
# The product in one terminal screen (make demo):
#   scripts/demo.sh           install dependencies, build, install privately, start a throwaway cluster,
#                             run the demo in it, remove the cluster (PG=17: on PostgreSQL 17)
#   scripts/demo.sh --inner   run the demo against the server in PGHOST/PGPORT/PGUSER (the test suite uses
#                             this: test/shell/demo.sh); it creates and drops its own database vp_demo
# The demo content is scripts/demo.sql.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" != "--inner" ]]; then
  scripts/install-deps.sh >/dev/null
  source scripts/pg-select.sh      # PG=17: PostgreSQL 17 (scripts/pg17.sh)
  postgres_bin=$(VP_PRIVATE_INSTALL=1 scripts/build-install.sh | tail -n 1)
  echo "server: $("$(dirname "$postgres_bin")/postgres" --version)"
  VP_POSTGRES="$postgres_bin" exec scripts/with-temp-pg.sh "$0" --inner
fi

db=${VP_DEMO_DB:-vp_demo}
PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
# Supabase's API roles (anon, authenticated, service_role, authenticator), as a Supabase server has them.
psql -X -q -v ON_ERROR_STOP=1 -d postgres -f test/support/supabase_roles.sql >/dev/null 2>&1 || true
status=0
PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f scripts/demo.sql || status=$?
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
exit $status
