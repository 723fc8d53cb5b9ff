-- versions: 4.0 5.0
-- vital_tenant_ids() (C++, src/tenancy/identity.cpp, claims.cpp, memberships.cpp): claims edge cases, role ranking, the active tenant, errors, and
-- its memo — a membership change by this transaction (command, savepoint rollback) and one committed by another
-- session between two statements of a READ COMMITTED transaction must show at once.
BEGIN;
SELECT plan(50);

CREATE FUNCTION pg_temp.claims(c text) RETURNS void LANGUAGE sql AS $$ SELECT set_config('request.jwt.claims', c, true) $$;
CREATE FUNCTION pg_temp.ids(min_role text DEFAULT 'viewer') RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
    SELECT vital_tenant_ids(min_role)::text INTO r;
    RETURN r;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
CREATE FUNCTION pg_temp.t(n int) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT ('0054a000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid $$;
CREATE FUNCTION pg_temp.u(n int) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT ('0054b000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid $$;
CREATE FUNCTION pg_temp.sub(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT jsonb_build_object('sub', pg_temp.u(n))::text $$;
CREATE FUNCTION pg_temp.stats() RETURNS bigint[] LANGUAGE sql AS $$ SELECT ARRAY[hits, misses] FROM vital_tenant_ids_memo_stats() $$;

INSERT INTO tenants (id, name, slug) SELECT pg_temp.t(n), 'T054 ' || n, 't054-' || n FROM generate_series(1, 4) n;
INSERT INTO users (id, tenant_id, email) SELECT pg_temp.u(n), pg_temp.t(1), 'u054-' || n || '@example.com' FROM generate_series(1, 3) n;
-- user 1: viewer of 3, admin of 1, owner of 2 (inserted out of tenant order); user 2: nothing yet
INSERT INTO tenant_members (tenant_id, user_id, role) VALUES
    (pg_temp.t(3), pg_temp.u(1), 'viewer'), (pg_temp.t(1), pg_temp.u(1), 'admin'), (pg_temp.t(2), pg_temp.u(1), 'owner');

-- the function itself
SELECT is((SELECT prosecdef FROM pg_proc WHERE oid = 'vital_tenant_ids(text)'::regprocedure), false,
    'vital_tenant_ids is not SECURITY DEFINER (a direct scan needs no definer)');
SELECT ok(has_function_privilege('authenticated', 'vital_tenant_ids(text)', 'EXECUTE')
          AND has_function_privilege('service_role', 'vital_tenant_ids(text)', 'EXECUTE')
          AND NOT has_function_privilege('anon', 'vital_tenant_ids(text)', 'EXECUTE'),
    'EXECUTE: authenticated and service_role, not anon');

-- no claims
SELECT pg_temp.claims('');
SELECT is(pg_temp.ids(), '{}', 'claims set to the empty string (as after COMMIT): no tenant');
SELECT is(pg_temp.ids('nobody'), '22023', 'an unknown min_role is an error even without claims');

-- role ranking, sorted result
SELECT pg_temp.claims(pg_temp.sub(1));
SELECT is(pg_temp.ids(), format('{%s,%s,%s}', pg_temp.t(1), pg_temp.t(2), pg_temp.t(3)), 'viewer: every membership, sorted by tenant');
SELECT is(pg_temp.ids('editor'), format('{%s,%s}', pg_temp.t(1), pg_temp.t(2)), 'editor: admin and owner memberships');
SELECT is(pg_temp.ids('admin'), format('{%s,%s}', pg_temp.t(1), pg_temp.t(2)), 'admin: admin and owner memberships');
SELECT is(pg_temp.ids('owner'), format('{%s}', pg_temp.t(2)), 'owner: the owner membership only');
SELECT is(vital_tenant_ids(), vital_tenant_ids('viewer'), 'min_role defaults to viewer');
SELECT is(pg_temp.ids('Viewer'), '22023', 'min_role is exact (case matters)');
SELECT is(pg_temp.ids(NULL), '22023', 'a NULL min_role is an error');
SELECT throws_ok($$SELECT vital_tenant_ids('superuser')$$, '22023', 'unknown tenant role "superuser"', 'the error names the role');
CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    RETURN SQLSTATE || ': ' || h;
END $$;
SELECT is(pg_temp.hint_of($$SELECT vital_tenant_ids('root')$$), '22023: Use one of: viewer, editor, admin, owner.', 'the error hints the valid roles');

-- claims edge cases
SELECT pg_temp.claims('not json');
SELECT is(pg_temp.ids(), '22P02', 'non-JSON claims: 22P02 (as the former ::jsonb cast)');
SELECT throws_ok($$SELECT vital_tenant_ids()$$, '22P02', 'the setting request.jwt.claims is not valid JSON', 'the error says which setting');
SELECT pg_temp.claims('[1, 2]');
SELECT is(pg_temp.ids(), '{}', 'claims that are a JSON array: no caller');
SELECT pg_temp.claims('null');
SELECT is(pg_temp.ids(), '{}', 'claims that are JSON null: no caller');
SELECT pg_temp.claims(format('"%s"', pg_temp.u(1)));
SELECT is(pg_temp.ids(), '{}', 'claims that are a bare uuid string: no caller');
SELECT pg_temp.claims('{"role": "authenticated"}');
SELECT is(pg_temp.ids(), '{}', 'no sub: no caller');
SELECT pg_temp.claims('{"sub": 12345}');
SELECT is(pg_temp.ids(), '{}', 'a numeric sub: no caller');
SELECT pg_temp.claims(format('{"sub": "{%s}"}', pg_temp.u(1)));
SELECT is(pg_temp.ids(), '{}', 'a sub in braces (accepted by uuid_in) is not the canonical form: no caller');
SELECT pg_temp.claims(format('{"sub": "%s"}', replace(pg_temp.u(1)::text, '-', '')));
SELECT is(pg_temp.ids(), '{}', 'a sub without hyphens: no caller');
SELECT pg_temp.claims(jsonb_build_object('sub', pg_temp.u(1)::text || E'\n')::text);
SELECT is(pg_temp.ids(), '{}', 'a sub with a trailing newline: no caller');
SELECT pg_temp.claims(format('{"sub": {"id": "%s"}}', pg_temp.u(1)));
SELECT is(pg_temp.ids(), '{}', 'an object sub: no caller');
SELECT pg_temp.claims(format('{"sub": "%s"}', upper(pg_temp.u(1)::text)));
SELECT is(pg_temp.ids('owner'), format('{%s}', pg_temp.t(2)), 'an upper-case uuid sub is the same caller');
SELECT pg_temp.claims(format('{"sub": "\u0030%s"}', substr(pg_temp.u(1)::text, 2)));
SELECT is(pg_temp.ids('owner'), format('{%s}', pg_temp.t(2)), 'JSON escapes in sub are decoded before the check');
SELECT pg_temp.claims(format('{"sub": "%s", "sub": "%s"}', pg_temp.u(2), pg_temp.u(1)));
SELECT is(pg_temp.ids('owner'), format('{%s}', pg_temp.t(2)), 'a duplicated key: the last one wins (jsonb)');

-- active tenant (app_metadata.tenant_id)
SELECT pg_temp.claims(jsonb_build_object('sub', pg_temp.u(1), 'app_metadata', jsonb_build_object('tenant_id', pg_temp.t(3)))::text);
SELECT is(pg_temp.ids(), format('{%s}', pg_temp.t(3)), 'app_metadata.tenant_id narrows to that membership');
SELECT is(pg_temp.ids('editor'), '{}', '... and the role held there still applies (viewer < editor)');
SELECT pg_temp.claims(jsonb_build_object('sub', pg_temp.u(1), 'app_metadata', jsonb_build_object('tenant_id', pg_temp.t(4)))::text);
SELECT is(pg_temp.ids(), '{}', 'app_metadata.tenant_id of a tenant the user is not a member of: nothing');
SELECT pg_temp.claims(jsonb_build_object('sub', pg_temp.u(1), 'app_metadata', jsonb_build_object('tenant_id', 42))::text);
SELECT is(pg_temp.ids(), '{}', 'a numeric app_metadata.tenant_id: nothing (fail closed)');
SELECT pg_temp.claims(jsonb_build_object('sub', pg_temp.u(1), 'app_metadata', jsonb_build_object('tenant_id', NULL))::text);
SELECT is(pg_temp.ids(), format('{%s,%s,%s}', pg_temp.t(1), pg_temp.t(2), pg_temp.t(3)), 'app_metadata.tenant_id null: no narrowing');
SELECT pg_temp.claims(jsonb_build_object('sub', pg_temp.u(1), 'app_metadata', jsonb_build_array(pg_temp.t(3)))::text);
SELECT is(pg_temp.ids(), format('{%s,%s,%s}', pg_temp.t(1), pg_temp.t(2), pg_temp.t(3)), 'app_metadata that is not an object: no narrowing (as #> did)');
SELECT pg_temp.claims(jsonb_build_object('sub', pg_temp.u(1), 'user_metadata', jsonb_build_object('tenant_id', pg_temp.t(4)),
                                         'app_metadata', jsonb_build_object('provider', 'email'))::text);
SELECT is(pg_temp.ids(), format('{%s,%s,%s}', pg_temp.t(1), pg_temp.t(2), pg_temp.t(3)), 'user_metadata.tenant_id is never read');

-- memo: one statement, several calls: one membership lookup
SELECT pg_temp.claims(pg_temp.sub(1));
CREATE TEMP TABLE s0 AS SELECT pg_temp.stats() AS s;
CREATE TEMP TABLE r AS SELECT vital_tenant_ids() AS a, vital_tenant_ids('editor') AS b, vital_tenant_ids('owner') AS c;
SELECT cmp_ok((SELECT (pg_temp.stats())[1] - s[1] FROM s0), '>=', 2::bigint, 'three calls in one statement: at least two memo hits');
SELECT is((SELECT a::text || b::text || c::text FROM r), format('{%s,%s,%s}{%s,%s}{%s}', pg_temp.t(1), pg_temp.t(2), pg_temp.t(3),
          pg_temp.t(1), pg_temp.t(2), pg_temp.t(2)), 'the memoised calls still filter by min_role');

-- memo: this transaction's own changes show in the next statement
SELECT pg_temp.claims(pg_temp.sub(2));
SELECT is(pg_temp.ids(), '{}', 'user 2 has no membership yet');
INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (pg_temp.t(4), pg_temp.u(2), 'viewer');
SELECT is(pg_temp.ids(), format('{%s}', pg_temp.t(4)), 'a membership inserted by this transaction shows in the next statement');
UPDATE tenant_members SET role = 'owner' WHERE user_id = pg_temp.u(2);
SELECT is(pg_temp.ids('owner'), format('{%s}', pg_temp.t(4)), 'a role change by this transaction shows');
SAVEPOINT s;
DELETE FROM tenant_members WHERE user_id = pg_temp.u(2);
SELECT is(pg_temp.ids(), '{}', 'a deletion inside a savepoint shows');
ROLLBACK TO SAVEPOINT s;
SELECT is(pg_temp.ids('owner'), format('{%s}', pg_temp.t(4)), 'the deletion is gone after ROLLBACK TO SAVEPOINT');
SAVEPOINT s2;
INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (pg_temp.t(1), pg_temp.u(2), 'viewer');
SELECT is(pg_temp.ids(), format('{%s,%s}', pg_temp.t(1), pg_temp.t(4)), 'an insertion inside a savepoint shows');
ROLLBACK TO SAVEPOINT s2;
SELECT is(pg_temp.ids(), format('{%s}', pg_temp.t(4)), 'the insertion is gone after ROLLBACK TO SAVEPOINT (same command id)');
RELEASE SAVEPOINT s2;
SELECT is(pg_temp.ids(), format('{%s}', pg_temp.t(4)), '... and after RELEASE');

-- memo: another session commits between two statements of this READ COMMITTED transaction (dblink)
SELECT is(current_setting('transaction_isolation'), 'read committed', 'this test transaction is READ COMMITTED');
CREATE SCHEMA t054_dblink;
CREATE EXTENSION dblink SCHEMA t054_dblink;
SELECT t054_dblink.dblink_connect('other', format('dbname=%s host=%s port=%s user=%s', current_database(),
    split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port'), current_user));
CREATE TEMP TABLE ext AS SELECT extnamespace::regnamespace::text AS s FROM pg_extension WHERE extname = 'vital_persona';
CREATE FUNCTION pg_temp.other(sql text) RETURNS text LANGUAGE sql AS $$
    SELECT t054_dblink.dblink_exec('other', format('SET search_path = %s, public; ', (SELECT s FROM ext)) || sql) $$;
SELECT pg_temp.other(format($$INSERT INTO tenants (id, name, slug) VALUES (%L, 'T054 other', 't054-other');
                             INSERT INTO users (id, tenant_id, email) VALUES (%L, %L, 'u054-other@example.com')$$,
                            pg_temp.t(9), pg_temp.u(9), pg_temp.t(9)));
SELECT pg_temp.claims(pg_temp.sub(9));
SELECT is(pg_temp.ids(), '{}', 'the other session''s user has no membership');
SELECT is(pg_temp.ids(), '{}', '... asked again');
SELECT pg_temp.other(format($$INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (%L, %L, 'viewer')$$, pg_temp.t(9), pg_temp.u(9)));
SELECT is(pg_temp.ids(), format('{%s}', pg_temp.t(9)), 'a membership committed by another session shows in the next statement');
SELECT pg_temp.other(format($$UPDATE tenant_members SET role = 'admin' WHERE user_id = %L$$, pg_temp.u(9)));
SELECT is(pg_temp.ids('admin'), format('{%s}', pg_temp.t(9)), 'a role change committed by another session shows');
SELECT pg_temp.other(format($$DELETE FROM tenant_members WHERE user_id = %L$$, pg_temp.u(9)));
SELECT is(pg_temp.ids(), '{}', 'a membership deleted by another session is gone in the next statement');
SELECT pg_temp.other(format($$DELETE FROM tenants WHERE id = %L$$, pg_temp.t(9)));
SELECT t054_dblink.dblink_disconnect('other');

SELECT * FROM finish();
ROLLBACK;
