-- versions: 4.0 5.0
-- Constraint-aware validation: the trigger reports every violation of a row at once (SQLSTATE, message,
-- JSON detail, hint, name fields), normalises documented input, and vital_validate() agrees with it.
-- Tables used exist in 4.0 and 5.0: personas, persona_goals (child), lookups.
BEGIN;
SELECT plan(40);

-- Every field of the error a statement raises (NULL when it succeeds); detail parsed as JSON when it is.
CREATE FUNCTION pg_temp.err(stmt text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    v_state text; v_msg text; v_detail text; v_hint text; v_table text; v_column text; v_constraint text;
    v_schema text; d jsonb;
BEGIN
    EXECUTE stmt;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL,
        v_hint = PG_EXCEPTION_HINT, v_schema = SCHEMA_NAME, v_table = TABLE_NAME, v_column = COLUMN_NAME,
        v_constraint = CONSTRAINT_NAME;
    BEGIN d := v_detail::jsonb; EXCEPTION WHEN OTHERS THEN d := to_jsonb(v_detail); END;
    RETURN (SELECT jsonb_object_agg(k, v) FROM jsonb_each(jsonb_build_object('sqlstate', v_state, 'message', v_msg,
        'detail', d, 'hint', nullif(v_hint, ''), 'schema', nullif(v_schema, ''), 'table', nullif(v_table, ''),
        'column', nullif(v_column, ''), 'constraint', nullif(v_constraint, ''))) AS t(k, v) WHERE v <> 'null');
END $$;

-- (column, constraint, value) of each violation, in order.
CREATE FUNCTION pg_temp.triples(list jsonb) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(string_agg(format('%s/%s/%s', e->>'column', coalesce(e->>'constraint', e->>'kind'),
                                      coalesce(e->>'value', 'NULL')), ' ' ORDER BY n), '')
    FROM jsonb_array_elements(list) WITH ORDINALITY AS t(e, n)
$$;

INSERT INTO tenants (id, name, slug) VALUES
    ('00000000-0000-0000-0000-00000000000a', 'Tenant A', 'tenant-a'),
    ('00000000-0000-0000-0000-00000000000b', 'Tenant B', 'tenant-b');
INSERT INTO personas (id, tenant_id, name, slug) VALUES
    ('10000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000a', 'Persona A', 'persona-a'),
    ('10000000-0000-0000-0000-00000000000b', '00000000-0000-0000-0000-00000000000b', 'Persona B', 'persona-b');

-- A test table of the extension with every kind of rule (the extension's own tables are covered below).
CREATE TABLE vt_week (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    day_of_week text NOT NULL CONSTRAINT day_allowed
        CHECK (day_of_week IN ('Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday')),
    meeting_load text CONSTRAINT load_allowed CHECK (meeting_load IN ('heavy','moderate','light')),
    focus int CONSTRAINT focus_range CHECK (focus >= 0 AND focus <= 24),
    start_t time, end_t time, CONSTRAINT start_before_end CHECK (start_t < end_t),
    seniority text CONSTRAINT fk_seniority REFERENCES lookup_seniority_levels (code),
    notes varchar(20),
    tags text[],
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES personas (tenant_id, id)
);
ALTER EXTENSION vital_persona ADD TABLE vt_week;
-- (finalize/40_validation.sql attaches the trigger to member tables at install; added here by hand)
CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON vt_week FOR EACH ROW EXECUTE FUNCTION vital_validate_row();
SELECT code AS senior FROM lookup_seniority_levels ORDER BY code LIMIT 1 \gset

-- ---------------------------------------------------------------- every violation at once
SELECT is(pg_temp.err($$INSERT INTO vt_week (tenant_id, persona_id, day_of_week, meeting_load, focus, start_t, end_t, seniority)
        VALUES ('00000000-0000-0000-0000-00000000000a', '10000000-0000-0000-0000-00000000000a', 'Funday', 'x', 25,
                '18:00', '09:00', 'no_such_level')$$) - 'detail' - 'schema',
    jsonb_build_object('sqlstate', '23514', 'message', '5 validation errors on vt_week',
        'hint', 'Set "day_of_week" to one of: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday.',
        'table', 'vt_week', 'column', 'day_of_week', 'constraint', 'day_allowed'),
    'a row with 5 violations raises one 23514 error naming the count, the first column/constraint and a hint');
SELECT is(pg_temp.triples(pg_temp.err($$INSERT INTO vt_week (tenant_id, persona_id, day_of_week, meeting_load, focus, start_t, end_t, seniority)
        VALUES ('00000000-0000-0000-0000-00000000000a', '10000000-0000-0000-0000-00000000000a', 'Funday', 'x', 25,
                '18:00', '09:00', 'no_such_level')$$) -> 'detail'),
    'day_of_week/day_allowed/Funday meeting_load/load_allowed/x focus/focus_range/25 start_t/start_before_end/18:00:00 seniority/fk_seniority/no_such_level',
    'DETAIL lists exactly those 5 violations in column order with their values');
SELECT is(pg_temp.err($$INSERT INTO vt_week (tenant_id, persona_id, day_of_week, focus) VALUES
        ('00000000-0000-0000-0000-00000000000a', '10000000-0000-0000-0000-00000000000a', 'Funday', -1)$$) -> 'detail' -> 1,
    '{"kind": "check", "column": "focus", "constraint": "focus_range", "rule": "must be between 0 and 24", "value": "-1"}',
    'each violation carries kind, column, constraint, the rule in words and the value');
SELECT is(pg_temp.err($$INSERT INTO vt_week (tenant_id, persona_id, start_t, end_t) VALUES
        ('00000000-0000-0000-0000-00000000000a', '10000000-0000-0000-0000-00000000000a', '18:00', '09:00')$$) -> 'detail',
    '[{"kind": "not_null", "column": "day_of_week", "constraint": null, "rule": "is required (NOT NULL)", "value": null},
      {"kind": "check", "column": "start_t", "columns": ["start_t", "end_t"], "constraint": "start_before_end", "rule": "must satisfy CHECK ((start_t < end_t))", "value": "18:00:00"}]',
    'NOT NULL and a two-column CHECK are reported together; the latter names both columns');

-- Simple range checks are put into words; other shapes quote their SQL.
SELECT is(pg_temp.err($$INSERT INTO vt_week (tenant_id, persona_id, day_of_week, focus) VALUES
        ('00000000-0000-0000-0000-00000000000a', '10000000-0000-0000-0000-00000000000a', 'Monday', 30)$$) ->> 'hint',
    'Set "focus" to a value between 0 and 24.', 'a range violation gets a hint with the allowed range');
SELECT is(pg_temp.err($$INSERT INTO vt_week (tenant_id, persona_id, day_of_week, start_t, end_t) VALUES
        ('00000000-0000-0000-0000-00000000000a', '10000000-0000-0000-0000-00000000000a', 'Monday', '18:00', '09:00')$$) ->> 'hint',
    'Change "start_t", "end_t" so that (start_t < end_t) holds.', 'a multi-column check quotes its SQL in the hint');

-- One violation of another class keeps that class's SQLSTATE.
SELECT is(pg_temp.err($$INSERT INTO vt_week (tenant_id, persona_id) VALUES
        ('00000000-0000-0000-0000-00000000000a', '10000000-0000-0000-0000-00000000000a')$$) ->> 'sqlstate', '23502',
    'a single NOT NULL violation is 23502');
SELECT is(pg_temp.err($$INSERT INTO vt_week (tenant_id, persona_id, day_of_week, seniority) VALUES
        ('00000000-0000-0000-0000-00000000000a', '10000000-0000-0000-0000-00000000000a', 'Monday', 'nope')$$) ->> 'sqlstate', '23503',
    'a single lookup violation is 23503');
SELECT is(pg_temp.err($$INSERT INTO vt_week (persona_id, day_of_week) VALUES ('10000000-0000-0000-0000-0000000000ff', 'Monday')$$)
        - 'schema' - 'hint',
    '{"sqlstate": "23503", "message": "1 validation error on vt_week", "table": "vt_week", "column": "persona_id", "constraint": "fk_persona",
      "detail": [{"kind": "parent", "column": "persona_id", "constraint": "fk_persona", "rule": "must reference an existing personas row", "value": "10000000-0000-0000-0000-0000000000ff"}]}',
    'a missing persona (tenant_id omitted) is one parent violation, tenant_id is not also reported missing');
