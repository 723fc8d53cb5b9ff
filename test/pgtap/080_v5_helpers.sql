-- 5.0 helper functions, evidence-summary maintenance and persona_summary (docs/functions.md): worked examples.
BEGIN;
SELECT plan(43);

-- calculate_stakeholder_influence_score: points very_high 10, high 8, medium 5, low 3, minimal 1, none 0;
-- round(mean of non-NULL), clamped 1..10
SELECT is(calculate_stakeholder_influence_score('very_high','high','medium','low','none'), 5, 'influence: (10+8+5+3+0)/5 = 5.2 -> 5');
SELECT is(calculate_stakeholder_influence_score('high','high','medium','medium',NULL), 7, 'influence: (8+8+5+5)/4 = 6.5 -> 7 (half away from zero), NULL ignored');
SELECT is(calculate_stakeholder_influence_score('very_high','very_high','very_high','very_high','very_high'), 10, 'influence: all very_high -> 10');
SELECT is(calculate_stakeholder_influence_score('none','none','none','none','none'), 1, 'influence: all none -> 0 clamped to 1');
SELECT is(calculate_stakeholder_influence_score('minimal','low',NULL,NULL,NULL), 2, 'influence: (1+3)/2 = 2');
SELECT is(calculate_stakeholder_influence_score(NULL,NULL,NULL,NULL,NULL), NULL, 'influence: nothing assessed -> NULL');
SELECT is(calculate_stakeholder_influence_score('High',' LOW ',NULL,NULL,NULL), 6, 'influence: case and blanks tolerated ((8+3)/2 = 5.5 -> 6)');
SELECT throws_ok($$SELECT calculate_stakeholder_influence_score('medium-high',NULL,NULL,NULL,NULL)$$, '22023', NULL,
                 'influence: unknown level raises invalid_parameter_value');

-- calculate_evidence_quality_score(total, peer, verified, primary) = round(1 + 9*(.40 peer/t + .35 verified/t + .25 primary/t))
SELECT is(calculate_evidence_quality_score(0, 0, 0, 0), 1, 'quality: no evidence -> 1');
SELECT is(calculate_evidence_quality_score(NULL, 3, 3, 3), 1, 'quality: NULL total -> 1');
SELECT is(calculate_evidence_quality_score(10, 10, 10, 10), 10, 'quality: all peer/verified/primary -> 10');
SELECT is(calculate_evidence_quality_score(10, 5, 4, 2), 5, 'quality: 1 + 9*(.2+.14+.05) = 4.51 -> 5');
SELECT is(calculate_evidence_quality_score(2, 1, 0, 0), 3, 'quality: 1 + 9*.2 = 2.8 -> 3');
SELECT is(calculate_evidence_quality_score(4, 9, -1, 0), 5, 'quality: ratios clamped to [0,1]: 1 + 9*.4 = 4.6 -> 5');
SELECT is(calculate_evidence_quality_score(8, 4, 0, 0), 3, 'quality: 1 + 9*.2 = 2.8 -> 3');

-- data
INSERT INTO tenants (id, name, slug) VALUES ('00000000-0000-0000-0000-0000000080a1', 'T80', 't80');
INSERT INTO personas (id, tenant_id, name, slug, title) VALUES
    ('00000000-0000-0000-0000-0000000080b1', '00000000-0000-0000-0000-0000000080a1', 'P80', 'p80', 'Director');

-- influence trigger
INSERT INTO persona_stakeholder_influence_map (id, tenant_id, persona_id, stakeholder_name, stakeholder_role, stakeholder_type,
        decision_influence, budget_influence, resource_influence, strategic_influence, political_influence)
VALUES ('00000000-0000-0000-0000-0000000080c1', '00000000-0000-0000-0000-0000000080a1', '00000000-0000-0000-0000-0000000080b1',
        'CFO', 'CFO', 'internal', 'very_high', 'high', 'medium', 'low', 'none');
SELECT is((SELECT overall_influence_score FROM persona_stakeholder_influence_map WHERE id = '00000000-0000-0000-0000-0000000080c1'), 5,
          'influence trigger fills a NULL score on insert');
UPDATE persona_stakeholder_influence_map SET political_influence = 'very_high' WHERE id = '00000000-0000-0000-0000-0000000080c1';
SELECT is((SELECT overall_influence_score FROM persona_stakeholder_influence_map WHERE id = '00000000-0000-0000-0000-0000000080c1'), 7,
          'an automatic score follows changed dimensions ((10+8+5+3+10)/5 = 7.2 -> 7)');
