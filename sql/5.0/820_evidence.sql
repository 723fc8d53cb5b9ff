-- Sections 66-71 helpers (functions.md §4-6; formulas and decisions in docs/functions.md):
--   calculate_evidence_quality_score(int x4) -> integer 1..10 (IMMUTABLE)
--   get_persona_evidence_portfolio(uuid) -> jsonb             (SECURITY INVOKER: RLS applies)
--   evidence-summary maintenance: persona_evidence_summary's computed columns are recomputed for every persona
--   touched by a statement on the six evidence tables (statement-level triggers with transition tables).

CREATE FUNCTION @extschema@.calculate_evidence_quality_score(
    p_total_sources integer, p_peer_reviewed_count integer,
    p_verified_sources_count integer, p_primary_sources_count integer)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- 1 when there is no evidence; else round(1 + 9 * (0.40 r_peer + 0.35 r_verified + 0.25 r_primary)), each ratio
-- count/total clamped to [0,1] (NULL counts = 0), result clamped to 1..10; numeric arithmetic, half away from zero.
SELECT CASE
    WHEN coalesce(p_total_sources, 0) OPERATOR(pg_catalog.<=) 0 THEN 1
    ELSE LEAST(10, GREATEST(1, pg_catalog.round(1 OPERATOR(pg_catalog.+) (9 OPERATOR(pg_catalog.*) (
              0.40 OPERATOR(pg_catalog.*) LEAST(1, GREATEST(0, coalesce(p_peer_reviewed_count, 0)::numeric    OPERATOR(pg_catalog./) p_total_sources))
            OPERATOR(pg_catalog.+) (0.35 OPERATOR(pg_catalog.*) LEAST(1, GREATEST(0, coalesce(p_verified_sources_count, 0)::numeric OPERATOR(pg_catalog./) p_total_sources)))
            OPERATOR(pg_catalog.+) (0.25 OPERATOR(pg_catalog.*) LEAST(1, GREATEST(0, coalesce(p_primary_sources_count, 0)::numeric  OPERATOR(pg_catalog./) p_total_sources))))))))::integer
END
$fn$;
COMMENT ON FUNCTION @extschema@.calculate_evidence_quality_score(integer, integer, integer, integer) IS
    'Evidence quality 1..10 from (total, peer_reviewed, verified, primary) counts: round(1 + 9*(0.40 peer/total + 0.35 verified/total + 0.25 primary/total)); 1 without evidence.';

-- The computed part of persona_evidence_summary for the given personas (one row per persona visible to the
-- caller, whether or not it has evidence). Single source of the definitions used by the maintenance and the merge.
CREATE FUNCTION @extschema@.evidence_summary_compute(p_persona_ids uuid[])
RETURNS TABLE (
    persona_id uuid, tenant_id uuid, total_sources integer,
    research_studies_count integer, industry_reports_count integer, expert_opinions_count integer,
    case_studies_count integer, statistics_count integer, other_sources_count integer,
    peer_reviewed_count integer, verified_sources_count integer,
    primary_sources_count integer, secondary_sources_count integer,
    evidence_quality_score integer,
    most_recent_evidence_date date, oldest_evidence_date date, median_evidence_age_days integer)
LANGUAGE sql STABLE PARALLEL SAFE SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT p.id, p.tenant_id,
       c.research OPERATOR(pg_catalog.+) c.reports OPERATOR(pg_catalog.+) c.opinions OPERATOR(pg_catalog.+) c.cases OPERATOR(pg_catalog.+) c.stats OPERATOR(pg_catalog.+) c.other,
       c.research, c.reports, c.opinions, c.cases, c.stats, c.other,
       c.peer, c.verified, c.prim, c.secondary,
       @extschema@.calculate_evidence_quality_score(
           c.research OPERATOR(pg_catalog.+) c.reports OPERATOR(pg_catalog.+) c.opinions OPERATOR(pg_catalog.+) c.cases OPERATOR(pg_catalog.+) c.stats OPERATOR(pg_catalog.+) c.other, c.peer, c.verified, c.prim),
       d.newest, d.oldest, d.median_age
