-- The SQL baselines of bench/summary (run.sh, scale.sh), generated from the catalog; idempotent (CREATE OR REPLACE).
-- Not part of the extension.
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
    -- counts only: the 'sections' object alone (what the maintained counters replace), same subqueries
    EXECUTE format($f$
CREATE OR REPLACE FUNCTION bench_counts_sql(pid uuid) RETURNS jsonb LANGUAGE plpgsql STABLE
SET search_path = public, pg_catalog AS $b$
DECLARE r jsonb;
BEGIN
    SELECT %s INTO r FROM personas p WHERE p.id = pid;
    RETURN r;
END $b$;
$f$, array_to_string(chunks, ' || '));
END $gen$;
GRANT EXECUTE ON FUNCTION bench_summary_sql(uuid), bench_counts_sql(uuid) TO authenticated;
