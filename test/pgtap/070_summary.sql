-- versions: 4.0 5.0
-- vital_summary / vital_summaries: shape, every section count against independent SQL, derived
-- figures and highlights, RLS (other tenant = unknown id, anon gets nothing), direct counting
-- equals the caller's own SELECT on both paths, plans survive ALTER TABLE on a child.
\set ON_ERROR_STOP 1
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(36);
\i test/support/fill.sql

CREATE TEMP TABLE ctx AS
SELECT e.extversion AS ver, n.nspname AS sch, e.extnamespace AS nsp
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vital_persona';
GRANT SELECT ON ctx TO PUBLIC;

-- Sections, independently of the C++ registry: member tables of the extension schema with a FK to
-- personas (children) or to a child (grandchildren, counted through their parent).
CREATE TEMP TABLE sections AS
WITH fks AS (
    SELECT con.conrelid AS rel, con.confrelid AS parent,
           (SELECT a.attname FROM unnest(con.conkey, con.confkey) u(x, y)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.x
            JOIN pg_attribute r ON r.attrelid = con.confrelid AND r.attnum = u.y WHERE r.attname = 'id') AS key
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
    WHERE con.contype = 'f' AND c.relnamespace = (SELECT nsp FROM ctx) AND con.conrelid <> con.confrelid)
SELECT c.rel::regclass AS rel, (SELECT relname FROM pg_class WHERE oid = c.rel)::text AS name, c.key,
       NULL::regclass AS parent, NULL::name AS parent_key
FROM fks c WHERE c.parent = format('%I.personas', (SELECT sch FROM ctx))::regclass
UNION ALL
SELECT g.rel, (SELECT relname FROM pg_class WHERE oid = g.rel)::text, g.key, g.parent::regclass, p.key
FROM fks g JOIN fks p ON p.rel = g.parent AND p.parent = format('%I.personas', (SELECT sch FROM ctx))::regclass
WHERE g.rel NOT IN (SELECT rel FROM fks WHERE parent = format('%I.personas', (SELECT sch FROM ctx))::regclass);
GRANT SELECT ON sections TO PUBLIC;

-- Counts of every section for a persona, as the current role sees them (null without SELECT).
CREATE FUNCTION pg_temp.expected_counts(p uuid) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE s record; n bigint; out jsonb := '{}';
BEGIN
    FOR s IN SELECT * FROM sections LOOP
        IF NOT has_table_privilege(s.rel, 'SELECT') OR (s.parent IS NOT NULL AND NOT has_table_privilege(s.parent, 'SELECT')) THEN
            out := out || jsonb_build_object(s.name, NULL);
            CONTINUE;
        END IF;
        IF s.parent IS NULL THEN
            EXECUTE format('SELECT count(*) FROM %s WHERE %I = $1', s.rel, s.key) INTO n USING p;
        ELSE
            EXECUTE format('SELECT count(*) FROM %s g JOIN %s par ON par.id = g.%I WHERE par.%I = $1',
                           s.rel, s.parent, s.key, s.parent_key) INTO n USING p;
        END IF;
        out := out || jsonb_build_object(s.name, n);
    END LOOP;
    RETURN out;
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.expected_counts(uuid) TO PUBLIC;

INSERT INTO tenants (id, name, slug) VALUES
    ('10000000-0000-0000-0000-00000000000a', 'Tenant A', 'vs-tenant-a'),
    ('10000000-0000-0000-0000-00000000000b', 'Tenant B', 'vs-tenant-b');
INSERT INTO personas (id, tenant_id, name, slug, title) VALUES
    ('a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-00000000000a', 'Rich A', 'vs-rich-a', 'Director'),
    ('a0000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-00000000000a', 'Empty A', 'vs-empty-a', NULL),
    ('b0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-00000000000b', 'Rich B', 'vs-rich-b', 'VP');
