-- versions: 4.0 5.0
-- Security review: attacks on membership management, user deletion cascades, and privileged functions,
-- run PostgREST-style (role authenticated + request.jwt.claims inside the transaction). Each must fail.
BEGIN;
SELECT plan(18);
\ir ../support/rls_fixture.sql

-- 'dual': home tenant A (so A's admins may delete it), but also an admin of tenant B.
INSERT INTO fx VALUES ('dual', gen_random_uuid());
INSERT INTO users (id, tenant_id, email) SELECT pg_temp.fx('dual'), pg_temp.fx('tenant_A'), 'dual@example.com';
INSERT INTO tenant_members VALUES (pg_temp.fx('tenant_B'), pg_temp.fx('dual'), 'admin');

SELECT pg_temp.login('admin_A');
SELECT is(pg_temp.try_undo(format('DELETE FROM users WHERE id = %L', pg_temp.fx('dual'))), '42501',
    'an admin of A cannot delete a user homed in A who is a member of B (the cascade would delete B''s membership)');
SELECT is(pg_temp.try_undo(format('DELETE FROM users WHERE id = %L', pg_temp.fx('viewer_A'))), '1',
    'an admin of A still deletes a user who belongs only to A');
SELECT is(pg_temp.try_undo(format('INSERT INTO tenant_members VALUES (%L, %L, ''viewer'')', pg_temp.fx('tenant_B'), pg_temp.fx('admin_A'))),
    '42501', 'an admin of A cannot add a membership in B (not even its own)');
SELECT is(pg_temp.try_undo(format('UPDATE tenant_members SET tenant_id = %L WHERE user_id = %L', pg_temp.fx('tenant_B'), pg_temp.fx('viewer_A'))),
    '42501', 'an admin of A cannot move a membership of A to B');
SELECT is(pg_temp.try_undo(format('UPDATE tenant_members SET role = ''owner'' WHERE user_id = %L', pg_temp.fx('admin_A'))),
    '42501', 'an admin cannot promote itself to owner');
SELECT is(pg_temp.try_undo(format('UPDATE tenant_members SET role = ''viewer'' WHERE user_id = %L', pg_temp.fx('owner_A'))),
    '0', 'an admin cannot demote an owner');
SELECT is(pg_temp.try_undo(format('INSERT INTO users (tenant_id, email) VALUES (%L, ''x@example.com'')', pg_temp.fx('tenant_B'))),
    '42501', 'an admin of A cannot create a user homed in B');

SELECT pg_temp.login('owner_A');
SELECT is(pg_temp.try_undo(format('DELETE FROM tenants WHERE id = %L', pg_temp.fx('tenant_A'))), '42501',
    'deleting tenant A does not cascade into B''s membership of a user homed in A');

SELECT pg_temp.login('editor_A');
SELECT is(pg_temp.try_undo(format('INSERT INTO tenant_members VALUES (%L, %L, ''admin'')', pg_temp.fx('tenant_C'), pg_temp.fx('editor_A'))),
    '42501', 'a user cannot insert a membership for itself in another tenant');
SELECT is(pg_temp.try_undo(format('UPDATE tenant_members SET role = ''admin'' WHERE user_id = %L', pg_temp.fx('editor_A'))),
    '0', 'an editor cannot change its own role');
SELECT pg_temp.login('viewer_A');
SELECT is(pg_temp.try_undo(format('UPDATE users SET tenant_id = %L WHERE id = %L', pg_temp.fx('tenant_B'), pg_temp.fx('viewer_A'))),
    '42501', 'a user cannot move its home to a tenant it is not a member of');

-- Per-persona uniqueness is scoped by tenant: probing another tenant's persona with a guessed value gives the
-- same foreign-key error whether or not that tenant has the value (no 23505 oracle).
SELECT pg_temp.as_service();
INSERT INTO persona_tags (tenant_id, persona_id, tag_name) VALUES (pg_temp.fx('tenant_B'), pg_temp.fx('persona_B'), 'SECRET-B-tag');
SELECT pg_temp.login('editor_A');
SELECT is(pg_temp.try_undo(format('INSERT INTO persona_tags (tenant_id, persona_id, tag_name) VALUES (%L, %L, ''SECRET-B-tag'')',
                                  pg_temp.fx('tenant_A'), pg_temp.fx('persona_B'))),
    '23503', 'a tag B has, attached to B''s persona under tenant A: foreign-key error, not a unique violation');
SELECT is(pg_temp.try_undo(format('INSERT INTO persona_tags (tenant_id, persona_id, tag_name) VALUES (%L, %L, ''no-such-tag'')',
                                  pg_temp.fx('tenant_A'), pg_temp.fx('persona_B'))),
    '23503', 'and the same error for a tag B does not have');

SELECT pg_temp.as_service();
SELECT is(pg_temp.try_undo(format('DELETE FROM users WHERE id = %L', pg_temp.fx('dual'))), '1',
    'the service role (no sub) is not restricted by the delete guard');
SELECT pg_temp.logout();

-- Privileged functions: no SECURITY DEFINER function of the extension is executable by anon or authenticated
-- (trigger functions included: they can only be fired, but EXECUTE must not be granted either).
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p
                  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
                  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
                 WHERE p.prosecdef AND (has_function_privilege('anon', p.oid, 'EXECUTE')
                                        OR has_function_privilege('authenticated', p.oid, 'EXECUTE'))
                 ORDER BY 1), '{}'::text[],
    'no SECURITY DEFINER function is executable by anon or authenticated');
-- Nothing of the extension (tables, views, matviews, sequences) is granted to PUBLIC or anon.
SELECT is(ARRAY(SELECT c.oid::regclass::text FROM pg_class c
                  JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
                  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
                 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
                   AND EXISTS (SELECT 1 FROM aclexplode(c.relacl) a
                                WHERE a.grantee = 0 OR a.grantee = 'anon'::regrole)
                 ORDER BY 1), '{}'::text[],
    'no relation of the extension is granted to PUBLIC or anon');
-- Views of the extension are security_invoker (RLS applies), materialized views are not readable by API roles.
SELECT is(ARRAY(SELECT c.oid::regclass::text FROM pg_class c
                  JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
                  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
                 WHERE (c.relkind = 'v' AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false))
                    OR (c.relkind = 'm' AND (has_table_privilege('authenticated', c.oid, 'SELECT')
                                             OR has_table_privilege('anon', c.oid, 'SELECT')))
                 ORDER BY 1), '{}'::text[],
    'every view is security_invoker and no materialized view is readable by API roles');
-- The evidence/summary maintenance only touches personas of the caller's statement: a write by A leaves B's
-- derived rows unchanged (the counters are not readable by API roles at all).
SELECT pg_temp.login('editor_A');
SELECT is(pg_temp.scalar('SELECT count(*) FROM _vital_summary_counts'), '42501',
    'the per-persona counters are not readable by authenticated');

SELECT * FROM finish();
ROLLBACK;
