-- Test helper: puts one row into EVERY table of the vital_persona extension (whatever the installed version),
-- generically: tables in foreign-key order; FK columns take an existing parent row (composite tenant keys stay
-- consistent); other columns get a value that fits their type and single-column CHECKs (first allowed value
-- of an IN list / array subset, lower bound of a range, ...). On a check violation the columns of the failing
-- constraint move to their next candidate; as a last resort nullable non-key columns are left NULL.
-- Usage (as superuser):  \i test/support/fill_all_tables.sql   then   SELECT pg_temp.vp_fill_all();
-- Raises if a table could not be filled. Returns the number of tables filled.
CREATE FUNCTION pg_temp.vp_candidates(p_rel regclass, p_att int2, p_typ oid, p_typmod int) RETURNS text[]
LANGUAGE plpgsql AS $fn$
DECLARE
    chk text := '';
    lit text;
    lo text;
    t text := format_type(p_typ, p_typmod);
BEGIN
    SELECT coalesce(string_agg(pg_get_constraintdef(c.oid), ' '), '') INTO chk
    FROM pg_constraint c WHERE c.conrelid = p_rel AND c.contype = 'c' AND c.conkey = ARRAY[p_att];
    lit := substring(chk FROM $re$ARRAY\['((?:[^']|'')*)'::text$re$);
    lo := coalesce(substring(chk FROM $re$>= \(?(-?[0-9]+(?:\.[0-9]+)?)$re$),
                   (substring(chk FROM $re$> \(?(-?[0-9]+)$re$)::numeric + 1)::text);
    IF (SELECT typtype FROM pg_type WHERE oid = p_typ) = 'e' THEN
        RETURN ARRAY[(SELECT quote_literal(enumlabel) FROM pg_enum WHERE enumtypid = p_typ ORDER BY enumsortorder LIMIT 1)];
    END IF;
    CASE
        WHEN t = 'text' OR t LIKE 'character%' THEN
            RETURN array_remove(ARRAY[CASE WHEN lit IS NOT NULL THEN quote_literal(replace(lit, '''''', '''')) END,
                                      '''fill1''', '''fill1@example.com''', '''Fill1''', '''FILL1'''], NULL);
        WHEN t = 'text[]' THEN
            RETURN array_remove(ARRAY[CASE WHEN lit IS NOT NULL THEN format('ARRAY[%L]::text[]', replace(lit, '''''', '''')) END,
                                      'ARRAY[''fill1'',''fill2'']::text[]'], NULL);
        WHEN t IN ('integer', 'smallint', 'bigint') OR t LIKE 'numeric%' OR t IN ('real', 'double precision') THEN
            RETURN array_remove(ARRAY[lo, '1', '0', '2', '2000'], NULL);
        WHEN t = 'boolean' THEN RETURN ARRAY['true'];
        WHEN t = 'date' THEN RETURN ARRAY['''2024-01-15'''];
        WHEN t LIKE 'timestamp%' THEN RETURN ARRAY['''2024-01-15 10:00:00+00'''];
        WHEN t LIKE 'time%' THEN RETURN ARRAY['''09:00'''];
        WHEN t = 'uuid' THEN RETURN ARRAY['gen_random_uuid()'];
        WHEN t IN ('jsonb', 'json') THEN RETURN ARRAY['''{"k": "v"}'''];
        WHEN t = 'interval' THEN RETURN ARRAY['''1 day'''];
        WHEN t = 'inet' THEN RETURN ARRAY['''10.0.0.1'''];
        ELSE RETURN ARRAY[]::text[];
    END CASE;
END
$fn$;

CREATE FUNCTION pg_temp.vp_fill_table(p_rel regclass) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    fk record;
    a record;
    vals jsonb := '{}';        -- column -> SQL expression
    fixed text[] := '{}';      -- FK-assigned columns
    cands jsonb := '{}';       -- column -> candidate array
    idx jsonb := '{}';         -- column -> current candidate index
    where_sql text;
    sel text;
    r record;
    cols text;
    exprs text;
    tries int := 0;
    v_con text;
    v_msg text;
    v_state text;
    minimal boolean := false;
BEGIN
    -- foreign keys, widest first, so tenant_id comes from the persona/parent row
    FOR fk IN
        SELECT c.confrelid::regclass AS ref,
               array_agg(fa.attname ORDER BY k.ord) AS cols, array_agg(ra.attname ORDER BY k.ord) AS refcols
        FROM pg_constraint c
        CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(col, refcol, ord)
        JOIN pg_attribute fa ON fa.attrelid = c.conrelid AND fa.attnum = k.col
        JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refcol
        WHERE c.conrelid = p_rel AND c.contype = 'f' AND c.confrelid <> p_rel
        GROUP BY c.oid, c.confrelid
        ORDER BY count(*) DESC, c.conname
    LOOP
        where_sql := 'true';
        FOR i IN 1 .. cardinality(fk.cols) LOOP
            IF fk.cols[i] = ANY (fixed) THEN
                where_sql := where_sql || format(' AND %I = %s', fk.refcols[i], vals ->> fk.cols[i]);
            END IF;
        END LOOP;
        sel := format('SELECT to_jsonb(x) AS j FROM (SELECT %s FROM %s WHERE %s ORDER BY 1 LIMIT 1) x',
                      (SELECT string_agg(format('%I', c), ', ') FROM unnest(fk.refcols) c), fk.ref, where_sql);
        EXECUTE sel INTO r;
        IF r.j IS NOT NULL THEN
            FOR i IN 1 .. cardinality(fk.cols) LOOP
                IF NOT fk.cols[i] = ANY (fixed) THEN
                    vals := vals || jsonb_build_object(fk.cols[i], quote_literal(r.j ->> fk.refcols[i]));
                    fixed := fixed || fk.cols[i];
                END IF;
            END LOOP;
        END IF;
    END LOOP;
    FOR a IN
        SELECT att.attname, att.attnum, att.atttypid, att.atttypmod, att.attnotnull,
               (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d WHERE d.adrelid = att.attrelid AND d.adnum = att.attnum) AS def
        FROM pg_attribute att
        WHERE att.attrelid = p_rel AND att.attnum > 0 AND NOT att.attisdropped AND att.attgenerated = ''
          AND att.attidentity = ''
        ORDER BY att.attnum
    LOOP
        CONTINUE WHEN a.attname = ANY (fixed);
        CONTINUE WHEN a.attname IN ('id', 'created_at', 'updated_at') AND a.def IS NOT NULL;
        CONTINUE WHEN a.attname = 'is_builtin';   -- user rows: builtin rows are not dumped (extcondition)
        cands := cands || jsonb_build_object(a.attname, to_jsonb(pg_temp.vp_candidates(p_rel, a.attnum, a.atttypid, a.atttypmod)));
        idx := idx || jsonb_build_object(a.attname, 0);
    END LOOP;
    LOOP
        tries := tries + 1;
        SELECT string_agg(format('%I', k), ', '), string_agg(v, ', ') INTO cols, exprs
        FROM (SELECT key AS k, value #>> '{}' AS v FROM jsonb_each(vals)
              UNION ALL
              SELECT c.key, (c.value ->> (idx ->> c.key)::int)
              FROM jsonb_each(cands) c
              WHERE jsonb_array_length(c.value) > (idx ->> c.key)::int
                AND NOT (minimal AND NOT (SELECT attnotnull FROM pg_attribute WHERE attrelid = p_rel AND attname = c.key))) s;
        BEGIN
            IF cols IS NULL THEN
                EXECUTE format('INSERT INTO %s DEFAULT VALUES', p_rel);
            ELSE
                EXECUTE format('INSERT INTO %s (%s) VALUES (%s)', p_rel, cols, exprs);
            END IF;
            RETURN;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_con = CONSTRAINT_NAME, v_msg = MESSAGE_TEXT, v_state = RETURNED_SQLSTATE;
            IF tries > 40 THEN
                RAISE EXCEPTION 'fill %: % (%)', p_rel, v_msg, v_state;
            END IF;
            IF v_con IS NOT NULL AND v_con <> '' AND EXISTS (
                   SELECT FROM pg_constraint c WHERE c.conrelid = p_rel AND c.conname = v_con AND c.contype = 'c') THEN
                -- advance every candidate column of the failing CHECK
                SELECT idx || coalesce(jsonb_object_agg(att.attname, (idx ->> att.attname)::int + 1), '{}') INTO idx
                FROM pg_constraint c JOIN pg_attribute att ON att.attrelid = c.conrelid AND att.attnum = ANY (c.conkey)
                WHERE c.conrelid = p_rel AND c.conname = v_con AND idx ? att.attname;
            ELSIF NOT minimal THEN
                minimal := true;
            ELSE
                RAISE EXCEPTION 'fill %: % (%)', p_rel, v_msg, v_state;
            END IF;
        END;
    END LOOP;
END
$fn$;

CREATE FUNCTION pg_temp.vp_fill_all() RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
    todo regclass[];
    done regclass[] := '{}';
    t regclass;
    progressed boolean;
BEGIN
    SELECT array_agg(c.oid::regclass ORDER BY c.relname) INTO todo
    FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'vital_persona') AND c.relkind = 'r'
      AND c.relname NOT IN ('_vital_summary_counts', '_vital_summary_slots',  -- derived: filled by triggers/install
                            '_vital_registered_sections');  -- filled by registering a table: test/support/register_section.sql
    LOOP
        progressed := false;
        FOREACH t IN ARRAY todo LOOP
            CONTINUE WHEN t = ANY (done);
            IF NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conrelid = t AND c.contype = 'f'
                             AND c.confrelid <> t AND NOT c.confrelid::regclass = ANY (done)) THEN
                PERFORM pg_temp.vp_fill_table(t);
                done := done || t;
                progressed := true;
            END IF;
        END LOOP;
        EXIT WHEN NOT progressed;
    END LOOP;
    IF cardinality(done) < cardinality(todo) THEN
        RAISE EXCEPTION 'could not order tables: %', (SELECT array_agg(x) FROM unnest(todo) x WHERE NOT x = ANY (done));
    END IF;
    RETURN cardinality(done);
END
$fn$;