SELECT pg_temp.vp_fill('sections', ARRAY['a0000000-0000-0000-0000-000000000001']::uuid[], 4, '{"persona_tags": 0, "persona_goals": 7, "persona_quotes": 1}') > 0 AS filled_a \gset
SELECT pg_temp.vp_fill('sections', ARRAY['b0000000-0000-0000-0000-000000000001']::uuid[], 2, '{}') > 0 AS filled_b \gset

CREATE TEMP TABLE s AS SELECT vital_summary('a0000000-0000-0000-0000-000000000001') AS j;
GRANT SELECT ON s TO PUBLIC;

-- ---- input handling -------------------------------------------------------------------------------
SELECT is(vital_summary(NULL), NULL, 'NULL persona id -> NULL');
SELECT throws_ok($$SELECT vital_summary('not-a-uuid')$$, '22P02', NULL, 'malformed uuid -> 22P02');
SELECT is(vital_summary('f0000000-0000-0000-0000-00000000dead'), NULL, 'unknown persona -> NULL');

-- ---- shape ----------------------------------------------------------------------------------------
SELECT is((SELECT array_agg(k ORDER BY k) FROM s, jsonb_object_keys(j) k),
    ARRAY['completeness', 'evidence', 'highlights', 'persona', 'sections', 'stakeholders', 'time_coverage', 'version'],
    'top-level keys');
