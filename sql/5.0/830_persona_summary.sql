-- The seed's aggregate persona_summary (functions.md §8), made safe:
--   persona_summary_live  security_invoker VIEW: computed on read from the base tables, so RLS applies. This is the
--                         listing for API roles (PostgREST: /persona_summary_live).
--   persona_summary       MATERIALIZED VIEW over the same definition, for reporting and jobs. A materialized view
--                         ignores RLS (it would show every tenant's rows), so nobody but its owner may read it:
--                         no grants, and sql/finalize/90_persona_summary_privileges.sql revokes anything granted
--                         later. Refresh: SELECT refresh_persona_summary();  (or REFRESH ... CONCURRENTLY as owner).
-- Counts use correlated subqueries (one index probe per child table and persona) instead of the seed's three LEFT
-- JOINs + COUNT(DISTINCT), which build goals x pain points x research rows per persona before aggregating.

CREATE VIEW @extschema@.persona_summary_live WITH (security_invoker = true) AS
SELECT p.id,
       p.tenant_id,
       p.name,
       p.title,
       (SELECT pg_catalog.count(*) FROM @extschema@.persona_goals g
         WHERE g.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND g.persona_id OPERATOR(pg_catalog.=) p.id) AS goals_count,
       (SELECT pg_catalog.count(*) FROM @extschema@.persona_pain_points pp
         WHERE pp.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND pp.persona_id OPERATOR(pg_catalog.=) p.id) AS pain_points_count,
       (SELECT pg_catalog.count(*) FROM @extschema@.persona_public_research r
         WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id) AS research_count,
       pg_catalog.jsonb_build_object(
           'wilo', coalesce((
               SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(w) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                                ORDER BY pg_catalog.array_position(ARRAY['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday'], w.day_of_week) NULLS LAST,
                                         w.id)
               FROM @extschema@.persona_week_in_life w
               WHERE w.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND w.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
           'stakeholders', (SELECT pg_catalog.count(*) FROM @extschema@.persona_internal_stakeholders s
                             WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id)
       ) AS insights
FROM @extschema@.personas p;
COMMENT ON VIEW @extschema@.persona_summary_live IS
    'Per-persona summary (goals, pain points, research counts; WILO rows and internal-stakeholder count), computed on read with the caller''s rights: RLS applies. The listing API roles use.';

CREATE MATERIALIZED VIEW @extschema@.persona_summary AS
SELECT * FROM @extschema@.persona_summary_live
WITH DATA;
CREATE UNIQUE INDEX idx_persona_summary_id ON @extschema@.persona_summary (id);
CREATE INDEX idx_persona_summary_tenant ON @extschema@.persona_summary (tenant_id);
COMMENT ON MATERIALIZED VIEW @extschema@.persona_summary IS
    'Snapshot of persona_summary_live for every tenant (a materialized view ignores RLS): owner-only, never granted to API roles. Refresh with refresh_persona_summary(); after a restore it is empty until refreshed.';

-- Refresh for jobs and the service role: REFRESH needs ownership, the owner is the extension's installing superuser.
-- SECURITY DEFINER, no input but a flag, returns nothing from the view; EXECUTE only where granted (service_role).
CREATE FUNCTION @extschema@.refresh_persona_summary(p_concurrently boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF p_concurrently THEN
        REFRESH MATERIALIZED VIEW CONCURRENTLY @extschema@.persona_summary;
    ELSE
        REFRESH MATERIALIZED VIEW @extschema@.persona_summary;
    END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@.refresh_persona_summary(boolean) IS
    'Refreshes the persona_summary materialized view (concurrently by default: readers are not blocked). Not executable by anon/authenticated.';
REVOKE ALL ON FUNCTION @extschema@.refresh_persona_summary(boolean) FROM PUBLIC;