SELECT is(pg_temp.triples(pg_temp.err($$INSERT INTO vt_week (tenant_id, persona_id, day_of_week) VALUES
        ('00000000-0000-0000-0000-00000000000b', '10000000-0000-0000-0000-00000000000a', 'Funday')$$) -> 'detail'),
    'tenant_id/fk_persona/00000000-0000-0000-0000-00000000000b day_of_week/day_allowed/Funday',
    'a tenant_id that is not the persona''s tenant is reported with the other violations');
SELECT is(pg_temp.err($$INSERT INTO vt_week (tenant_id, persona_id, day_of_week) VALUES
        ('00000000-0000-0000-0000-00000000000b', '10000000-0000-0000-0000-00000000000a', 'Monday')$$) ->> 'constraint', 'fk_persona',
    'alone, the tenant mismatch is left to the declared composite foreign key');

-- ---------------------------------------------------------------- valid rows and normalisation
SELECT lives_ok($$INSERT INTO vt_week (id, tenant_id, persona_id, day_of_week, meeting_load, focus, start_t, end_t, notes, tags)
        VALUES ('20000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-00000000000a',
                '10000000-0000-0000-0000-00000000000a', 'Monday', 'light', 0, '08:00', '09:00', 'plain', '{a}')$$,
    'a valid row is accepted');
