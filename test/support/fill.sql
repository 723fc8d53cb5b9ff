-- The one generic test-data filler (tests and benchmarks; never installed by the extension).
--
-- Valid values come from the validator, not from regexes over constraint text:
--  * pg_temp.vp_rules(t) is the validator's own compiled rules of table t (C function vital_validation_rules,
--    src/validate/describe.cpp; bound here as the superuser, like vital_selftest): enumerations
--    (CHECK col IN (...)), simple ranges (col >= a AND col <= b), NOT NULL, defaults, generated columns,
--    lookup foreign keys and tenant-paired parents (persona first).
--  * For a column those rules do not describe (a regex CHECK, `<@` on an array, a multi-column CHECK, a domain),
--    the filler proposes a few generic values per type; vital_validate() (the validator's dry run) judges one
--    prototype row per table and the filler moves the reported columns to their next proposal.
--  * A table it cannot fill raises an error naming the table, the column and the validator's rule: no table is
--    skipped silently.
-- Foreign keys the validator leaves to PostgreSQL (tenant_id -> tenants, created_by -> users, ...) are read from
-- pg_constraint: a row of the referenced table with the same tenant (or any row of a table without tenant_id).
--
-- What is filled: every column without a default that is not generated or an identity. Rows are made set-based,
-- R per anchor row: per persona for sections, per parent row for grandchildren, per tenant for tenant tables
-- (users, memberships, personas), once for global tables (tenants, lookups). Unique keys cap the rows
-- (ON CONFLICT DO NOTHING); the result is the number of rows inserted.
--
--   \i test/support/fill.sql      (as a superuser; test/support/ paths relative to the repository)
--   SELECT pg_temp.vp_fill('sections', ARRAY[persona ids], rows => 3, rows_of => '{"persona_goals": 7}');
--       every section table (children of personas, grandchildren, registered custom sections) for these personas
--   SELECT pg_temp.vp_fill('all', rows => 1);
--       every table of the extension and every registered section: tenants, users, memberships, personas, lookup
--       rows (user-added, not builtin), sections; except derived internal tables (_vital_summary_counts,
--       _vital_summary_slots, _vital_registered_sections)
--   options: marker => 'SECRET-B' puts the marker into text and jsonb values (leak tests);
--            record => true keeps (rel, id, tenant_id) of every inserted row in temp table vp_fill_rows.
-- Test: test/pgtap/059_fill.sql (every filled row passes vital_validate; the filler follows a changed CHECK;
-- an unfillable registered section is an error naming table and column).
CREATE OR REPLACE FUNCTION pg_temp.vp_rules(regclass) RETURNS jsonb LANGUAGE c STRICT
    AS '$libdir/vital_persona', 'vital_validation_rules';

CREATE TEMP TABLE IF NOT EXISTS vp_fill_rows (seq bigserial PRIMARY KEY, rel regclass NOT NULL, id uuid, tenant_id uuid);
GRANT SELECT ON vp_fill_rows TO PUBLIC;

CREATE OR REPLACE FUNCTION pg_temp.vp_fill_schema() RETURNS name LANGUAGE sql STABLE AS $$
    SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vital_persona' $$;

-- Tables the filler knows: the extension's tables and the registered custom sections, minus the derived ones.
CREATE OR REPLACE FUNCTION pg_temp.vp_fill_tables() RETURNS SETOF regclass LANGUAGE plpgsql STABLE AS $$
DECLARE reg regclass := to_regclass(format('%I._vital_registered_sections', pg_temp.vp_fill_schema()));
BEGIN
    RETURN QUERY
    SELECT c.oid::regclass FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'vital_persona') AND c.relkind IN ('r', 'p')
      AND NOT c.relispartition
      AND c.relname NOT IN ('_vital_summary_counts', '_vital_summary_slots',  -- derived: triggers and install fill them
                            '_vital_registered_sections');  -- filled by registering a table (register_section.sql)
    IF reg IS NOT NULL THEN
        RETURN QUERY EXECUTE format('SELECT format(''%%I.%%I'', section_schema, section_table)::regclass FROM %s', reg);
    END IF;