UPDATE persona_stakeholder_influence_map SET overall_influence_score = 2 WHERE id = '00000000-0000-0000-0000-0000000080c1';
UPDATE persona_stakeholder_influence_map SET decision_influence = 'none' WHERE id = '00000000-0000-0000-0000-0000000080c1';
SELECT is((SELECT overall_influence_score FROM persona_stakeholder_influence_map WHERE id = '00000000-0000-0000-0000-0000000080c1'), 2,
          'a manually set score is kept when dimensions change');

-- evidence summary maintenance
SELECT is((SELECT count(*)::int FROM persona_evidence_summary WHERE persona_id = '00000000-0000-0000-0000-0000000080b1'), 0,
          'no summary row without evidence');
INSERT INTO persona_public_research (tenant_id, persona_id, research_title, research_type, publication_source, key_findings,
        relevance_score, peer_reviewed, publication_date)
SELECT '00000000-0000-0000-0000-0000000080a1', '00000000-0000-0000-0000-0000000080b1', 'R' || g, 'academic', 'J', ARRAY['f'],
       g, g <= 2, date '2020-01-01' + g * 365
FROM generate_series(1, 3) g;
INSERT INTO persona_case_studies (tenant_id, persona_id, case_study_title, organization_name, industry, case_type, challenge_addressed,
        solution_implemented, outcomes_achieved, relevance_to_persona, relevance_score, verified, case_source_type, published_date)
VALUES ('00000000-0000-0000-0000-0000000080a1', '00000000-0000-0000-0000-0000000080b1', 'C', 'O', 'Healthcare', 'success_story', 'c',
        's', ARRAY['o'], 'r', 7, true, 'first_hand', '2019-06-01');
SELECT results_eq(
    $$SELECT total_sources, research_studies_count, case_studies_count, peer_reviewed_count, verified_sources_count,
             primary_sources_count, evidence_quality_score, most_recent_evidence_date, oldest_evidence_date
      FROM persona_evidence_summary WHERE persona_id = '00000000-0000-0000-0000-0000000080b1'$$,
    $$VALUES (4, 3, 1, 2, 1, 1, 4, date '2022-12-31', date '2019-06-01')$$,
    'summary recomputed after inserts: 4 sources, quality round(1 + 9*(.4*.5 + .35*.25 + .25*.25)) = round(4.15) = 4, date range');
UPDATE persona_evidence_summary SET analyst_commentary = 'keep me' WHERE persona_id = '00000000-0000-0000-0000-0000000080b1';
UPDATE persona_public_research SET peer_reviewed = true WHERE persona_id = '00000000-0000-0000-0000-0000000080b1';
SELECT is((SELECT peer_reviewed_count FROM persona_evidence_summary WHERE persona_id = '00000000-0000-0000-0000-0000000080b1'), 3,
          'an UPDATE of evidence recomputes the summary');
SELECT is((SELECT analyst_commentary FROM persona_evidence_summary WHERE persona_id = '00000000-0000-0000-0000-0000000080b1'), 'keep me',
          'the recompute keeps analyst-entered columns');
DELETE FROM persona_public_research WHERE persona_id = '00000000-0000-0000-0000-0000000080b1';
DELETE FROM persona_case_studies WHERE persona_id = '00000000-0000-0000-0000-0000000080b1';
SELECT results_eq(
    $$SELECT total_sources, research_studies_count, evidence_quality_score, analyst_commentary
      FROM persona_evidence_summary WHERE persona_id = '00000000-0000-0000-0000-0000000080b1'$$,
    $$VALUES (0, 0, 1, 'keep me')$$,
    'at zero evidence the row is kept with zero counts (analyst columns survive)');
INSERT INTO persona_evidence_summary (id, tenant_id, persona_id, total_sources, analyst_commentary)
VALUES ('00000000-0000-0000-0000-0000000080d1', '00000000-0000-0000-0000-0000000080a1', '00000000-0000-0000-0000-0000000080b1', 99, 'merged');
SELECT results_eq(
    $$SELECT id, total_sources, analyst_commentary FROM persona_evidence_summary WHERE persona_id = '00000000-0000-0000-0000-0000000080b1'$$,
    $$VALUES ('00000000-0000-0000-0000-0000000080d1'::uuid, 0, 'merged')$$,
    'a second summary row for the persona merges (new row wins, computed columns recomputed) instead of failing');
INSERT INTO persona_evidence_sources (tenant_id, persona_id, citation)
SELECT '00000000-0000-0000-0000-0000000080a1', '00000000-0000-0000-0000-0000000080b1', 'S' || g FROM generate_series(1, 50) g;
SELECT is((SELECT other_sources_count FROM persona_evidence_summary WHERE persona_id = '00000000-0000-0000-0000-0000000080b1'), 50,
          'a 50-row statement: v4 evidence sources count as other_sources_count');