FROM @extschema@.personas p
CROSS JOIN LATERAL (
    SELECT
        (SELECT pg_catalog.count(*) FROM @extschema@.persona_public_research r
          WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id)::integer AS research,
        (SELECT pg_catalog.count(*) FROM @extschema@.persona_industry_reports r
          WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id)::integer AS reports,
        (SELECT pg_catalog.count(*) FROM @extschema@.persona_expert_opinions r
          WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id)::integer AS opinions,
        (SELECT pg_catalog.count(*) FROM @extschema@.persona_case_studies r
          WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id)::integer AS cases,
        (SELECT pg_catalog.count(*) FROM @extschema@.persona_supporting_statistics r
          WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id)::integer AS stats,
        (SELECT pg_catalog.count(*) FROM @extschema@.persona_evidence_sources r
          WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id)::integer AS other,
        ((SELECT pg_catalog.count(*) FROM @extschema@.persona_public_research r
           WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id AND r.peer_reviewed)
       OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_expert_opinions r
           WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id AND r.peer_validated))::integer AS peer,
        ((SELECT pg_catalog.count(*) FROM @extschema@.persona_case_studies r
           WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id AND r.verified)
       OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_supporting_statistics r
           WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id AND r.verified))::integer AS verified,
        ((SELECT pg_catalog.count(*) FROM @extschema@.persona_expert_opinions r
           WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id AND r.source_type OPERATOR(pg_catalog.=) 'primary')
       OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_case_studies r
           WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id
             AND r.case_source_type OPERATOR(pg_catalog.=) ANY (ARRAY['first_hand','internal'])))::integer AS prim,
        ((SELECT pg_catalog.count(*) FROM @extschema@.persona_expert_opinions r
           WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id AND r.source_type OPERATOR(pg_catalog.=) ANY (ARRAY['secondary','tertiary']))
       OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM @extschema@.persona_case_studies r
           WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id
             AND r.case_source_type OPERATOR(pg_catalog.<>) ALL (ARRAY['first_hand','internal'])))::integer AS secondary
) c
CROSS JOIN LATERAL (
    SELECT pg_catalog.max(e.d) AS newest, pg_catalog.min(e.d) AS oldest,
           pg_catalog.round(pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY (current_date OPERATOR(pg_catalog.-) e.d)))::integer AS median_age
    FROM (
        SELECT coalesce(r.publication_date,
                        CASE WHEN r.publication_year OPERATOR(pg_catalog.>=) 1800 AND r.publication_year OPERATOR(pg_catalog.<=) 2200 THEN pg_catalog.make_date(r.publication_year, 1, 1) END)
        FROM @extschema@.persona_public_research r WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id
        UNION ALL
        SELECT CASE WHEN r.publication_year OPERATOR(pg_catalog.>=) 1800 AND r.publication_year OPERATOR(pg_catalog.<=) 2200
                    THEN pg_catalog.make_date(r.publication_year, CASE WHEN r.publication_month OPERATOR(pg_catalog.>=) 1 AND r.publication_month OPERATOR(pg_catalog.<=) 12 THEN r.publication_month ELSE 1 END, 1) END
        FROM @extschema@.persona_industry_reports r WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id
        UNION ALL
        SELECT r.opinion_date
        FROM @extschema@.persona_expert_opinions r WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id
        UNION ALL
        SELECT r.published_date
        FROM @extschema@.persona_case_studies r WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id
        UNION ALL
        SELECT coalesce(r.collection_date,
                        CASE WHEN r.collection_year OPERATOR(pg_catalog.>=) 1800 AND r.collection_year OPERATOR(pg_catalog.<=) 2200 THEN pg_catalog.make_date(r.collection_year, 1, 1) END)
        FROM @extschema@.persona_supporting_statistics r WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id
        UNION ALL
        SELECT r.publication_date
        FROM @extschema@.persona_evidence_sources r WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id
    ) AS e(d)
) d
WHERE p.id OPERATOR(pg_catalog.=) ANY (p_persona_ids)
$fn$;
COMMENT ON FUNCTION @extschema@.evidence_summary_compute(uuid[]) IS
    'Computed columns of persona_evidence_summary (counts, quality score, evidence dates) for the given personas, from the evidence rows visible to the caller.';