END $$;

-- The proposals for one column (SQL expressions over a = anchor row (id, tenant_id, tok) and g = row number from
-- 0), best first: the validator's enumeration or range for the column, else generic values of its type; NULL
-- last when the column is nullable.
CREATE OR REPLACE FUNCTION pg_temp.vp_fill_proposals(rules jsonb, col jsonb, marker text) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
    name text := col ->> 'name';
    typ regtype := (col ->> 'type')::regtype;
    base oid;
    cat "char";
    elem oid;
    chk jsonb;
    b jsonb;
    lo numeric; hi numeric; v numeric;
    integral boolean;
    txt text := format('%L || g || ''_'' || a.tok', name || '_');
    out text[] := '{}';
BEGIN
    -- the validator's rules on this column
    FOR chk IN SELECT c FROM jsonb_array_elements(rules -> 'checks') c LOOP
        IF chk #>> '{enum,column}' = name THEN
            out := out || format('(%L::text[])[1 + g %% %s]', (SELECT array_agg(x) FROM jsonb_array_elements_text(chk #> '{enum,values}') x),
                                 jsonb_array_length(chk #> '{enum,values}'));
        ELSIF chk #>> '{range,column}' = name THEN
            lo := NULL; hi := NULL;
            IF EXISTS (SELECT FROM jsonb_array_elements(chk #> '{range,bounds}') x WHERE x ->> 'value' !~ '^-?[0-9]+(\.[0-9]+)?$') THEN
                -- not a number (a date, a time...): the inclusive or equal bounds themselves
                out := out || ARRAY(SELECT quote_literal(x ->> 'value') FROM jsonb_array_elements(chk #> '{range,bounds}') x
                                    WHERE x ->> 'op' IN ('>=', '<=', '='));
                CONTINUE;
            END IF;
            FOR b IN SELECT x FROM jsonb_array_elements(chk #> '{range,bounds}') x LOOP
                v := (b ->> 'value')::numeric;
                CASE b ->> 'op'
                    WHEN '>=' THEN lo := v;
                    WHEN '>' THEN lo := v + 1;
                    WHEN '<=' THEN hi := v;
                    WHEN '<' THEN hi := v - 1;
                    WHEN '=' THEN lo := v; hi := v;
                    ELSE NULL;
                END CASE;
            END LOOP;
            IF lo IS NOT NULL AND hi IS NOT NULL AND hi < lo THEN  -- an open interval narrower than 1: its middle
                out := out || format('%s', (lo - 1 + hi + 1) / 2);
            ELSIF lo IS NOT NULL AND hi IS NOT NULL THEN
                out := out || format('(%s + g %% %s)', lo, floor(hi - lo) + 1);
            ELSIF lo IS NOT NULL THEN
                out := out || format('(%s + g %% 5)', lo);
            ELSIF hi IS NOT NULL THEN
                out := out || format('(%s - g %% 5)', hi);
            END IF;
        END IF;
    END LOOP;
    -- generic values of the type (domains: of their base type; the validator checks the domain)
    SELECT coalesce(nullif(t.typbasetype, 0), t.oid) INTO base FROM pg_type t WHERE t.oid = typ;
    SELECT t.typcategory, t.typelem INTO cat, elem FROM pg_type t WHERE t.oid = base;
    IF marker IS NOT NULL THEN
        txt := format('%L || g || ''_'' || a.tok', marker || ' ' || name || '_');
    END IF;
    IF (SELECT typtype FROM pg_type WHERE oid = base) = 'e' THEN
        out := out || format('(%L::text[])[1 + g %% %s]', (SELECT array_agg(enumlabel ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = base),
                             (SELECT count(*) FROM pg_enum WHERE enumtypid = base));
    ELSIF cat = 'S' THEN
        out := out || txt || format('%L || g || ''-'' || a.tok', replace(name, '_', '-') || '-')
                   || format('%L || g || ''.'' || a.tok || ''@example.com''', replace(name, '_', '.') || '.')
                   || format('%L || g', 'Fill ');
    ELSIF base IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype) THEN
        out := out || '(1 + g)'::text || '0'::text;
    ELSIF cat = 'N' THEN
        out := out || '(1 + g % 5)'::text || '0'::text;
    ELSIF base = 'bool'::regtype THEN
        out := out || '(g % 2 = 0)'::text;
    ELSIF base = 'date'::regtype THEN
        out := out || '(date ''2024-01-15'' + g % 28)'::text || '(date ''2023-01-15'' + g % 28)'::text;
    ELSIF base IN ('timestamptz'::regtype, 'timestamp'::regtype) THEN
        out := out || '(timestamptz ''2024-01-15 10:00:00+00'' + g * interval ''1 hour'')'::text
                   || '(timestamptz ''2023-01-15 10:00:00+00'' + g * interval ''1 hour'')'::text;
    ELSIF base IN ('time'::regtype, 'timetz'::regtype) THEN
        out := out || '(time ''09:00'' + (g % 8) * interval ''1 hour'')'::text || '(time ''08:00'' - (g % 8) * interval ''1 hour'')'::text;
    ELSIF base = 'interval'::regtype THEN
        out := out || '(interval ''1 day'' * (1 + g % 5))'::text;
    ELSIF base = 'uuid'::regtype THEN
        out := out || 'gen_random_uuid()'::text;
    ELSIF base IN ('jsonb'::regtype, 'json'::regtype) THEN
        out := out || format('jsonb_build_object(%L, %s)', coalesce(marker, 'k'), txt);
    ELSIF base = 'inet'::regtype THEN
        out := out || '''10.0.0.1'''::text;
    ELSIF cat = 'A' AND elem IN ('text'::regtype, 'varchar'::regtype) THEN
        out := out || format('ARRAY[%s]', txt) || '''{}'''::text;
    ELSIF cat = 'A' AND elem IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype) THEN
        out := out || 'ARRAY[1 + g]'::text || '''{}'''::text;
    ELSIF cat = 'A' THEN
        out := out || '''{}'''::text;
    END IF;
    IF NOT (col ->> 'not_null')::boolean THEN
        out := out || 'NULL'::text;
    END IF;
    RETURN (SELECT array_agg(format('(%s)::%s', p, typ)) FROM unnest(CASE WHEN out = '{}' THEN ARRAY['NULL'] ELSE out END) p);
END $$;

-- Fills one table: rows_per rows per anchor row. anchor_sql yields (id uuid, tenant_id uuid, tok text);
-- anchor_col is the column that references the anchor's id (NULL for global tables). Returns rows inserted.
CREATE OR REPLACE FUNCTION pg_temp.vp_fill_table(t regclass, anchor_col name, anchor_sql text, rows_per int,
                                                 marker text, record boolean) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    sch name := pg_temp.vp_fill_schema();
    rules jsonb := pg_temp.vp_rules(t);
    tcol text := rules ->> 'tenant_column';
    col jsonb;
    cname text;
    fk record;
    names text[] := '{}';     -- columns written, in order
    props text[] := '{}';     -- proposals of every column (flattened: proposal lists joined by E'\x1f')
    pick int[] := '{}';       -- current proposal of each column
    joins text := '';
    nj int := 0;
    i int;
    sel text;
    cand jsonb;
    viol jsonb;
    vcols text[];
    advanced boolean;
    tries int := 0;
    has_id boolean;
    n bigint;
    ins text;
BEGIN
    FOR col IN SELECT c FROM jsonb_array_elements(rules -> 'columns') c LOOP
        cname := col ->> 'name';
        CONTINUE WHEN (col ->> 'generated')::boolean OR (col ->> 'has_default')::boolean;
        CONTINUE WHEN EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = t AND a.attname = cname AND a.attidentity <> '');
        names := names || cname;
        pick := pick || 1;
        IF cname = anchor_col THEN
            props := props || 'a.id'::text;
            CONTINUE;
        ELSIF cname = tcol THEN
            props := props || 'a.tenant_id'::text;
            CONTINUE;
        END IF;
        -- a foreign key through this column (other than the anchor's): a row of the referenced table, same tenant
        -- when it has tenant_id. The validator's lookup and parent rules are such keys; the others come from the
        -- catalog (the validator leaves them to PostgreSQL).
        SELECT c.confrelid::regclass AS ref, ra.attname AS refcol,
               EXISTS (SELECT FROM pg_attribute x WHERE x.attrelid = c.confrelid AND x.attname = 'tenant_id' AND NOT x.attisdropped) AS ref_tenant
          INTO fk
        FROM pg_constraint c
        CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(l, f)
        JOIN pg_attribute la ON la.attrelid = c.conrelid AND la.attnum = k.l
        JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.f
        WHERE c.conrelid = t AND c.contype = 'f' AND la.attname = cname
        ORDER BY (c.conname IN (SELECT x ->> 'name' FROM jsonb_array_elements(rules -> 'parents') x
                                UNION ALL SELECT x ->> 'name' FROM jsonb_array_elements(rules -> 'lookups') x)) DESC,
                 cardinality(c.conkey) DESC
        LIMIT 1;
        IF FOUND THEN
            IF fk.ref = t THEN
                props := props || 'NULL'::text;  -- a self-reference: left empty (a NOT NULL one is reported below)
            ELSIF fk.ref_tenant AND tcol IS NOT NULL THEN
                nj := nj + 1;
                joins := joins || format(' LEFT JOIN (SELECT DISTINCT ON (tenant_id) tenant_id, %1$I AS v FROM %2$s ORDER BY tenant_id, %1$I) j%3$s'
                                         ' ON j%3$s.tenant_id = a.tenant_id', fk.refcol, fk.ref, nj);
                props := props || format('j%s.v', nj);
            ELSE
                props := props || format('(SELECT min(%I) FROM %s)', fk.refcol, fk.ref);
            END IF;
            CONTINUE;
        END IF;
        props := props || array_to_string(pg_temp.vp_fill_proposals(rules, col, marker), E'\x1f');
    END LOOP;
    IF names = '{}' THEN
        RAISE EXCEPTION 'vp_fill: cannot fill table %: it has no column to write', t;
    END IF;

    -- The validator judges a prototype row (g = 0, first anchor row); reported columns move to their next proposal.
    LOOP
        tries := tries + 1;
        SELECT string_agg(format('%s AS %I', split_part(props[k], E'\x1f', pick[k]), names[k]), ', ' ORDER BY k) INTO sel
        FROM generate_subscripts(names, 1) k;
        EXECUTE format('SELECT to_jsonb(x) FROM (SELECT %s FROM (%s) a CROSS JOIN generate_series(0, 0) g%s LIMIT 1) x',
                       sel, anchor_sql, joins) INTO cand;
        IF cand IS NULL THEN
            RETURN 0;  -- no anchor row: nothing to fill for it
        END IF;
        EXECUTE format('SELECT %I.vital_validate($1, $2)', sch) INTO viol USING t, cand;
        EXIT WHEN jsonb_array_length(viol) = 0;
        advanced := false;
        FOR i IN SELECT k FROM generate_subscripts(names, 1) k LOOP
            IF EXISTS (SELECT FROM jsonb_array_elements(viol) v
                       WHERE v ->> 'column' = names[i] OR v -> 'columns' ? names[i])
               AND split_part(props[i], E'\x1f', pick[i] + 1) <> '' THEN
                pick[i] := pick[i] + 1;
                advanced := true;
                EXIT;  -- one column at a time: the next round shows what is left
            END IF;
        END LOOP;
        IF NOT advanced OR tries > 100 THEN
            RAISE EXCEPTION 'vp_fill: cannot fill table %: column "%" %', t, viol -> 0 ->> 'column', viol -> 0 ->> 'rule'
                USING DETAIL = format('The validator rejects every value the filler can make: %s', viol),
                      HINT = 'Give the column a default, make it nullable, or describe its valid values with a CHECK the '
                             'validator understands (IN list or range); else fill this table in the test itself.',
                      SCHEMA = rules ->> 'schema', TABLE = rules ->> 'table', COLUMN = coalesce(viol -> 0 ->> 'column', ''),
                      ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
    END LOOP;

    SELECT string_agg(split_part(props[k], E'\x1f', pick[k]), ', ' ORDER BY k) INTO sel FROM generate_subscripts(names, 1) k;
    ins := format('INSERT INTO %s (%s) SELECT %s FROM (%s) a CROSS JOIN generate_series(0, %s - 1) g%s ON CONFLICT DO NOTHING',
                  t, (SELECT string_agg(format('%I', x), ', ' ORDER BY o) FROM unnest(names) WITH ORDINALITY u(x, o)),
                  sel, anchor_sql, rows_per, joins);
    has_id := EXISTS (SELECT FROM pg_attribute WHERE attrelid = t AND attname = 'id' AND atttypid = 'uuid'::regtype AND NOT attisdropped);
    IF record AND has_id THEN
        EXECUTE format('WITH ins AS (%s RETURNING id, %s AS tenant_id) INSERT INTO vp_fill_rows (rel, id, tenant_id) SELECT %L::regclass, id, tenant_id FROM ins',
                       ins, coalesce(quote_ident(tcol), 'id'), t);
    ELSE
        EXECUTE ins;
    END IF;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;

-- Fills a scope ('sections' for the given personas, or 'all'); see the header. Returns the rows inserted.
CREATE OR REPLACE FUNCTION pg_temp.vp_fill(scope text, personas uuid[] DEFAULT NULL, rows int DEFAULT 1,
                                           rows_of jsonb DEFAULT '{}', marker text DEFAULT NULL,
                                           record boolean DEFAULT false) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    sch name := pg_temp.vp_fill_schema();
    p_rel regclass := format('%I.personas', sch)::regclass;
    t_rel regclass := format('%I.tenants', sch)::regclass;
    todo jsonb := '{}';       -- table -> {anchor: regclass or null, col: anchor column}
    r record;
    rules jsonb;
    anchor regclass;
    acol name;
    done regclass[] := '{}';
    t regclass;
    progressed boolean;
    n int;
    asql text;
    total bigint := 0;
    anchors regclass[];
    since bigint := (SELECT coalesce(max(seq), 0) FROM vp_fill_rows);  -- anchors are the rows of this call
BEGIN
    IF scope NOT IN ('sections', 'all') THEN
        RAISE EXCEPTION 'vp_fill: scope must be ''sections'' or ''all'', not %', scope;
    END IF;
    IF scope = 'sections' AND personas IS NULL THEN
        RAISE EXCEPTION 'vp_fill: scope ''sections'' needs the persona ids';
    END IF;
    -- each table's anchor, from the validator's rules: its first parent (persona first), else tenants when it has
    -- a tenant column, else none (a global table)
    FOR r IN SELECT x AS t FROM pg_temp.vp_fill_tables() x LOOP
        rules := pg_temp.vp_rules(r.t);
        anchor := NULL; acol := NULL;
        IF jsonb_array_length(rules -> 'parents') > 0 THEN
            SELECT c.confrelid::regclass INTO anchor FROM pg_constraint c
            WHERE c.conrelid = r.t AND c.contype = 'f' AND c.conname = rules #>> '{parents,0,name}';
            acol := rules #>> '{parents,0,column}';
            -- rows hang from their parent's uuid id (the filler records those); anything else is said, not skipped
            IF NOT EXISTS (
                SELECT FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey, c.confkey) k(l, f)
                JOIN pg_attribute la ON la.attrelid = c.conrelid AND la.attnum = k.l
                JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.f
                WHERE c.conrelid = r.t AND c.conname = rules #>> '{parents,0,name}' AND la.attname = acol
                  AND ra.attname = 'id' AND ra.atttypid = 'uuid'::regtype) THEN
                RAISE EXCEPTION 'vp_fill: cannot fill table %: its parent key "%" does not reference a uuid "id" of %', r.t, acol, anchor
                    USING HINT = 'The filler hangs rows from their parent''s uuid id; fill this table in the test itself.';
            END IF;
        ELSIF rules ->> 'tenant_column' IS NOT NULL AND r.t <> t_rel THEN
            SELECT c.conkey_name INTO acol FROM (
                SELECT a.attname AS conkey_name FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.conrelid = r.t AND c.contype = 'f' AND c.confrelid = t_rel AND cardinality(c.conkey) = 1 LIMIT 1) c;
            anchor := t_rel;
            acol := coalesce(acol, rules ->> 'tenant_column');
        END IF;
        todo := todo || jsonb_build_object(r.t::text, jsonb_build_object('anchor', anchor::text, 'col', acol));
    END LOOP;
    -- the scope: 'sections' keeps the tables hanging (through parents) from personas
    IF scope = 'sections' THEN
        -- the given personas are the first anchors (a join, not = ANY: 10,000 ids stay linear)
        EXECUTE format('INSERT INTO vp_fill_rows (rel, id, tenant_id) SELECT %L::regclass, p.id, p.tenant_id'
                       ' FROM (SELECT DISTINCT x FROM unnest($1) x) u JOIN %s p ON p.id = u.x', p_rel, p_rel) USING personas;
        anchors := ARRAY[p_rel];
        LOOP
            n := cardinality(anchors);
            anchors := anchors || ARRAY(SELECT k::regclass FROM jsonb_each(todo) e(k, v)
                                        WHERE (v ->> 'anchor')::regclass = ANY (anchors) AND NOT k::regclass = ANY (anchors));
            EXIT WHEN cardinality(anchors) = n;
        END LOOP;
        todo := (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM jsonb_each(todo) e(k, v)
                 WHERE k::regclass = ANY (anchors) AND k::regclass <> p_rel);
    END IF;
    -- parents first: a table waits for the tables of the scope it references
    LOOP
        progressed := false;
        FOR t IN SELECT k::regclass FROM jsonb_each(todo) e(k, v) ORDER BY k LOOP
            CONTINUE WHEN t = ANY (done);
            CONTINUE WHEN EXISTS (SELECT FROM pg_constraint c WHERE c.conrelid = t AND c.contype = 'f' AND c.confrelid <> t
                                    AND todo ? c.confrelid::regclass::text AND NOT c.confrelid::regclass = ANY (done));
            anchor := (todo #>> ARRAY[t::text, 'anchor'])::regclass;
            acol := todo #>> ARRAY[t::text, 'col'];
            n := coalesce((rows_of ->> (SELECT relname FROM pg_class WHERE oid = t))::int, (rows_of ->> t::text)::int, rows);
            IF anchor IS NULL THEN
                asql := 'SELECT NULL::uuid AS id, NULL::uuid AS tenant_id, left(md5(random()::text), 10) AS tok OFFSET 0';
            ELSE
                asql := format('SELECT r.id, r.tenant_id, left(md5(r.id::text), 10) AS tok FROM vp_fill_rows r WHERE r.rel = %L::regclass AND r.seq > %s OFFSET 0',
                               anchor, since);
            END IF;
            IF n > 0 THEN
                total := total + pg_temp.vp_fill_table(t, acol, asql, n, marker,
                                                       record OR EXISTS (SELECT FROM jsonb_each(todo) e(k, v) WHERE v ->> 'anchor' = t::text));
            END IF;
            done := done || t;
            progressed := true;
        END LOOP;
        EXIT WHEN NOT progressed;
    END LOOP;
    IF cardinality(done) < (SELECT count(*) FROM jsonb_object_keys(todo)) THEN
        RAISE EXCEPTION 'vp_fill: cannot order tables (a cycle of foreign keys): %',
            (SELECT array_agg(k) FROM jsonb_object_keys(todo) k WHERE NOT k::regclass = ANY (done));
    END IF;
    RETURN total;
END $$;