SELECT is((SELECT to_jsonb(w) - 'created_at' FROM vt_week w WHERE id = '20000000-0000-0000-0000-000000000001'),
    '{"id": "20000000-0000-0000-0000-000000000001", "tenant_id": "00000000-0000-0000-0000-00000000000a",
      "persona_id": "10000000-0000-0000-0000-00000000000a", "day_of_week": "Monday", "meeting_load": "light", "focus": 0,
      "start_t": "08:00:00", "end_t": "09:00:00", "seniority": null, "notes": "plain", "tags": ["a"]}',
    'a valid row is stored unchanged');
INSERT INTO vt_week (id, persona_id, day_of_week, meeting_load, notes, seniority)
    VALUES ('20000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-00000000000a', '  tuesday ', 'HEAVY',
            E'\t padded \n', :'senior');
SELECT is((SELECT format('%s|%s|%s|%s', tenant_id, day_of_week, meeting_load, notes) FROM vt_week
           WHERE id = '20000000-0000-0000-0000-000000000002'),
    '00000000-0000-0000-0000-00000000000a|Tuesday|heavy|padded',
    'tenant_id is filled from the persona, text is trimmed, enumerated values get their one allowed spelling');

SET LOCAL vital_persona.validation_fix_case = off;
SELECT is(pg_temp.err($$INSERT INTO vt_week (persona_id, day_of_week) VALUES ('10000000-0000-0000-0000-00000000000a', 'monday')$$) ->> 'constraint',
    'day_allowed', 'validation_fix_case = off: a case variant is a violation');
RESET vital_persona.validation_fix_case;
SET LOCAL vital_persona.validation_trim_text = off;
SELECT is(pg_temp.err($$INSERT INTO vt_week (persona_id, day_of_week) VALUES ('10000000-0000-0000-0000-00000000000a', 'Monday ')$$) ->> 'constraint',
    'day_allowed', 'validation_trim_text = off: surrounding whitespace stays (and fails the CHECK)');
RESET vital_persona.validation_trim_text;
SET LOCAL vital_persona.validation_fill_tenant = off;
SELECT is(pg_temp.err($$INSERT INTO vt_week (persona_id, day_of_week) VALUES ('10000000-0000-0000-0000-00000000000a', 'Monday')$$) ->> 'column',
    'tenant_id', 'validation_fill_tenant = off: an omitted tenant_id is a NOT NULL violation');
