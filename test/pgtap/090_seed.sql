-- Seed generator and persona templates: determinism, constraint-clean output on every table,
-- the acceptance metrics of issue #8, tenant separation, argument and template errors.
BEGIN;
SELECT plan(32);

-- Fingerprint of all of a tenant's rows in every extension table that has tenant_id (timestamps
-- excluded): equal fingerprints = the same rows, id for id.
CREATE FUNCTION pg_temp.seed_fingerprint(p_tenant uuid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r record; v text; acc text := '';
BEGIN
  FOR r IN SELECT c.relname, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
           WHERE c.relkind = 'r' AND c.relname <> 'tenants'
             AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')
           ORDER BY c.relname LOOP
    EXECUTE format('SELECT md5(coalesce(string_agg(x.r, ''|'' ORDER BY x.r), ''''))
                      FROM (SELECT (to_jsonb(t) - ''created_at'' - ''updated_at'')::text AS r
                              FROM %I.%I t WHERE tenant_id = $1) x', r.nspname, r.relname) INTO v USING p_tenant;
    acc := acc || r.relname || ':' || v || ';';
  END LOOP;
  RETURN md5(acc);
END $$;

INSERT INTO tenants (id, name, slug) VALUES
  ('0a0a0a0a-0000-4000-8000-00000000000a', 'Seed tenant A', 'seed-tenant-a'),
  ('0b0b0b0b-0000-4000-8000-00000000000b', 'Seed tenant B', 'seed-tenant-b');

-- ---------------------------------------------------------------- templates
SELECT results_eq(
  $$SELECT code FROM lookup_persona_templates WHERE is_builtin AND NOT coalesce((body ->> '$abstract')::boolean, false) ORDER BY code$$,
  $$VALUES ('clinical_operations_manager'), ('commercial_strategy_leader'), ('market_access_director'),
           ('medical_affairs_director'), ('regulatory_affairs_vp')$$,
  'the five built-in role templates ship with the extension');
SELECT is((SELECT count(*)::int FROM lookup_persona_templates t, jsonb_each(t.body) s
            WHERE t.is_builtin AND s.key ~ '^persona_(public_research|industry_reports|expert_opinions|case_studies|supporting_statistics|evidence_sources)$'
              AND s.value::text ~* '"(research_title|report_title|citation|case_study_title|statistic_name)": "(?!Illustrative)'),
          0, 'every evidence title and citation in the built-in templates is marked Illustrative');
SELECT is((SELECT count(*)::int FROM lookup_persona_templates t
            WHERE t.is_builtin AND (t.body::text ~* 'https?://(?!example\.org)' OR t.body::text ~* '"doi"')),
          0, 'built-in templates carry no real URLs or DOIs (example.org only)');
UPDATE lookup_persona_templates SET is_active = false WHERE code = 'regulatory_affairs_vp';
SELECT is(vital_seed_personas('0a0a0a0a-0000-4000-8000-00000000000a', 1, 99), 4, 'inactive templates are not expanded');
DELETE FROM personas WHERE tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a';
UPDATE lookup_persona_templates SET is_active = true WHERE code = 'regulatory_affairs_vp';

SELECT throws_ok($$INSERT INTO lookup_persona_templates (code, name, body) VALUES ('bad_body', 'Bad', '[]')$$,
                 '23514', NULL, 'a template body must be a JSON object');
SET LOCAL ROLE authenticated;
SELECT cmp_ok((SELECT count(*)::int FROM lookup_persona_templates), '>=', 6, 'authenticated users can read the templates');
SELECT throws_ok($$INSERT INTO lookup_persona_templates (code, name, body) VALUES ('mine', 'Mine', '{}')$$,
                 '42501', NULL, 'authenticated users cannot write templates');
SELECT throws_ok($$SELECT vital_seed_personas('0a0a0a0a-0000-4000-8000-00000000000a', 1)$$,
                 '42501', NULL, 'authenticated users cannot run the generator (EXECUTE: service_role and owner)');
RESET ROLE;

-- ---------------------------------------------------------------- generation, constraint-clean
SELECT is(vital_seed_personas('0a0a0a0a-0000-4000-8000-00000000000a'), 100,
          'default call: 20 personas per template x 5 templates, every row accepted by the constraints and triggers');
SELECT is((SELECT count(*)::int FROM personas WHERE tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a'), 100,
          '100 personas stored');

-- every tenant table of the installed version received rows (all sections are filled)
SELECT is_empty($$
  SELECT c.relname::text FROM pg_class c
    JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
   WHERE c.relkind = 'r' AND c.relname LIKE 'persona%' AND c.relname <> 'lookup_persona_templates'
     AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')
     AND NOT (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I WHERE tenant_id = %L',
              c.relnamespace::regnamespace, c.relname, '0a0a0a0a-0000-4000-8000-00000000000a'), false, true, '')))[1]::text::int > 0
$$, 'every persona table has seeded rows');

-- ---------------------------------------------------------------- acceptance metrics (issue #8)
SELECT results_eq($$
  SELECT metadata -> 'seed' ->> 'template', count(*)::int FROM personas
   WHERE tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a' GROUP BY 1 ORDER BY 1$$,
  $$VALUES ('clinical_operations_manager', 20), ('commercial_strategy_leader', 20), ('market_access_director', 20),
           ('medical_affairs_director', 20), ('regulatory_affairs_vp', 20)$$,
  'metric: personas per template');

CREATE TEMP TABLE seed_metrics AS
SELECT p.id,
       (SELECT count(*) FROM persona_typical_day x WHERE x.persona_id = p.id) AS day_rows,
       (SELECT count(*) FROM persona_week_in_life x WHERE x.persona_id = p.id) AS week_rows,
       (SELECT count(*) FROM persona_month_in_life x WHERE x.persona_id = p.id) AS month_rows,
       (SELECT count(*) FROM persona_year_in_life x WHERE x.persona_id = p.id) AS year_rows,
       (SELECT count(*) FROM persona_internal_stakeholders x WHERE x.persona_id = p.id) AS internal_rows,
       (SELECT count(*) FROM persona_external_stakeholders x WHERE x.persona_id = p.id) AS external_rows,
       (SELECT count(*) FROM persona_stakeholder_influence_map x WHERE x.persona_id = p.id) AS influence_rows,
       (SELECT count(*) FROM persona_evidence_sources x WHERE x.persona_id = p.id)
       + (SELECT count(*) FROM persona_public_research x WHERE x.persona_id = p.id)
       + (SELECT count(*) FROM persona_industry_reports x WHERE x.persona_id = p.id)
       + (SELECT count(*) FROM persona_expert_opinions x WHERE x.persona_id = p.id)
       + (SELECT count(*) FROM persona_case_studies x WHERE x.persona_id = p.id)
       + (SELECT count(*) FROM persona_supporting_statistics x WHERE x.persona_id = p.id) AS evidence_rows
  FROM personas p WHERE p.tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a';

SELECT cmp_ok((SELECT avg((day_rows >= 3 AND week_rows >= 5 AND month_rows = 3 AND year_rows = 4)::int) FROM seed_metrics),
              '>=', 0.8, 'metric: share with full time-perspective data (day, 5+ weekdays, 3 month phases, 4 quarters) >= 80%');
SELECT cmp_ok((SELECT avg((internal_rows >= 3 AND external_rows >= 2 AND influence_rows >= 1)::int) FROM seed_metrics),
              '>=', 0.8, 'metric: share with a stakeholder network (3+ internal, 2+ external, influence map) >= 80%');
SELECT cmp_ok((SELECT avg((evidence_rows >= 5)::int) FROM seed_metrics),
              '>=', 0.8, 'metric: share with >= 5 evidence sources >= 80%');
SELECT cmp_ok((SELECT count(DISTINCT evidence_rows)::int FROM seed_metrics), '>', 1,
              'evidence counts vary across personas (optional rows are really optional)');
SELECT is((SELECT count(*)::int FROM persona_week_in_life w
            WHERE w.tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a'
              AND w.day_of_week NOT IN ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')),
          0, 'canonical day spellings');
SELECT is((SELECT count(*)::int FROM persona_evidence_summary s
            WHERE s.tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a'
              AND s.total_sources <> s.research_studies_count + s.industry_reports_count + s.expert_opinions_count
                                   + s.case_studies_count + s.statistics_count + coalesce(s.other_sources_count, 0)),
          0, 'evidence summary counters add up');
SELECT is((SELECT count(*)::int FROM persona_evidence_summary s
            WHERE s.tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a'
              AND s.research_studies_count <> (SELECT count(*) FROM persona_public_research r WHERE r.persona_id = s.persona_id)),
          0, 'evidence summary research counter matches the research rows');

-- ---------------------------------------------------------------- variation
SELECT cmp_ok((SELECT count(DISTINCT name)::int FROM personas WHERE tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a'),
              '>=', 80, 'names vary across variants');
SELECT cmp_ok((SELECT count(DISTINCT typical_organization_size)::int FROM personas
                WHERE tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a'), '>=', 3, 'organisation sizes vary');
SELECT ok((SELECT bool_and(salary_min_usd <= salary_median_usd AND salary_median_usd <= salary_max_usd
                           AND years_in_current_role <= years_of_experience)
             FROM personas WHERE tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a'),
          'numbers stay within coherent ranges (salary min <= median <= max, years in role <= experience)');

-- ---------------------------------------------------------------- determinism
CREATE TEMP TABLE seed_fp AS SELECT pg_temp.seed_fingerprint('0a0a0a0a-0000-4000-8000-00000000000a') AS fp;
DELETE FROM personas WHERE tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a';
SELECT is((SELECT count(*)::int FROM persona_goals WHERE tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a'), 0,
          'deleting the personas removed their child rows');
SELECT vital_seed_personas('0a0a0a0a-0000-4000-8000-00000000000a');
SELECT is(pg_temp.seed_fingerprint('0a0a0a0a-0000-4000-8000-00000000000a'), (SELECT fp FROM seed_fp),
          'determinism: the same seed regenerates the same rows, ids included, in every table');

-- ---------------------------------------------------------------- tenant separation
SELECT is(vital_seed_personas('0b0b0b0b-0000-4000-8000-00000000000b', 4, 2), 20, 'tenant B seeded with another seed');
SELECT is(pg_temp.seed_fingerprint('0a0a0a0a-0000-4000-8000-00000000000a'), (SELECT fp FROM seed_fp),
          'seeding tenant B left tenant A unchanged');
SELECT is((SELECT count(*)::int FROM personas a JOIN personas b ON a.id = b.id OR a.slug = b.slug AND a.name = b.name
            WHERE a.tenant_id = '0a0a0a0a-0000-4000-8000-00000000000a' AND b.tenant_id = '0b0b0b0b-0000-4000-8000-00000000000b'),
          0, 'no persona id (nor slug+name) shared between the tenants');
SELECT is((SELECT count(*)::int FROM persona_goals g JOIN personas p ON p.id = g.persona_id
            WHERE g.tenant_id <> p.tenant_id), 0, 'every child row belongs to its persona''s tenant');

-- ---------------------------------------------------------------- errors
SELECT throws_ok($$SELECT vital_seed_personas('0a0a0a0a-0000-4000-8000-00000000000a', 2, 1, ARRAY['no_such_role'])$$,
                 '22023', NULL, 'unknown template code');
SELECT throws_ok($$SELECT vital_seed_personas(NULL)$$, '22004', NULL, 'null tenant');
SELECT throws_ok($$SELECT vital_seed_personas('0c0c0c0c-0000-4000-8000-00000000000c')$$, '23503', NULL, 'unknown tenant');
INSERT INTO lookup_persona_templates (code, name, body) VALUES ('typo_role', 'Typo', jsonb_build_object(
  '$extends', 'healthcare_base',
  'personas', jsonb_build_object('name', '{full_name}', 'titel', 'Oops')));
SELECT throws_ok($$SELECT vital_seed_personas('0a0a0a0a-0000-4000-8000-00000000000a', 1, 9, ARRAY['typo_role'])$$,
                 '42703', NULL, 'a template column that does not exist is an error, not silently dropped');

SELECT * FROM finish();
ROLLBACK;