-- Recomputes (upserts) the summary of the given personas. A summary row is created once a persona has evidence
-- and is never deleted by the maintenance (it also holds analyst-entered columns); at zero evidence its counts
-- go to 0. Persona rows are locked FOR NO KEY UPDATE (ordered) so concurrent writers of one persona serialise and
-- the later one recomputes from a snapshot that includes the earlier one's rows.
CREATE FUNCTION @extschema@.recompute_persona_evidence_summary(p_persona_ids uuid[])
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_rows integer;
BEGIN
    IF p_persona_ids IS NULL OR pg_catalog.cardinality(p_persona_ids) OPERATOR(pg_catalog.=) 0 THEN
        RETURN 0;
    END IF;
    PERFORM 1 FROM @extschema@.personas p WHERE p.id OPERATOR(pg_catalog.=) ANY (p_persona_ids) ORDER BY p.id FOR NO KEY UPDATE;
    -- tells the merge trigger (evidence_summary_merge) that this INSERT ... ON CONFLICT is the maintenance itself
    PERFORM pg_catalog.set_config('vital_persona.evidence_summary_recompute', 'on', true);
    INSERT INTO @extschema@.persona_evidence_summary AS s (
        persona_id, tenant_id, total_sources, research_studies_count, industry_reports_count, expert_opinions_count,
        case_studies_count, statistics_count, other_sources_count, peer_reviewed_count, verified_sources_count,
        primary_sources_count, secondary_sources_count, evidence_quality_score,
        most_recent_evidence_date, oldest_evidence_date, median_evidence_age_days)
    SELECT c.persona_id, c.tenant_id, c.total_sources, c.research_studies_count, c.industry_reports_count,
           c.expert_opinions_count, c.case_studies_count, c.statistics_count, c.other_sources_count,
           c.peer_reviewed_count, c.verified_sources_count, c.primary_sources_count, c.secondary_sources_count,
           c.evidence_quality_score, c.most_recent_evidence_date, c.oldest_evidence_date, c.median_evidence_age_days
    FROM @extschema@.evidence_summary_compute(p_persona_ids) c
    WHERE c.total_sources OPERATOR(pg_catalog.>) 0
       OR EXISTS (SELECT 1 FROM @extschema@.persona_evidence_summary x WHERE x.persona_id OPERATOR(pg_catalog.=) c.persona_id)
    ON CONFLICT (tenant_id, persona_id) DO UPDATE SET
        total_sources = EXCLUDED.total_sources,
        research_studies_count = EXCLUDED.research_studies_count,
        industry_reports_count = EXCLUDED.industry_reports_count,
        expert_opinions_count = EXCLUDED.expert_opinions_count,
        case_studies_count = EXCLUDED.case_studies_count,
        statistics_count = EXCLUDED.statistics_count,
        other_sources_count = EXCLUDED.other_sources_count,
        peer_reviewed_count = EXCLUDED.peer_reviewed_count,
        verified_sources_count = EXCLUDED.verified_sources_count,
        primary_sources_count = EXCLUDED.primary_sources_count,
        secondary_sources_count = EXCLUDED.secondary_sources_count,
        evidence_quality_score = EXCLUDED.evidence_quality_score,
        most_recent_evidence_date = EXCLUDED.most_recent_evidence_date,
        oldest_evidence_date = EXCLUDED.oldest_evidence_date,
        median_evidence_age_days = EXCLUDED.median_evidence_age_days
    WHERE ARRAY[ROW(s.total_sources, s.research_studies_count, s.industry_reports_count, s.expert_opinions_count,
           s.case_studies_count, s.statistics_count, s.other_sources_count, s.peer_reviewed_count,
           s.verified_sources_count, s.primary_sources_count, s.secondary_sources_count, s.evidence_quality_score,
           s.most_recent_evidence_date, s.oldest_evidence_date, s.median_evidence_age_days)]
          OPERATOR(pg_catalog.<>)   -- arrays compare NULLs as equal: IS DISTINCT FROM without an unqualified =
          ARRAY[ROW(EXCLUDED.total_sources, EXCLUDED.research_studies_count, EXCLUDED.industry_reports_count,
           EXCLUDED.expert_opinions_count, EXCLUDED.case_studies_count, EXCLUDED.statistics_count,
           EXCLUDED.other_sources_count, EXCLUDED.peer_reviewed_count, EXCLUDED.verified_sources_count,
           EXCLUDED.primary_sources_count, EXCLUDED.secondary_sources_count, EXCLUDED.evidence_quality_score,
           EXCLUDED.most_recent_evidence_date, EXCLUDED.oldest_evidence_date, EXCLUDED.median_evidence_age_days)];
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    PERFORM pg_catalog.set_config('vital_persona.evidence_summary_recompute', '', true);
    RETURN v_rows;
