-- versions: 4.0 5.0
-- The generator: dry run, idempotence, drift repair, the audit reporting each kind of problem on a
-- deliberately broken table, the event trigger on new tables and its opt-out.
BEGIN;
SELECT plan(24);

CREATE FUNCTION pg_temp.ext_schema() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vital_persona' $$;
CREATE FUNCTION pg_temp.problems(tbl text) RETURNS text[] LANGUAGE sql AS $$
    SELECT coalesce(array_agg(DISTINCT problem ORDER BY problem), '{}') FROM vital_rls_audit() WHERE object_name = tbl $$;

SELECT is_empty('SELECT * FROM vital_rls_preview()', 'dry run: nothing to do after install');
SELECT is_empty('SELECT * FROM vital_rls_apply()', 'apply is idempotent: a second run executes nothing');

-- Break persona_goals in every way, and persona_tags with an unwrapped per-row call.
ALTER TABLE persona_goals DISABLE ROW LEVEL SECURITY;
ALTER TABLE persona_goals NO FORCE ROW LEVEL SECURITY;
DROP POLICY vital_delete ON persona_goals;
ALTER POLICY vital_select ON persona_goals USING (true);
CREATE POLICY open_access ON persona_goals FOR INSERT TO authenticated WITH CHECK (true);
GRANT TRUNCATE ON persona_goals TO authenticated;
GRANT SELECT ON persona_goals TO anon;
DROP POLICY vital_select ON persona_tags;
CREATE POLICY vital_select ON persona_tags FOR SELECT TO authenticated USING (tenant_id = ANY (vital_tenant_ids('viewer')));
CREATE POLICY by_setting ON persona_tags FOR SELECT TO authenticated
    USING (tenant_id = (current_setting('request.jwt.claims', true)::jsonb #>> '{app_metadata,tenant_id}')::uuid);

SELECT is(pg_temp.problems('persona_goals'),
    ARRAY['always_true', 'grant_differs', 'policy_differs', 'policy_extra', 'policy_missing', 'rls_disabled', 'rls_not_forced'],
    'the audit reports RLS off, not forced, a missing, a changed and an extra policy, always-true policies and wrong grants');
SELECT ok(EXISTS (SELECT 1 FROM vital_rls_audit() WHERE object_name = 'persona_goals' AND problem = 'always_true' AND detail LIKE 'open_access%'),
    'the extra USING (true)-style policy is reported as always true');
SELECT ok(EXISTS (SELECT 1 FROM vital_rls_audit() WHERE object_name = 'persona_goals' AND problem = 'grant_differs' AND detail LIKE 'anon%'),
    'a grant to anon is reported');
SELECT is(pg_temp.problems('persona_tags'), ARRAY['per_row_call', 'policy_differs', 'policy_extra'],
    'the audit reports unwrapped per-row calls (and the drifted policies)');
SELECT ok(EXISTS (SELECT 1 FROM vital_rls_audit() WHERE object_name = 'persona_tags' AND problem = 'per_row_call' AND detail LIKE 'by_setting calls current_setting%'),
    'a bare current_setting() in a policy is a per-row call');
SELECT ok(EXISTS (SELECT 1 FROM vital_rls_audit() WHERE object_name = 'persona_tags' AND problem = 'per_row_call' AND detail LIKE 'vital_select calls vital_tenant_ids%'),
    'a bare helper call in a policy is a per-row call');
SELECT is_empty('SELECT * FROM vital_rls_audit() WHERE object_name NOT IN (''persona_goals'', ''persona_tags'')',
    'the audit reports nothing on the untouched tables');

SELECT ok((SELECT count(*) FROM vital_rls_preview() WHERE table_name = 'persona_goals') >= 7, 'the dry run lists the repairs');
SELECT ok((SELECT relrowsecurity FROM pg_class WHERE oid = 'persona_goals'::regclass) = false, 'the dry run changed nothing');
SELECT ok((SELECT count(*) FROM vital_rls_apply()) >= 10, 'apply runs the repairs');
SELECT is_empty('SELECT * FROM vital_rls_audit()', 'after apply the audit is clean');
SELECT is_empty('SELECT * FROM vital_rls_apply()', 'and apply has nothing left to do');
SELECT ok(NOT has_table_privilege('anon', 'persona_goals', 'SELECT') AND NOT has_table_privilege('authenticated', 'persona_goals', 'TRUNCATE'),
    'the stray grants were revoked');
SELECT policies_are('persona_tags', ARRAY['vital_select', 'vital_insert', 'vital_update', 'vital_delete'], 'extra policies were dropped');

-- Event trigger: a new tenant table in the extension's schema is secured at once.
DO $$ BEGIN
    EXECUTE format('CREATE TABLE %s.persona_new_section (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id uuid NOT NULL, note text)',
                   pg_temp.ext_schema());
    EXECUTE 'CREATE TABLE pg_temp.not_ours (id uuid, tenant_id uuid)';
END $$;
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = 'persona_new_section'),
    'event trigger: RLS enabled and forced on a new tenant table');
SELECT policies_are('persona_new_section', ARRAY['vital_select', 'vital_insert', 'vital_update', 'vital_delete'],
    'event trigger: the generated policies exist');
SELECT ok(has_table_privilege('authenticated', 'persona_new_section', 'SELECT,INSERT,UPDATE,DELETE')
          AND NOT has_table_privilege('anon', 'persona_new_section', 'SELECT')
          AND has_table_privilege('service_role', 'persona_new_section', 'SELECT,INSERT,UPDATE,DELETE'),
    'event trigger: the generated grants exist');
SELECT ok(NOT (SELECT relrowsecurity FROM pg_class WHERE oid = 'pg_temp.not_ours'::regclass), 'tables outside the schema are not touched');
SELECT is_empty('SELECT * FROM vital_rls_audit()', 'the new table passes the audit');

-- Opt-out: the setting for the event trigger, the comment marker for the generator.
SET LOCAL vital_persona.rls_auto = off;
DO $$ BEGIN
    EXECUTE format('CREATE TABLE %s.persona_manual (id uuid PRIMARY KEY, tenant_id uuid NOT NULL)', pg_temp.ext_schema());
    EXECUTE format('COMMENT ON TABLE %s.persona_manual IS %L', pg_temp.ext_schema(), 'Managed by hand. vital_persona:rls=manual');
END $$;
RESET vital_persona.rls_auto;
SELECT ok(NOT (SELECT relrowsecurity FROM pg_class WHERE relname = 'persona_manual'), 'SET vital_persona.rls_auto = off skips the event trigger');
SELECT is_empty('SELECT * FROM vital_rls_apply() WHERE table_name = ''persona_manual''', 'apply leaves an opted-out table alone');
SELECT is(pg_temp.problems('persona_manual'), ARRAY['opted_out'], 'the audit lists the opted-out table');

SELECT * FROM finish();
ROLLBACK;
