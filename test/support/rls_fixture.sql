-- Shared fixture of the RLS tests (test/pgtap/05*_rls_*.sql), loaded with \ir inside the test transaction,
-- as the superuser. Two tenants A and B, one user per membership role in A, an owner of B, a user who is a
-- member of both, an outsider; a persona per tenant; and, driven from the catalog, one row per tenant in every
-- tenant table the generic seeder can fill (persona children, grandchildren, 5.0 sections...).
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

-- A value for one column of a generic row of tenant `tkey`: FK targets come from the fixture, CHECKed text
-- from the first literal of its CHECK, other types from a table of defaults. NULL when unknown.
CREATE FUNCTION pg_temp.value_for(tbl regclass, col name, tkey text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    typ oid; cat "char"; ref regclass; refcol name; lit text; v text;
BEGIN
    SELECT a.atttypid, t.typcategory INTO typ, cat FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
    WHERE a.attrelid = tbl AND a.attname = col;
    IF col = 'tenant_id' THEN RETURN pg_temp.fx('tenant_' || tkey)::text; END IF;
    -- a foreign key through this column
    SELECT c.confrelid::regclass, fa.attname INTO ref, refcol
    FROM pg_constraint c
    JOIN LATERAL unnest(c.conkey, c.confkey) AS k(l, f) ON true
    JOIN pg_attribute la ON la.attrelid = c.conrelid AND la.attnum = k.l
    JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.f
    WHERE c.conrelid = tbl AND c.contype = 'f' AND la.attname = col LIMIT 1;
    IF ref IS NOT NULL THEN
        IF ref = 'personas'::regclass OR (SELECT relname FROM pg_class WHERE oid = ref) = 'personas' THEN
            RETURN pg_temp.fx('persona_' || tkey)::text;
        ELSIF (SELECT relname FROM pg_class WHERE oid = ref) = 'users' THEN
            RETURN pg_temp.fx('owner_' || tkey)::text;
        ELSIF (SELECT relname FROM pg_class WHERE oid = ref) = 'tenants' THEN
            RETURN pg_temp.fx('tenant_' || tkey)::text;
        ELSIF EXISTS (SELECT 1 FROM fx_rows WHERE fx_rows.rel = ref AND tenant = tkey) THEN
            EXECUTE format('SELECT %I::text FROM %s WHERE id = $1', refcol, ref) INTO v
                USING (SELECT id FROM fx_rows WHERE fx_rows.rel = ref AND tenant = tkey);
            RETURN v;
        ELSE
            EXECUTE format('SELECT %I::text FROM %s LIMIT 1', refcol, ref) INTO v;
            RETURN v;  -- a lookup table (or NULL: the insert will fail and the table is skipped)
        END IF;
    END IF;
    SELECT (regexp_match(pg_get_constraintdef(c.oid), '''([^'']*)''::'))[1] INTO lit
    FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.conrelid = tbl AND c.contype = 'c' AND a.attname = col AND pg_get_constraintdef(c.oid) ~ '''' LIMIT 1;
    IF lit IS NOT NULL THEN RETURN lit; END IF;
    IF cat = 'N' THEN  -- the lower bound of a range CHECK, if any
        SELECT (regexp_match(pg_get_constraintdef(c.oid), '>= \(?(-?[0-9.]+)'))[1] INTO lit
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.conrelid = tbl AND c.contype = 'c' AND a.attname = col AND pg_get_constraintdef(c.oid) ~ '>= \(?-?[0-9]' LIMIT 1;
        IF lit IS NOT NULL AND lit::numeric > 1 THEN RETURN lit; END IF;
    END IF;
    IF cat = 'E' THEN RETURN (SELECT enumlabel FROM pg_enum WHERE enumtypid = typ ORDER BY enumsortorder LIMIT 1); END IF;
    RETURN CASE
        WHEN cat = 'S' THEN 'SECRET-' || tkey
        WHEN cat = 'N' THEN '1'
        WHEN cat = 'B' THEN 'false'
        WHEN cat = 'D' THEN now()::text
        WHEN cat = 'A' THEN '{}'
        WHEN typ IN ('jsonb'::regtype, 'json'::regtype) THEN '{"marker": "SECRET-' || tkey || '"}'
        WHEN typ = 'uuid'::regtype THEN gen_random_uuid()::text
        ELSE NULL END;
END $$;

-- Inserts one row for tenant `tkey` into `tbl` (as the current role), filling NOT NULL columns without a
-- default, persona/parent keys and the tenant; returns the new id, or NULL when the table cannot be filled.
CREATE FUNCTION pg_temp.seed_row(tbl regclass, tkey text) RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE cols text[] := '{}'; vals text[] := '{}'; r record; v text; new_id uuid;
BEGIN
    FOR r IN
        SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS ftype
        FROM pg_attribute a
        WHERE a.attrelid = tbl AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.attidentity = ''
          AND a.attname <> 'id'
          AND ((a.attnotnull AND NOT a.atthasdef) OR a.attname IN ('tenant_id', 'persona_id')
               OR EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = tbl AND c.contype = 'f'
                          AND a.attnum = ANY (c.conkey) AND 1 < cardinality(c.conkey)))
        ORDER BY a.attnum
    LOOP
        v := pg_temp.value_for(tbl, r.attname, tkey);
        IF v IS NULL THEN RETURN NULL; END IF;
        cols := cols || quote_ident(r.attname);
        vals := vals || (quote_literal(v) || '::' || r.ftype);
    END LOOP;
    BEGIN
        EXECUTE format('INSERT INTO %s (%s) VALUES (%s) RETURNING id', tbl, array_to_string(cols, ', '),
                       array_to_string(vals, ', ')) INTO new_id;
    EXCEPTION WHEN OTHERS THEN
        RETURN NULL;
    END;
    RETURN new_id;
END $$;

DO $$
DECLARE
    t text; p int; progress boolean; t_rel regclass; new_id uuid;
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
    -- personas with fixed ids and a secret marker in name (seeded generically, then re-keyed)
    FOREACH t IN ARRAY ARRAY['A', 'B'] LOOP
        new_id := pg_temp.seed_row('personas'::regclass, t);
        IF new_id IS NULL THEN RAISE EXCEPTION 'fixture: cannot seed personas'; END IF;
        EXECUTE format('UPDATE personas SET id = %L, name = %L WHERE id = %L', pg_temp.fx('persona_' || t),
                       'SECRET-' || t || ' persona', new_id);
        INSERT INTO fx_rows VALUES ('personas'::regclass, t, pg_temp.fx('persona_' || t));
    END LOOP;
    -- every other tenant table, parents before children (repeat until no progress)
    FOR p IN 1..6 LOOP
        progress := false;
        FOR t_rel IN SELECT * FROM pg_temp.tenant_tables() LOOP
            CONTINUE WHEN (SELECT relname FROM pg_class WHERE oid = t_rel) IN ('users', 'tenant_members', 'personas');
            FOREACH t IN ARRAY ARRAY['A', 'B'] LOOP
                CONTINUE WHEN EXISTS (SELECT 1 FROM fx_rows r WHERE r.rel = t_rel AND r.tenant = t);
                new_id := pg_temp.seed_row(t_rel, t);
                IF new_id IS NOT NULL THEN
                    INSERT INTO fx_rows VALUES (t_rel, t, new_id);
                    progress := true;
                END IF;
            END LOOP;
        END LOOP;
        EXIT WHEN NOT progress;
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
