-- versions: 4.0 5.0
-- Tenant isolation, by behaviour: two tenants, a user per membership role, every command, as authenticated,
-- anon and service_role, on every tenant table the catalog-driven fixture can fill (persona children,
-- grandchildren and, on 5.0, sections 57-71), plus tenants, users, tenant_members and the lookups.
BEGIN;
SELECT plan(45);
\ir ../support/rls_fixture.sql

SELECT cmp_ok((SELECT count(DISTINCT rel) FROM fx_rows WHERE tenant = 'B')::int, '>=', 3,
    'the fixture has rows of tenant B in at least personas and two child tables');
SELECT is(ARRAY(SELECT t::text FROM pg_temp.tenant_tables() t
                WHERE t::text !~ '(^|\.)(users|tenant_members)$'
                  AND NOT EXISTS (SELECT 1 FROM fx_rows r WHERE r.rel = t AND r.tenant = 'B')), '{}'::text[],
    'the generic seeder filled every tenant table for both tenants');

-- ---------------------------------------------------------------- SELECT, every seeded table
CREATE FUNCTION pg_temp.select_failures(me text, other text) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE r record; bad text[] := '{}'; mine text; theirs text;
BEGIN
    FOR r IN SELECT DISTINCT rel AS tbl FROM fx_rows ORDER BY 1 LOOP
        mine := pg_temp.scalar(format('SELECT count(*) FROM %s WHERE id = %L', r.tbl, pg_temp.row_of(r.tbl, me)));
        theirs := pg_temp.scalar(format('SELECT count(*) FROM %s WHERE tenant_id = %L', r.tbl, pg_temp.fx('tenant_' || other)));
        IF mine IS DISTINCT FROM '1' OR theirs IS DISTINCT FROM '0' THEN
            bad := bad || format('%s (own %s, other %s)', r.tbl, mine, theirs);
        END IF;
    END LOOP;
    RETURN bad;
END $$;
SELECT pg_temp.login('viewer_A');
SELECT is(pg_temp.select_failures('A', 'B'), '{}', 'a viewer of A sees its rows and none of B, in every tenant table');
SELECT pg_temp.login('owner_B');
SELECT is(pg_temp.select_failures('B', 'A'), '{}', 'an owner of B sees its rows and none of A, in every tenant table');
SELECT pg_temp.login('outsider');
SELECT is(ARRAY(SELECT r.tbl::text FROM (SELECT DISTINCT rel AS tbl FROM fx_rows) r
                WHERE pg_temp.scalar(format('SELECT count(*) FROM %s', r.tbl)) <> '0'), '{}',
    'a user without membership sees no row of any tenant table');
SELECT pg_temp.login('no-such-user');
SELECT is(pg_temp.scalar('SELECT count(*) FROM personas'), '0', 'a sub that is not a uuid sees nothing (no error)');

-- anon: no privilege at all on any table of the extension
SELECT pg_temp.as_anon();
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c WHERE c.relnamespace = pg_temp.ext_schema() AND c.relkind IN ('r', 'p')
                AND pg_temp.scalar(format('SELECT count(*) FROM %s', c.oid::regclass)) <> '42501' ORDER BY 1), '{}',
    'anon gets 42501 on SELECT from every table (tenant data and lookups)');
-- (42P01 when the extension lives in its own schema: anon has no USAGE on it, so the name does not resolve)
SELECT matches(pg_temp.try(format('INSERT INTO personas (tenant_id, name, slug) VALUES (%L, ''x'', ''x'')', pg_temp.fx('tenant_A'))),
    '^(42501|42P01)$', 'anon cannot insert');
SELECT matches(pg_temp.try('UPDATE personas SET name = name'), '^(42501|42P01)$', 'anon cannot update');
SELECT matches(pg_temp.try('DELETE FROM persona_goals'), '^(42501|42P01)$', 'anon cannot delete');

-- service_role: BYPASSRLS and full grants
SELECT pg_temp.as_service();
SELECT is(ARRAY(SELECT r.tbl::text FROM (SELECT DISTINCT rel AS tbl FROM fx_rows) r
                WHERE pg_temp.scalar(format('SELECT count(DISTINCT tenant_id) FROM %s', r.tbl)) <> '2'), '{}',
    'service_role sees both tenants in every tenant table');
SELECT is(pg_temp.try_undo(format('UPDATE personas SET name = ''svc'' WHERE id IN (%L, %L)', pg_temp.fx('persona_A'), pg_temp.fx('persona_B'))),
    '2', 'service_role updates rows of any tenant');
SELECT is(pg_temp.try_undo(format('INSERT INTO tenants (name, slug) VALUES (''New'', ''new-tenant'')')), '1',
    'service_role creates tenants');
SELECT is(pg_temp.try_undo('INSERT INTO lookup_roles (code, label) SELECT code || ''x'', label FROM lookup_roles LIMIT 1'), '1',
    'service_role writes lookups');

