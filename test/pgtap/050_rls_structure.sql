-- versions: 4.0 5.0
-- Tenant isolation, by structure (from the catalog, so tables and functions merged later are covered):
-- RLS on and forced everywhere, one generated policy per command on every tenant table, grants least
-- privilege, no SECURITY DEFINER function callable by anon, a pinned search_path on every function, and a
-- clean audit on a fresh install or update.
BEGIN;
SELECT plan(18);

CREATE FUNCTION pg_temp.ext_schema() RETURNS oid LANGUAGE sql STABLE AS $$
    SELECT extnamespace FROM pg_extension WHERE extname = 'vital_persona' $$;
CREATE TEMP VIEW ext_tables AS
    SELECT c.oid, c.relname, c.relrowsecurity, c.relforcerowsecurity,
           EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS tenant
    FROM pg_class c WHERE c.relkind IN ('r', 'p')
      AND c.oid IN (SELECT tbl FROM _vital_managed_tables());  -- the extension's tables (src/catalog/tables.cpp)
CREATE TEMP VIEW ext_functions AS
    SELECT p.oid, p.oid::regprocedure::text AS sig, p.prosecdef, p.proconfig
    FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona';

SELECT cmp_ok((SELECT count(*) FROM ext_tables WHERE tenant)::int, '>=', 3, 'the schema has tenant tables');
SELECT is(ARRAY(SELECT relname::text FROM ext_tables WHERE NOT (relrowsecurity AND relforcerowsecurity) ORDER BY 1), '{}',
    'every table of the extension has RLS enabled and forced');
SELECT is(ARRAY(SELECT t.relname || ':' || cmd FROM ext_tables t, unnest(ARRAY['r', 'a', 'w', 'd']) cmd
                WHERE t.tenant AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = t.oid AND p.polcmd::text = cmd
                                               AND p.polroles = ARRAY['authenticated'::regrole::oid])
                ORDER BY 1), '{}',
    'every tenant table has a policy TO authenticated for SELECT, INSERT, UPDATE and DELETE');
SELECT is(ARRAY(SELECT t.relname || '.' || p.polname FROM ext_tables t JOIN pg_policy p ON p.polrelid = t.oid
                WHERE p.polcmd IN ('w') AND (p.polqual IS NULL OR p.polwithcheck IS NULL) ORDER BY 1), '{}',
    'every UPDATE policy has both USING and WITH CHECK');
SELECT is(ARRAY(SELECT t.relname || '.' || p.polname FROM ext_tables t JOIN pg_policy p ON p.polrelid = t.oid
                WHERE t.tenant AND (coalesce(pg_get_expr(p.polqual, p.polrelid), '') || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), ''))
                                   !~ 'SELECT [a-z_."]*vital_tenant_ids' ORDER BY 1), '{}',
    'every tenant-table policy calls vital_tenant_ids() wrapped in a sub-select (initPlan)');
SELECT is(ARRAY(SELECT t.relname || '.' || p.polname FROM ext_tables t JOIN pg_policy p ON p.polrelid = t.oid
                WHERE (coalesce(pg_get_expr(p.polqual, p.polrelid), '') || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')) ~* 'user_metadata'
                ORDER BY 1), '{}', 'no policy reads user_metadata');

-- grants
SELECT is(ARRAY(SELECT relname::text FROM ext_tables WHERE has_table_privilege('anon', oid, 'SELECT,INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES,TRIGGER') ORDER BY 1),
    '{}', 'anon holds no privilege on any table');
SELECT is(ARRAY(SELECT relname::text FROM ext_tables WHERE tenant AND relname <> 'tenants'
                AND NOT (has_table_privilege('authenticated', oid, 'SELECT') AND has_table_privilege('authenticated', oid, 'INSERT')
                         AND has_table_privilege('authenticated', oid, 'UPDATE') AND has_table_privilege('authenticated', oid, 'DELETE')
                         AND NOT has_table_privilege('authenticated', oid, 'TRUNCATE') AND NOT has_table_privilege('authenticated', oid, 'TRIGGER'))
                ORDER BY 1), '{}', 'authenticated holds exactly SELECT, INSERT, UPDATE, DELETE on tenant tables');
SELECT is(ARRAY(SELECT relname::text FROM ext_tables WHERE relname LIKE 'lookup\_%'
                AND (NOT has_table_privilege('authenticated', oid, 'SELECT') OR has_table_privilege('authenticated', oid, 'INSERT,UPDATE,DELETE,TRUNCATE'))
                ORDER BY 1), '{}', 'authenticated may only read lookup tables');
SELECT is(ARRAY(SELECT relname::text FROM ext_tables WHERE relname <> '_vital_registered_sections'
                AND NOT has_table_privilege('service_role', oid, 'SELECT,INSERT,UPDATE,DELETE') ORDER BY 1),
    '{}', 'service_role holds every privilege it needs on every table');
SELECT is(ARRAY(SELECT t.relname || ':' || coalesce(r.rolname, 'PUBLIC') || ':' || a.privilege_type
                FROM ext_tables t JOIN pg_class c ON c.oid = t.oid, aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
                WHERE a.grantee <> c.relowner AND a.privilege_type IN ('TRIGGER', 'REFERENCES', 'TRUNCATE') ORDER BY 1), '{}',
    'nobody but the owner holds TRIGGER, REFERENCES or TRUNCATE on a table of the extension');
SELECT is(ARRAY(SELECT t.relname::text FROM ext_tables t JOIN pg_attribute a ON a.attrelid = t.oid WHERE a.attacl IS NOT NULL ORDER BY 1),
    '{}', 'no column-level privilege on any table of the extension');

-- functions
SELECT is(ARRAY(SELECT sig FROM ext_functions WHERE prosecdef AND (has_function_privilege('anon', oid, 'EXECUTE')
                                                                    OR has_function_privilege('authenticated', oid, 'EXECUTE')) ORDER BY 1), '{}',
    'no SECURITY DEFINER function of the extension is executable by anon or authenticated');
SELECT is(ARRAY(SELECT sig FROM ext_functions WHERE prosecdef AND NOT proconfig @> ARRAY[format('search_path=pg_catalog, %s, pg_temp',
                                                                    pg_temp.ext_schema()::regnamespace)] ORDER BY 1), '{}',
    'every SECURITY DEFINER function pins search_path to pg_catalog, the extension schema, pg_temp');
SELECT is(ARRAY(SELECT sig FROM ext_functions WHERE has_function_privilege('anon', oid, 'EXECUTE') ORDER BY 1), '{}',
    'anon can execute no function of the extension');
SELECT is(ARRAY(SELECT sig FROM ext_functions WHERE NOT EXISTS (SELECT 1 FROM unnest(proconfig) c WHERE c LIKE 'search_path=%') ORDER BY 1),
    '{}', 'every function of the extension pins its search_path');

SELECT is(ARRAY(SELECT sig FROM ext_functions WHERE sig LIKE '%vital_selftest(%'), '{}', 'no test-only function (vital_selftest) is shipped');
SELECT is_empty('SELECT * FROM vital_rls_audit() WHERE problem <> ''opted_out''',
    'the audit finds nothing to report on a fresh install or update');

SELECT * FROM finish();
ROLLBACK;
