-- versions: 4.0 5.0
-- Attacks through the identity claims and through every function and view the extension exposes
-- (driven from the catalog, so functions merged later are covered).
BEGIN;
SELECT plan(9);
\ir ../support/rls_fixture.sql

-- app_metadata.tenant_id selects the active tenant, only among memberships.
SELECT pg_temp.login('multi');
SELECT is(pg_temp.scalar('SELECT count(DISTINCT tenant_id) FROM personas'), '2', 'a member of two tenants sees both without an active tenant');
SELECT pg_temp.login('multi', jsonb_build_object('tenant_id', pg_temp.fx('tenant_B')));
SELECT is(pg_temp.scalar('SELECT string_agg(DISTINCT tenant_id::text, '','') FROM personas'), pg_temp.fx('tenant_B')::text,
    'app_metadata.tenant_id narrows the request to that tenant');
SELECT is(pg_temp.try_undo(format('UPDATE personas SET name = ''x'' WHERE id = %L', pg_temp.fx('persona_A'))), '0',
    'with B active, the editor role held in A does not apply');
SELECT pg_temp.login('editor_A', jsonb_build_object('tenant_id', pg_temp.fx('tenant_B')));
SELECT is(pg_temp.scalar('SELECT count(*) FROM personas'), '0',
    'a forged app_metadata.tenant_id for a tenant the user is not a member of gives nothing (not even its own tenant)');
SELECT pg_temp.login('editor_A', '{"tenant_id": "not-a-uuid"}');
SELECT is(pg_temp.scalar('SELECT count(*) FROM personas'), '0', 'a malformed active tenant denies instead of failing open');
SELECT pg_temp.login('outsider', NULL, jsonb_build_object('tenant_id', pg_temp.fx('tenant_A'), 'role', 'owner'));
SELECT is(pg_temp.scalar('SELECT count(*) FROM personas'), '0', 'user_metadata (user-editable) is ignored');
SELECT pg_temp.login('outsider', jsonb_build_object('tenant_id', pg_temp.fx('tenant_A')));
SELECT is(pg_temp.scalar('SELECT count(*) FROM personas'), '0', 'app_metadata cannot grant a membership the user does not have');

-- Every function of the extension taking a uuid as its only required argument, called by a member of A
-- with B's persona (and B's rows): the result must not contain B's data (marker SECRET-B) and must not fail
-- with anything but 42501/P0002/PT404-style denials.
CREATE FUNCTION pg_temp.function_leaks() RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE f record; arg uuid; res text; bad text[] := '{}';
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure AS sig, p.oid, p.proretset
        FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
        JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
        WHERE p.pronargs - p.pronargdefaults = 1 AND p.proargtypes[0] = 'uuid'::regtype AND p.prokind = 'f'
    LOOP
        FOR arg IN SELECT pg_temp.fx('persona_B') UNION ALL SELECT r.id FROM fx_rows r WHERE r.tenant = 'B' LOOP
            BEGIN
                EXECUTE format('SELECT coalesce(jsonb_agg(to_jsonb(x))::text, '''') FROM %s(%L::uuid) x',
                               (SELECT p.oid::regproc FROM pg_proc p WHERE p.oid = f.oid), arg) INTO res;
            EXCEPTION WHEN OTHERS THEN
                res := NULL;
                IF SQLSTATE NOT IN ('42501', 'P0002', '22023', '02000') AND SQLSTATE NOT LIKE 'PT%' THEN
                    bad := bad || format('%s: %s', f.sig, SQLSTATE);
                END IF;
            END;
            IF res LIKE '%SECRET-B%' THEN
                bad := bad || format('%s(%s) leaks', f.sig, arg);
            END IF;
        END LOOP;
    END LOOP;
    RETURN bad;
END $$;
SELECT pg_temp.login('owner_A');
SELECT is(pg_temp.function_leaks(), '{}', 'no function of the extension returns another tenant''s data for its ids');

-- Every view of the extension read by a member of A shows nothing of B.
CREATE FUNCTION pg_temp.view_leaks() RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE v regclass; res text; bad text[] := '{}';
BEGIN
    FOR v IN SELECT c.oid FROM pg_class c WHERE c.relnamespace = pg_temp.ext_schema() AND c.relkind IN ('v', 'm') LOOP
        BEGIN
            EXECUTE format('SELECT coalesce(jsonb_agg(to_jsonb(x))::text, '''') FROM %s x', v) INTO res;
        EXCEPTION WHEN insufficient_privilege THEN res := NULL;
        END;
        IF res LIKE '%SECRET-B%' OR res LIKE '%' || pg_temp.fx('tenant_B') || '%' THEN
            bad := bad || v::text;
        END IF;
    END LOOP;
    RETURN bad;
END $$;
SELECT is(pg_temp.view_leaks(), '{}', 'no view of the extension shows another tenant''s rows');

SELECT pg_temp.logout();
SELECT * FROM finish();
ROLLBACK;
