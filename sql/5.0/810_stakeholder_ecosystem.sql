-- Sections 60-65 helpers (functions.md §2-3; formulas in docs/functions.md):
--   calculate_stakeholder_influence_score(text x5) -> integer 1..10 (IMMUTABLE)
--   get_persona_stakeholder_ecosystem(uuid) -> jsonb            (SECURITY INVOKER: RLS applies)
--   trigger stakeholder_influence_score_fill on persona_stakeholder_influence_map

-- Points per level; NULL = not assessed (ignored). Unknown levels raise 22023 instead of guessing.
CREATE FUNCTION @extschema@.stakeholder_influence_level_points(p_level text)
RETURNS integer
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_level text;
BEGIN
    IF p_level IS NULL THEN
        RETURN NULL;
    END IF;
    v_level := pg_catalog.lower(pg_catalog.btrim(p_level));
    CASE
        WHEN v_level OPERATOR(pg_catalog.=) 'very_high' THEN RETURN 10;
        WHEN v_level OPERATOR(pg_catalog.=) 'high'      THEN RETURN 8;
        WHEN v_level OPERATOR(pg_catalog.=) 'medium'    THEN RETURN 5;
        WHEN v_level OPERATOR(pg_catalog.=) 'low'       THEN RETURN 3;
        WHEN v_level OPERATOR(pg_catalog.=) 'minimal'   THEN RETURN 1;
        WHEN v_level OPERATOR(pg_catalog.=) 'none'      THEN RETURN 0;
        ELSE
            RAISE EXCEPTION 'unknown influence level "%"', p_level
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = 'Influence levels are very_high, high, medium, low, minimal, none (or NULL for not assessed).',
                      HINT = 'Map the value to one of the six levels before scoring.';
    END CASE;
END
$fn$;
COMMENT ON FUNCTION @extschema@.stakeholder_influence_level_points(text) IS
    'Points of one influence level: very_high 10, high 8, medium 5, low 3, minimal 1, none 0, NULL -> NULL (case-insensitive; other values raise 22023).';

CREATE FUNCTION @extschema@.calculate_stakeholder_influence_score(
    p_decision_influence text, p_budget_influence text, p_resource_influence text,
    p_strategic_influence text, p_political_influence text)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- Unweighted mean of the assessed (non-NULL) dimensions, rounded half away from zero, clamped to 1..10;
-- NULL when no dimension is assessed.
SELECT CASE WHEN pg_catalog.count(v.pts) OPERATOR(pg_catalog.=) 0 THEN NULL
            ELSE LEAST(10, GREATEST(1, pg_catalog.round(pg_catalog.avg(v.pts)::numeric)))::integer END
FROM (VALUES (@extschema@.stakeholder_influence_level_points(p_decision_influence)),
             (@extschema@.stakeholder_influence_level_points(p_budget_influence)),
             (@extschema@.stakeholder_influence_level_points(p_resource_influence)),
             (@extschema@.stakeholder_influence_level_points(p_strategic_influence)),
             (@extschema@.stakeholder_influence_level_points(p_political_influence))) AS v(pts)
$fn$;
COMMENT ON FUNCTION @extschema@.calculate_stakeholder_influence_score(text, text, text, text, text) IS
    'Overall influence 1..10 from decision, budget, resource, strategic, political levels: round(mean of assessed level points), clamped; NULL if none assessed.';

-- Companion trigger: fills overall_influence_score when the caller leaves it NULL; on UPDATE an automatic score
-- (one equal to the formula of the old dimensions) follows changed dimensions, a manually set score is kept.
CREATE FUNCTION @extschema@.stakeholder_influence_score_fill()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_new integer;
    v_levels constant text[] := ARRAY['very_high','high','medium','low','minimal','none'];
BEGIN
    -- an unknown level is left to the table's CHECK constraints (23514 naming the column), not raised here
    IF EXISTS (SELECT FROM pg_catalog.unnest(ARRAY[NEW.decision_influence, NEW.budget_influence, NEW.resource_influence,
                                        NEW.strategic_influence, NEW.political_influence]) AS l
               WHERE l IS NOT NULL AND NOT pg_catalog.lower(pg_catalog.btrim(l)) OPERATOR(pg_catalog.=) ANY (v_levels))
       OR (TG_OP OPERATOR(pg_catalog.=) 'UPDATE' AND EXISTS (
               SELECT FROM pg_catalog.unnest(ARRAY[OLD.decision_influence, OLD.budget_influence, OLD.resource_influence,
                                        OLD.strategic_influence, OLD.political_influence]) AS l
               WHERE l IS NOT NULL AND NOT pg_catalog.lower(pg_catalog.btrim(l)) OPERATOR(pg_catalog.=) ANY (v_levels))) THEN
        RETURN NEW;
    END IF;
    v_new := @extschema@.calculate_stakeholder_influence_score(
        NEW.decision_influence, NEW.budget_influence, NEW.resource_influence,
        NEW.strategic_influence, NEW.political_influence);
    IF NEW.overall_influence_score IS NULL THEN
        NEW.overall_influence_score := v_new;
    ELSIF TG_OP OPERATOR(pg_catalog.=) 'UPDATE'
          AND ARRAY[NEW.overall_influence_score] OPERATOR(pg_catalog.=) ARRAY[OLD.overall_influence_score]
          AND ARRAY[NEW.decision_influence, NEW.budget_influence, NEW.resource_influence, NEW.strategic_influence, NEW.political_influence]
              OPERATOR(pg_catalog.<>)
              ARRAY[OLD.decision_influence, OLD.budget_influence, OLD.resource_influence, OLD.strategic_influence, OLD.political_influence]
          AND ARRAY[OLD.overall_influence_score] OPERATOR(pg_catalog.=) ARRAY[@extschema@.calculate_stakeholder_influence_score(
                  OLD.decision_influence, OLD.budget_influence, OLD.resource_influence,
                  OLD.strategic_influence, OLD.political_influence)] THEN
        NEW.overall_influence_score := v_new;
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @extschema@.stakeholder_influence_score_fill() IS
    'Trigger: fills persona_stakeholder_influence_map.overall_influence_score from the five dimensions when NULL; automatic scores follow dimension changes, manual scores stay.';