RESET vital_persona.validation_fill_tenant;
SET LOCAL vital_persona.validation = off;
SELECT is(pg_temp.err($$INSERT INTO vt_week (tenant_id, persona_id, day_of_week, focus) VALUES
        ('00000000-0000-0000-0000-00000000000a', '10000000-0000-0000-0000-00000000000a', 'Funday', 99)$$) ->> 'message',
    'new row for relation "vt_week" violates check constraint "day_allowed"',
    'validation = off: the trigger steps aside, the declared constraints still apply (first one only)');
RESET vital_persona.validation;

SELECT is(pg_temp.err($$UPDATE vt_week SET focus = 30, meeting_load = 'none' WHERE id = '20000000-0000-0000-0000-000000000001'$$) ->> 'message',
    '2 validation errors on vt_week', 'UPDATE is validated too');
UPDATE vt_week SET day_of_week = 'friday' WHERE id = '20000000-0000-0000-0000-000000000001';
SELECT is((SELECT day_of_week FROM vt_week WHERE id = '20000000-0000-0000-0000-000000000001'), 'Friday',
    'UPDATE is normalised too');

-- ---------------------------------------------------------------- a new CHECK in the same session
ALTER TABLE vt_week ADD CONSTRAINT notes_not_bad CHECK (notes <> 'bad');
SELECT is(pg_temp.triples(pg_temp.err($$INSERT INTO vt_week (persona_id, day_of_week, notes, focus) VALUES
        ('10000000-0000-0000-0000-00000000000a', 'Monday', 'bad', 50)$$) -> 'detail'),
    'focus/focus_range/50 notes/notes_not_bad/bad',
    'after ALTER TABLE ... ADD CONSTRAINT the trigger reports the new CHECK in the same session');
ALTER TABLE vt_week DROP CONSTRAINT notes_not_bad;
SELECT is(pg_temp.err($$INSERT INTO vt_week (persona_id, day_of_week, notes) VALUES ('10000000-0000-0000-0000-00000000000a', 'Monday', 'bad')$$),
    NULL, 'after DROP CONSTRAINT the rule is gone');

-- ---------------------------------------------------------------- vital_validate
SELECT is(vital_validate('vt_week', '{"persona_id": "10000000-0000-0000-0000-00000000000a", "day_of_week": " sunday "}'),
    '[]', 'vital_validate: a valid candidate (after normalisation) gives an empty list');
