-- vital_summary benchmark dataset and baselines (bench/summary/run.sh). Not part of the extension.
\set ON_ERROR_STOP 1
\timing on
SET client_min_messages = warning;
\i test/support/summary_fill.sql
SET session_replication_role = replica;  -- bulk load: skip FK/validation triggers (data is consistent by construction)

INSERT INTO tenants (id, name, slug)
SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(t), 12, '0'))::uuid, 'Bench tenant ' || t, 'bench-' || t
FROM generate_series(1, :tenants) t;
INSERT INTO personas (id, tenant_id, name, slug, title, seniority_level)
SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
       ('10000000-0000-4000-8000-' || lpad(to_hex(1 + n % :tenants), 12, '0'))::uuid,
       'Persona ' || n, 'bench-persona-' || n, 'Director ' || n, NULL
FROM generate_series(1, :personas) n;
-- every section populated for every persona (per tenant so tenant_id matches the persona's)
DO $$
DECLARE t uuid;
BEGIN
    FOR t IN SELECT id FROM tenants WHERE slug LIKE 'bench-%' LOOP
        PERFORM pg_temp.vs_fill(current_schema(), (SELECT array_agg(id) FROM personas WHERE tenant_id = t), t,
                                '{}'::jsonb, current_setting('vs.rows')::int);
    END LOOP;
END $$;
RESET session_replication_role;
-- the replica-mode load skipped the counter triggers too: recompute the counters (docs/summary.md)
SELECT vital_summary_rebuild_counts() AS personas_with_counts;
VACUUM (ANALYZE);
SELECT count(*) AS personas, (SELECT sum(n_live_tup) FROM pg_stat_user_tables) AS total_rows FROM personas;

-- RLS as the generated policies do it: one tenant predicate for authenticated on every table.
DO $$
DECLARE r regclass;
BEGIN
    FOR r IN SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
             AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id') LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', r);
        EXECUTE format($p$CREATE POLICY bench_tenant ON %s FOR SELECT TO authenticated
                        USING (tenant_id = ANY (string_to_array(current_setting('vs.tenants', true), ',')::uuid[]))$p$, r);
        EXECUTE format('GRANT SELECT ON %s TO authenticated', r);
    END LOOP;
END $$;
GRANT USAGE ON SCHEMA public TO authenticated;
GRANT EXECUTE ON FUNCTION vital_summary(uuid), vital_summaries(uuid[]), _vital_summary_modes() TO authenticated;

-- (a) the best hand-written SQL equivalent: one PL/pgSQL function, one cached plan of scalar
-- subqueries (every section count, identity, derived figures, highlights), generated from the catalog.
DO $gen$
DECLARE
    s record;
    counts text[] := '{}';
    chunks text[] := '{}';
    i int := 0;
    body text;
