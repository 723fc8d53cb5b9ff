-- versions: 4.0 5.0
-- Catalog knowledge has one owner in C++ (vp::catalog, src/catalog/), but the released SQL (frozen) still
-- carries some of it (docs/architecture.md "Catalog knowledge"). This file ties the two together, so that a
-- change on one side that the other does not follow fails here:
--   * tenant roles: the CHECK role_allowed on tenant_members.role, the column's default and comment, the default
--     of vital_tenant_ids(min_role) and every role named in a policy or a function body, against the C++ ranking
--     (vp::catalog::Role), seen through vital_tenant_ids(): its hint lists the roles in rank order, its results
--     rank them;
--   * managed tables: _vital_managed_tables() (C++) against the member-table rule the SQL side applies itself
--     (_vital_summary_counts_install: pg_depend 'e', relkind r/p, the extension's schema), tenant tables
--     (has_tenant_id) against the columns, and the summary counters' sections against the managed tables.
BEGIN;
SELECT plan(11);

CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    RETURN h;
END $$;
CREATE FUNCTION pg_temp.ext_schema() RETURNS oid LANGUAGE sql STABLE AS $$
    SELECT extnamespace FROM pg_extension WHERE extname = 'vital_persona' $$;

-- The C++ roles, in rank order (src/catalog/roles.cpp builds the hint from vp::catalog::tenant_roles).
CREATE TEMP TABLE cpp_roles AS
    SELECT x.role, x.rank::int
      FROM unnest(string_to_array(substring(pg_temp.hint_of($$SELECT vital_tenant_ids('no such role')$$)
                                            FROM '^Use one of: (.*)\.$'), ', ')) WITH ORDINALITY AS x(role, rank);
-- The roles the CHECK constraint allows (frozen 4.0: sql/4.0/010_foundation.sql).
CREATE TEMP TABLE check_roles AS
    SELECT m[1] AS role
      FROM pg_constraint k, regexp_matches(pg_get_constraintdef(k.oid), '''([^'']*)''::text', 'g') m
     WHERE k.conrelid = 'tenant_members'::regclass AND k.conname = 'role_allowed';

SELECT cmp_ok((SELECT count(*) FROM cpp_roles)::int, '>=', 2, 'vital_tenant_ids() hints the C++ tenant roles');
SELECT is(ARRAY(SELECT role FROM check_roles ORDER BY 1), ARRAY(SELECT role FROM cpp_roles ORDER BY 1),
    'the CHECK role_allowed on tenant_members.role allows exactly the C++ roles');
-- The column comment states the order: 'owner > admin > editor > viewer; ...'.
SELECT is(ARRAY(SELECT r FROM unnest(string_to_array(substring(col_description('tenant_members'::regclass,
                                       (SELECT attnum FROM pg_attribute WHERE attrelid = 'tenant_members'::regclass AND attname = 'role'))
                                       FROM '^([a-z >]+);'), ' > ')) WITH ORDINALITY AS x(r, o) ORDER BY o DESC),
          ARRAY(SELECT role FROM cpp_roles ORDER BY rank),
    'the comment on tenant_members.role ranks the roles in the C++ order');
SELECT is((SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
            WHERE d.adrelid = 'tenant_members'::regclass AND a.attname = 'role'),
          (SELECT quote_literal(role) || '::text' FROM cpp_roles WHERE rank = 1),
    'a membership defaults to the lowest C++ role (least privilege)');
SELECT ok(pg_get_function_arguments('vital_tenant_ids(text)'::regprocedure)
              = 'min_role text DEFAULT ' || (SELECT quote_literal(role) FROM cpp_roles WHERE rank = 1) || '::text',
    'vital_tenant_ids(min_role) defaults to the lowest C++ role');
-- Every role the SQL names where it calls vital_tenant_ids: generated policies on managed tables, and the
-- bodies of the extension's SQL functions (e.g. the users delete guard in sql/4.0/016_rls.sql).
SELECT is(ARRAY(SELECT DISTINCT m[1] FROM (
                    SELECT coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') AS src
                      FROM pg_policy p WHERE p.polrelid IN (SELECT tbl FROM _vital_managed_tables())
                    UNION ALL
                    SELECT f.prosrc FROM pg_proc f JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = f.oid AND d.deptype = 'e'
                     WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'vital_persona')) s,
                regexp_matches(s.src, 'vital_tenant_ids\(''([^'']*)''', 'g') m
                WHERE m[1] <> ALL (ARRAY(SELECT role FROM cpp_roles)) ORDER BY 1), '{}',
    'every role named in a policy or an SQL function body is a C++ role');