SELECT is(pg_temp.triples(vital_validate('vt_week', '{"persona_id": "10000000-0000-0000-0000-00000000000a", "day_of_week": "Funday",
        "focus": "abc", "notes": "0123456789012345678901", "meeting_load": {"a": 1}, "tags": ["x", "y\"z"], "bogus": 1}')),
    'day_of_week/day_allowed/Funday meeting_load/invalid_value/{"a": 1} focus/invalid_value/abc notes/invalid_value/0123456789012345678901 bogus/unknown_column/1',
    'vital_validate: unknown keys, wrong JSON types and malformed values are violations next to the rules');
SELECT is(vital_validate('vt_week', '{"persona_id": "10000000-0000-0000-0000-00000000000a", "day_of_week": "Monday", "focus": 99999999999}') -> 0 ->> 'rule',
    'must be a valid integer: value "99999999999" is out of range for type integer',
    'vital_validate: an out-of-range number says why');
SELECT is(length(vital_validate('vt_week', jsonb_build_object('persona_id', '10000000-0000-0000-0000-00000000000a',
        'day_of_week', repeat('x', 1000000))) -> 0 ->> 'value'), 203,
    'vital_validate: a huge value is reported clipped');
SELECT is(vital_validate('vt_week', '{"persona_id": "10000000-0000-0000-0000-00000000000b", "day_of_week": "Monday", "tenant_id": "00000000-0000-0000-0000-00000000000a"}') -> 0 ->> 'kind',
    'tenant', 'vital_validate: checks tenant consistency even when nothing else is wrong');

-- Agreement with the trigger on the same inputs (candidates with at least one violation).
CREATE TEMP TABLE candidates (c jsonb);
INSERT INTO candidates VALUES
    ('{"persona_id": "10000000-0000-0000-0000-00000000000a", "day_of_week": "Funday", "focus": 30}'),
    ('{"persona_id": "10000000-0000-0000-0000-00000000000a", "meeting_load": "HEAVY ", "start_t": "10:00", "end_t": "09:00"}'),
    ('{"persona_id": "10000000-0000-0000-0000-0000000000ff", "day_of_week": "Monday"}'),
    ('{"tenant_id": "00000000-0000-0000-0000-00000000000b", "persona_id": "10000000-0000-0000-0000-00000000000a", "seniority": "zz"}'),
    ('{"persona_id": "10000000-0000-0000-0000-00000000000a", "day_of_week": "monday", "seniority": "zz", "focus": -3}');
SELECT is((SELECT count(*) FROM candidates
           WHERE vital_validate('vt_week', c) IS DISTINCT FROM pg_temp.err(format(
               'INSERT INTO vt_week (%s) SELECT %1$s FROM jsonb_populate_record(NULL::vt_week, %L)',
               (SELECT string_agg(quote_ident(k), ', ') FROM jsonb_object_keys(c) k), c)) -> 'detail'),
    0::bigint, 'vital_validate returns exactly the trigger''s violation list for the same candidates');

SELECT throws_ok($$SELECT vital_validate(NULL, '{}')$$, '22004', 'vital_validate: target must not be NULL', 'NULL target: clear error');
SELECT throws_ok($$SELECT vital_validate('vt_week', NULL)$$, '22004', 'vital_validate: candidate must not be NULL', 'NULL candidate: clear error');
SELECT throws_ok($$SELECT vital_validate('pg_class', '{}')$$, '42809', 'vital_validate: "pg_class" is not a table of vital_persona',
    'a table outside the extension: clear error');
SELECT throws_ok($$SELECT vital_validate('vt_week', '[1, 2]')$$, '22023', 'vital_validate: candidate must be a JSON object',
    'a JSON array: clear error');
SELECT throws_ok($$SELECT vital_validate('vt_week', '"text"')$$, '22023', 'vital_validate: candidate must be a JSON object',
    'a JSON scalar: clear error');

-- ---------------------------------------------------------------- RLS: an invisible persona is a missing persona
CREATE ROLE vt_member NOLOGIN;
GRANT USAGE ON SCHEMA public TO vt_member;
DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO vt_member', (SELECT n.nspname FROM pg_extension e
    JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vital_persona')); END $$;
GRANT SELECT, INSERT ON vt_week, personas TO vt_member;
GRANT SELECT ON lookup_seniority_levels TO vt_member;
GRANT EXECUTE ON FUNCTION vital_validate(regclass, jsonb) TO vt_member;
ALTER TABLE personas ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_member_sees_tenant_a ON personas FOR SELECT TO vt_member
    USING (tenant_id = '00000000-0000-0000-0000-00000000000a');
SET LOCAL ROLE vt_member;
SELECT is((pg_temp.err($$INSERT INTO vt_week (persona_id, day_of_week) VALUES ('10000000-0000-0000-0000-00000000000b', 'Monday')$$) -> 'detail' -> 0) - 'value',
          (pg_temp.err($$INSERT INTO vt_week (persona_id, day_of_week) VALUES ('10000000-0000-0000-0000-0000000000ff', 'Monday')$$) -> 'detail' -> 0) - 'value',
    'a persona of another tenant is reported exactly like a non-existent one');
SELECT is(vital_validate('vt_week', '{"persona_id": "10000000-0000-0000-0000-00000000000b", "day_of_week": "Monday"}') -> 0 ->> 'kind',
    'parent', 'vital_validate runs as the caller too: the invisible persona is missing');
RESET ROLE;

-- ---------------------------------------------------------------- the extension's own tables
SELECT is((SELECT count(*) FROM pg_class c
           JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
           JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
           WHERE c.relkind = 'r' AND c.relname <> 'vt_week'
             AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
             AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'vital_validate_row'
                             AND NOT t.tgisinternal AND t.tgtype = 1 | 2 | 4 | 16)),
    0::bigint, 'every tenant table of the extension has the BEFORE INSERT OR UPDATE row trigger');