BEGIN
    FOR s IN
        WITH fks AS (
            SELECT con.conrelid AS rel, con.confrelid AS parent,
                   (SELECT a.attname FROM unnest(con.conkey, con.confkey) u(x, y)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.x
                    JOIN pg_attribute r ON r.attrelid = con.confrelid AND r.attnum = u.y WHERE r.attname = 'id') AS key
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
            WHERE con.contype = 'f' AND c.relnamespace = current_schema()::regnamespace AND con.conrelid <> con.confrelid)
        SELECT c.rel::regclass AS rel, (SELECT relname FROM pg_class WHERE oid = c.rel) AS name, c.key, NULL::regclass AS parent, NULL::name AS pkey
        FROM fks c WHERE c.parent = 'personas'::regclass
        UNION ALL
        SELECT g.rel, (SELECT relname FROM pg_class WHERE oid = g.rel), g.key, g.parent, p.key
        FROM fks g JOIN fks p ON p.rel = g.parent AND p.parent = 'personas'::regclass
        WHERE g.rel NOT IN (SELECT rel FROM fks WHERE parent = 'personas'::regclass)
        ORDER BY 2
    LOOP
        counts := counts || CASE WHEN s.parent IS NULL
            THEN format('%L, (SELECT count(*) FROM %s x WHERE x.tenant_id = p.tenant_id AND x.%I = p.id)', s.name, s.rel, s.key)
            ELSE format('%L, (SELECT count(*) FROM %s x JOIN %s y ON y.tenant_id = x.tenant_id AND y.id = x.%I WHERE y.tenant_id = p.tenant_id AND y.%I = p.id)',
                        s.name, s.rel, s.parent, s.key, s.pkey) END;
        i := i + 1;
        IF i % 40 = 0 THEN chunks := chunks || format('jsonb_build_object(%s)', array_to_string(counts, ', ')); counts := '{}'; END IF;
    END LOOP;
    IF cardinality(counts) > 0 THEN chunks := chunks || format('jsonb_build_object(%s)', array_to_string(counts, ', ')); END IF;
    body := format($f$
CREATE OR REPLACE FUNCTION bench_summary_sql(pid uuid) RETURNS jsonb LANGUAGE plpgsql STABLE
SET search_path = public, pg_catalog AS $b$
DECLARE r jsonb;
BEGIN
    SELECT jsonb_build_object(
        'persona', jsonb_build_object('id', p.id, 'tenant_id', p.tenant_id, 'name', p.name, 'slug', p.slug, 'title', p.title,
                                      'seniority_level', p.seniority_level, 'organization_type', p.organization_type,
                                      'role_slug', p.role_slug, 'is_active', p.is_active, 'updated_at', p.updated_at),
        'sections', %s,
        'highlights', jsonb_build_object(
            'goals', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', g.id, 'text', g.goal_text, 'goal_type', g.goal_type, 'priority', g.priority)), '[]')
                      FROM (SELECT * FROM persona_goals x WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id
                            ORDER BY priority NULLS LAST, sequence_order NULLS LAST, id LIMIT 3) g),
            'pain_points', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', g.id, 'text', g.pain_description, 'severity', g.severity)), '[]')
                      FROM (SELECT * FROM persona_pain_points x WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id
                            ORDER BY array_position(ARRAY['critical','high','medium','low'], severity) NULLS LAST, sequence_order NULLS LAST, id LIMIT 3) g),
            'evidence', (SELECT coalesce(jsonb_agg(e), '[]') FROM (
                      SELECT jsonb_build_object('id', id, 'text', research_title, 'score', relevance_score) e, relevance_score sc, id
                      FROM persona_public_research x WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id
                      UNION ALL SELECT jsonb_build_object('id', id, 'text', report_title, 'score', relevance_score), relevance_score, id
                      FROM persona_industry_reports x WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id
                      UNION ALL SELECT jsonb_build_object('id', id, 'text', case_study_title, 'score', relevance_score), relevance_score, id
                      FROM persona_case_studies x WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id
                      ORDER BY 2 DESC, 3 LIMIT 3) ev)),
        'time_coverage', jsonb_build_object(
            'days_of_week', (SELECT jsonb_agg(DISTINCT day_of_week) FROM persona_week_in_life x WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id),
            'month_phases', (SELECT jsonb_agg(DISTINCT month_phase) FROM persona_month_in_life x WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id),
            'quarters', (SELECT jsonb_agg(DISTINCT quarter) FROM persona_year_in_life x WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id)),
        'stakeholders', jsonb_build_object('influence_score',
            (SELECT round(avg(overall_influence_score), 2) FROM persona_stakeholder_influence_map x WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id)),
        'evidence', jsonb_build_object('quality_score',
            (SELECT evidence_quality_score FROM persona_evidence_summary x WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id)),
        'version', (SELECT extversion FROM pg_extension WHERE extname = 'vital_persona'))
    INTO r FROM personas p WHERE p.id = pid;
    RETURN r;
END $b$;
$f$, array_to_string(chunks, ' || '));
    EXECUTE body;
END $gen$;
GRANT EXECUTE ON FUNCTION bench_summary_sql(uuid) TO authenticated;


-- Warm the cache: the benchmark compares CPU paths, not disk or OS-cache reads.
-- (bench/summary/scale.sh generates with -v skip_prewarm=1 and prewarms after each restart.)
\if :{?skip_prewarm}
\else
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_prewarm;
    PERFORM pg_prewarm(c.oid::regclass) FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'i');
    PERFORM pg_prewarm(c.oid::regclass, 'buffer', 'vm') FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
      AND pg_relation_size(c.oid, 'vm') > 0;
EXCEPTION WHEN undefined_file OR undefined_function OR feature_not_supported THEN
    RAISE WARNING 'pg_prewarm not available: results include cache warm-up';
END $$;
\endif
SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS dataset_size FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r';
