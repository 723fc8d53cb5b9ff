-- versions: 4.0 5.0
-- The object-level trust boundary (issue 11, docs/security.md "Threat model"):
--  * analysis never executes: preview, apply and audit compare policies structurally and never run a function
--    that a stored policy calls, also as superuser;
--  * the extension manages only what it owns: the application's tables in the same schema (any tenant_id type,
--    created by an application role) keep every policy, RLS flag, grant, trigger and owner through apply,
--    DROP EXTENSION, CREATE EXTENSION and the update from 4.0 (to the default version); registered sections get
--    exactly what registration promises and unregistering gives the table back as it was;
--  * least privilege survives default privileges: with Supabase-style ALTER DEFAULT PRIVILEGES granting ALL to
--    the API roles, a fresh install ends at the allowlist, and the audit reports every deviation.
BEGIN;
SELECT plan(46);

CREATE FUNCTION pg_temp.ext_schema() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vital_persona' $$;
SELECT pg_temp.ext_schema() AS ext \gset
SELECT extversion AS installed_version FROM pg_extension WHERE extname = 'vital_persona' \gset

-- ---------------------------------------------------------------- A. analysis never executes
-- An IMMUTABLE function that logs every invoker (in a setting: allowed in a non-volatile function).
CREATE FUNCTION public.vp_logs_invoker(n int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    PERFORM set_config('vp_test.ran', coalesce(current_setting('vp_test.ran', true), '') || current_user || ';', false);
    RETURN true;
END $$;
GRANT EXECUTE ON FUNCTION public.vp_logs_invoker(int) TO PUBLIC;
SELECT ok(public.vp_logs_invoker(0) AND current_setting('vp_test.ran') <> '', 'the decoy logs its invoker when it runs');
SELECT set_config('vp_test.ran', '', false);
CREATE POLICY vp_decoy ON persona_goals FOR SELECT TO authenticated USING (public.vp_logs_invoker(1));
CREATE POLICY vp_decoy_or ON persona_goals FOR UPDATE TO authenticated
    USING (public.vp_logs_invoker(2) OR tenant_id IS NULL) WITH CHECK (public.vp_logs_invoker(3));
ALTER POLICY vital_select ON persona_tags USING (public.vp_logs_invoker(4) AND tenant_id IS NOT NULL);

SELECT ok((SELECT count(*) FROM vital_rls_audit() WHERE object_name = 'persona_goals' AND problem = 'policy_extra') = 2
          AND current_setting('vp_test.ran') = '', 'vital_rls_audit reports the foreign policies without running them (as superuser)');
SELECT ok((SELECT count(*) FROM vital_rls_preview() WHERE table_name IN ('persona_goals', 'persona_tags')) >= 3
          AND current_setting('vp_test.ran') = '', 'vital_rls_preview plans the repair without running them');
SELECT ok((SELECT count(*) FROM vital_rls_apply() WHERE table_name IN ('persona_goals', 'persona_tags')) >= 3
          AND current_setting('vp_test.ran') = '', 'vital_rls_apply repairs without running them');
SELECT is_empty('SELECT * FROM vital_rls_audit()', 'and the repair is complete');
SELECT is(current_setting('vp_test.ran'), '', 'the decoy never ran');

-- ---------------------------------------------------------------- B. only what it owns
-- An application role with CREATE on the extension's schema (Supabase: postgres; an app role in public) creates
-- tables with a tenant_id of every type, with its own policies, grants and triggers.
CREATE ROLE vp_app NOLOGIN;
GRANT USAGE, CREATE ON SCHEMA :ext TO vp_app;
SET LOCAL ROLE vp_app;
SELECT lives_ok(format($$CREATE TABLE %s.app_uuid (id int PRIMARY KEY, tenant_id uuid, note text)$$, :'ext'),
    'an application role creates a table with a uuid tenant_id in the extension schema');
SELECT lives_ok(format($$CREATE TABLE %s.app_text (id int PRIMARY KEY, tenant_id text)$$, :'ext'), '... with a text tenant_id');
SELECT lives_ok(format($$CREATE TABLE %s.app_int (id int PRIMARY KEY, tenant_id int)$$, :'ext'), '... with an int tenant_id');
SELECT lives_ok(format($$CREATE TABLE %s.app_plain AS SELECT 1 AS tenant_id$$, :'ext'), '... and with CREATE TABLE AS');
DO $app$ BEGIN
    EXECUTE format('ALTER TABLE %s.app_uuid ENABLE ROW LEVEL SECURITY', pg_temp.ext_schema());
    EXECUTE format('CREATE POLICY app_own ON %s.app_uuid FOR SELECT USING (tenant_id IS NOT NULL)', pg_temp.ext_schema());
    EXECUTE format('GRANT SELECT ON %s.app_text TO authenticated', pg_temp.ext_schema());
    EXECUTE format('GRANT TRIGGER ON %s.app_int TO authenticated', pg_temp.ext_schema());
    EXECUTE format('CREATE FUNCTION %s.app_touch() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NEW; END $f$', pg_temp.ext_schema());
    EXECUTE format('CREATE TRIGGER app_touch BEFORE INSERT ON %1$s.app_int FOR EACH ROW EXECUTE FUNCTION %1$s.app_touch()', pg_temp.ext_schema());
END $app$;
RESET ROLE;

-- Everything about the application's objects that the extension could change.
CREATE FUNCTION pg_temp.fingerprint() RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(x, E'\n' ORDER BY x) FROM (
        SELECT format('table %s rls=%s force=%s owner=%s acl=%s', c.relname, c.relrowsecurity, c.relforcerowsecurity,
                      c.relowner::regrole, c.relacl) AS x
          FROM pg_class c WHERE c.relname LIKE 'app\_%' AND c.relkind IN ('r', 'p')
        UNION ALL
        SELECT format('policy %s on %s: %s %s %s %s', p.polname, c.relname, p.polcmd, p.polroles::regrole[],
                      pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
          FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relname LIKE 'app\_%'
        UNION ALL
        SELECT format('trigger %s on %s enabled=%s', t.tgname, c.relname, t.tgenabled)
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relname LIKE 'app\_%' AND NOT t.tgisinternal
        UNION ALL
        SELECT format('constraint %s on %s', k.conname, c.relname)
          FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE c.relname LIKE 'app\_%'
        UNION ALL
        SELECT format('column %s.%s acl=%s', c.relname, a.attname, a.attacl)
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname LIKE 'app\_%' AND a.attacl IS NOT NULL
        UNION ALL
        SELECT format('function %s owner=%s acl=%s config=%s', p.oid::regprocedure, p.proowner::regrole, p.proacl, p.proconfig)
          FROM pg_proc p WHERE p.proname LIKE 'app\_%') f $$;
SELECT pg_temp.fingerprint() AS app_before \gset
SELECT ok((SELECT count(*) FROM pg_class WHERE relname LIKE 'app\_%' AND relkind = 'r' AND NOT relforcerowsecurity
           AND NOT EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = pg_class.oid AND t.tgname LIKE 'vital%')) = 4,
    'no event trigger secured, validated or otherwise changed the new tables');
SELECT is_empty($$SELECT * FROM vital_rls_preview() WHERE table_name LIKE 'app\_%'$$, 'the generator plans nothing for them');
SELECT is_empty($$SELECT * FROM vital_rls_audit() WHERE object_name LIKE 'app\_%'$$, 'the audit does not report them');
SELECT lives_ok('SELECT * FROM vital_rls_apply()', 'apply runs');
SELECT is(pg_temp.fingerprint(), :'app_before'::text, 'apply left the application''s objects exactly as they were');
-- Each install cycle runs in a savepoint that is rolled back (this frees its locks: one transaction cannot hold
-- several installs' worth); the results are carried out in psql variables.
SAVEPOINT cycle;
DROP EXTENSION vital_persona;
SELECT pg_temp.fingerprint() AS after_drop \gset
CREATE EXTENSION vital_persona SCHEMA :ext VERSION :'installed_version';
SELECT pg_temp.fingerprint() AS after_create \gset
ROLLBACK TO SAVEPOINT cycle;
SAVEPOINT cycle;
DROP EXTENSION vital_persona;
CREATE EXTENSION vital_persona SCHEMA :ext VERSION '4.0';
SELECT pg_temp.fingerprint() AS after_create_40 \gset
ALTER EXTENSION vital_persona UPDATE;  -- through every step to the default version
SELECT pg_temp.fingerprint() AS after_update \gset
ROLLBACK TO SAVEPOINT cycle;
SELECT is(:'after_drop'::text, :'app_before'::text, 'DROP EXTENSION left them exactly as they were');
SELECT is(:'after_create'::text, :'app_before'::text, 'CREATE EXTENSION next to them left them exactly as they were');
SELECT is(:'after_create_40'::text, :'app_before'::text, 'CREATE EXTENSION VERSION 4.0 left them exactly as they were');
SELECT is(:'after_update'::text, :'app_before'::text, 'ALTER EXTENSION UPDATE from 4.0 to the default version left them exactly as they were');

-- Registration: an owner's table in its own schema, with RLS already enabled (a flag unregistering must keep).
CREATE SCHEMA vp_app_schema AUTHORIZATION vp_app;
GRANT EXECUTE ON FUNCTION vital_register_section(regclass), vital_unregister_section(regclass) TO vp_app;
SET LOCAL ROLE vp_app;
CREATE TABLE vp_app_schema.app_notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id uuid NOT NULL,
                                      persona_id uuid NOT NULL, note text NOT NULL);
CREATE INDEX ON vp_app_schema.app_notes (persona_id);
ALTER TABLE vp_app_schema.app_notes ENABLE ROW LEVEL SECURITY;
CREATE TABLE vp_app_schema.app_parted (id uuid, tenant_id uuid, persona_id uuid) PARTITION BY HASH (id);
CREATE TABLE vp_app_schema.app_no_persona (id uuid, tenant_id uuid);
CREATE TABLE vp_app_schema.app_has_policy (id uuid, tenant_id uuid, persona_id uuid);
CREATE POLICY mine ON vp_app_schema.app_has_policy USING (true);
RESET ROLE;
SELECT pg_temp.fingerprint() AS app_before \gset
CREATE ROLE vp_other NOLOGIN;
GRANT EXECUTE ON FUNCTION vital_register_section(regclass) TO vp_other;
GRANT USAGE ON SCHEMA vp_app_schema, :ext TO vp_other;
SET LOCAL ROLE vp_other;
SELECT throws_ok($$SELECT * FROM vital_register_section('vp_app_schema.app_notes')$$, '42501', 'must be owner of table app_notes',
    'only the table''s owner can register it');
RESET ROLE;
SET LOCAL ROLE vp_app;
SELECT throws_ok($$SELECT * FROM vital_register_section('vp_app_schema.app_parted')$$, '42809',
    'cannot register partitioned table "app_parted" as a section', 'a partitioned table is refused at registration');
SELECT throws_ok($$SELECT * FROM vital_register_section('vp_app_schema.app_no_persona')$$, '42703', NULL,
    'a table without persona_id is refused');
SELECT throws_ok($$SELECT * FROM vital_register_section('vp_app_schema.app_has_policy')$$, '55000', NULL,
    'a table with its own policies is refused (they would be replaced)');
SELECT throws_ok($$SELECT * FROM vital_register_section('personas')$$, '42501', NULL,
    'a member table cannot be registered (and is not the caller''s)');
SELECT lives_ok($$SELECT * FROM vital_register_section('vp_app_schema.app_notes')$$, 'the owner registers its table');
RESET ROLE;
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE oid = 'vp_app_schema.app_notes'::regclass)
          AND EXISTS (SELECT FROM pg_trigger WHERE tgrelid = 'vp_app_schema.app_notes'::regclass AND tgname = 'vital_validate_row')
          AND EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'vp_app_schema.app_notes'::regclass AND conname = 'vital_section_persona_fk'),
    'a registered section gets RLS (forced), the validation trigger and the foreign key to personas');