END
$fn$;
COMMENT ON FUNCTION @extschema@.recompute_persona_evidence_summary(uuid[]) IS
    'Recomputes persona_evidence_summary''s computed columns for the given personas (creates the row when evidence exists; never deletes). Returns rows written.';
REVOKE ALL ON FUNCTION @extschema@.recompute_persona_evidence_summary(uuid[]) FROM PUBLIC;

-- Statement-level trigger on the six evidence tables. SECURITY DEFINER because the summary is derived data:
-- it must count every evidence row of the persona and be writable although API roles may only write evidence.
-- It touches only personas named in the statement's own transition tables (rows the caller was allowed to
-- write), takes no input from the caller otherwise, and cannot be called other than as a trigger.
CREATE FUNCTION @extschema@.update_evidence_summary()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_ids uuid[];
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
        SELECT pg_catalog.array_agg(DISTINCT n.persona_id) INTO v_ids FROM vp_new_rows n;
    ELSIF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
        SELECT pg_catalog.array_agg(DISTINCT o.persona_id) INTO v_ids FROM vp_old_rows o;
    ELSE
        SELECT pg_catalog.array_agg(DISTINCT x.persona_id) INTO v_ids
        FROM (SELECT n.persona_id FROM vp_new_rows n UNION SELECT o.persona_id FROM vp_old_rows o) x;
    END IF;
    PERFORM @extschema@.recompute_persona_evidence_summary(v_ids);
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @extschema@.update_evidence_summary() IS
    'Statement trigger: recomputes persona_evidence_summary for every persona whose evidence the statement inserted, updated or deleted.';
REVOKE ALL ON FUNCTION @extschema@.update_evidence_summary() FROM PUBLIC;

DO $do$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['persona_public_research', 'persona_industry_reports', 'persona_expert_opinions',
                             'persona_case_studies', 'persona_supporting_statistics', 'persona_evidence_sources']
    LOOP
        EXECUTE pg_catalog.format('CREATE TRIGGER evidence_summary_ins AFTER INSERT ON @extschema@.%I '
                       'REFERENCING NEW TABLE AS vp_new_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION @extschema@.update_evidence_summary()', t);
        EXECUTE pg_catalog.format('CREATE TRIGGER evidence_summary_upd AFTER UPDATE ON @extschema@.%I '
                       'REFERENCING OLD TABLE AS vp_old_rows NEW TABLE AS vp_new_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION @extschema@.update_evidence_summary()', t);
        EXECUTE pg_catalog.format('CREATE TRIGGER evidence_summary_del AFTER DELETE ON @extschema@.%I '
                       'REFERENCING OLD TABLE AS vp_old_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION @extschema@.update_evidence_summary()', t);
    END LOOP;
END
$do$;

