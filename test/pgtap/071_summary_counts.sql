-- versions: 4.0 5.0
-- The maintained per-persona section counters (_vital_summary_counts) stay exact through insert, update that
-- moves rows between personas, no-op update, delete, truncate, cascades (persona, tenant, parent -> grandchildren),
-- savepoint rollback and rebuild; API roles cannot read them; vital_summary uses them only where the count is
-- provably what the caller sees (counter mode), and a restrictive policy or a disabled trigger takes them out.
-- The C++ side (vp::catalog::sections, the registry's slots) and the SQL side (_vital_summary_counts_install) name
-- the same sections; NULL elements and a lower bound other than 1 in a counters row read as SQL reads them.
\set ON_ERROR_STOP 1
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(43);
\i test/support/fill.sql

CREATE TEMP TABLE ctx AS
SELECT e.extversion AS ver, n.nspname AS sch, e.extnamespace AS nsp
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vital_persona';
GRANT SELECT ON ctx TO PUBLIC;

-- Every (persona, section) whose maintained count differs from a count(*) over the table (owner: all rows).
CREATE FUNCTION pg_temp.drift() RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE s record; bad text[] := '{}'; b text[];
BEGIN
    FOR s IN EXECUTE format('SELECT * FROM %I._vital_summary_slots ORDER BY slot', (SELECT sch FROM ctx)) LOOP
        EXECUTE format($q$
            WITH actual AS (%s),
                 kept AS (SELECT persona_id, coalesce(counts[%s], 0) AS n FROM %I._vital_summary_counts)
            SELECT coalesce(array_agg(format('%%s/%%s: kept %%s, actual %%s', coalesce(a.persona_id, k.persona_id), %L,
                                              coalesce(k.n, 0), coalesce(a.n, 0))), '{}')
              FROM actual a FULL JOIN kept k USING (persona_id)
             WHERE coalesce(a.n, 0) <> coalesce(k.n, 0)$q$,
            CASE WHEN s.parent IS NULL
                 THEN format('SELECT %I AS persona_id, count(*) AS n FROM %I.%I GROUP BY 1', s.key_column, (SELECT sch FROM ctx), s.relname)
                 ELSE format('SELECT p.persona_id, count(*) AS n FROM %I.%I g JOIN %I.%I p ON p.id = g.%I GROUP BY 1',
                             (SELECT sch FROM ctx), s.relname, (SELECT sch FROM ctx), s.parent, s.key_column) END,
            s.slot, (SELECT sch FROM ctx), s.relname) INTO b;
        bad := bad || b;
    END LOOP;
    RETURN bad;
END $$;

INSERT INTO tenants (id, name, slug) VALUES
    ('10000000-0000-0000-0000-00000000000a', 'Tenant A', 'vc-tenant-a'),
    ('10000000-0000-0000-0000-00000000000b', 'Tenant B', 'vc-tenant-b');
INSERT INTO personas (id, tenant_id, name, slug, title) VALUES
    ('a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-00000000000a', 'Rich A', 'vc-rich-a', 'Director'),
    ('a0000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-00000000000a', 'Other A', 'vc-other-a', NULL),
    ('b0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-00000000000b', 'Rich B', 'vc-rich-b', 'VP');

SELECT is((SELECT count(*) FROM _vital_summary_slots)::int,
    (SELECT count(*) FROM jsonb_object_keys(vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections'))::int,
    'every section of the summary has a counter slot');
SELECT is(pg_temp.drift(), '{}', 'no rows: no drift');

-- Both sides derive the sections from the catalog (C++: src/catalog/sections.cpp; SQL: the frozen
-- _vital_summary_counts_install): they must agree on each member section's key column, parent and slot (the C++ slot
-- is read back from the maintenance triggers). The C++ view comes from a test hook of the library, not installed.
DO $$ BEGIN
    EXECUTE format('CREATE FUNCTION %I.vital_summary_sections() RETURNS TABLE (relname text, key_column text, parent text, '
                   'slot integer, registered boolean) LANGUAGE c STABLE SET search_path = pg_catalog, pg_temp AS %L, %L',
                   (SELECT sch FROM ctx), '$libdir/vital_persona', 'vital_summary_sections');
END $$;
SELECT is((SELECT array_agg(format('%s(%s) <- %s @%s', relname, key_column, coalesce(parent, 'personas'), slot) ORDER BY relname)
             FROM vital_summary_sections() WHERE NOT registered),
          (SELECT array_agg(format('%s(%s) <- %s @%s', relname, key_column, coalesce(parent, 'personas'), slot) ORDER BY relname)
             FROM _vital_summary_slots),
    'C++ and SQL name the same sections, with the same key columns, parents and counter slots');
SELECT is((SELECT array_agg(relname ORDER BY relname) FROM vital_summary_sections()),
          (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections') k),
    '... and these are the sections vital_summary reports');

SELECT pg_temp.vp_fill('sections', ARRAY['a0000000-0000-0000-0000-000000000001']::uuid[], 3, '{}') > 0 AS f1 \gset
SELECT pg_temp.vp_fill('sections', ARRAY['b0000000-0000-0000-0000-000000000001']::uuid[], 2, '{}') > 0 AS f2 \gset
SELECT is(pg_temp.drift(), '{}', 'after inserting into every section (children and grandchildren): exact');
SELECT cmp_ok((SELECT count(*) FROM _vital_summary_counts)::int, '=', 2, 'one counters row per persona with rows');

-- the summary's counts come from the counters row and equal independent counts
SELECT cmp_ok((SELECT count(*) FROM jsonb_each_text(_vital_summary_modes()) WHERE value = 'counter')::int, '>', 20,
    'as owner, count-only sections are read from the counters');

-- a counters row with NULL elements and lower bound 0 (the C++ reader decodes the int4[] in place:
-- src/summary/counters.cpp) adds what SQL's coalesce(counts[slot], 0) says it adds
SELECT max(slot) AS max_slot FROM _vital_summary_slots \gset
INSERT INTO _vital_summary_counts (persona_id, counts)
SELECT 'a0000000-0000-0000-0000-000000000001',
       format('[0:%s]={%s}', :max_slot, string_agg(CASE WHEN k % 3 = 0 THEN 'NULL' ELSE k::text END, ',' ORDER BY k))::int[]
  FROM generate_series(0, :max_slot) k
RETURNING id AS odd_row \gset
SELECT is((SELECT jsonb_object_agg(key, value::int) FROM jsonb_each_text(vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections')
            WHERE _vital_summary_modes() ->> key = 'counter'),
          (SELECT jsonb_object_agg(s.relname, (SELECT sum(coalesce(c.counts[s.slot], 0))::int FROM _vital_summary_counts c
                                                WHERE c.persona_id = 'a0000000-0000-0000-0000-000000000001'))
             FROM _vital_summary_slots s WHERE _vital_summary_modes() ->> s.relname = 'counter'),
    'counter-mode counts = the SQL sum of coalesce(counts[slot], 0), NULL elements and lower bound 0 included');
DELETE FROM _vital_summary_counts WHERE id = :odd_row;

-- move rows between personas (same tenant), including a whole parent with its grandchildren
UPDATE persona_goals SET persona_id = 'a0000000-0000-0000-0000-000000000002'
 WHERE persona_id = 'a0000000-0000-0000-0000-000000000001' AND sequence_order IS DISTINCT FROM 1;
SELECT is(pg_temp.drift(), '{}', 'after UPDATE moving rows to another persona: exact');
DO $$
DECLARE p text := (SELECT parent FROM _vital_summary_slots WHERE parent IS NOT NULL ORDER BY slot LIMIT 1);
BEGIN
    IF p IS NOT NULL THEN
        EXECUTE format($q$UPDATE %I SET persona_id = 'a0000000-0000-0000-0000-000000000002'
                          WHERE id = (SELECT min(id::text)::uuid FROM %I WHERE persona_id = 'a0000000-0000-0000-0000-000000000001')$q$, p, p);
    END IF;
END $$;
SELECT is(pg_temp.drift(), '{}', 'after moving a parent row: its grandchildren moved with it');

CREATE TEMP TABLE before_noop AS SELECT persona_id, counts FROM _vital_summary_counts;
UPDATE persona_goals SET updated_at = updated_at;
SELECT is((SELECT array_agg(row(persona_id, counts)::text ORDER BY persona_id) FROM _vital_summary_counts),
          (SELECT array_agg(row(persona_id, counts)::text ORDER BY persona_id) FROM before_noop),
    'UPDATE without a key change leaves the counters as they were');

-- delete: plain rows, a parent (its grandchildren cascade), a savepoint rolled back
DELETE FROM persona_goals WHERE persona_id = 'a0000000-0000-0000-0000-000000000002' AND sequence_order IS DISTINCT FROM 2;
SELECT is(pg_temp.drift(), '{}', 'after DELETE: exact');
DO $$
DECLARE p text := (SELECT parent FROM _vital_summary_slots WHERE parent IS NOT NULL ORDER BY slot LIMIT 1);
BEGIN
    IF p IS NOT NULL THEN
        EXECUTE format($q$DELETE FROM %I WHERE persona_id = 'a0000000-0000-0000-0000-000000000001'$q$, p);
    END IF;
END $$;
SELECT is(pg_temp.drift(), '{}', 'after deleting parents (grandchildren removed by the cascade): exact');
SAVEPOINT sp;
SELECT pg_temp.vp_fill('sections', ARRAY['a0000000-0000-0000-0000-000000000002']::uuid[], 2, '{}') > 0 AS f3 \gset
ROLLBACK TO SAVEPOINT sp;
SELECT is(pg_temp.drift(), '{}', 'inserts rolled back to a savepoint: exact');

-- several statements of one transaction on the same persona, then a multi-persona statement
INSERT INTO persona_goals (tenant_id, persona_id, goal_text)
SELECT '10000000-0000-0000-0000-00000000000a', p, 'goal ' || i
  FROM unnest(ARRAY['a0000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001']::uuid[]) p,
       generate_series(1, 3) i;
DELETE FROM persona_goals WHERE goal_text = 'goal 2';
SELECT is(pg_temp.drift(), '{}', 'statements touching several personas at once: exact');

-- truncate one section
TRUNCATE persona_goals;
SELECT is(pg_temp.drift(), '{}', 'after TRUNCATE of a section: exact');
SELECT is((SELECT count(*) FROM _vital_summary_counts c, _vital_summary_slots s
            WHERE s.relname = 'persona_goals' AND coalesce(c.counts[s.slot], 0) <> 0)::int, 0, '... its counts are 0');

-- persona and tenant cascades
DELETE FROM personas WHERE id = 'a0000000-0000-0000-0000-000000000002';
SELECT is(pg_temp.drift(), '{}', 'after deleting a persona (cascade to its sections): exact');
SELECT is((SELECT count(*) FROM _vital_summary_counts WHERE persona_id = 'a0000000-0000-0000-0000-000000000002')::int, 0,
    '... and its counters row is gone');
DELETE FROM tenants WHERE id = '10000000-0000-0000-0000-00000000000b';
SELECT is((SELECT count(*) FROM _vital_summary_counts WHERE persona_id = 'b0000000-0000-0000-0000-000000000001')::int, 0,
    'after deleting a tenant (cascade): no counters row left for its persona');

-- rebuild repairs counters that missed writes (e.g. a load with session_replication_role = replica)
UPDATE _vital_summary_counts SET counts = '{}';
SELECT isnt(pg_temp.drift(), '{}'::text[], 'corrupted counters are detected');
SELECT is(vital_summary_rebuild_counts(), 1::bigint, 'vital_summary_rebuild_counts() returns the personas with rows');
SELECT is(pg_temp.drift(), '{}', '... and the counters are exact again');

-- deltas appended without folding (what REPEATABLE READ writers leave) are summed by the reader and folded by
-- vital_summary_compact_counts(); vital_summary_check_counts() reports drift per persona x section
SELECT (vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections') AS sections_before \gset
INSERT INTO _vital_summary_counts (persona_id, counts)
SELECT 'a0000000-0000-0000-0000-000000000001', array_fill(0, ARRAY[slot - 1]) || 0 FROM _vital_summary_slots WHERE slot <= 3;
SELECT is((SELECT count(*) FROM _vital_summary_counts WHERE persona_id = 'a0000000-0000-0000-0000-000000000001')::int, 4,
    'unfolded delta rows: several rows for one persona');
SELECT is(vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections', :'sections_before'::jsonb,
    '... vital_summary sums them (same counts)');
SELECT is(vital_summary_compact_counts(), 3::bigint, 'vital_summary_compact_counts() folds them (rows removed)');
SELECT is(pg_temp.drift(), '{}', '... and the counts are unchanged');
UPDATE _vital_summary_counts SET counts[1] = coalesce(counts[1], 0) + 2 WHERE persona_id = 'a0000000-0000-0000-0000-000000000001';
SELECT is((SELECT array_agg(section || ':' || (kept - actual)) FROM vital_summary_check_counts()),
          (SELECT array_agg(relname || ':2') FROM _vital_summary_slots WHERE slot = 1),
    'vital_summary_check_counts() reports the persona x section that drifted, by how much');
SELECT vital_summary_rebuild_counts() IS NOT NULL AS rebuilt \gset
SELECT is((SELECT count(*) FROM vital_summary_check_counts())::int, 0, '... and nothing after a rebuild');
-- the maintenance functions are SECURITY INVOKER: service_role runs them with its own privileges
SET LOCAL ROLE service_role;
SELECT lives_ok('SELECT vital_summary_compact_counts(); SELECT vital_summary_rebuild_counts()',
    'service_role can compact and rebuild the counters');
SELECT is((SELECT count(*) FROM vital_summary_check_counts())::int, 0, '... and check them');
RESET ROLE;
SET LOCAL ROLE authenticated;
SELECT throws_ok('SELECT * FROM vital_summary_check_counts()', '42501', NULL, 'authenticated cannot run the drift report');
RESET ROLE;

-- API roles: no access to the derived tables; counter mode only where provably equal, else a scan or SQL
DO $$
DECLARE r regclass;
BEGIN
    FOR r IN SELECT format('%I.personas', (SELECT sch FROM ctx))::regclass
             UNION ALL SELECT format('%I.%I', (SELECT sch FROM ctx), relname)::regclass FROM _vital_summary_slots LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', r);
        EXECUTE format($p$CREATE POLICY vc_tenant ON %s FOR SELECT TO authenticated
                        USING (tenant_id = ANY (string_to_array(current_setting('vc.tenants', true), ',')::uuid[]))$p$, r);
        EXECUTE format('GRANT SELECT ON %s TO authenticated', r);
    END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION vital_summary(uuid), _vital_summary_modes() TO authenticated;
DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO authenticated', (SELECT sch FROM ctx)); END $$;
-- a count-only section with an extra restrictive policy, and one whose maintenance trigger is disabled
SELECT relname AS hidden FROM _vital_summary_slots s
 WHERE parent IS NULL AND relname NOT IN ('persona_goals', 'persona_pain_points')
   AND (_vital_summary_modes() ->> relname) = 'counter' ORDER BY slot LIMIT 1 \gset
SELECT relname AS untracked FROM _vital_summary_slots s
 WHERE parent IS NULL AND relname <> :'hidden' AND (_vital_summary_modes() ->> relname) = 'counter' ORDER BY slot DESC LIMIT 1 \gset
SELECT format('CREATE POLICY vc_hide ON %I AS RESTRICTIVE FOR SELECT TO authenticated USING (false)', :'hidden') AS ddl \gset
:ddl;
SELECT format('ALTER TABLE %I DISABLE TRIGGER vital_summary_counts_ins', :'untracked') AS ddl \gset
:ddl;
SELECT format('SELECT count(*) FROM %I WHERE persona_id = %L', :'untracked', 'a0000000-0000-0000-0000-000000000001') AS q \gset
SELECT (:q)::int AS untracked_n \gset
SELECT set_config('vc.tenants', '10000000-0000-0000-0000-00000000000a', true) IS NOT NULL AS tenants_set \gset
SET LOCAL ROLE authenticated;
SELECT throws_ok('SELECT * FROM _vital_summary_counts', '42501', NULL, 'authenticated cannot read the counters');
SELECT throws_ok('SELECT * FROM _vital_summary_slots', '42501', NULL, '... nor the slot registry');
SELECT is(ARRAY[_vital_summary_modes() ->> :'hidden', _vital_summary_modes() ->> :'untracked'], ARRAY['spi', 'direct'],
    'a section with its own policy is read through SQL, one with a disabled maintenance trigger by a scan');
SELECT is((vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections' ->> :'hidden')::int, 0,
    '... the hidden rows are not counted');
SELECT is((vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections' ->> :'untracked')::int, :untracked_n,
    '... the untracked section is counted by its scan');
RESET ROLE;

-- The INSERT/DELETE counter trigger (C++ from 5.1, PL/pgSQL before) writes as the counters' owner, so it must run for its
-- own section only: attached to a table outside the extension, or to another section with this section's slot,
-- it refuses (42501) and nothing is written.
SELECT slot AS goals_slot FROM _vital_summary_slots WHERE relname = 'persona_goals' \gset
SELECT tgfoid::regproc AS child_fn FROM pg_trigger
 WHERE tgrelid = 'persona_goals'::regclass AND tgname = 'vital_summary_counts_del' \gset
CREATE TEMP TABLE vc_foreign (id uuid DEFAULT gen_random_uuid(), persona_id uuid);
SELECT format('CREATE TRIGGER vc_foreign_ins AFTER INSERT ON vc_foreign REFERENCING NEW TABLE AS new_rows '
              'FOR EACH STATEMENT EXECUTE FUNCTION %s(%s, %L, %L)', :'child_fn', :goals_slot, 'persona_id', '') AS ddl \gset
:ddl;
SELECT throws_ok($$INSERT INTO vc_foreign (persona_id) VALUES ('a0000000-0000-0000-0000-000000000001')$$, '42501', NULL,
    'the INSERT/DELETE counter trigger refuses to count a table outside the extension');
SELECT format('CREATE TRIGGER vc_wrong_slot AFTER DELETE ON persona_pain_points REFERENCING OLD TABLE AS old_rows '
              'FOR EACH STATEMENT EXECUTE FUNCTION %s(%s, %L, %L)', :'child_fn', :goals_slot, 'persona_id', '') AS ddl \gset
:ddl;
SELECT throws_ok($$DELETE FROM persona_pain_points WHERE persona_id = 'a0000000-0000-0000-0000-000000000001'$$, '42501', NULL,
    '... and to count another section into this section''s slot');
DROP TRIGGER vc_wrong_slot ON persona_pain_points;
SELECT is((SELECT count(*) FROM vital_summary_check_counts())::int, 0, '... and nothing was written');

-- A delta the counters cannot hold is refused (22003), not wrapped: out of the int4 range, or a sum of deltas that
-- overflows bigint (_vital_summary_fold is callable by the SECURITY DEFINER triggers and service_role).
SELECT throws_ok($$SELECT _vital_summary_fold(1, ARRAY['a0000000-0000-0000-0000-000000000001']::uuid[], ARRAY[3000000000]::bigint[])$$,
    '22003', NULL, 'a counter delta beyond the int4 range is refused');
SELECT throws_ok($$SELECT _vital_summary_fold(1, ARRAY['a0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001']::uuid[],
                                              ARRAY[9223372036854775807, 1]::bigint[])$$,
    '22003', NULL, '... and so is a sum of deltas that overflows');
-- 5.1: the PL/pgSQL trigger keeps UPDATE and TRUNCATE; attached for DELETE it refuses (39P01) instead of counting.
SELECT slot AS pains_slot FROM _vital_summary_slots WHERE relname = 'persona_pain_points' \gset
SELECT format('CREATE TRIGGER vc_trg_del AFTER DELETE ON persona_pain_points REFERENCING OLD TABLE AS old_rows '
              'FOR EACH STATEMENT EXECUTE FUNCTION _vital_summary_counts_trg(%s, %L, %L)', :pains_slot, 'persona_id', '') AS ddl \gset
:ddl;
SELECT CASE WHEN (SELECT ver FROM ctx) = '4.0' THEN skip('4.0 counts DELETE in PL/pgSQL', 1)
            ELSE throws_ok($$DELETE FROM persona_pain_points WHERE persona_id = 'a0000000-0000-0000-0000-000000000001'$$,
                           '39P01', NULL, 'the UPDATE/TRUNCATE counter trigger refuses to count a DELETE') END;
DROP TRIGGER vc_trg_del ON persona_pain_points;
SELECT * FROM finish();
ROLLBACK;
