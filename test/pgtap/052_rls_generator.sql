-- versions: 4.0 5.0
-- The generator: dry run, idempotence, drift repair, the audit reporting each kind of problem on a
-- deliberately broken table, tables the extension does not own, registration and the opt-out.
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

-- A new table with tenant_id in the extension's schema is the application's: no event trigger secures or changes
-- it, and the generator neither reports nor touches it (056_trust_boundary.sql checks every kind of object).
DO $$ BEGIN
    EXECUTE format('CREATE TABLE %s.persona_new_section (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id uuid NOT NULL, '
                   'persona_id uuid NOT NULL, note text)', pg_temp.ext_schema());
END $$;
SELECT ok((SELECT NOT relrowsecurity AND NOT relforcerowsecurity FROM pg_class WHERE relname = 'persona_new_section'),
    'a new tenant table in the schema is left alone (no RLS forced on it)');
SELECT is_empty('SELECT * FROM vital_rls_preview() WHERE table_name = ''persona_new_section''', 'the generator does not plan anything for it');
SELECT is_empty('SELECT * FROM vital_rls_audit() WHERE object_name = ''persona_new_section''', 'the audit does not report it');
-- Registered: it gets the policies (its owner's explicit choice).
SELECT lives_ok($$SELECT * FROM vital_register_section('persona_new_section')$$, 'the owner registers it as a section');
SELECT policies_are('persona_new_section', ARRAY['vital_select', 'vital_insert', 'vital_update', 'vital_delete'],
    'a registered section has the generated policies');
SELECT is_empty('SELECT * FROM vital_rls_audit()', 'the registered section passes the audit');

-- Opt-out: the comment marker on a managed table makes the generator leave it alone.
DO $$ BEGIN
    EXECUTE format('COMMENT ON TABLE %s.persona_new_section IS %L', pg_temp.ext_schema(), 'Managed by hand. vital_persona:rls=manual');
END $$;
DROP POLICY vital_delete ON persona_new_section;
SELECT is_empty('SELECT * FROM vital_rls_apply() WHERE table_name = ''persona_new_section''', 'apply leaves an opted-out table alone');
SELECT is(pg_temp.problems('persona_new_section'), ARRAY['opted_out'], 'the audit lists the opted-out table');

SELECT * FROM finish();
ROLLBACK;