-- A second summary row for a persona merges instead of failing on unique_persona_evidence_summary: the old row is
-- replaced by the new one (its id, analyst columns and timestamps win), and the computed columns are recomputed.
-- This is what makes pg_dump/restore work in any table order: restoring evidence rows creates summary rows via
-- the maintenance before the dumped summary rows arrive. SECURITY INVOKER: the caller needs DELETE on the row.
CREATE FUNCTION @extschema@.evidence_summary_merge()
RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    c record;
BEGIN
    IF pg_catalog.current_setting('vital_persona.evidence_summary_recompute', true) OPERATOR(pg_catalog.=) 'on' THEN
        RETURN NEW;   -- the maintenance's own upsert
    END IF;
    DELETE FROM @extschema@.persona_evidence_summary s WHERE s.persona_id OPERATOR(pg_catalog.=) NEW.persona_id;
    SELECT * INTO c FROM @extschema@.evidence_summary_compute(ARRAY[NEW.persona_id]);
    IF FOUND THEN
        NEW.total_sources := c.total_sources;
        NEW.research_studies_count := c.research_studies_count;
        NEW.industry_reports_count := c.industry_reports_count;
        NEW.expert_opinions_count := c.expert_opinions_count;
        NEW.case_studies_count := c.case_studies_count;
        NEW.statistics_count := c.statistics_count;
        NEW.other_sources_count := c.other_sources_count;
        NEW.peer_reviewed_count := c.peer_reviewed_count;
        NEW.verified_sources_count := c.verified_sources_count;
        NEW.primary_sources_count := c.primary_sources_count;
        NEW.secondary_sources_count := c.secondary_sources_count;
        NEW.evidence_quality_score := c.evidence_quality_score;
        NEW.most_recent_evidence_date := c.most_recent_evidence_date;
        NEW.oldest_evidence_date := c.oldest_evidence_date;
        NEW.median_evidence_age_days := c.median_evidence_age_days;
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @extschema@.evidence_summary_merge() IS
    'Trigger: inserting a summary row for a persona that has one replaces it (merge, no duplicate-key failure, e.g. on restore); computed columns are recomputed.';

CREATE TRIGGER evidence_summary_merge
    BEFORE INSERT ON @extschema@.persona_evidence_summary
    FOR EACH ROW EXECUTE FUNCTION @extschema@.evidence_summary_merge();