-- ---------------------------------------------------------------- writes, every seeded table
-- As editor of A: own rows updatable/deletable; B's rows invisible to UPDATE/DELETE; inserting for B denied.
CREATE FUNCTION pg_temp.write_failures() RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE r record; bad text[] := '{}'; res text; a_row uuid; cols text; b_tenant uuid := pg_temp.fx('tenant_B');
BEGIN
    FOR r IN SELECT DISTINCT rel AS tbl FROM fx_rows ORDER BY 1 LOOP
        a_row := pg_temp.row_of(r.tbl, 'A');
        res := pg_temp.try_undo(format('UPDATE %s SET updated_at = now() WHERE id = %L', r.tbl, a_row));
        IF res <> '1' THEN bad := bad || format('%s: update own -> %s', r.tbl, res); END IF;
        res := pg_temp.try_undo(format('UPDATE %s SET updated_at = now() WHERE tenant_id = %L', r.tbl, b_tenant));
        IF res <> '0' THEN bad := bad || format('%s: update other -> %s', r.tbl, res); END IF;
        res := pg_temp.try_undo(format('DELETE FROM %s WHERE tenant_id = %L', r.tbl, b_tenant));
        IF res <> '0' THEN bad := bad || format('%s: delete other -> %s', r.tbl, res); END IF;
        -- move own row to tenant B
        res := pg_temp.try_undo(format('UPDATE %s SET tenant_id = %L WHERE id = %L', r.tbl, b_tenant, a_row));
        IF res <> '42501' THEN bad := bad || format('%s: move to B -> %s', r.tbl, res); END IF;
        -- insert a copy of own row for tenant B
        cols := (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                 WHERE attrelid = r.tbl AND attnum > 0 AND NOT attisdropped AND attgenerated = '');
        res := pg_temp.try_undo(format(
            'INSERT INTO %1$s (%4$s) SELECT %4$s FROM jsonb_populate_record(NULL::%1$s, (SELECT to_jsonb(t) || jsonb_build_object(''id'', gen_random_uuid(), ''tenant_id'', %2$L::uuid) FROM %1$s t WHERE id = %3$L))',
            r.tbl, b_tenant, a_row, cols));
        IF res <> '42501' THEN bad := bad || format('%s: insert for B -> %s', r.tbl, res); END IF;
        IF r.tbl <> 'personas'::regclass THEN
            res := pg_temp.try_undo(format('DELETE FROM %s WHERE id = %L', r.tbl, a_row));
            IF res <> '1' THEN bad := bad || format('%s: delete own -> %s', r.tbl, res); END IF;
        END IF;
    END LOOP;
    RETURN bad;
END $$;
SELECT pg_temp.login('editor_A');
SELECT is(pg_temp.write_failures(), '{}',
    'an editor of A: updates/deletes own rows, cannot touch B''s, cannot move a row to B or insert one for B, in every tenant table');
SELECT is(pg_temp.try_undo(format('INSERT INTO persona_goals (tenant_id, persona_id) VALUES (%L, %L)', pg_temp.fx('tenant_A'), pg_temp.fx('persona_A'))),
    '1', 'an editor inserts a child row in its tenant');
SELECT is(pg_temp.try_undo(format('DELETE FROM personas WHERE id = %L', pg_temp.fx('persona_A'))), '0',
    'an editor cannot delete a persona (admin and above: the delete cascades to every section)');
SELECT is(pg_temp.try_undo(format('UPDATE persona_goals SET persona_id = %L WHERE id = %L', pg_temp.fx('persona_B'), pg_temp.row_of('persona_goals', 'A'))),
    '23503', 'moving a child to another tenant''s persona is refused by the composite foreign key');
SELECT is(pg_temp.try_undo(format('INSERT INTO persona_goals (tenant_id, persona_id) VALUES (%L, %L)', pg_temp.fx('tenant_A'), pg_temp.fx('persona_B'))),
    '23503', 'attaching a child row to another tenant''s persona (own tenant_id) fails');
SELECT is(pg_temp.try_undo(format('INSERT INTO persona_goals (tenant_id, persona_id) VALUES (%L, %L)', pg_temp.fx('tenant_B'), pg_temp.fx('persona_B'))),
    '42501', 'attaching a child row to another tenant''s persona (its tenant_id) fails');

SELECT pg_temp.login('viewer_A');
SELECT is(pg_temp.try_undo(format('INSERT INTO persona_goals (tenant_id, persona_id) VALUES (%L, %L)', pg_temp.fx('tenant_A'), pg_temp.fx('persona_A'))),
    '42501', 'a viewer cannot insert');
SELECT is(pg_temp.try_undo(format('UPDATE personas SET name = ''v'' WHERE id = %L', pg_temp.fx('persona_A'))), '0', 'a viewer cannot update');
SELECT is(pg_temp.try_undo(format('DELETE FROM persona_goals WHERE tenant_id = %L', pg_temp.fx('tenant_A'))), '0', 'a viewer cannot delete');

SELECT pg_temp.login('admin_A');
SELECT is(pg_temp.try_undo(format('DELETE FROM personas WHERE id = %L', pg_temp.fx('persona_A'))), '1', 'an admin deletes a persona of its tenant');
SELECT is(pg_temp.try_undo(format('DELETE FROM personas WHERE id = %L', pg_temp.fx('persona_B'))), '0', 'an admin of A cannot delete B''s persona');

