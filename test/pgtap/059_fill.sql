-- versions: 4.0 5.0
-- The generic test-data filler (test/support/fill.sql) and the validator agree: the filler takes valid values from
-- the validator's compiled rules (vital_validation_rules) and every row it makes passes vital_validate; it follows
-- a changed CHECK (NOT VALID: the validator enforces those too); it fills registered custom sections; a table it cannot fill is an error naming table and column.
BEGIN;
SELECT plan(12);
\ir ../support/fill.sql
SET LOCAL client_min_messages = warning;

-- Rows of every table the filler knows that vital_validate rejects (generated columns are not candidates).
CREATE FUNCTION pg_temp.rejected_rows(one regclass DEFAULT NULL) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE t regclass; gen text[]; bad text[] := '{}'; n bigint; sample text;
BEGIN
    FOR t IN SELECT x FROM pg_temp.vp_fill_tables() x WHERE x = coalesce(one, x) LOOP
        gen := ARRAY(SELECT attname FROM pg_attribute WHERE attrelid = t AND attgenerated <> '' AND NOT attisdropped);
        EXECUTE format('SELECT count(*), min(v::text) FROM (SELECT %I.vital_validate(%L, to_jsonb(x) - $1) v FROM %s x) y WHERE v <> ''[]''',
                       pg_temp.vp_fill_schema(), t, t) INTO n, sample USING gen;
        IF n > 0 THEN bad := bad || format('%s: %s rows, e.g. %s', t, n, sample); END IF;
    END LOOP;
    RETURN bad;
END $$;
CREATE FUNCTION pg_temp.nrows(t regclass, cond text DEFAULT 'true') RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint; BEGIN EXECUTE format('SELECT count(*) FROM %s WHERE %s', t, cond) INTO n; RETURN n; END $$;

-- ---- every table, every row valid ------------------------------------------------------------------
SELECT cmp_ok(pg_temp.vp_fill('all', rows => 2, record => true), '>', 0::bigint, 'vp_fill(''all'') fills the installed version');
SELECT is(ARRAY(SELECT t::text FROM pg_temp.vp_fill_tables() t
                WHERE NOT EXISTS (SELECT FROM vp_fill_rows r WHERE r.rel = t)
                  AND (EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = t AND a.attname = 'id' AND a.atttypid = 'uuid'::regtype)
                       OR pg_temp.nrows(t) = 0) ORDER BY 1), '{}',
    'a new row in every table of the extension (tables without a uuid id: non-empty)');
SELECT cmp_ok((SELECT count(DISTINCT rel) FROM vp_fill_rows)::int, '>=', CASE WHEN (SELECT extversion FROM pg_extension WHERE extname = 'vital_persona') = '4.0' THEN 55 ELSE 85 END,
    'rows recorded in (at least) all tables with an id of the installed version');
SELECT is(pg_temp.rejected_rows(), '{}', 'vital_validate accepts every row of every table after the fill');
SELECT isnt((SELECT vital_validate('persona_goals', to_jsonb(g) || '{"goal_type": "no such type"}') FROM persona_goals g LIMIT 1), '[]',
    '... and the same check rejects a filled row with a value outside its CHECK (the check bites)');

-- ---- values follow the validator's rules, not a copy of them ------------------------------------------
ALTER TABLE persona_goals DROP CONSTRAINT goal_type_allowed,
    ADD CONSTRAINT goal_type_allowed CHECK (goal_type = ANY (ARRAY['zeta'::text, 'eta'::text])) NOT VALID,
    ADD CONSTRAINT sequence_order_window CHECK (sequence_order >= 40 AND sequence_order <= 41) NOT VALID;
INSERT INTO personas (id, tenant_id, name, slug)
SELECT 'f1110000-0000-0000-0000-000000000001', id, 'Fill target', 'fill-target' FROM tenants ORDER BY id LIMIT 1;
SELECT is(pg_temp.vp_fill('sections', ARRAY['f1110000-0000-0000-0000-000000000001']::uuid[], rows => 1,
                          rows_of => '{"persona_goals": 5, "persona_tags": 0}') > 0, true, 'vp_fill(''sections'') for one persona');
SELECT is((SELECT array_agg(DISTINCT goal_type ORDER BY goal_type) FROM persona_goals WHERE persona_id = 'f1110000-0000-0000-0000-000000000001'),
    ARRAY['eta', 'zeta'], 'a changed enumeration: the filler uses the new allowed values');
SELECT is((SELECT array_agg(DISTINCT sequence_order ORDER BY sequence_order) FROM persona_goals WHERE persona_id = 'f1110000-0000-0000-0000-000000000001'),
    ARRAY[40, 41], 'a new range CHECK: values inside it');
SELECT is((SELECT count(*) FROM persona_goals WHERE persona_id = 'f1110000-0000-0000-0000-000000000001')::int
          || '/' || (SELECT count(*) FROM persona_tags WHERE persona_id = 'f1110000-0000-0000-0000-000000000001'),
    '5/0', 'rows_of: 5 goals, no tags');

-- ---- registered custom sections -------------------------------------------------------------------------
CREATE SCHEMA fill_app;
CREATE TABLE fill_app.persona_fill_notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL, mood text NOT NULL CHECK (mood IN ('calm', 'tense')), weight numeric(4,1) CHECK (weight > 2 AND weight < 9),
    note text NOT NULL, since date NOT NULL CHECK (since >= '2030-01-01'), start_t time NOT NULL, end_t time NOT NULL,
    CHECK (start_t < end_t));
CREATE INDEX ON fill_app.persona_fill_notes (persona_id);
SELECT count(*) > 0 AS registered FROM vital_register_section('fill_app.persona_fill_notes') \gset
SELECT is(pg_temp.vp_fill('sections', ARRAY['f1110000-0000-0000-0000-000000000001']::uuid[], rows => 4,
                          rows_of => jsonb_build_object('persona_fill_notes', 4)) >= 4
          AND pg_temp.nrows('fill_app.persona_fill_notes', 'mood IN (''calm'', ''tense'') AND weight > 2 AND weight < 9'
                                                             ' AND since >= ''2030-01-01'' AND start_t < end_t') = 4,
    true, 'a registered custom section is filled from its own rules (enumeration, ranges, a date bound, a two-column CHECK)');
SELECT is(pg_temp.rejected_rows('fill_app.persona_fill_notes'), '{}', '... and vital_validate accepts all its rows');

CREATE TABLE fill_app.persona_unfillable (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL, code text NOT NULL CHECK (code ~ '^Z{3}[0-9]{4}$'));
CREATE INDEX ON fill_app.persona_unfillable (persona_id);
SELECT count(*) > 0 AS registered FROM vital_register_section('fill_app.persona_unfillable') \gset
SELECT throws_like($$SELECT pg_temp.vp_fill('sections', ARRAY['f1110000-0000-0000-0000-000000000001']::uuid[])$$,
    '%cannot fill table fill_app.persona_unfillable: column "code"%',
    'a table the filler cannot fill is an error naming the table and the column (no silent skip)');

SELECT * FROM finish();
ROLLBACK;