CREATE FUNCTION @extschema@.get_persona_evidence_portfolio(p_persona_id uuid)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT pg_catalog.jsonb_build_object(
    'persona_id', p.id,
    'summary', (SELECT pg_catalog.to_jsonb(s) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                FROM @extschema@.persona_evidence_summary s
                WHERE s.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND s.persona_id OPERATOR(pg_catalog.=) p.id),
    'research', coalesce((
        SELECT pg_catalog.jsonb_agg((pg_catalog.to_jsonb(r) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id') OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('quantitative_results', coalesce((
                   SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(q) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'research_id' ORDER BY q.metric_name, q.id)
                   FROM @extschema@.persona_research_quantitative_results q
                   WHERE q.tenant_id OPERATOR(pg_catalog.=) r.tenant_id AND q.research_id OPERATOR(pg_catalog.=) r.id), '[]'::jsonb))
                 ORDER BY r.relevance_score DESC NULLS LAST, r.publication_date DESC NULLS LAST,
                          r.publication_year DESC NULLS LAST, r.id)
        FROM @extschema@.persona_public_research r
        WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'industry_reports', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(r) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                 ORDER BY r.relevance_score DESC NULLS LAST, r.publication_year DESC NULLS LAST,
                          r.publication_month DESC NULLS LAST, r.id)
        FROM @extschema@.persona_industry_reports r
        WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'expert_opinions', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(r) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id'
                 ORDER BY r.relevance_score DESC NULLS LAST, r.opinion_date DESC NULLS LAST, r.id)
        FROM @extschema@.persona_expert_opinions r
        WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'case_studies', coalesce((
        SELECT pg_catalog.jsonb_agg((pg_catalog.to_jsonb(r) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id') OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object(
                   'investments', coalesce((
                       SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(i) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'case_study_id' ORDER BY i.amount DESC NULLS LAST, i.id)
                       FROM @extschema@.persona_case_study_investments i
                       WHERE i.tenant_id OPERATOR(pg_catalog.=) r.tenant_id AND i.case_study_id OPERATOR(pg_catalog.=) r.id), '[]'::jsonb),
                   'results', coalesce((
                       SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(x) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'case_study_id' ORDER BY x.metric_name, x.id)
                       FROM @extschema@.persona_case_study_results x
                       WHERE x.tenant_id OPERATOR(pg_catalog.=) r.tenant_id AND x.case_study_id OPERATOR(pg_catalog.=) r.id), '[]'::jsonb),
                   'metrics', coalesce((
                       SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(m) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'case_study_id' ORDER BY m.metric_name, m.id)
                       FROM @extschema@.persona_case_study_metrics m
                       WHERE m.tenant_id OPERATOR(pg_catalog.=) r.tenant_id AND m.case_study_id OPERATOR(pg_catalog.=) r.id), '[]'::jsonb))
                 ORDER BY r.relevance_score DESC NULLS LAST, r.published_date DESC NULLS LAST, r.id)
        FROM @extschema@.persona_case_studies r
        WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'statistics', coalesce((
        SELECT pg_catalog.jsonb_agg((pg_catalog.to_jsonb(r) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id') OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('history', coalesce((
                   SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(h) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'statistic_id'
                                    ORDER BY h.year, h.quarter NULLS FIRST, h.month NULLS FIRST, h.id)
                   FROM @extschema@.persona_statistic_history h
                   WHERE h.tenant_id OPERATOR(pg_catalog.=) r.tenant_id AND h.statistic_id OPERATOR(pg_catalog.=) r.id), '[]'::jsonb))
                 ORDER BY r.relevance_score DESC NULLS LAST, r.collection_date DESC NULLS LAST,
                          r.collection_year DESC NULLS LAST, r.id)
        FROM @extschema@.persona_supporting_statistics r
        WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb),
    'basic_sources', coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(r) OPERATOR(pg_catalog.-) 'tenant_id' OPERATOR(pg_catalog.-) 'persona_id' ORDER BY r.publication_date DESC NULLS LAST, r.id)
        FROM @extschema@.persona_evidence_sources r
        WHERE r.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND r.persona_id OPERATOR(pg_catalog.=) p.id), '[]'::jsonb)
)
FROM @extschema@.personas p
WHERE p.id OPERATOR(pg_catalog.=) p_persona_id
$fn$;
COMMENT ON FUNCTION @extschema@.get_persona_evidence_portfolio(uuid) IS
    'Evidence portfolio of a persona (sections 66-71): summary row, research (with quantitative results), reports, opinions, case studies (with investments/results/metrics), statistics (with history), v4 basic sources; NULL if the persona is not visible. SECURITY INVOKER: RLS applies.';

-- updated_at of a summary row records the last write by a person or a restore, not the maintenance: the
-- recompute (flag set by recompute_persona_evidence_summary) keeps the old value. This trigger must sort after
-- set_updated_at (triggers fire in name order). It also makes a dump/restore reproduce summary rows exactly,
-- whatever the order in which evidence and summary rows are restored.
CREATE FUNCTION @extschema@.evidence_summary_keep_updated_at()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF pg_catalog.current_setting('vital_persona.evidence_summary_recompute', true) OPERATOR(pg_catalog.=) 'on' THEN
        NEW.updated_at := OLD.updated_at;
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @extschema@.evidence_summary_keep_updated_at() IS
    'Trigger: the evidence-summary maintenance does not bump persona_evidence_summary.updated_at (it records writes by people and restores).';
CREATE TRIGGER summary_maintenance_keeps_updated_at
    BEFORE UPDATE ON @extschema@.persona_evidence_summary
    FOR EACH ROW EXECUTE FUNCTION @extschema@.evidence_summary_keep_updated_at();
