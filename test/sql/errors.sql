-- What a client sees when things go wrong: SQLSTATE, message, detail and hint of the extension's
-- errors, from the C++ boundary, the validation trigger and vital_validate().
CREATE EXTENSION vital_persona;
-- the boundary self-test is not shipped (it runs caller-supplied SQL): created from the library for this test
CREATE FUNCTION vital_selftest(kind text, sql text DEFAULT NULL) RETURNS text LANGUAGE c VOLATILE
    SET search_path = pg_catalog, pg_temp AS '$libdir/vital_persona', 'vital_selftest';
\set VERBOSITY default
\set SHOW_CONTEXT never

-- The C++ boundary: each kind of failure becomes a clean error; the session goes on.
SELECT vital_selftest('pg_error');
SELECT vital_selftest('user_error');
SELECT vital_selftest('cpp_exception');
SELECT vital_selftest('bad_alloc');
SELECT vital_selftest('no_such_kind');
SELECT vital_selftest('live_objects') AS live_cpp_objects_after_errors;

-- Every violation of a row in one error (detail is JSON for programs; hint fixes the first).
INSERT INTO tenants (id, name, slug) VALUES ('a0000000-0000-0000-0000-00000000000a', 'Acme', 'acme');
INSERT INTO personas (id, tenant_id, name, slug)
VALUES ('b0000000-0000-0000-0000-00000000000b', 'a0000000-0000-0000-0000-00000000000a', 'Dana', 'dana');
INSERT INTO persona_week_in_life (persona_id, day_of_week, meeting_load, focus_time_available)
VALUES ('b0000000-0000-0000-0000-00000000000b', 'Funday', 'extreme', 30);
-- One violation keeps its own class.
INSERT INTO persona_week_in_life (persona_id, day_of_week, focus_time_available)
VALUES ('b0000000-0000-0000-0000-00000000000b', 'Monday', -1);
INSERT INTO persona_goals (persona_id, goal_type) VALUES ('c0000000-0000-0000-0000-00000000000c', 'primary');
-- Documented normalisation: tenant_id filled from the persona, whitespace trimmed, case fixed.
INSERT INTO persona_week_in_life (persona_id, day_of_week, meeting_load)
VALUES ('b0000000-0000-0000-0000-00000000000b', ' monday ', 'HEAVY')
RETURNING tenant_id, day_of_week, meeting_load;

-- Ask before writing.
SELECT jsonb_pretty(vital_validate('persona_goals', '{"persona_id": "not-a-uuid", "goal_type": "dream", "priority": "high", "colour": 1}'));
SELECT vital_validate('persona_goals', '[]');
SELECT vital_validate('pg_class', '{}');

-- Summaries: NULL for an unknown persona, the usual 22P02 for a malformed id.
SELECT vital_summary('d0000000-0000-0000-0000-00000000000d') IS NULL AS unknown_is_null;
SELECT vital_summary('not-a-uuid');
SELECT (vital_summary('b0000000-0000-0000-0000-00000000000b') -> 'sections' ->> 'persona_week_in_life') AS week_rows;

DROP EXTENSION vital_persona CASCADE;
