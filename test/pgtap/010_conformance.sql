-- versions: 4.0 5.0
-- Conformance of the installed schema with the inventory (test/fixtures/spec/*.tsv), after applying the
-- decisions of DECISIONS.md / docs/schema.md. Everything is driven from the fixture rows: a table, column,
-- CHECK, FK or index that the inventory lists and the schema lacks fails a test.
\set ON_ERROR_STOP 1
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT no_plan();

-- ---- fixtures ------------------------------------------------------------------------------------------
CREATE TEMP TABLE spec_tables (version text, section text, tbl text, purpose text, source_path text);
CREATE TEMP TABLE spec_cols (version text, section text, tbl text, col text, typ text, not_null text,
                             dflt text, chk text, refs text, notes text);
CREATE TEMP TABLE spec_idx (version text, tbl text, name text, definition text, kind text, source text);
\copy spec_tables FROM 'test/fixtures/spec/tables.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\b', HEADER true)
\copy spec_cols FROM 'test/fixtures/spec/schema.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\b', HEADER true)
\copy spec_idx FROM 'test/fixtures/spec/indexes.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\b', HEADER true)

-- installed version and schema (never hard-coded)
CREATE TEMP TABLE ctx AS
SELECT e.extversion AS ver, n.nspname::text AS sch, e.extnamespace AS nsp
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'vital_persona';

CREATE FUNCTION pg_temp.applies(v text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT string_to_array(v, '.')::int[] <= string_to_array((SELECT ver FROM ctx), '.')::int[] $$;

CREATE FUNCTION pg_temp.rel(t text) RETURNS regclass LANGUAGE sql STABLE AS
$$ SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = (SELECT nsp FROM ctx) AND c.relname = t $$;

-- expression normaliser for defaults: lower case, no casts, no parentheses, no blanks
CREATE FUNCTION pg_temp.norm(e text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
SELECT regexp_replace(
         regexp_replace(lower(e),
           '::(text|uuid|jsonb|numeric|integer|boolean|regconfig|date|validation_status|character varying|timestamp with time zone)(\(\d+(,\d+)?\))?(\[\])?',
           '', 'g'),
         '[()[:space:]]', '', 'g') $$;

CREATE FUNCTION pg_temp.sorted(a text[]) RETURNS text[] LANGUAGE sql IMMUTABLE AS
$$ SELECT ARRAY(SELECT x FROM unnest(a) x ORDER BY x) $$;

-- strip parentheses that enclose a whole expression
CREATE FUNCTION pg_temp.strip_outer(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE depth int; inq boolean; ch text; closed_early boolean;
BEGIN
  s := btrim(s);
  LOOP
    IF left(s, 1) <> '(' OR right(s, 1) <> ')' THEN RETURN s; END IF;
    depth := 0; inq := false; closed_early := false;
    FOR i IN 1 .. length(s) LOOP
      ch := substr(s, i, 1);
      IF ch = '''' THEN inq := NOT inq;
      ELSIF NOT inq AND ch = '(' THEN depth := depth + 1;
      ELSIF NOT inq AND ch = ')' THEN
        depth := depth - 1;
        IF depth = 0 AND i < length(s) THEN closed_early := true; EXIT; END IF;
      END IF;
    END LOOP;
    IF closed_early THEN RETURN s; END IF;
    s := btrim(substr(s, 2, length(s) - 2));
  END LOOP;
END $$;

-- conjuncts of a deparsed boolean expression (top-level AND, recursively)
CREATE FUNCTION pg_temp.atoms(expr text) RETURNS SETOF text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE s text := pg_temp.strip_outer(expr); depth int := 0; inq boolean := false; ch text;
        start int := 1; parts text[] := '{}'; p text;
BEGIN
  FOR i IN 1 .. length(s) LOOP
    ch := substr(s, i, 1);
    IF ch = '''' THEN inq := NOT inq;
    ELSIF NOT inq AND ch = '(' THEN depth := depth + 1;
    ELSIF NOT inq AND ch = ')' THEN depth := depth - 1;
    ELSIF NOT inq AND depth = 0 AND substr(s, i, 5) = ' AND ' THEN
      parts := parts || substr(s, start, i - start); start := i + 5;
    END IF;
  END LOOP;
  IF cardinality(parts) = 0 THEN RETURN NEXT s; RETURN; END IF;
  parts := parts || substr(s, start);
  FOREACH p IN ARRAY parts LOOP RETURN QUERY SELECT pg_temp.atoms(p); END LOOP;
END $$;

-- canonical (server-deparsed) form of an inventory CHECK, in a scratch copy of the table's columns
CREATE FUNCTION pg_temp.canonical_check(t text, expr text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE def text;
BEGIN
  EXECUTE format('CREATE TEMP TABLE IF NOT EXISTS %I (LIKE %s)', 'scratch_' || t, pg_temp.rel(t));
  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT probe CHECK (%s)', 'scratch_' || t, expr);
  SELECT pg_get_constraintdef(c.oid) INTO def FROM pg_constraint c
   WHERE c.conrelid = ('pg_temp.' || quote_ident('scratch_' || t))::regclass AND c.conname = 'probe';
  EXECUTE format('ALTER TABLE %I DROP CONSTRAINT probe', 'scratch_' || t);
  RETURN regexp_replace(def, '^CHECK \((.*)\)$', '\1');
EXCEPTION WHEN others THEN
  RETURN NULL;   -- e.g. the column does not exist
END $$;

-- FK pairs "col>refcol" of a constraint, sorted
CREATE FUNCTION pg_temp.fk_pairs(con oid) RETURNS text[] LANGUAGE sql STABLE AS $$
SELECT pg_temp.sorted(array_agg(a.attname || '>' || b.attname))
FROM pg_constraint c,
     unnest(c.conkey, c.confkey) AS k(col, refcol)
JOIN pg_attribute a ON true JOIN pg_attribute b ON true
WHERE c.oid = con AND a.attrelid = c.conrelid AND a.attnum = k.col
  AND b.attrelid = c.confrelid AND b.attnum = k.refcol $$;

CREATE TEMP VIEW idx AS
SELECT i.indrelid, ic.relname AS index_name, am.amname, i.indisunique, i.indpred IS NOT NULL AS partial,
       ARRAY(SELECT a.attname::text
             FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS cols
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam;

-- applicable inventory rows
CREATE TEMP TABLE tabs AS SELECT * FROM spec_tables WHERE pg_temp.applies(version);
CREATE TEMP TABLE inv AS
SELECT c.*, coalesce(c.notes LIKE 'REMOVED_IN_5.0%', false) AS removed
FROM spec_cols c WHERE pg_temp.applies(c.version);
CREATE TEMP TABLE live_inv AS
SELECT * FROM inv WHERE NOT (removed AND (SELECT ver FROM ctx) <> '4.0');

-- ---- 1. tables -------------------------------------------------------------------------------------------
SELECT ok((SELECT count(*) FROM spec_tables) = 86 AND (SELECT count(*) FROM spec_tables WHERE version = '4.0') = 55,
          'fixture: 86 inventory tables, 55 of them in 4.0');
SELECT has_table((SELECT sch FROM ctx)::name, tbl::name, format('table %s exists (%s)', tbl, section)) FROM tabs ORDER BY tbl;
SELECT hasnt_table((SELECT sch FROM ctx)::name, tbl::name, format('table %s of version %s is absent', tbl, version))
FROM spec_tables WHERE NOT pg_temp.applies(version) ORDER BY tbl;

-- ---- 2. columns: type | nullability | default ------------------------------------------------------------
CREATE TEMP TABLE col_expect AS
SELECT tbl, col,
       CASE typ WHEN 'timestamptz' THEN 'timestamp with time zone'
                WHEN 'time' THEN 'time without time zone'
                WHEN 'validation_status(enum)' THEN 'text'
                ELSE typ END
       || '|' || CASE WHEN not_null = 'YES' OR col IN ('id', 'tenant_id', 'created_at', 'updated_at')
                      THEN 'NOT NULL' ELSE 'NULL' END
       || '|' || coalesce(pg_temp.norm(
                   CASE WHEN col = 'id' THEN 'gen_random_uuid()'
                        WHEN col = 'tenant_id' THEN NULL          -- no sentinel default
                        WHEN col IN ('created_at', 'updated_at') THEN 'now()'
                        WHEN typ = 'validation_status(enum)' THEN '''draft'''
                        WHEN dflt LIKE 'GENERATED ALWAYS AS (%) STORED'
                          THEN 'generated:' || substring(dflt FROM '^GENERATED ALWAYS AS \((.*)\) STORED$')
                        ELSE dflt END), '') AS expected
FROM live_inv;

CREATE TEMP TABLE col_actual AS
SELECT c.relname::text AS tbl, a.attname::text AS col,
       format_type(a.atttypid, a.atttypmod)
       || '|' || CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END
       || '|' || coalesce(pg_temp.norm(CASE WHEN a.attgenerated = 's' THEN 'generated:' ELSE '' END
                                       || pg_get_expr(d.adbin, d.adrelid)), '') AS actual
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE c.relnamespace = (SELECT nsp FROM ctx) AND c.relkind = 'r';

SELECT is(a.actual, e.expected, format('column %s.%s: type|nullability|default', e.tbl, e.col))
FROM col_expect e LEFT JOIN col_actual a USING (tbl, col) ORDER BY e.tbl, e.col;

SELECT hasnt_column((SELECT sch FROM ctx)::name, tbl::name, col::name, format('column %s.%s is REMOVED_IN_5.0', tbl, col))
FROM inv WHERE removed AND (SELECT ver FROM ctx) <> '4.0' ORDER BY tbl, col;

-- ---- 3. CHECK constraints --------------------------------------------------------------------------------
-- Covered when every conjunct of the server-deparsed inventory CHECK is a conjunct of some CHECK of the
-- table (so a stricter decided CHECK, e.g. VPANES 0-10, still covers upstream's >= 0), or, for a value
-- list, when the column references a lookup_* table (ON UPDATE CASCADE) whose shipped codes hold the list.
CREATE TEMP TABLE cat_atoms AS
SELECT c.conrelid, pg_temp.atoms(regexp_replace(pg_get_constraintdef(c.oid), '^CHECK \((.*)\)$', '\1')) AS atom
FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
WHERE c.contype = 'c' AND r.relnamespace = (SELECT nsp FROM ctx);

CREATE TEMP TABLE inv_checks AS
SELECT tbl, col, chk, pg_temp.canonical_check(tbl, chk) AS canon FROM live_inv WHERE chk IS NOT NULL;

CREATE FUNCTION pg_temp.lookup_covers(t text, c text, chk text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE lk regclass; missing int;
BEGIN
  SELECT fk.confrelid::regclass INTO lk
  FROM pg_constraint fk JOIN pg_class r ON r.oid = fk.confrelid
  WHERE fk.conrelid = pg_temp.rel(t) AND fk.contype = 'f' AND fk.confupdtype = 'c'
    AND r.relname LIKE 'lookup\_%'
    AND pg_temp.fk_pairs(fk.oid) = ARRAY[c || '>code'];
  IF lk IS NULL OR chk !~ ' IN \(' THEN RETURN false; END IF;
  EXECUTE format('SELECT count(*) FROM unnest($1) v WHERE v NOT IN (SELECT code FROM %s WHERE is_builtin)', lk)
    INTO missing USING ARRAY(SELECT m[1] FROM regexp_matches(chk, '''([^'']*)''', 'g') m);
  RETURN missing = 0;
END $$;

SELECT ok(i.canon IS NOT NULL
          AND (NOT EXISTS (SELECT pg_temp.atoms(i.canon)
                           EXCEPT SELECT atom FROM cat_atoms WHERE conrelid = pg_temp.rel(i.tbl))
               OR pg_temp.lookup_covers(i.tbl, i.col, i.chk)),
          format('CHECK on %s.%s: %s', i.tbl, i.col, i.chk))
FROM inv_checks i ORDER BY i.tbl, i.col;

-- ---- 4. foreign keys -------------------------------------------------------------------------------------
-- personas and evidence parents: (tenant_id, X) -> parent (tenant_id, id); users: SET NULL (decision);
-- tenant_id: always -> tenants ON DELETE CASCADE; org_* (outside the extension): no FK at all.
CREATE TEMP TABLE fk_expect AS
SELECT tbl, col, reftbl,
       CASE WHEN reftbl IN ('personas', 'persona_public_research', 'persona_case_studies', 'persona_supporting_statistics')
            THEN ARRAY['tenant_id>tenant_id', col || '>id'] ELSE ARRAY[col || '>' || refcol] END AS pairs,
       CASE WHEN reftbl = 'users' THEN 'n' WHEN delrule = 'CASCADE' THEN 'c' WHEN delrule = 'SET NULL' THEN 'n' ELSE 'a' END AS deltype
FROM (SELECT tbl, col,
             CASE WHEN col = 'tenant_id' THEN 'tenants' ELSE m[1] END AS reftbl,
             CASE WHEN col = 'tenant_id' THEN 'id' ELSE m[2] END AS refcol,
             CASE WHEN col = 'tenant_id' THEN 'CASCADE' ELSE m[4] END AS delrule
      FROM live_inv, LATERAL (SELECT regexp_match(refs, '^(\w+)\((\w+)\)( ON DELETE (CASCADE|SET NULL))?$') AS m) x
      WHERE (refs IS NOT NULL OR col = 'tenant_id') AND tbl <> 'tenants') s;

SELECT ok(EXISTS (SELECT 1 FROM pg_constraint fk
                  WHERE fk.contype = 'f' AND fk.conrelid = pg_temp.rel(e.tbl)
                    AND fk.confrelid = pg_temp.rel(e.reftbl)
                    AND pg_temp.fk_pairs(fk.oid) = pg_temp.sorted(e.pairs)
                    AND fk.confdeltype = e.deltype),
          format('FK %s (%s) -> %s ON DELETE %s', e.tbl, array_to_string(e.pairs, ', '), e.reftbl,
                 CASE e.deltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'NO ACTION' END))
FROM fk_expect e WHERE e.reftbl IN (SELECT tbl FROM spec_tables) ORDER BY e.tbl, e.col;

SELECT is((SELECT count(*)::int FROM pg_constraint fk, pg_attribute a
           WHERE fk.contype = 'f' AND fk.conrelid = pg_temp.rel(e.tbl)
             AND a.attrelid = fk.conrelid AND a.attname = e.col AND a.attnum = ANY (fk.conkey)), 0,
          format('no FK on %s.%s (%s is outside the extension)', e.tbl, e.col, e.reftbl))
FROM fk_expect e WHERE e.reftbl NOT IN (SELECT tbl FROM spec_tables) ORDER BY e.tbl, e.col;

-- ---- 5. unique constraints and indexes ------------------------------------------------------------------
CREATE TEMP TABLE idx_expect AS
SELECT *, string_to_array(regexp_replace(substring(definition FROM '^(?:UNIQUE |btree )\(([^()]*)\)$'), '\s', '', 'g'), ',') AS cols
FROM spec_idx WHERE pg_temp.applies(version) AND tbl <> 'persona_summary';   -- the matview is not ours

SELECT ok(EXISTS (SELECT 1 FROM pg_constraint u
                  WHERE u.contype = 'u' AND u.conrelid = pg_temp.rel(e.tbl)
                    AND ARRAY(SELECT a.attname::text FROM unnest(u.conkey) WITH ORDINALITY k(n, o)
                              JOIN pg_attribute a ON a.attrelid = u.conrelid AND a.attnum = k.n ORDER BY k.o)
                        -- decided form for tenant tables: uniqueness scoped by tenant_id (docs/schema.md), so a
                        -- conflict can never reveal another tenant's row (23505 vs 23503)
                        IN (e.cols, CASE WHEN 'persona_id' = ANY (e.cols) THEN 'tenant_id'::text || e.cols END)),
          format('unique constraint %s on %s %s', e.name, e.tbl, e.definition))
FROM idx_expect e WHERE e.kind = 'unique-constraint' ORDER BY e.tbl, e.name;

-- A plain btree index on C is realised by any non-partial btree index (or unique/PK index) whose leading
-- columns are C, or (tenant tables: every query carries the RLS tenant predicate) tenant_id + C.
SELECT ok(EXISTS (SELECT 1 FROM idx x
                  WHERE x.indrelid = pg_temp.rel(e.tbl) AND x.amname = 'btree' AND NOT x.partial
                    AND (pg_temp.sorted(x.cols[1:cardinality(e.cols)]) = pg_temp.sorted(e.cols)
                         OR (NOT 'tenant_id' = ANY (e.cols)
                             AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = x.indrelid AND t.attname = 'tenant_id')
                             AND pg_temp.sorted(x.cols[1:cardinality(e.cols) + 1]) = pg_temp.sorted(e.cols || 'tenant_id'::text)))),
          format('index %s on %s %s is served', e.name, e.tbl, e.definition))
FROM idx_expect e WHERE e.kind = 'index' AND e.cols IS NOT NULL ORDER BY e.tbl, e.name;

-- Expression (full-text) indexes: a GIN index on a generated tsvector column built from every column the
-- inventory expression names.
SELECT ok(EXISTS (SELECT 1 FROM idx x
                  JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attname = x.cols[1]
                  JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                  WHERE x.indrelid = pg_temp.rel(e.tbl) AND x.amname = 'gin' AND a.attgenerated = 's'
                    AND a.atttypid = 'tsvector'::regtype
                    AND NOT EXISTS (SELECT m[1] FROM regexp_matches(e.definition, 'coalesce\((\w+)', 'g') m
                                    WHERE pg_get_expr(d.adbin, d.adrelid) !~ ('\m' || m[1] || '\M'))),
          format('full-text index %s on %s: GIN over a generated tsvector covering %s', e.name, e.tbl, e.definition))
FROM idx_expect e WHERE e.kind = 'index' AND e.cols IS NULL ORDER BY e.tbl, e.name;

SELECT * FROM finish();
ROLLBACK;