CREATE TRIGGER stakeholder_influence_score_fill
    BEFORE INSERT OR UPDATE ON @extschema@.persona_stakeholder_influence_map
    FOR EACH ROW EXECUTE FUNCTION @extschema@.stakeholder_influence_score_fill();

CREATE FUNCTION @extschema@.get_persona_stakeholder_ecosystem(p_persona_id uuid)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT pg_catalog.jsonb_build_object(
    'persona_id', p.id,
    'internal', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['very_high','high','medium','low','minimal'], s.influence_level) NULLS LAST,
                                  s.stakeholder_role, s.id)
        FROM @extschema@.persona_internal_stakeholders s
        WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'internal_networks', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['critical','high','medium','low'], s.strategic_importance) NULLS LAST,
                                  s.network_name, s.id)
        FROM @extschema@.persona_internal_networks s
        WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'external', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['critical','very_high','high','medium','low'], s.relationship_importance) NULLS LAST,
                                  s.stakeholder_name, s.id)
        FROM @extschema@.persona_external_stakeholders s
        WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'vendors', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['mission_critical','strategic','operational','tactical','commodity'], s.strategic_importance) NULLS LAST,
                                  s.vendor_name, s.id)
        FROM @extschema@.persona_vendor_relationships s
        WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'customers', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY s.revenue_responsibility DESC NULLS LAST, s.customer_segment, s.id)
        FROM @extschema@.persona_customer_relationships s
        WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'regulators', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['mission_critical','critical','high','medium','low'], s.relationship_criticality) NULLS LAST,
                                  s.regulatory_body, s.id)
        FROM @extschema@.persona_regulatory_stakeholders s
        WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'industry', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY pg_catalog.array_position(ARRAY['critical','high','medium','low','minimal'], s.strategic_value) NULLS LAST,
                                  s.organization_name, s.id)
        FROM @extschema@.persona_industry_relationships s
        WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'influence_map', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY s.overall_influence_score DESC NULLS LAST, s.stakeholder_name, s.id)
        FROM @extschema@.persona_stakeholder_influence_map s
        WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'journeys', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                         ORDER BY s.stage_entry_date DESC NULLS LAST, s.stakeholder_name, s.id)
        FROM @extschema@.persona_stakeholder_journey s
        WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'value_exchange', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id' ORDER BY s.stakeholder_name, s.id)
        FROM @extschema@.persona_stakeholder_value_exchange s
        WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'summary', pg_catalog.jsonb_build_object(
        'total_stakeholders',
              (SELECT pg_catalog.count(*) FROM @extschema@.persona_internal_stakeholders s WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id)
            OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_external_stakeholders s WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id)
            OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_vendor_relationships s WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id)
            OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_customer_relationships s WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id)
            OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_regulatory_stakeholders s WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id)
            OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_industry_relationships s WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id),
        'high_influence',
              (SELECT pg_catalog.count(*) FROM @extschema@.persona_internal_stakeholders s
                WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id AND s.influence_level OPERATOR(pg_catalog.=) ANY (ARRAY['very_high','high']))
            OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_stakeholder_influence_map s
                WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id AND s.overall_influence_score OPERATOR(pg_catalog.>=) 8),
        'at_risk',
              (SELECT pg_catalog.count(*) FROM @extschema@.persona_external_stakeholders s
                WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id AND s.relationship_health OPERATOR(pg_catalog.=) ANY (ARRAY['poor','at_risk']))
            OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_customer_relationships s
                WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id AND s.relationship_health OPERATOR(pg_catalog.=) ANY (ARRAY['poor','at_risk']))
            OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_stakeholder_journey s
                WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id AND s.journey_health OPERATOR(pg_catalog.=) ANY (ARRAY['at_risk','critical'])),
        'critical_regulators',
              (SELECT pg_catalog.count(*) FROM @extschema@.persona_regulatory_stakeholders s
                WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id
                  AND s.relationship_criticality OPERATOR(pg_catalog.=) ANY (ARRAY['mission_critical','critical'])),
        'avg_influence_score',
              (SELECT pg_catalog.round(pg_catalog.avg(s.overall_influence_score), 2) FROM @extschema@.persona_stakeholder_influence_map s
                WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id))
)
FROM @extschema@.personas p
WHERE p.id OPERATOR(pg_catalog.=) p_persona_id
$fn$;
COMMENT ON FUNCTION @extschema@.get_persona_stakeholder_ecosystem(uuid) IS
    'Stakeholder ecosystem of a persona (sections 60-65): one array per stakeholder table plus a summary block; NULL if the persona is not visible to the caller. SECURITY INVOKER: RLS applies.';
