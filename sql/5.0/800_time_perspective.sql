-- Sections 57-59 helper: get_persona_time_perspective(uuid) -> jsonb (functions.md §1; docs/functions.md).
-- SECURITY INVOKER: the caller's RLS policies decide which persona and which rows it sees. A persona the
-- caller cannot see (or that does not exist) gives NULL, so the function is no existence oracle.
-- Pure aggregation: SQL, not C++ (one query, planned once per session, nothing to gain from SPI in C++).

CREATE FUNCTION @extschema@.get_persona_time_perspective(p_persona_id uuid)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT pg_catalog.jsonb_build_object(
    'persona_id', p.id,
    'day', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(d) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY d.sequence_order NULLS LAST, d.sort_order NULLS LAST, d.created_at, d.id)
        FROM @extschema@.persona_typical_day d
        WHERE d.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND d.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'week', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(w) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday'], w.day_of_week) NULLS LAST,
                                  w.typical_start_time NULLS LAST, w.created_at, w.id)
        FROM @extschema@.persona_week_in_life w
        WHERE w.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND w.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'weekly_milestones', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(m) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['early','mid','late'], m.week_phase) NULLS LAST,
                                  pg_catalog.array_position(ARRAY['critical','high','medium','low'], m.criticality) NULLS LAST,
                                  m.created_at, m.id)
        FROM @extschema@.persona_weekly_milestones m
        WHERE m.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND m.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'weekly_meetings', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(m) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['daily','weekly','bi_weekly','monthly'], m.frequency) NULLS LAST,
                                  m.created_at, m.id)
        FROM @extschema@.persona_weekly_meetings m
        WHERE m.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND m.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'month', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(m) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['beginning','mid','end'], m.month_phase) NULLS LAST, m.created_at, m.id)
        FROM @extschema@.persona_month_in_life m
        WHERE m.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND m.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'monthly_objectives', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(o) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id' ORDER BY o.created_at, o.id)
        FROM @extschema@.persona_monthly_objectives o
        WHERE o.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND o.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'monthly_stakeholders', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['critical','high','medium','low'], s.importance) NULLS LAST, s.created_at, s.id)
        FROM @extschema@.persona_monthly_stakeholders s
        WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'year', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(y) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['Q1','Q2','Q3','Q4'], y.quarter) NULLS LAST, y.created_at, y.id)
        FROM @extschema@.persona_year_in_life y
        WHERE y.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND y.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'annual_conferences', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(c) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['Q1','Q2','Q3','Q4'], c.typical_quarter) NULLS LAST, c.conference_name, c.id)
        FROM @extschema@.persona_annual_conferences c
        WHERE c.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND c.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'career_trajectory', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(t) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id' ORDER BY t.year_in_role NULLS LAST, t.created_at, t.id)
        FROM @extschema@.persona_career_trajectory t
        WHERE t.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND t.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb)
)
FROM @extschema@.personas p
WHERE p.id OPERATOR(pg_catalog.=) p_persona_id
$fn$;
COMMENT ON FUNCTION @extschema@.get_persona_time_perspective(uuid) IS
    'Day/week/month/year perspective of a persona (sections 57-59) as one JSON object; NULL if the persona is not visible to the caller. SECURITY INVOKER: RLS applies.';