SELECT policies_are('vp_app_schema', 'app_notes', ARRAY['vital_select', 'vital_insert', 'vital_update', 'vital_delete'],
    'and the generated tenant policies');
SELECT is_empty('SELECT * FROM vital_rls_audit()', 'the registered section passes the audit');
SELECT ok((SELECT extconfig @> ARRAY[format('%s._vital_registered_sections', pg_temp.ext_schema())::regclass::oid]
           FROM pg_extension WHERE extname = 'vital_persona'), 'registrations are dumped with the data (config table)');
INSERT INTO tenants (id, name, slug) VALUES ('a0000000-0000-0000-0000-0000000000a1', 'Reg', 'reg-tenant');
INSERT INTO personas (id, tenant_id, name, slug)
VALUES ('b0000000-0000-0000-0000-0000000000b1', 'a0000000-0000-0000-0000-0000000000a1', 'P', 'p-reg');
INSERT INTO vp_app_schema.app_notes (persona_id, note)
VALUES ('b0000000-0000-0000-0000-0000000000b1', 'one'), ('b0000000-0000-0000-0000-0000000000b1', 'two');
SELECT is((vital_summary('b0000000-0000-0000-0000-0000000000b1') #>> '{sections,app_notes}')::int, 2,
    'vital_summary counts the registered section');
SET LOCAL ROLE vp_app;
SELECT lives_ok($$SELECT * FROM vital_unregister_section('vp_app_schema.app_notes')$$, 'the owner unregisters it');
RESET ROLE;
SELECT is(pg_temp.fingerprint(), :'app_before'::text, 'unregistering gives the table back exactly as it was (RLS flag kept)');
SELECT ok(vital_summary('b0000000-0000-0000-0000-0000000000b1') #> '{sections,app_notes}' IS NULL,
    'and vital_summary no longer reports it');

-- ---------------------------------------------------------------- C. least privilege survives default privileges
SAVEPOINT cycle;
DROP EXTENSION vital_persona CASCADE;
ALTER DEFAULT PRIVILEGES GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
CREATE EXTENSION vital_persona SCHEMA :ext VERSION :'installed_version';
CREATE TEMP VIEW ext_rel AS SELECT c.oid, c.relname FROM pg_class c JOIN pg_depend d ON d.classid = 'pg_class'::regclass
    AND d.objid = c.oid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S');
CREATE TEMP VIEW ext_fn AS SELECT p.oid, p.oid::regprocedure::text AS sig, p.prosecdef FROM pg_proc p JOIN pg_depend d
    ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid
    AND e.extname = 'vital_persona';
SELECT (SELECT count(*) FROM pg_default_acl) >= 3 AS default_acls_set,
       ARRAY(SELECT object_name || ':' || problem FROM vital_rls_audit() WHERE problem <> 'opted_out')::text AS audit_default,
       ARRAY(SELECT relname::text FROM ext_rel WHERE has_table_privilege('anon', oid, 'SELECT,INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES,TRIGGER')
             UNION ALL SELECT sig FROM ext_fn WHERE has_function_privilege('anon', oid, 'EXECUTE'))::text AS anon_holds,
       ARRAY(SELECT relname::text FROM ext_rel WHERE has_table_privilege('authenticated', oid, 'TRUNCATE,REFERENCES,TRIGGER')
             OR has_table_privilege('service_role', oid, 'TRUNCATE,REFERENCES,TRIGGER') ORDER BY 1)::text AS trd_holders,
       ARRAY(SELECT sig FROM ext_fn WHERE prosecdef AND has_function_privilege('authenticated', oid, 'EXECUTE'))::text AS definer_auth,
       NOT has_function_privilege('authenticated', format('%s.vital_rls_apply()', :'ext'), 'EXECUTE')
         AND NOT has_function_privilege('service_role', format('%s.vital_rls_apply()', :'ext'), 'EXECUTE')
         AND has_function_privilege('authenticated', format('%s.vital_summary(uuid)', :'ext'), 'EXECUTE') AS fn_allowlist \gset
-- Every kind of deviation is reported, and apply repairs it.
GRANT EXECUTE ON FUNCTION vital_rls_preview() TO authenticated;
GRANT TRIGGER ON personas TO service_role;
GRANT REFERENCES (id) ON personas TO authenticated;
ALTER FUNCTION vital_rls_apply() SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION vp_unlisted() RETURNS int LANGUAGE sql AS 'SELECT 1';
REVOKE ALL ON FUNCTION vp_unlisted() FROM PUBLIC, anon, authenticated, service_role;
ALTER EXTENSION vital_persona ADD FUNCTION vp_unlisted();
SELECT ARRAY(SELECT DISTINCT problem FROM vital_rls_audit() ORDER BY 1)::text AS deviations \gset
ALTER EXTENSION vital_persona DROP FUNCTION vp_unlisted();
SELECT count(*) > 0 AS repaired FROM vital_rls_apply() \gset
SELECT ARRAY(SELECT object_name || ':' || problem FROM vital_rls_audit() WHERE problem <> 'opted_out')::text AS audit_after \gset
ROLLBACK TO SAVEPOINT cycle;

-- Installed by a non-superuser owner (Supabase's postgres: the trusted install runs as the bootstrap superuser).
SAVEPOINT cycle;
DROP EXTENSION vital_persona CASCADE;
CREATE ROLE vp_installer NOLOGIN;
SELECT format('GRANT CREATE ON DATABASE %I TO vp_installer', current_database()) \gexec
GRANT USAGE, CREATE ON SCHEMA :ext TO vp_installer;
CREATE SCHEMA vp_installer_app AUTHORIZATION vp_installer;
SET LOCAL ROLE vp_installer;
CREATE EXTENSION vital_persona SCHEMA :ext VERSION :'installed_version';
CREATE TABLE vp_installer_app.app_owned_notes (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, persona_id uuid NOT NULL);
SELECT ARRAY(SELECT object_name || ':' || problem FROM vital_rls_audit() WHERE problem <> 'opted_out')::text AS owner_audit,
       ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
               AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
             WHERE has_table_privilege('vp_installer', c.oid, 'TRUNCATE,REFERENCES,TRIGGER') ORDER BY 1)::text AS owner_trd,
       has_table_privilege('vp_installer', format('%s._vital_registered_sections', :'ext'), 'SELECT,INSERT,UPDATE,DELETE')
         AS owner_touches_registry \gset
SELECT count(*) AS owner_registered FROM vital_register_section('vp_installer_app.app_owned_notes') \gset
SELECT EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'vp_installer_app.app_owned_notes'::regclass
               AND conname = 'vital_section_persona_fk') AS owner_fk \gset
