-- Generic section filler for vital_summary tests (test/pgtap/070_summary.sql) and benchmarks (bench/summary), not part of the extension.
-- pg_temp.vs_fill(schema, persona_ids, tenant_id, rows_of) inserts, for every section table of
-- the extension (FK to personas, or to such a table), rows for each persona: rows_of(table)
-- rows per persona (per parent row for grandchildren), capped where a unique key limits it.
-- NOT NULL columns without default get a value that satisfies the column's CHECK constraints
-- (first ARRAY literal, or the lower bound of a range); other columns stay NULL except a few
-- the summary reads (so highlights are meaningful).
CREATE OR REPLACE FUNCTION pg_temp.vs_value_expr(rel regclass, col name, typ text, i text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    def text;
    arr text[];
    lo text;
    ref record;
BEGIN
    SELECT c.confrelid::regclass AS tab, a.attname AS col INTO ref FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = c.confkey[1]
    WHERE c.conrelid = rel AND c.contype = 'f' AND cardinality(c.conkey) = 1
      AND c.conkey[1] = (SELECT attnum FROM pg_attribute WHERE attrelid = rel AND attname = col);
    IF FOUND THEN
        RETURN format('(SELECT %I FROM %s ORDER BY 1 OFFSET (%s) %% greatest(1, (SELECT count(*) FROM %s)) LIMIT 1)',
                      ref.col, ref.tab, i, ref.tab);
    END IF;
    FOR def IN SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
               WHERE c.conrelid = rel AND c.contype = 'c'
                 AND c.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = rel AND attname = col)]
    LOOP
        IF def ~ 'ARRAY\[' THEN
            arr := regexp_split_to_array(substring(def from 'ARRAY\[(.*?)\]'), ',\s*');
            RETURN format('(ARRAY[%s])[1 + ((%s) %% %s)]', array_to_string(arr, ','), i, array_length(arr, 1));
        END IF;
        lo := substring(def from '>=\s*\(?(-?[0-9.]+)');
        IF lo IS NOT NULL THEN
            RETURN format('least(%s + ((%s) %% 3), %s)::%s', lo, i,
                          coalesce(substring(def from '<=\s*\(?(-?[0-9.]+)'), 'NULL'), typ);
        END IF;
        lo := substring(def from '>\s*\(?(-?[0-9.]+)');
        IF lo IS NOT NULL THEN RETURN format('(%s + 1)::%s', lo, typ); END IF;
    END LOOP;
    RETURN CASE
        WHEN typ IN ('text', 'character varying') THEN format('%L || (%s)', col || ' ', i)
        WHEN typ = 'uuid' THEN 'gen_random_uuid()'
        WHEN typ IN ('integer', 'smallint', 'bigint') THEN format('(1 + (%s) %% 5)::%s', i, typ)
        WHEN typ LIKE 'numeric%' OR typ IN ('real', 'double precision') THEN '1'
        WHEN typ = 'boolean' THEN 'true'
        WHEN typ = 'date' THEN 'current_date'
        WHEN typ LIKE 'timestamp%' THEN 'now()'
        WHEN typ LIKE 'time%' THEN '''09:00'''
        WHEN typ LIKE '%[]' THEN format('ARRAY[%L]', col)
        WHEN typ = 'jsonb' THEN '''{}'''
        ELSE 'NULL' END;
END $$;

CREATE OR REPLACE FUNCTION pg_temp.vs_fill(ext_schema name, personas uuid[], tenant uuid, rows_of jsonb,
                                           default_rows int DEFAULT 3) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    t record;
    c record;
    cols text[];
    vals text[];
    n int;
    cap int;
    total bigint := 0;
    got bigint;
    personas_rel regclass := format('%I.personas', ext_schema)::regclass;