-- The ranking itself: one tenant per role, the caller a member of each; vital_tenant_ids(r) must return the
-- tenants whose membership ranks at least r in the C++ order.
CREATE FUNCTION pg_temp.t(n int) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT ('0059a000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid $$;
INSERT INTO tenants (id, name, slug) SELECT pg_temp.t(rank), 'T059 ' || rank, 't059-' || rank FROM cpp_roles;
INSERT INTO users (id, tenant_id, email) VALUES ('0059b000-0000-4000-8000-000000000001', pg_temp.t(1), 'u059@example.com');
INSERT INTO tenant_members (tenant_id, user_id, role)
    SELECT pg_temp.t(rank), '0059b000-0000-4000-8000-000000000001', role FROM cpp_roles;
DO $$ BEGIN PERFORM set_config('request.jwt.claims', '{"sub": "0059b000-0000-4000-8000-000000000001"}', true); END $$;
SELECT is(ARRAY(SELECT r.role FROM cpp_roles r
                 WHERE vital_tenant_ids(r.role)::text IS DISTINCT FROM
                       ARRAY(SELECT pg_temp.t(h.rank) FROM cpp_roles h WHERE h.rank >= r.rank ORDER BY 1)::text
                 ORDER BY r.rank), '{}',
    'vital_tenant_ids(r) returns exactly the tenants where the caller ranks r or above, in the C++ order');
DO $$ BEGIN PERFORM set_config('request.jwt.claims', '', true); END $$;

-- Managed tables.
SELECT is(ARRAY(SELECT tbl::text FROM _vital_managed_tables() WHERE NOT registered
                EXCEPT
                SELECT c.oid::regclass::text FROM pg_class c
                  JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
                   AND d.refclassid = 'pg_extension'::regclass
                   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'vital_persona')
                 WHERE c.relkind IN ('r', 'p') AND c.relnamespace = pg_temp.ext_schema()), '{}',
    '_vital_managed_tables() lists no member table the SQL rule (pg_depend e, relkind r/p, the schema) would not');
SELECT is(ARRAY(SELECT c.oid::regclass::text FROM pg_class c
                  JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
                   AND d.refclassid = 'pg_extension'::regclass
                   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'vital_persona')
                 WHERE c.relkind IN ('r', 'p') AND c.relnamespace = pg_temp.ext_schema()
                EXCEPT
                SELECT tbl::text FROM _vital_managed_tables() WHERE NOT registered), '{}',
    'and misses none of them');
SELECT is(ARRAY(SELECT m.tbl::text FROM _vital_managed_tables() m
                 WHERE m.has_tenant_id <> EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = m.tbl AND a.attname = 'tenant_id'
                                                   AND a.attnum > 0 AND NOT a.attisdropped) ORDER BY 1), '{}',
    'has_tenant_id (a tenant table, C++) agrees with the columns');
SELECT is(ARRAY(SELECT s.relname FROM _vital_summary_slots s
                 WHERE NOT EXISTS (SELECT FROM _vital_managed_tables() m JOIN pg_class c ON c.oid = m.tbl
                                    WHERE c.relname = s.relname AND NOT m.registered AND m.has_tenant_id)
                 ORDER BY 1), '{}',
    'every section the SQL counter installer found (_vital_summary_counts_install) is a managed tenant table');

SELECT * FROM finish();
ROLLBACK;
