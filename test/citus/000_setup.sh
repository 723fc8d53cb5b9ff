#!/usr/bin/env bash
# Cluster setup, each step a test: API roles on every node (able to log in: Citus connects to the workers as
# the current role), citus in the test database of every node, workers registered, vital_persona installed on
# the coordinator and present on every node, then distributed by vital_distribute().
source "$(dirname "$0")/lib.sh"

setup_ok=1
for n in 0 1 2; do
  if psql -X -q -v ON_ERROR_STOP=1 -h "${VP_SOCK[$n]}" -p "${VP_NODE_PORTS[$n]}" -U postgres -d postgres \
       -f "$VP_REPO/test/support/supabase_roles.sql" \
       -c "ALTER ROLE authenticated LOGIN; ALTER ROLE service_role LOGIN" \
       -c "CREATE DATABASE $VP_CDB" >"$VP_TMP/err" 2>&1 &&
     qn "$n" -c "CREATE EXTENSION citus" >>"$VP_TMP/err" 2>&1; then
    ok "node $n: API roles, database $VP_CDB, CREATE EXTENSION citus"
  else
    not_ok "node $n: API roles, database $VP_CDB, CREATE EXTENSION citus"; diag <"$VP_TMP/err"; setup_ok=0
  fi
done
((setup_ok)) || { finish; exit 1; }

read -r w1 w2 <<<"$VP_CITUS_WORKER_PORTS"
if qc -c "SELECT citus_set_coordinator_host('127.0.0.1', $VP_CITUS_COORD_PORT)" \
      -c "SELECT citus_add_node('127.0.0.1', $w1)" -c "SELECT citus_add_node('127.0.0.1', $w2)" >/dev/null 2>"$VP_TMP/err"; then
  is "coordinator + 2 workers registered (active, metadata synced)" \
     "$(qc -c "SELECT count(*) FILTER (WHERE isactive AND hasmetadata AND metadatasynced) FROM pg_dist_node")" 3
else
  not_ok "register the nodes"; diag <"$VP_TMP/err"; finish; exit 1
fi

# The settings docs/citus.md asks for on the coordinator's database.
qc -c "ALTER DATABASE $VP_CDB SET citus.propagate_set_commands = 'local'" >/dev/null

if qc -c "SET client_min_messages = warning" -c "CREATE SCHEMA vital" -c "CREATE EXTENSION vital_persona SCHEMA vital" >/dev/null 2>"$VP_TMP/err"; then
  ok "CREATE EXTENSION vital_persona on the coordinator"
else
  not_ok "CREATE EXTENSION vital_persona on the coordinator"; diag <"$VP_TMP/err"; finish; exit 1
fi
for n in 1 2; do
  is "worker $n has vital_persona 5.0 (propagated by Citus, created by its own install script)" \
     "$(qn "$n" -c "SELECT extversion FROM pg_extension WHERE extname = 'vital_persona'")" "5.0"
done
finish