SELECT is((SELECT j #>> '{persona,id}' FROM s), 'a0000000-0000-0000-0000-000000000001', 'identity: id');
SELECT is((SELECT j #>> '{persona,name}' FROM s) || '/' || (SELECT j #>> '{persona,title}' FROM s), 'Rich A/Director',
    'identity: name and title');
SELECT is((SELECT j #>> '{persona,tenant_id}' FROM s), '10000000-0000-0000-0000-00000000000a', 'identity: tenant');
SELECT is((SELECT array_agg(k ORDER BY k) FROM s, jsonb_object_keys(j -> 'sections') k),
    (SELECT array_agg(name ORDER BY name) FROM sections), 'a count for every section table (children and grandchildren)');
SELECT cmp_ok((SELECT count(*) FROM sections), '>=', CASE WHEN (SELECT ver FROM ctx) = '4.0' THEN 38::bigint ELSE 69::bigint END,
    'all attribute tables of the installed version are sections');
SELECT is((SELECT j -> 'sections' FROM s), pg_temp.expected_counts('a0000000-0000-0000-0000-000000000001'),
    'every section count equals an independent count(*)');
SELECT is((SELECT (j #>> '{sections,persona_tags}')::int FROM s), 0, 'an empty section counts 0');
SELECT is(vital_summary('a0000000-0000-0000-0000-000000000002') -> 'sections',
    pg_temp.expected_counts('a0000000-0000-0000-0000-000000000002'), 'persona without rows: all zero');
SELECT is((SELECT j -> 'completeness' FROM s),
    (SELECT jsonb_build_object('filled_sections', count(*) FILTER (WHERE v::int > 0), 'total_sections', count(*),
            'ratio', round(count(*) FILTER (WHERE v::int > 0)::numeric / count(*), 3))
     FROM s, jsonb_each_text(j -> 'sections') e(k, v)), 'completeness = filled / all sections');
SELECT is((SELECT j #>> '{version,extension}' FROM s), (SELECT ver FROM ctx), 'version: extension version');
SELECT is((SELECT j #>> '{version,library}' FROM s), vital_persona_version(), 'version: library version');

-- ---- derived figures and highlights ---------------------------------------------------------------
SELECT is((SELECT (j #>> '{evidence,count}')::numeric FROM s),
    (SELECT sum(v::bigint) FROM s, jsonb_each_text(j -> 'sections') e(k, v)
     WHERE k IN ('persona_evidence_sources', 'persona_public_research', 'persona_industry_reports',
                 'persona_expert_opinions', 'persona_case_studies', 'persona_supporting_statistics')),
    'evidence count = sum of the evidence sections');
SELECT is((SELECT jsonb_path_query_array(j, '$.highlights.goals[*].id') FROM s),
    (SELECT jsonb_agg(id ORDER BY priority NULLS LAST, sequence_order NULLS LAST, id) FROM (
        SELECT id, priority, sequence_order FROM persona_goals WHERE persona_id = 'a0000000-0000-0000-0000-000000000001'
        ORDER BY priority NULLS LAST, sequence_order NULLS LAST, id LIMIT 3) g),
    'goal highlights: top 3 by priority, sequence, id');
SELECT is((SELECT jsonb_path_query_array(j, '$.highlights.pain_points[*].id') FROM s),
    (SELECT jsonb_agg(id ORDER BY r, so, id) FROM (
        SELECT id, coalesce(array_position(ARRAY['critical', 'high', 'medium', 'low'], severity), CASE WHEN severity IS NULL THEN 6 ELSE 5 END) AS r,
               coalesce(sequence_order, 2147483647) AS so
        FROM persona_pain_points WHERE persona_id = 'a0000000-0000-0000-0000-000000000001' ORDER BY 2, 3, 1 LIMIT 3) p),
    'pain point highlights: top 3 by severity');
SELECT is((SELECT jsonb_array_length(j #> '{highlights,evidence}') FROM s), 3, 'three strongest evidence items');
-- 5.0-only tables are read through EXECUTE so the file also runs on a 4.0 install.
CREATE FUNCTION pg_temp.q(sql text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE r jsonb; BEGIN EXECUTE sql INTO r; RETURN r; END $$;
SELECT CASE WHEN (SELECT ver FROM ctx) = '4.0' THEN
    is((SELECT j -> 'time_coverage' FROM s), '{"days_of_week": null, "month_phases": null, "quarters": null}', '4.0: no time perspective')
ELSE
    is((SELECT j #> '{time_coverage,days_of_week}' FROM s),
       pg_temp.q($q$SELECT jsonb_agg(d ORDER BY array_position(ARRAY['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday'], d))
        FROM (SELECT DISTINCT day_of_week d FROM persona_week_in_life WHERE persona_id = 'a0000000-0000-0000-0000-000000000001') x$q$),
       'days of week present, in week order') END;
SELECT CASE WHEN (SELECT ver FROM ctx) = '4.0' THEN
    is((SELECT j -> 'stakeholders' FROM s), '{"count": null, "influence_score": null}', '4.0: no stakeholder figures')
ELSE
    is((SELECT j #> '{stakeholders,influence_score}' FROM s),
       pg_temp.q($q$SELECT to_jsonb(round(avg(overall_influence_score), 2)) FROM persona_stakeholder_influence_map
        WHERE persona_id = 'a0000000-0000-0000-0000-000000000001'$q$), 'influence score = mean overall_influence_score') END;

-- ---- set-based variant ----------------------------------------------------------------------------
SELECT is((SELECT jsonb_agg(jsonb_build_object('id', persona_id, 's', summary)) FROM vital_summaries(ARRAY[
        'b0000000-0000-0000-0000-000000000001', 'f0000000-0000-0000-0000-00000000dead', NULL,
        'a0000000-0000-0000-0000-000000000001', 'b0000000-0000-0000-0000-000000000001']::uuid[])),
    jsonb_build_array(
        jsonb_build_object('id', 'b0000000-0000-0000-0000-000000000001', 's', vital_summary('b0000000-0000-0000-0000-000000000001')),
        jsonb_build_object('id', 'a0000000-0000-0000-0000-000000000001', 's', vital_summary('a0000000-0000-0000-0000-000000000001'))),
    'vital_summaries: same summaries as vital_summary, array order, duplicates/unknown/NULL dropped');

-- ---- RLS --------------------------------------------------------------------------------------------
-- One generated-style tenant policy on personas and on every section (plus whatever policies the
-- extension already has): the caller's tenants come from a setting.
DO $$
DECLARE r regclass;
BEGIN
    FOR r IN SELECT format('%I.personas', (SELECT sch FROM ctx))::regclass UNION ALL SELECT rel FROM sections LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', r);
        EXECUTE format($p$CREATE POLICY vs_tenant ON %s FOR SELECT TO authenticated
                        USING (tenant_id = ANY (string_to_array(current_setting('vs.tenants', true), ',')::uuid[]))$p$, r);
        EXECUTE format('GRANT SELECT ON %s TO authenticated', r);
    END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION vital_summary(uuid), vital_summaries(uuid[]), _vital_summary_modes() TO authenticated;
DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO authenticated, anon', (SELECT sch FROM ctx)); END $$;
SELECT set_config('vs.tenants', '10000000-0000-0000-0000-00000000000a', true) IS NOT NULL AS tenants_set \gset
SET LOCAL ROLE authenticated;

SELECT is(vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections', (SELECT j -> 'sections' FROM s),
    'own tenant: the same counts as the owner sees');
SELECT is((SELECT count(*) FROM jsonb_each_text(_vital_summary_modes()) WHERE value NOT IN ('direct', 'counter')), 0::bigint,
    'identical tenant policies everywhere: every section is counted directly');
SELECT is(vital_summary('b0000000-0000-0000-0000-000000000001'), vital_summary('f0000000-0000-0000-0000-00000000dead'),
    'other tenant''s persona: the same answer as an unknown id');
SELECT is(vital_summary('b0000000-0000-0000-0000-000000000001'), NULL, '... which is NULL');
SELECT is((SELECT count(*) FROM vital_summaries(ARRAY['b0000000-0000-0000-0000-000000000001']::uuid[])), 0::bigint,
    'vital_summaries: other tenant''s persona yields no row');

-- A different policy on one section: that section must go through SQL and honour it.
RESET ROLE;
CREATE POLICY vs_hide ON persona_goals AS RESTRICTIVE FOR SELECT TO authenticated USING (sequence_order <= 2);
REVOKE SELECT ON persona_quotes FROM authenticated;
SET LOCAL ROLE authenticated;
SELECT is(_vital_summary_modes() ->> 'persona_goals', 'spi', 'a section with its own policy falls back to SQL');
SELECT is(_vital_summary_modes() ->> 'persona_quotes', 'no_access', 'a section without SELECT is reported as such');
SELECT is(vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections',
    pg_temp.expected_counts('a0000000-0000-0000-0000-000000000001'),
    'with mixed paths, every count equals the caller''s own count(*)');
SELECT cmp_ok((vital_summary('a0000000-0000-0000-0000-000000000001') #>> '{sections,persona_goals}')::int, '<',
    (SELECT (j #>> '{sections,persona_goals}')::int FROM s), '... and the restrictive policy hid goals');
SELECT is(vital_summary('a0000000-0000-0000-0000-000000000001') #> '{sections,persona_quotes}', 'null'::jsonb,
    '... and the unreadable section is null');

-- ---- plans survive DDL on a child in the same session -------------------------------------------------
RESET ROLE;
ALTER TABLE persona_goals ALTER COLUMN priority TYPE bigint, ADD COLUMN vs_extra int;
ALTER TABLE persona_goals DROP COLUMN goal_type;
SET LOCAL ROLE authenticated;
SELECT lives_ok($$SELECT vital_summary('a0000000-0000-0000-0000-000000000001')$$, 'after ALTER TABLE on a child (SQL path): no error');
SELECT is(vital_summary('a0000000-0000-0000-0000-000000000001') -> 'sections',
    pg_temp.expected_counts('a0000000-0000-0000-0000-000000000001'), '... and still the right counts');
RESET ROLE;
SELECT is(vital_summary('a0000000-0000-0000-0000-000000000001') #>> '{highlights,goals,0,goal_type}', NULL,
    'after ALTER TABLE (direct path): a dropped highlight column reads as null');

-- ---- anon -----------------------------------------------------------------------------------------
SET LOCAL ROLE anon;
SELECT throws_ok($$SELECT vital_summary('a0000000-0000-0000-0000-000000000001')$$, '42501', NULL, 'anon cannot call vital_summary');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
