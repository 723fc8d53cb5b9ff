-- versions: 4.0 5.0
-- The C++ <-> PostgreSQL boundary: every kind of failure inside C++ reaches the client as a
-- clean PostgreSQL error with the right SQLSTATE and fields, C++ destructors run, and the
-- backend stays healthy (no crash, no memory growth across many failing calls).
BEGIN;
SELECT plan(23);
-- Not installed by the extension (nothing shipped runs caller-supplied SQL): created here from the library.
\ir ../support/selftest.sql

-- Captures every field of the error a statement raises, as PL/pgSQL sees it.
CREATE FUNCTION pg_temp.error_fields(stmt text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    f jsonb;
    v_state text; v_msg text; v_detail text; v_hint text;
    v_schema text; v_table text; v_column text; v_constraint text;
BEGIN
    EXECUTE stmt;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL,
        v_hint = PG_EXCEPTION_HINT, v_schema = SCHEMA_NAME, v_table = TABLE_NAME, v_column = COLUMN_NAME,
        v_constraint = CONSTRAINT_NAME;
    RETURN jsonb_strip_nulls(jsonb_build_object('sqlstate', v_state, 'message', v_msg,
        'detail', nullif(v_detail, ''), 'hint', nullif(v_hint, ''), 'schema', nullif(v_schema, ''),
        'table', nullif(v_table, ''), 'column', nullif(v_column, ''), 'constraint', nullif(v_constraint, '')));
END $$;

SELECT is(vital_selftest('ok'), 'ok', 'a call that does not fail returns its value');

SELECT throws_ok($$SELECT vital_selftest('pg_error')$$, '22P02',
    'invalid input syntax for type integer: "not-a-number"',
    'a PostgreSQL error raised inside C++ keeps its SQLSTATE and message');

-- A constraint violation inside SPI: every error field survives the trip through C++.
CREATE TEMP TABLE boundary_target (n int CONSTRAINT n_positive CHECK (n > 0));
SELECT is(pg_temp.error_fields($$SELECT vital_selftest('spi_error', 'INSERT INTO boundary_target VALUES (-1)')$$)
          - 'schema' - 'detail',
    '{"sqlstate": "23514", "message": "new row for relation \"boundary_target\" violates check constraint \"n_positive\"",
      "table": "boundary_target", "constraint": "n_positive"}'::jsonb,
    'an SPI error keeps SQLSTATE, message, table and constraint fields');
SELECT is(pg_temp.error_fields($$SELECT vital_selftest('spi_error', 'INSERT INTO boundary_target VALUES (-1)')$$) ->> 'detail',
    'Failing row contains (-1).', 'an SPI error keeps its detail');

SELECT is(pg_temp.error_fields($$SELECT vital_selftest('user_error')$$),
    '{"sqlstate": "22023", "message": "selftest user error", "detail": "the detail", "hint": "the hint",
      "schema": "selftest_schema", "table": "selftest_table", "column": "selftest_column",
      "constraint": "selftest_constraint"}'::jsonb,
    'a C++ UserError becomes an error with its SQLSTATE, detail, hint and all four name fields');

SELECT is(pg_temp.error_fields(format($$SELECT vital_selftest('spi_error', 'SELECT %I.vital_selftest(''user_error'')')$$,
          (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vital_persona'))),
    pg_temp.error_fields($$SELECT vital_selftest('user_error')$$),
    'an error from a nested C++ entry point crosses the outer one unchanged');

SELECT throws_ok($$SELECT vital_selftest('cpp_exception')$$, 'XX000',
    'C++ exception in vital_selftest: selftest runtime_error',
    'a std::exception becomes XX000 naming the function');
SELECT throws_ok($$SELECT vital_selftest('bad_alloc')$$, '53200', 'out of memory in vital_selftest',
    'std::bad_alloc becomes 53200');
SELECT throws_ok($$SELECT vital_selftest('out_of_range')$$, 'XX000', NULL,
    'a Boost.Container error (throw callback) becomes a clean XX000');
SELECT is(pg_temp.error_fields($$SELECT vital_selftest('no_such_kind')$$) ->> 'hint',
    'Use one of: ok, live_objects, pg_error, spi_error, user_error, cpp_exception, bad_alloc, out_of_range.',
    'bad input gets a hint that says what is accepted');
SELECT is(vital_selftest(NULL), NULL, 'NULL in, NULL out');

SELECT is(vital_selftest('live_objects'), '0', 'every C++ object was destroyed on every error path above');

-- The same function still works, in the same transaction, after all those errors.
SELECT is(vital_selftest('ok'), 'ok', 'the backend is healthy after the errors');
SELECT is((SELECT count(*) FROM boundary_target), 0::bigint, 'no failed insert left a row behind');

-- 10,000 failing calls: no memory context grows, no object leaks.
CREATE FUNCTION pg_temp.fail_many(kind text, n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    before bigint; i int;
BEGIN
    SELECT sum(total_bytes) INTO before FROM pg_backend_memory_contexts;
    FOR i IN 1..n LOOP
        BEGIN
            PERFORM vital_selftest(kind, 'SELECT 1/0');
        EXCEPTION WHEN OTHERS THEN NULL;
        END;
    END LOOP;
    RETURN (SELECT sum(total_bytes) FROM pg_backend_memory_contexts) - before;
END $$;
SELECT ok(pg_temp.fail_many('user_error', 500) IS NOT NULL, 'warm-up: 500 failing calls');
SELECT cmp_ok(pg_temp.fail_many('user_error', 10000), '<', 262144::bigint,
    '10k failing UserError calls grow backend memory by less than 256 kB');
SELECT cmp_ok(pg_temp.fail_many('spi_error', 10000), '<', 262144::bigint,
    '10k failing SPI calls grow backend memory by less than 256 kB');
SELECT cmp_ok(pg_temp.fail_many('cpp_exception', 10000), '<', 262144::bigint,
    '10k std::exception calls grow backend memory by less than 256 kB');
SELECT is(vital_selftest('live_objects'), '0', 'no C++ object leaked across 30k failing calls');

-- The library answers for every SQL version and functions pin their search_path.
SELECT matches(vital_persona_version(), '^[0-9]+\.[0-9]+$', 'the library reports its version');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
    JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
    WHERE NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%')$$,
    'every function of the extension sets search_path');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
    JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
    WHERE p.proname = 'vital_selftest'$$,
    'the extension does not ship the self-test (it runs caller-supplied SQL)');
SELECT is((SELECT count(*) FROM pg_stat_activity WHERE pid = pg_backend_pid()), 1::bigint,
    'the backend is still alive');

SELECT * FROM finish();
ROLLBACK;