RESET ROLE;
ROLLBACK TO SAVEPOINT cycle;

SELECT ok(:'default_acls_set'::boolean, 'Supabase-style default privileges (ALL to anon, authenticated, service_role) were in force');
SELECT is(:'audit_default'::text, '{}'::text, 'with them, the install still ends clean (audit)');
SELECT is(:'anon_holds'::text, '{}'::text, 'anon holds nothing');
SELECT is(:'trd_holders'::text, '{}'::text, 'neither authenticated nor service_role holds TRUNCATE, REFERENCES or TRIGGER on any relation');
SELECT is(:'definer_auth'::text, '{}'::text, 'no SECURITY DEFINER function is executable by authenticated');
SELECT ok(:'fn_allowlist'::boolean, 'functions follow the allowlist (vital_rls_apply: owner only; vital_summary: authenticated)');
SELECT is(:'deviations'::text, '{column_grant,definer_search_path,execute_not_allowed,function_not_in_allowlist,grant_differs}'::text,
    'the audit reports a grant outside the allowlist, TRIGGER on a table, a column grant, an unpinned definer, an unlisted function');
SELECT ok(:'repaired'::boolean, 'apply repairs them');
SELECT is(:'audit_after'::text, '{}'::text, 'and the audit is clean again');
SELECT is(:'owner_audit'::text, '{}'::text, 'installed by a non-superuser owner, the audit (run by that owner) is clean');
SELECT is(:'owner_trd'::text, '{}'::text, 'the non-superuser owner holds no TRUNCATE, REFERENCES or TRIGGER on member tables');
SELECT ok(NOT :'owner_touches_registry'::boolean, 'nor any privilege on the registration record');
SELECT ok(:'owner_registered'::int >= 6 AND :'owner_fk'::boolean,
    'it registers its own table (the foreign key to personas is added by the extension, not by the owner''s REFERENCES)');

SELECT * FROM finish();
ROLLBACK;
