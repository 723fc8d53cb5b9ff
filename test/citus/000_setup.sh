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
  is "worker $n has vital_persona $VP_DEFAULT_VERSION, the default version (propagated by Citus, created by its own install script)" \
     "$(qn "$n" -c "SELECT extversion FROM pg_extension WHERE extname = 'vital_persona'")" "$VP_DEFAULT_VERSION"
done

# Distribute (4 shards per table keeps the test quick; the default is Citus's 32).
fk_sql="SELECT count(*) FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid WHERE c.contype = 'f' AND c.connamespace = 'vital'::regnamespace AND r.relname !~ '_[0-9]+$'"
fk_before=$(qc -c "$fk_sql")
if qc -c "SET client_min_messages = warning" -c "SELECT count(*) FROM vital.vital_distribute(4)" >/dev/null 2>"$VP_TMP/err"; then
  ok "vital_distribute(4) runs"
else
  not_ok "vital_distribute(4) runs"; diag <"$VP_TMP/err"; finish; exit 1
fi
is "every table placed as vital_table_kinds() declares (reference 'n', distributed by tenant_id 'h', local: none)" \
   "$(qc -c "SELECT count(*) FROM vital.vital_table_kinds() k LEFT JOIN pg_dist_partition p ON p.logicalrelid = k.table_name
             WHERE NOT ((k.kind = 'reference' AND p.partmethod = 'n')
                     OR (k.kind = 'distributed' AND p.partmethod = 'h' AND column_to_column_name(p.logicalrelid, p.partkey) = 'tenant_id')
                     OR (k.kind = 'local' AND p.logicalrelid IS NULL))")" 0
is "all distributed tables in one colocation group (with personas)" \
   "$(qc -c "SELECT count(DISTINCT colocationid) FROM pg_dist_partition p JOIN vital.vital_table_kinds() k ON k.table_name = p.logicalrelid WHERE k.kind = 'distributed'")" 1
is "18 reference tables (15 lookups, tenants, users, tenant_members), 70 distributed (personas + 69 sections), 3 local (counters, their slots, section registrations)" \
   "$(qc -c "SELECT string_agg(kind || '=' || n, ' ' ORDER BY kind) FROM (SELECT kind, count(*) n FROM vital.vital_table_kinds() GROUP BY 1) x")" \
   "distributed=70 local=3 reference=18"
is "a second vital_distribute() has nothing left to distribute" \
   "$(qc -c "SET client_min_messages = warning" -c "SELECT count(*) FILTER (WHERE action LIKE 'create%') FROM vital.vital_distribute(4)")" 0
for n in 0 1 2; do
  is "node $n: every foreign key is back on the tables ($fk_before)" "$(qn "$n" -c "$fk_sql")" "$fk_before"
done
is "RLS audit on the coordinator is clean (Citus policy form, shards skipped)" \
   "$(qc -c "SELECT count(*) FROM vital.vital_rls_audit() WHERE problem <> 'opted_out'")" 0

# Seed two tenants as the service role (plain INSERTs: rows go to the tenants' shards, triggers run there).
if qc -v ON_ERROR_STOP=1 -f "$VP_REPO/test/citus/seed.sql" >/dev/null 2>"$VP_TMP/err"; then
  ok "seed two tenants (personas, sections, evidence with grandchildren) through the coordinator"
else
  not_ok "seed two tenants"; diag <"$VP_TMP/err"; finish; exit 1
fi
finish