-- ---------------------------------------------------------------- tenants
SELECT pg_temp.login('viewer_A');
SELECT results_eq('SELECT id FROM tenants', format('VALUES (%L::uuid)', pg_temp.fx('tenant_A')), 'a member sees only its tenant');
SELECT pg_temp.login('editor_A');
SELECT is(pg_temp.try_undo(format('UPDATE tenants SET name = ''x'' WHERE id = %L', pg_temp.fx('tenant_A'))), '0', 'an editor cannot rename its tenant');
SELECT is(pg_temp.try_undo('INSERT INTO tenants (name, slug) VALUES (''x'', ''x'')'), '42501', 'authenticated cannot create tenants');
SELECT pg_temp.login('admin_A');
SELECT is(pg_temp.try_undo(format('UPDATE tenants SET name = ''x'' WHERE id = %L', pg_temp.fx('tenant_A'))), '1', 'an admin renames its tenant');
SELECT is(pg_temp.try_undo(format('DELETE FROM tenants WHERE id = %L', pg_temp.fx('tenant_A'))), '0', 'an admin cannot delete its tenant');
SELECT pg_temp.login('owner_A');
SELECT is(pg_temp.try_undo(format('DELETE FROM tenants WHERE id = %L', pg_temp.fx('tenant_A'))), '1', 'an owner deletes its tenant');
SELECT is(pg_temp.try_undo(format('UPDATE tenants SET name = ''x'' WHERE id = %L', pg_temp.fx('tenant_B'))), '0', 'an owner of A cannot touch tenant B');

-- ---------------------------------------------------------------- users
SELECT pg_temp.login('outsider');
SELECT results_eq('SELECT id FROM users', format('VALUES (%L::uuid)', pg_temp.fx('outsider')), 'a user without membership sees only itself');
SELECT pg_temp.login('viewer_A');
SELECT is(pg_temp.scalar(format('SELECT count(*) FROM users WHERE id = %L', pg_temp.fx('owner_B'))), '0', 'users of another tenant are invisible');
SELECT is(pg_temp.try_undo(format('UPDATE users SET full_name = ''me'' WHERE id = %L', pg_temp.fx('viewer_A'))), '1', 'a user updates its own row');
SELECT is(pg_temp.try_undo(format('UPDATE users SET full_name = ''x'' WHERE id = %L', pg_temp.fx('admin_A'))), '0', 'a viewer cannot update another user');
SELECT is(pg_temp.try_undo(format('UPDATE users SET tenant_id = %L WHERE id = %L', pg_temp.fx('tenant_B'), pg_temp.fx('viewer_A'))), '42501',
    'a user cannot move itself into a tenant it is not a member of');
SELECT pg_temp.login('admin_A');
SELECT is(pg_temp.try_undo(format('INSERT INTO users (tenant_id, email) VALUES (%L, ''new@example.com'')', pg_temp.fx('tenant_B'))), '42501',
    'an admin cannot create users in another tenant');

-- ---------------------------------------------------------------- tenant_members
SELECT pg_temp.login('viewer_A');
SELECT is(pg_temp.scalar('SELECT count(DISTINCT tenant_id) FROM tenant_members'), '1', 'a viewer of A sees memberships of A only');
SELECT is(pg_temp.try_undo(format('INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (%L, %L, ''viewer'')', pg_temp.fx('tenant_A'), pg_temp.fx('outsider'))),
    '42501', 'a viewer cannot add members');
SELECT pg_temp.login('admin_A');
SELECT is(pg_temp.try_undo(format('INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (%L, %L, ''editor'')', pg_temp.fx('tenant_A'), pg_temp.fx('outsider'))),
    '1', 'an admin adds a member');
SELECT is(pg_temp.try_undo(format('UPDATE tenant_members SET role = ''owner'' WHERE user_id = %L AND tenant_id = %L', pg_temp.fx('admin_A'), pg_temp.fx('tenant_A'))),
    '42501', 'an admin cannot promote itself to owner');
SELECT is(pg_temp.try_undo(format('DELETE FROM tenant_members WHERE user_id = %L', pg_temp.fx('owner_A'))), '0',
    'an admin cannot remove an owner');
SELECT pg_temp.login('owner_A');
SELECT is(pg_temp.try_undo(format('INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (%L, %L, ''owner'')', pg_temp.fx('tenant_A'), pg_temp.fx('outsider'))),
    '1', 'an owner grants ownership');

-- ---------------------------------------------------------------- lookups
SELECT pg_temp.login('viewer_A');
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c WHERE c.relnamespace = pg_temp.ext_schema() AND c.relkind IN ('r', 'p') AND c.relname LIKE 'lookup\_%'
                AND (pg_temp.scalar(format('SELECT count(*) FROM %s', c.oid::regclass)) !~ '^[0-9]+$'
                     OR pg_temp.try_undo(format('DELETE FROM %s', c.oid::regclass)) <> '42501') ORDER BY 1), '{}',
    'every lookup table is readable and not writable by authenticated');

SELECT pg_temp.logout();
SELECT * FROM finish();
ROLLBACK;