-- Every CHECK of every extension table, driven from the catalog: find a value that violates it (probes by
-- type, through vital_validate), then show that the trigger reports that constraint for that value.
CREATE TEMP TABLE check_coverage (tbl regclass, conname name, probe jsonb, via_validate bool, via_trigger bool, error jsonb);
DO $$
DECLARE
    c record; p text; cand jsonb; probes text[]; ok_v bool; ok_t bool; e jsonb; has_trigger bool;
BEGIN
    FOR c IN
        SELECT con.conrelid::regclass AS tbl, con.conname, con.conrelid,
               array_agg(a.attname ORDER BY a.attnum) AS cols, min(format_type(a.atttypid, NULL)) AS typ
        FROM pg_constraint con
        JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = con.conrelid AND d.deptype = 'e'
        JOIN pg_extension x ON x.oid = d.refobjid AND x.extname = 'vital_persona'
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)
        WHERE con.contype = 'c' AND con.conrelid <> 'vt_week'::regclass
        GROUP BY con.conrelid, con.conname
    LOOP
        probes := CASE
            WHEN c.typ LIKE '%[]' THEN ARRAY['["ZZ not allowed!"]']
            WHEN c.typ IN ('integer', 'smallint', 'bigint', 'numeric', 'real', 'double precision')
                THEN ARRAY['-1', '99999', '0', '1', '-2', '11', '-99999']
            WHEN c.typ LIKE 'date' OR c.typ LIKE 'timestamp%' THEN ARRAY['"1900-01-01"', '"2999-12-31"']
            ELSE ARRAY['"ZZ not allowed!"', '""'] END;
        ok_v := false; ok_t := false; cand := NULL;
        FOREACH p IN ARRAY probes LOOP
            SELECT jsonb_object_agg(col, p::jsonb) INTO cand FROM unnest(c.cols) col;
            IF EXISTS (SELECT 1 FROM jsonb_array_elements(vital_validate(c.tbl, cand)) v
                       WHERE v->>'constraint' = c.conname AND v->>'kind' = 'check') THEN
                ok_v := true;
                EXIT;
            END IF;
        END LOOP;
        has_trigger := EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.conrelid AND t.tgname = 'vital_validate_row');
        IF ok_v AND has_trigger THEN
            e := pg_temp.err(format('INSERT INTO %s (%s) SELECT %2$s FROM jsonb_populate_record(NULL::%1$s, %3$L)',
                                    c.tbl, (SELECT string_agg(quote_ident(col), ', ') FROM unnest(c.cols) col), cand));
            ok_t := jsonb_typeof(e -> 'detail') = 'array' AND
                    EXISTS (SELECT 1 FROM jsonb_array_elements(e -> 'detail') v
                            WHERE v->>'constraint' = c.conname AND v->>'kind' = 'check');
        END IF;
        INSERT INTO check_coverage VALUES (c.tbl, c.conname, cand, ok_v, CASE WHEN has_trigger THEN ok_t END, e);
    END LOOP;
END $$;
SELECT cmp_ok((SELECT count(*) FROM check_coverage), '>', 0::bigint, 'the catalog-driven check coverage found CHECK constraints');
SELECT is((SELECT string_agg(format('%s.%s', tbl, conname), ', ') FROM check_coverage WHERE NOT via_validate), NULL,
    'every CHECK of the extension is reported by vital_validate for a violating value');
SELECT is((SELECT string_agg(format('%s.%s (%s: %s)', tbl, conname, probe, error), ', ') FROM check_coverage WHERE via_trigger IS FALSE), NULL,
    'every CHECK of every tenant table is reported by the trigger for that value');
SELECT cmp_ok((SELECT count(*) FROM check_coverage WHERE via_trigger), '>', 0::bigint,
    'CHECKs were exercised through the trigger');

SELECT * FROM finish();
ROLLBACK;