BEGIN
    FOR t IN
        WITH fks AS (
            SELECT con.conrelid AS rel, con.confrelid AS parent,
                   (SELECT a.attname FROM unnest(con.conkey, con.confkey) u(x, y)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.x
                    JOIN pg_attribute r ON r.attrelid = con.confrelid AND r.attnum = u.y
                    WHERE r.attname = 'id') AS key
            FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid
            WHERE con.contype = 'f' AND cl.relnamespace = ext_schema::regnamespace AND con.conrelid <> con.confrelid)
        SELECT f.rel, f.key, NULL::regclass AS parent, NULL::name AS parent_key, 0 AS depth FROM fks f WHERE f.parent = personas_rel
        UNION ALL
        SELECT g.rel, g.key, g.parent, p.key, 1 FROM fks g JOIN fks p ON p.rel = g.parent AND p.parent = personas_rel
        WHERE g.rel NOT IN (SELECT rel FROM fks WHERE parent = personas_rel)
        ORDER BY depth, rel
    LOOP
        n := coalesce((rows_of ->> t.rel::regclass::text)::int, (rows_of ->> (SELECT relname FROM pg_class WHERE oid = t.rel))::int, default_rows);
        -- unique keys on (persona/parent key [, one column]) cap the rows per persona
        SELECT min(CASE WHEN cardinality(i.indkey::int2[]) = 1 THEN 1 ELSE 1000000 END) INTO cap
        FROM pg_index i WHERE i.indrelid = t.rel AND i.indisunique AND NOT i.indisprimary
          AND (SELECT attnum FROM pg_attribute WHERE attrelid = t.rel AND attname = t.key) = ANY (i.indkey::int2[])
          AND cardinality(i.indkey::int2[]) <= 2
          AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[]) k JOIN pg_attribute a ON a.attrelid = t.rel AND a.attnum = k
                          WHERE a.attname NOT IN (t.key, 'tenant_id') AND a.atttypid NOT IN ('text'::regtype))
          AND cardinality(i.indkey::int2[]) - (SELECT count(*) FROM unnest(i.indkey::int2[]) k JOIN pg_attribute a ON a.attrelid = t.rel AND a.attnum = k WHERE a.attname = 'tenant_id') = 1;
        IF cap IS NOT NULL THEN n := least(n, cap); END IF;
        -- enum-like unique second column: the ARRAY cycle gives distinct values up to its length
        IF n <= 0 THEN CONTINUE; END IF;
        cols := ARRAY['tenant_id', quote_ident(t.key)];
        vals := ARRAY[quote_literal(tenant) || '::uuid', CASE WHEN t.depth = 0 THEN 'p' ELSE 'par.id' END];
        FOR c IN SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS typ, a.attnotnull, a.atthasdef
                 FROM pg_attribute a WHERE a.attrelid = t.rel AND a.attnum > 0 AND NOT a.attisdropped
                   AND a.attgenerated = '' AND a.attname NOT IN ('tenant_id', t.key, 'id')
        LOOP
            IF (c.attnotnull AND NOT c.atthasdef)
               OR c.attname IN ('priority', 'sequence_order', 'severity', 'relevance_score', 'day_of_week', 'month_phase',
                                'quarter', 'overall_influence_score', 'evidence_quality_score', 'goal_text', 'pain_description',
                                'confidence_level', 'citation', 'goal_type') THEN
                cols := cols || quote_ident(c.attname);
                vals := vals || pg_temp.vs_value_expr(t.rel, c.attname, c.typ, 'g');
            END IF;
        END LOOP;
        IF t.depth = 0 THEN
            EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM unnest($1) p, generate_series(0, %s - 1) g ON CONFLICT DO NOTHING',
                           t.rel::regclass, array_to_string(cols, ', '), array_to_string(vals, ', '), n) USING personas;
        ELSE
            EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM %s par, generate_series(0, %s - 1) g WHERE par.%I = ANY ($1) ON CONFLICT DO NOTHING',
                           t.rel::regclass, array_to_string(cols, ', '), array_to_string(vals, ', '), t.parent, n, t.parent_key)
                USING personas;
        END IF;
        GET DIAGNOSTICS got = ROW_COUNT;
        total := total + got;
    END LOOP;
    RETURN total;
END $$;
