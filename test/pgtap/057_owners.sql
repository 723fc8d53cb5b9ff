-- versions: 4.0 5.0
-- Owners stay owners (issue 11): no admin path removes or demotes an owner membership, cascades from users and
-- tenants included. Run PostgREST-style (role authenticated + request.jwt.claims inside the transaction).
BEGIN;
SELECT plan(17);
\ir ../support/rls_fixture.sql

-- 'co_owner': a second owner of A, homed in A. 'admin_AC': an admin of A and of C, homed in A.
INSERT INTO fx VALUES ('co_owner', gen_random_uuid()), ('admin_AC', gen_random_uuid());
INSERT INTO users (id, tenant_id, email) VALUES
    (pg_temp.fx('co_owner'), pg_temp.fx('tenant_A'), 'co.owner@example.com'),
    (pg_temp.fx('admin_AC'), pg_temp.fx('tenant_A'), 'admin.ac@example.com');
INSERT INTO tenant_members VALUES
    (pg_temp.fx('tenant_A'), pg_temp.fx('co_owner'), 'owner'),
    (pg_temp.fx('tenant_A'), pg_temp.fx('admin_AC'), 'admin'),
    (pg_temp.fx('tenant_C'), pg_temp.fx('admin_AC'), 'admin');

-- Error fields of a statement, rolled back either way (NULL when it succeeds).
CREATE FUNCTION pg_temp.err_undo(stmt text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE st text; det text; hin text; tbl text; res jsonb;
BEGIN
    BEGIN
        EXECUTE stmt;
        RAISE EXCEPTION 'undo' USING ERRCODE = 'VPUND';
    EXCEPTION WHEN SQLSTATE 'VPUND' THEN res := NULL;
              WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, det = PG_EXCEPTION_DETAIL, hin = PG_EXCEPTION_HINT, tbl = TABLE_NAME;
        res := jsonb_build_object('sqlstate', st, 'detail', det, 'hint', hin, 'table', tbl);
    END;
    RETURN res;
END $$;

-- Owner memberships of A, as the superuser sees them.
CREATE FUNCTION pg_temp.owners_of_a() RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*) FROM tenant_members WHERE tenant_id = pg_temp.fx('tenant_A') AND role = 'owner' $$;

SELECT pg_temp.login('admin_A');
SELECT is(pg_temp.try_undo(format('DELETE FROM users WHERE id = %L', pg_temp.fx('owner_A'))), '42501',
    'an admin cannot delete the owner''s users row (the cascade would remove the owner membership)');
SELECT is(pg_temp.err_undo(format('DELETE FROM users WHERE id = %L', pg_temp.fx('owner_A'))) - 'hint',
    '{"sqlstate": "42501", "table": "users", "detail": "Deleting a user deletes all of its memberships (ON DELETE CASCADE). In an API request you may remove a membership only in a tenant where you are admin or above, and an owner membership only in a tenant where you are owner."}',
    'the refusal explains the rule (detail) and names the table');
SELECT isnt(pg_temp.err_undo(format('DELETE FROM users WHERE id = %L', pg_temp.fx('owner_A'))) ->> 'hint', NULL, 'and has a hint');
SELECT is(pg_temp.try_undo(format('DELETE FROM users WHERE tenant_id = %L', pg_temp.fx('tenant_A'))), '42501',
    'nor in a bulk delete of the users homed in A');
SELECT is(pg_temp.try_undo(format('DELETE FROM tenant_members WHERE user_id = %L', pg_temp.fx('owner_A'))), '0',
    'an admin cannot delete the owner membership directly (policy: no row)');
SELECT is(pg_temp.try_undo(format('UPDATE tenant_members SET user_id = %L WHERE user_id = %L', pg_temp.fx('viewer_A'), pg_temp.fx('owner_A'))), '0',
    'nor hand it to another user');
SELECT is(pg_temp.try_undo(format('INSERT INTO tenant_members VALUES (%L, %L, ''viewer'') ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = excluded.role',
                                  pg_temp.fx('tenant_A'), pg_temp.fx('owner_A'))), '42501',
    'nor demote it through INSERT ... ON CONFLICT DO UPDATE');
SELECT is(pg_temp.try_undo(format('DELETE FROM tenants WHERE id = %L', pg_temp.fx('tenant_A'))), '0',
    'an admin cannot delete the tenant (owner only)');
SELECT is(pg_temp.try_undo(format('UPDATE users SET id = gen_random_uuid() WHERE id = %L', pg_temp.fx('owner_A'))), '23503',
    'nor change the owner''s user id (the membership references it)');

-- Moving the owner's home: an admin of A and C may move it (users policy), but that gives no way to delete it.
SELECT pg_temp.login('admin_AC');
SELECT is(pg_temp.try_undo(format('UPDATE users SET tenant_id = %L WHERE id = %L', pg_temp.fx('tenant_C'), pg_temp.fx('owner_A'))), '1',
    'an admin of A and C can move the owner''s home to C');
SELECT is(pg_temp.try_undo(format('DO $d$ BEGIN UPDATE users SET tenant_id = %L WHERE id = %L; DELETE FROM users WHERE id = %L; END $d$',
                                  pg_temp.fx('tenant_C'), pg_temp.fx('owner_A'), pg_temp.fx('owner_A'))), '42501',
    'but then still cannot delete it');
SELECT is(pg_temp.try_undo(format('DELETE FROM users WHERE id = %L', pg_temp.fx('co_owner'))), '42501',
    'an admin cannot delete a co-owner either');

-- What stays allowed.
SELECT is(pg_temp.try_undo(format('DELETE FROM users WHERE id = %L', pg_temp.fx('editor_A'))), '1',
    'an admin still deletes a user whose memberships it could remove itself');
SELECT pg_temp.login('owner_A');
SELECT is(pg_temp.try_undo(format('DELETE FROM users WHERE id = %L', pg_temp.fx('co_owner'))), '1',
    'an owner may delete a co-owner');
SELECT is(pg_temp.try_undo(format('DELETE FROM tenants WHERE id = %L', pg_temp.fx('tenant_A'))), '42501',
    'an owner deleting A is refused while a user homed in A is admin of C (the cascade would remove C''s membership)');
SELECT pg_temp.as_service();
SELECT is(pg_temp.try_undo(format('DELETE FROM users WHERE id = %L', pg_temp.fx('owner_A'))), '1',
    'the service role (no sub) is not restricted');
SELECT pg_temp.logout();
SELECT is(pg_temp.owners_of_a(), 2::bigint, 'after all of it, A still has both owners');

SELECT * FROM finish();
ROLLBACK;
