-- Shared fixture of the RLS tests (test/pgtap/05*_rls_*.sql), loaded with \ir inside the test transaction,
-- as the superuser. Two tenants A and B, one user per membership role in A, an owner of B, a user who is a
-- member of both, an outsider; a persona per tenant; and one row per tenant in every section table (persona
-- children, grandchildren, 5.0 sections, registered sections) from the generic filler (test/support/fill.sql),
-- which fails on a table it cannot fill instead of skipping it.
-- Requests are simulated as PostgREST runs them: set_config('role', …, true) and
-- set_config('request.jwt.claims', …, true) inside the transaction.
CREATE TEMP TABLE fx (name text PRIMARY KEY, id uuid NOT NULL);
CREATE TEMP TABLE fx_rows (rel regclass, tenant text, id uuid, PRIMARY KEY (rel, tenant));
GRANT SELECT ON fx, fx_rows TO PUBLIC;

CREATE FUNCTION pg_temp.fx(n text) RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT id FROM fx WHERE name = n $$;

-- A PostgREST request of user `who` (fixture name), with optional app_metadata / user_metadata claims.
CREATE FUNCTION pg_temp.login(who text, app_metadata jsonb DEFAULT NULL, user_metadata jsonb DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE claims jsonb := jsonb_build_object('sub', coalesce(pg_temp.fx(who)::text, who), 'role', 'authenticated',
                                           'aud', 'authenticated');
BEGIN
    EXECUTE 'RESET ROLE';
    IF app_metadata IS NOT NULL THEN claims := claims || jsonb_build_object('app_metadata', app_metadata); END IF;
    IF user_metadata IS NOT NULL THEN claims := claims || jsonb_build_object('user_metadata', user_metadata); END IF;
    PERFORM set_config('request.jwt.claims', claims::text, true);
    PERFORM set_config('role', 'authenticated', true);
END $$;
CREATE FUNCTION pg_temp.as_anon() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'RESET ROLE';
    PERFORM set_config('request.jwt.claims', '{"role":"anon"}', true);
    PERFORM set_config('role', 'anon', true);
END $$;
CREATE FUNCTION pg_temp.as_service() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'RESET ROLE';
    PERFORM set_config('request.jwt.claims', '{"role":"service_role"}', true);
    PERFORM set_config('role', 'service_role', true);
END $$;
CREATE FUNCTION pg_temp.logout() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'RESET ROLE';
    PERFORM set_config('request.jwt.claims', '', true);
END $$;

-- Row count of a statement run as the current role (UPDATE/DELETE filtered by USING count 0), or its SQLSTATE.
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    EXECUTE stmt;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n::text;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
CREATE FUNCTION pg_temp.scalar(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
    EXECUTE q INTO r;
    RETURN r;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;

-- The extension schema and its tenant tables (tables with tenant_id), from the catalog.
CREATE FUNCTION pg_temp.ext_schema() RETURNS oid LANGUAGE sql STABLE AS $$
    SELECT extnamespace FROM pg_extension WHERE extname = 'vital_persona' $$;
CREATE FUNCTION pg_temp.tenant_tables() RETURNS SETOF regclass LANGUAGE sql STABLE AS $$
    SELECT c.oid::regclass FROM pg_class c
    WHERE c.relnamespace = pg_temp.ext_schema() AND c.relkind IN ('r', 'p')
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
    ORDER BY c.relname $$;

\ir fill.sql
DO $$
DECLARE
    t text; p int; since bigint;
BEGIN
    INSERT INTO fx VALUES ('tenant_A', gen_random_uuid()), ('tenant_B', gen_random_uuid()), ('tenant_C', gen_random_uuid());
    EXECUTE 'INSERT INTO tenants (id, name, slug) VALUES ($1, ''Tenant A'', ''tenant-a''), ($2, ''Tenant B'', ''tenant-b''),'
            ' ($3, ''Tenant C'', ''tenant-c'')'
        USING pg_temp.fx('tenant_A'), pg_temp.fx('tenant_B'), pg_temp.fx('tenant_C');
    -- users: name, home tenant, membership roles (tenant:role,...)
    FOR t, p IN SELECT * FROM (VALUES ('owner_A', 1), ('admin_A', 2), ('editor_A', 3), ('viewer_A', 4),
                                     ('owner_B', 5), ('multi', 6), ('outsider', 7), ('owner_C', 8)) v LOOP
        INSERT INTO fx VALUES (t, gen_random_uuid());
        EXECUTE 'INSERT INTO users (id, tenant_id, email) VALUES ($1, $2, $3)'
            USING pg_temp.fx(t), pg_temp.fx(CASE WHEN t LIKE '%\_A' THEN 'tenant_A' WHEN t LIKE '%\_C' THEN 'tenant_C' ELSE 'tenant_B' END),
                  replace(t, '_', '.') || '@example.com';
    END LOOP;
    EXECUTE 'INSERT INTO tenant_members (tenant_id, user_id, role) VALUES
        ($1, $3, ''owner''), ($1, $4, ''admin''), ($1, $5, ''editor''), ($1, $6, ''viewer''),
        ($2, $7, ''owner''), ($1, $8, ''editor''), ($2, $8, ''viewer''), ($9, $10, ''owner'')'
        USING pg_temp.fx('tenant_A'), pg_temp.fx('tenant_B'), pg_temp.fx('owner_A'), pg_temp.fx('admin_A'),
              pg_temp.fx('editor_A'), pg_temp.fx('viewer_A'), pg_temp.fx('owner_B'), pg_temp.fx('multi'),
              pg_temp.fx('tenant_C'), pg_temp.fx('owner_C');
    INSERT INTO fx VALUES ('persona_A', gen_random_uuid()), ('persona_B', gen_random_uuid());
    -- a persona per tenant with a secret marker in its name, then every section table (children, grandchildren,
    -- 5.0 sections, registered sections) filled by the generic filler, marker in text values; its rows recorded
    FOREACH t IN ARRAY ARRAY['A', 'B'] LOOP
        EXECUTE 'INSERT INTO personas (id, tenant_id, name, slug) VALUES ($1, $2, $3, $4)'
            USING pg_temp.fx('persona_' || t), pg_temp.fx('tenant_' || t), 'SECRET-' || t || ' persona', 'persona-' || lower(t);
        since := (SELECT coalesce(max(seq), 0) FROM vp_fill_rows);
        PERFORM pg_temp.vp_fill('sections', ARRAY[pg_temp.fx('persona_' || t)], 1, marker => 'SECRET-' || t, record => true);
        INSERT INTO fx_rows SELECT r.rel, t, r.id FROM vp_fill_rows r WHERE r.seq > since;
    END LOOP;
END $$;

-- Runs a statement and undoes it: returns its row count (or SQLSTATE), leaving the fixture intact.
CREATE FUNCTION pg_temp.try_undo(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE n bigint; res text;
BEGIN
    BEGIN
        EXECUTE stmt;
        GET DIAGNOSTICS n = ROW_COUNT;
        res := n::text;
        RAISE EXCEPTION 'undo' USING ERRCODE = 'VPUND';
    EXCEPTION WHEN SQLSTATE 'VPUND' THEN NULL;
              WHEN OTHERS THEN res := SQLSTATE;
    END;
    RETURN res;
END $$;
-- id of the fixture row of tenant `tkey` in `tbl`.
CREATE FUNCTION pg_temp.row_of(tbl regclass, tkey text) RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT id FROM fx_rows r WHERE r.rel = $1 AND r.tenant = $2 $$;