SELECT is((SELECT count(*)::int FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
           WHERE t.tgname LIKE 'evidence_summary_%' AND t.tgtype & 1 = 0 AND c.relname <> 'persona_evidence_summary'), 18,
          '18 statement-level maintenance triggers (6 tables x insert/update/delete)');

-- JSON helpers
INSERT INTO persona_week_in_life (tenant_id, persona_id, day_of_week, meeting_load) VALUES
    ('00000000-0000-0000-0000-0000000080a1', '00000000-0000-0000-0000-0000000080b1', 'Wednesday', 'light'),
    ('00000000-0000-0000-0000-0000000080a1', '00000000-0000-0000-0000-0000000080b1', 'Monday', 'heavy');
SELECT is((SELECT array_agg(e ->> 'day_of_week') FROM jsonb_array_elements(get_persona_time_perspective('00000000-0000-0000-0000-0000000080b1') -> 'week') e),
          ARRAY['Monday', 'Wednesday'], 'time perspective: week ordered by weekday, not alphabetically');
SELECT is(get_persona_time_perspective('00000000-0000-0000-0000-0000000080b1') -> 'year', '[]'::jsonb, 'time perspective: empty table gives []');
SELECT ok(NOT (get_persona_time_perspective('00000000-0000-0000-0000-0000000080b1') -> 'week' -> 0) ? 'tenant_id', 'time perspective rows omit tenant_id');
SELECT is(get_persona_time_perspective('00000000-0000-0000-0000-00000000ffff'), NULL, 'time perspective: unknown persona -> NULL');
SELECT is(get_persona_stakeholder_ecosystem('00000000-0000-0000-0000-0000000080b1') -> 'summary' ->> 'avg_influence_score', '2.00',
          'ecosystem summary: average influence score');
SELECT is(get_persona_stakeholder_ecosystem('00000000-0000-0000-0000-00000000ffff'), NULL, 'ecosystem: unknown persona -> NULL');
SELECT is(jsonb_array_length(get_persona_evidence_portfolio('00000000-0000-0000-0000-0000000080b1') -> 'basic_sources'), 50,
          'portfolio: basic sources listed');
SELECT is(get_persona_evidence_portfolio('00000000-0000-0000-0000-0000000080b1') -> 'summary' ->> 'analyst_commentary', 'merged',
          'portfolio: summary row included');

-- security properties
SELECT is((SELECT count(*)::int FROM pg_proc WHERE proname IN ('get_persona_time_perspective', 'get_persona_stakeholder_ecosystem',
           'get_persona_evidence_portfolio', 'evidence_summary_compute') AND prosecdef), 0, 'persona-scoped helpers are SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('anon', 'recompute_persona_evidence_summary(uuid[])', 'EXECUTE'), 'anon cannot run the recompute');
SELECT ok(NOT has_function_privilege('authenticated', 'refresh_persona_summary(boolean)', 'EXECUTE'), 'authenticated cannot refresh persona_summary');
SELECT ok(NOT has_table_privilege('anon', 'persona_summary', 'SELECT'), 'anon cannot read the persona_summary materialized view');
SELECT ok(NOT has_table_privilege('authenticated', 'persona_summary', 'SELECT'), 'authenticated cannot read the persona_summary materialized view');
SELECT ok(NOT has_table_privilege('service_role', 'persona_summary', 'SELECT'), 'service_role cannot read the persona_summary materialized view');
SELECT ok((SELECT reloptions @> '{security_invoker=true}' FROM pg_class WHERE oid = 'persona_summary_live'::regclass),
          'persona_summary_live is a security_invoker view (RLS applies)');

-- persona_summary
SELECT refresh_persona_summary();
SELECT results_eq(
    $$SELECT tenant_id, goals_count, research_count, jsonb_array_length(insights -> 'wilo'), (insights ->> 'stakeholders')::int
      FROM persona_summary WHERE id = '00000000-0000-0000-0000-0000000080b1'$$,
    $$VALUES ('00000000-0000-0000-0000-0000000080a1'::uuid, 0::bigint, 0::bigint, 2, 0)$$,
    'persona_summary (refreshed concurrently) carries tenant_id, counts and WILO rows');
SELECT ok((SELECT indisunique FROM pg_index WHERE indexrelid = 'idx_persona_summary_id'::regclass), 'unique index on persona_summary (id)');
SELECT * FROM finish();
ROLLBACK;
