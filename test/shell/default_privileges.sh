#!/usr/bin/env bash
# Privileges under Supabase's default ACL. Supabase grants ALL on every new table, view and
# materialized view in its API schemas to anon, authenticated and service_role (ALTER DEFAULT
# PRIVILEGES); on PostgreSQL 17 "ALL" includes MAINTAIN (VACUUM, ANALYZE, REINDEX, REFRESH
# MATERIALIZED VIEW, LOCK TABLE). With that default in the target schema, installed fresh and
# updated from 4.0, every extension relation must hold exactly the privileges the extension
# means to give: the RLS generator's grants on its tables, SELECT on the security_invoker view
# persona_summary_live for authenticated/service_role, nothing on the materialized view (it
# ignores RLS), nothing for anon or PUBLIC; in particular no MAINTAIN for an API role. The RLS
# audit is clean. Then the maintenance commands PostgreSQL 17 runs with
# search_path = pg_catalog, pg_temp work on every extension table and the materialized view.
source "$(dirname "$0")/../support/shell_lib.sh"
major=$(q postgres -c "SELECT current_setting('server_version_num')::int / 10000")
echo "# server major $major"

install() {  # install DB SCHEMA HOW: default ACL as Supabase sets it, then the extension
  local db=$1 schema=$2 how=$3
  q "$db" <<SQL
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS $schema;
GRANT USAGE ON SCHEMA $schema TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA $schema GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA $schema GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA $schema GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
$how
SQL
}

# Relation privileges of the API roles and PUBLIC that the extension does not mean to give.
unexpected_sql="
WITH rel AS (
  SELECT c.oid, c.relname, c.relkind, c.relacl, c.relowner
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e'
    JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
   WHERE c.relkind IN ('r', 'v', 'm')),
grants AS (
  SELECT r.relname, r.relkind, coalesce(g.rolname, 'PUBLIC') AS grantee, a.privilege_type AS priv
    FROM rel r
    CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(r.relacl, pg_catalog.acldefault('r', r.relowner))) a
    LEFT JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
   WHERE a.grantee = 0 OR g.rolname IN ('anon', 'authenticated', 'service_role'))
SELECT relname || ' ' || grantee || ' ' || priv FROM grants
 WHERE grantee IN ('PUBLIC', 'anon')
    OR priv = 'MAINTAIN'
    OR (relkind = 'm')
    OR (relkind = 'v' AND priv <> 'SELECT')
 ORDER BY 1"

for variant in "fresh public" "fresh vital" "update vital"; do
  read -r how schema <<<"$variant"
  db=$(newdb "defpriv_${how}_$schema")
  case "$how" in
    fresh)  sql="CREATE EXTENSION vital_persona SCHEMA $schema;" ;;
    update) sql="CREATE EXTENSION vital_persona SCHEMA $schema VERSION '4.0'; ALTER EXTENSION vital_persona UPDATE;" ;;
  esac
  if ! install "$db" "$schema" "$sql" 2>"$VP_TMP/err"; then
    not_ok "$how install into $schema under Supabase's default privileges"; diag <"$VP_TMP/err"; continue
  fi
  ok "$how install into $schema under Supabase's default privileges"

  # The default ACL really granted MAINTAIN on 17 (else the check below proves nothing there).
  if ((major >= 17)); then
    probe=$(q "$db" -c "CREATE TABLE $schema.vp_probe (x int); SELECT pg_catalog.has_table_privilege('authenticated', '$schema.vp_probe', 'MAINTAIN'); DROP TABLE $schema.vp_probe;")
    check "[$how/$schema] the default ACL grants MAINTAIN on a new table (PostgreSQL $major)" test "$probe" = t
  fi

  extra=$(q "$db" -c "$unexpected_sql" 2>&1)
  if [[ -z "$extra" ]]; then ok "[$how/$schema] API roles hold no MAINTAIN, nothing on the materialized view, only SELECT on views, anon/PUBLIC nothing"
  else not_ok "[$how/$schema] API roles hold no MAINTAIN, nothing on the materialized view, only SELECT on views, anon/PUBLIC nothing"; diag <<<"$extra"; fi

  live=$(q "$db" -c "SELECT pg_catalog.has_table_privilege('authenticated', '$schema.persona_summary_live', 'SELECT')")
  check "[$how/$schema] authenticated still reads persona_summary_live" test "$live" = t

  findings=$(q "$db" -c "SELECT pg_catalog.count(*) FROM $schema.vital_rls_audit()" 2>&1)
  check "[$how/$schema] vital_rls_audit() has no findings (got: $findings)" test "$findings" = 0

  # Maintenance commands (PG17: run with search_path = pg_catalog, pg_temp) on every extension
  # table, its indexes (expressions and predicates are evaluated) and the materialized view.
  if maint=$(q "$db" 2>&1 <<SQL
SET client_min_messages = warning;
WITH t AS (INSERT INTO $schema.tenants (name, slug) VALUES ('Maint', 'maint') RETURNING id) SELECT $schema.vital_seed_personas(t.id, 1) FROM t;
DO \$\$
DECLARE r pg_catalog.regclass;
BEGIN
  FOR r IN SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_depend d
             ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e'
            WHERE c.relkind = 'r' AND d.refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'vital_persona')
  LOOP
    EXECUTE pg_catalog.format('ANALYZE %s', r);
    EXECUTE pg_catalog.format('REINDEX TABLE %s', r);
  END LOOP;
END
\$\$;
REFRESH MATERIALIZED VIEW $schema.persona_summary;
SELECT $schema.refresh_persona_summary(true);
VACUUM (ANALYZE) $schema.personas;
SQL
  ); then ok "[$how/$schema] ANALYZE, REINDEX, VACUUM and REFRESH MATERIALIZED VIEW work on the extension's relations"
  else not_ok "[$how/$schema] ANALYZE, REINDEX, VACUUM and REFRESH MATERIALIZED VIEW work on the extension's relations"; diag <<<"$maint"; fi
done
finish
