-- versions: 4.0 5.0
-- Bounded work (issue 11, docs/security.md "Bounded work"): every C++ entry point an API role reaches rejects
-- input over its documented limit (54000, detail with the limit and the actual size, hint), is linear up to it,
-- takes a statement_timeout within 100 ms, and holds a bounded amount of memory.
\set ON_ERROR_STOP 1
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(33);

-- Error fields of a statement (NULL when it succeeds).
CREATE FUNCTION pg_temp.err(stmt text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE st text; msg text; det text; hin text;
BEGIN
    EXECUTE stmt;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hin = PG_EXCEPTION_HINT;
    RETURN jsonb_build_object('sqlstate', st, 'message', msg, 'detail', det, 'hint', hin);
END $$;

-- Runs stmt under the statement_timeout set before the calling statement (50 ms below; each statement runs at least
-- ten times longer, so the timeout lands inside the entry point, not in the statement's start-up). Returns whether
-- it was cancelled and how many ms after the timeout it ended (negative: it finished first; the sleep then absorbs
-- the timeout, so the rest of the calling statement is never cancelled).
CREATE FUNCTION pg_temp.cancel_latency(stmt text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE done timestamptz; ended timestamptz; timeout_ms numeric;
BEGIN
    BEGIN
        timeout_ms := extract(epoch FROM current_setting('statement_timeout')::interval) * 1000;
        EXECUTE stmt;
        done := clock_timestamp();
        IF timeout_ms > 0 THEN
            PERFORM pg_sleep(10);
        END IF;
    EXCEPTION WHEN query_canceled THEN
        ended := clock_timestamp();
    END;
    RETURN jsonb_build_object(
        'cancelled', done IS NULL,
        'ms_after_timeout', round(extract(epoch FROM coalesce(done, ended) - statement_timestamp()) * 1000
                                  - coalesce(timeout_ms, 50)));
END $$;

-- Bytes held by the backend once the argument has been computed (evaluated first, kept in the same memory).
CREATE FUNCTION pg_temp.mem_after(anyelement) RETURNS bigint LANGUAGE sql AS $$
    SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts $$;

-- A tenant, its owner (the API caller), 2,000 personas and one persona with 100,000 goals. Bulk rows are written
-- with triggers off (replica): they are valid, and the summary scans goals (never read from the counters).
SET LOCAL session_replication_role = replica;
INSERT INTO tenants (id, name, slug) VALUES ('10000000-0000-0000-0000-0000000000b0', 'Bounded', 'bounded-t');
INSERT INTO users (id, tenant_id, email)
    VALUES ('20000000-0000-0000-0000-0000000000b0', '10000000-0000-0000-0000-0000000000b0', 'bounded@example.com');
INSERT INTO tenant_members VALUES ('10000000-0000-0000-0000-0000000000b0', '20000000-0000-0000-0000-0000000000b0', 'owner');
INSERT INTO personas (tenant_id, name, slug)
    SELECT '10000000-0000-0000-0000-0000000000b0', 'P' || i, 'bounded-' || i
    FROM generate_series(1, 2000) i;
INSERT INTO personas (id, tenant_id, name, slug)
    VALUES ('a0000000-0000-0000-0000-0000000000b0', '10000000-0000-0000-0000-0000000000b0', 'Big', 'bounded-big');
INSERT INTO persona_goals (tenant_id, persona_id, goal_text, priority)
    SELECT '10000000-0000-0000-0000-0000000000b0', 'a0000000-0000-0000-0000-0000000000b0', 'g' || i,
           i % 5
    FROM generate_series(1, 100000) i;
SET LOCAL session_replication_role = origin;
CREATE TEMP TABLE ids AS SELECT array_agg(id ORDER BY id) AS all_ids FROM personas
    WHERE tenant_id = '10000000-0000-0000-0000-0000000000b0';
GRANT SELECT ON ids TO PUBLIC;
CREATE TEMP TABLE cand AS SELECT
    (SELECT jsonb_object_agg('k' || i, repeat('x', 600))
     FROM generate_series(1, 1600) i) AS max_keys,
    (SELECT jsonb_object_agg('k' || i, 'x') FROM generate_series(1, 1601) i) AS too_many,
    jsonb_build_object('goal_text', repeat('y', 1048000)) AS max_bytes,
    jsonb_build_object('goal_text', repeat('y', 1048577)) AS too_big;
GRANT SELECT ON cand TO PUBLIC;

-- As PostgREST runs a request of the owner.
DO $$ BEGIN PERFORM set_config('request.jwt.claims', '{"sub": "20000000-0000-0000-0000-0000000000b0", "role": "authenticated"}', true); END $$;
SET LOCAL ROLE authenticated;

-- ---------------------------------------------------------------- vital_summaries: 10,000 ids
SELECT is(pg_temp.err('SELECT count(*) FROM vital_summaries(ARRAY(SELECT gen_random_uuid() FROM generate_series(1, 10001)))')
          - 'hint',
          '{"sqlstate": "54000", "message": "vital_summaries: too many persona ids", "detail": "The array has 10001 elements; the limit is 10000."}',
          'vital_summaries: 10,001 ids -> 54000 with the size and the limit');
SELECT isnt(pg_temp.err('SELECT count(*) FROM vital_summaries(ARRAY(SELECT gen_random_uuid() FROM generate_series(1, 10001)))')
            ->> 'hint', NULL, 'and a hint');
SELECT is(pg_temp.err('SELECT count(*) FROM vital_summaries(ARRAY(SELECT NULL::uuid FROM generate_series(1, 10001)))')
          ->> 'sqlstate', '54000', 'NULL elements count towards the limit');
-- 10,000 elements: three personas repeated, with NULLs and an unknown id; one row per distinct visible persona, in
-- the order of first appearance.
SELECT is(ARRAY(SELECT s.persona_id FROM vital_summaries(ARRAY(
              SELECT CASE WHEN i % 4 = 0 THEN NULL
                          WHEN i % 4 = 1 THEN (SELECT all_ids[3] FROM ids)
                          WHEN i % 4 = 2 THEN (SELECT all_ids[1] FROM ids)
                          WHEN i < 9000 THEN (SELECT all_ids[2] FROM ids)
                          ELSE 'ffffffff-0000-0000-0000-000000000000'::uuid END
              FROM generate_series(1, 10000) i)) s),
          (SELECT ARRAY[all_ids[3], all_ids[1], all_ids[2]] FROM ids),
          'vital_summaries at the limit: duplicates, NULLs and unknown ids dropped, first-appearance order kept');
SELECT is((SELECT count(*) FROM vital_summaries((SELECT all_ids FROM ids))), 2001::bigint,
          'vital_summaries of 2,001 distinct personas returns each once');

-- ---------------------------------------------------------------- vital_validate: 1 MiB, 1,600 keys
SELECT is((SELECT pg_temp.err(format('SELECT vital_validate(%L, %L)', 'persona_goals', too_big)) FROM cand)
          - 'hint',
          '{"sqlstate": "54000", "message": "vital_validate: candidate is too large", "detail": "It has 1048602 bytes; the limit is 1048576 bytes."}',
          'vital_validate: a candidate over 1 MiB -> 54000 with its size and the limit');
SELECT is((SELECT pg_temp.err(format('SELECT vital_validate(%L, %L)', 'persona_goals', too_many)) FROM cand)
          - 'hint',
          '{"sqlstate": "54000", "message": "vital_validate: candidate has too many keys", "detail": "It has 1601 keys; the limit is 1600 (PostgreSQL''s maximum number of columns of a table)."}',
          'vital_validate: 1,601 keys -> 54000 with the count and the limit');
SELECT isnt((SELECT pg_temp.err(format('SELECT vital_validate(%L, %L)', 'persona_goals', too_many)) FROM cand)
            ->> 'hint', NULL, 'and a hint');
SELECT is((SELECT count(*) FROM cand, jsonb_array_elements(vital_validate('persona_goals', max_keys)) v
           WHERE v ->> 'kind' = 'unknown_column'), 1600::bigint,
          'vital_validate at the key limit reports every unknown key');
SELECT is((SELECT v ->> 'value' FROM cand, jsonb_array_elements(vital_validate('persona_goals', max_keys)) v
           WHERE v ->> 'column' = 'k1600'),
          '"' || repeat('x', 199) || '...', 'values survive the per-key scratch memory (clipped copy)');
SELECT is((SELECT vital_validate('persona_goals', max_bytes) FROM cand) @>
          '[{"kind": "not_null", "column": "persona_id"}]', true, 'vital_validate at the size limit works');
SELECT is((SELECT vital_validate('persona_goals', jsonb_build_object('tenant_id', '10000000-0000-0000-0000-0000000000b0',
              'persona_id', 'a0000000-0000-0000-0000-0000000000b0', 'goal_text', repeat('z', 1000), 'priority', 2))),
          '[]'::jsonb, 'converted values survive the per-key scratch memory (a valid row has no violation)');

-- Memory held when the call returns (result, candidate and every per-call allocation still alive), over a
-- baseline taken the same way: at most 16 MB for any accepted candidate (about 6.5 MB measured at 1,600 keys of
-- 600 bytes; 1,000,000 keys used 4.4 GB before the limits).
RESET ROLE;
SELECT pg_temp.mem_after(0) AS mem_base \gset
SELECT cmp_ok((SELECT pg_temp.mem_after(vital_validate('persona_goals', max_keys)) FROM cand) - :mem_base,
              '<', (16 * 1024 * 1024)::bigint,
              'vital_validate at the key limit holds < 16 MB');
SELECT cmp_ok((SELECT pg_temp.mem_after(vital_validate('persona_goals', max_bytes)) FROM cand) - :mem_base,
              '<', (16 * 1024 * 1024)::bigint,
              'vital_validate at the size limit holds < 16 MB');
SET LOCAL ROLE authenticated;

-- ---------------------------------------------------------------- vital_tenant_ids: claims of 64 kB
DO $$ BEGIN PERFORM set_config('request.jwt.claims', jsonb_build_object('sub', '20000000-0000-0000-0000-0000000000b0',
    'pad', repeat('p', 65536))::text, true); END $$;
SELECT is(pg_temp.err('SELECT vital_tenant_ids()') - 'hint',
          jsonb_build_object('sqlstate', '54000', 'message', 'the setting request.jwt.claims is too large',
                             'detail', format('It has %s bytes; the limit is 65536 bytes.', octet_length(current_setting('request.jwt.claims')))),
          'vital_tenant_ids: claims over 64 kB -> 54000 with the size and the limit');
SELECT is(pg_temp.err('SELECT count(*) FROM personas') ->> 'sqlstate', '54000',
          'and so does every policy that calls it (no silent fallback)');
-- 300 growing claims up to the limit: the memo keeps one buffer (before: every outgrown buffer, ~10 MB here).
CREATE FUNCTION pg_temp.grow_claims() RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int := 0;
BEGIN
    FOR i IN 1..300 LOOP
        PERFORM set_config('request.jwt.claims', jsonb_build_object('sub', '20000000-0000-0000-0000-0000000000b0',
            'pad', repeat('p', i * 218))::text, true);
        n := n + cardinality(vital_tenant_ids());
    END LOOP;
    RETURN n;
END $$;
SELECT is(pg_temp.grow_claims(), 300, 'growing claims up to the limit are accepted');
RESET ROLE;
SELECT cmp_ok((SELECT sum(total_bytes) FROM pg_backend_memory_contexts WHERE name = 'vital_persona tenant_ids memo'),
              '<=', 256 * 1024::numeric, 'the claims memo holds one buffer: <= 256 kB after 300 growing claims up to 64 kB');
-- A caller who belongs to 20,000 tenants, then the owner (one membership): the memberships buffer follows the
-- current caller instead of keeping its largest size.
SET LOCAL session_replication_role = replica;
INSERT INTO users (id, tenant_id, email)
    VALUES ('20000000-0000-0000-0000-0000000000b1', '10000000-0000-0000-0000-0000000000b0', 'many@example.com');
INSERT INTO tenants (id, name, slug) SELECT gen_random_uuid(), 'M' || i, 'bounded-m-' || i FROM generate_series(1, 20000) i;
INSERT INTO tenant_members (tenant_id, user_id, role)
    SELECT id, '20000000-0000-0000-0000-0000000000b1', 'viewer' FROM tenants WHERE slug LIKE 'bounded-m-%';
SET LOCAL session_replication_role = origin;
DO $$ BEGIN PERFORM set_config('request.jwt.claims', '{"sub": "20000000-0000-0000-0000-0000000000b1"}', true); END $$;
SELECT is(cardinality(vital_tenant_ids()), 20000, 'a caller with 20,000 memberships gets them all');
SELECT cmp_ok((SELECT sum(total_bytes) FROM pg_backend_memory_contexts WHERE name = 'vital_persona tenant_ids memo'),
              '>', 256 * 1024::numeric, 'its memberships are memoised (> 256 kB)');
DO $$ BEGIN PERFORM set_config('request.jwt.claims', '{"sub": "20000000-0000-0000-0000-0000000000b0", "role": "authenticated"}', true); END $$;
SELECT is(cardinality(vital_tenant_ids()), 1, 'then the owner''s single membership');
SELECT cmp_ok((SELECT sum(total_bytes) FROM pg_backend_memory_contexts WHERE name = 'vital_persona tenant_ids memo'),
              '<=', 256 * 1024::numeric, 'and the memo shrinks back (<= 256 kB)');
-- The worst caller of the policy helper: each call scans the 20,000 rows (the claims alternate between the two
-- callers, so the memo never hits).
CREATE FUNCTION pg_temp.alternate_callers(n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE total bigint := 0;
BEGIN
    FOR i IN 1..n LOOP
        PERFORM set_config('request.jwt.claims', CASE WHEN i % 2 = 0 THEN '{"sub": "20000000-0000-0000-0000-0000000000b0"}'
                                                      ELSE '{"sub": "20000000-0000-0000-0000-0000000000b1"}' END, true);
        total := total + cardinality(vital_tenant_ids());
    END LOOP;
    RETURN total;
END $$;
SET LOCAL statement_timeout = '50ms';
SELECT pg_temp.cancel_latency('SELECT pg_temp.alternate_callers(400)') AS c \gset members_
SET LOCAL statement_timeout = 0;
SELECT diag('vital_tenant_ids, 20,000 memberships (x200), 50 ms: ' || :'members_c');
SELECT is((:'members_c'::jsonb ->> 'cancelled')::boolean, true,
          'vital_tenant_ids for a caller with 20,000 memberships, called repeatedly, is cancelled by a 50 ms statement_timeout');
SELECT cmp_ok((:'members_c'::jsonb ->> 'ms_after_timeout')::numeric, '<', 100::numeric, '... within 100 ms');
DO $$ BEGIN PERFORM set_config('request.jwt.claims', '{"sub": "20000000-0000-0000-0000-0000000000b0", "role": "authenticated"}', true); END $$;
SET LOCAL ROLE authenticated;

-- ---------------------------------------------------------------- nothing accumulates across calls
-- Backend memory between statements, after a warm-up (registry, plans, memo built) and after three more rounds of
-- the worst accepted inputs: the same within 1 MB.
CREATE FUNCTION pg_temp.worst_round() RETURNS bigint LANGUAGE sql AS $$
    SELECT (SELECT count(*) FROM vital_summaries((SELECT all_ids FROM ids)))
         + (SELECT length(vital_summary('a0000000-0000-0000-0000-0000000000b0')::text))
         + (SELECT jsonb_array_length(vital_validate('persona_goals', max_keys)) FROM cand)
         + cardinality(vital_tenant_ids()) $$;
SELECT pg_temp.worst_round() > 0 AS warm \gset
RESET ROLE;
SELECT sum(total_bytes) AS mem_warm FROM pg_backend_memory_contexts \gset
SET LOCAL ROLE authenticated;
SELECT pg_temp.worst_round() + pg_temp.worst_round() + pg_temp.worst_round() > 0 AS again \gset
RESET ROLE;
SELECT (SELECT sum(total_bytes) FROM pg_backend_memory_contexts) - :mem_warm AS mem_growth \gset
SELECT diag('backend memory growth over three rounds: ' || :mem_growth || ' bytes');
SELECT cmp_ok(:mem_growth::numeric, '<', 1024 * 1024::numeric,
              'three more rounds of the worst inputs leave backend memory within 1 MB of the warm state');
SET LOCAL ROLE authenticated;

-- ---------------------------------------------------------------- statement_timeout takes effect within 100 ms
-- The worst accepted input of each entry point, repeated where one call is shorter than ten timeouts (measured:
-- ~350 ms for 2,001 summaries, ~50 ms for one summary over 100,000 goals, ~15-25 ms for vital_validate at its key
-- limit, a few ms for 10,000 unknown ids): each statement must be cancelled, at most 100 ms after the timeout.
CREATE FUNCTION pg_temp.timeout_case(label text, stmt text) RETURNS jsonb LANGUAGE sql AS $$
    SELECT pg_temp.cancel_latency(stmt) || jsonb_build_object('case', label) $$;
SET LOCAL statement_timeout = '50ms';
SELECT pg_temp.timeout_case('vital_summaries of 2,001 personas',
    'SELECT count(*) FROM vital_summaries((SELECT all_ids FROM ids))') AS c \gset t1_
SET LOCAL statement_timeout = '50ms';
SELECT pg_temp.timeout_case('vital_summary over 100,000 goals (x20)',
    'SELECT count(vital_summary(''a0000000-0000-0000-0000-0000000000b0'')) FROM generate_series(1, 20)') AS c \gset t2_
SET LOCAL statement_timeout = '50ms';
SELECT pg_temp.timeout_case('vital_validate at the key limit (x50)',
    'SELECT count(vital_validate(''persona_goals'', c.max_keys)) FROM cand c, generate_series(1, 50)') AS c \gset t3_
SET LOCAL statement_timeout = '50ms';
SELECT pg_temp.timeout_case('vital_summaries of 10,000 unknown ids (x200)',
    'SELECT count(*) FROM (SELECT ARRAY(SELECT gen_random_uuid() FROM generate_series(1, 10000)) AS a) u, generate_series(1, 200), vital_summaries(u.a)') AS c \gset t4_
SET LOCAL statement_timeout = 0;
SELECT diag(:'t1_c');
SELECT diag(:'t2_c');
SELECT diag(:'t3_c');
SELECT diag(:'t4_c');
SELECT is((:'t1_c'::jsonb ->> 'cancelled')::boolean, true, (:'t1_c'::jsonb ->> 'case') || ': cancelled by a 50 ms statement_timeout');
SELECT cmp_ok((:'t1_c'::jsonb ->> 'ms_after_timeout')::numeric, '<', 100::numeric, '... within 100 ms');
SELECT is((:'t2_c'::jsonb ->> 'cancelled')::boolean, true, (:'t2_c'::jsonb ->> 'case') || ': cancelled by a 50 ms statement_timeout');
SELECT cmp_ok((:'t2_c'::jsonb ->> 'ms_after_timeout')::numeric, '<', 100::numeric, '... within 100 ms');
SELECT is((:'t3_c'::jsonb ->> 'cancelled')::boolean, true, (:'t3_c'::jsonb ->> 'case') || ': cancelled by a 50 ms statement_timeout');
SELECT cmp_ok((:'t3_c'::jsonb ->> 'ms_after_timeout')::numeric, '<', 100::numeric, '... within 100 ms');
SELECT is((:'t4_c'::jsonb ->> 'cancelled')::boolean, true, (:'t4_c'::jsonb ->> 'case') || ': cancelled by a 50 ms statement_timeout');
SELECT cmp_ok((:'t4_c'::jsonb ->> 'ms_after_timeout')::numeric, '<', 100::numeric, '... within 100 ms');

RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
