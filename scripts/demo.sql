-- vital_persona in one screen (run by scripts/demo.sh; checked by test/shell/demo.sh).
-- Features of other components degrade to a one-line note when they are not installed.
\pset footer off
\pset null '-'
\set acme   '''a0000000-0000-4000-8000-00000000000a'''
\set globex '''b0000000-0000-4000-8000-00000000000b'''
\set acme_user   '''a0000000-0000-4000-8000-0000000000a1'''
\set globex_user '''b0000000-0000-4000-8000-0000000000b1'''
-- rows in the extension's persona tables (for before/after comparisons)
CREATE FUNCTION pg_temp.persona_rows() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE r record; n bigint; total bigint := 0;
BEGIN
  FOR r IN SELECT c.oid::regclass AS t FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
           WHERE c.relkind = 'r' AND c.relname LIKE 'persona%' AND c.relname <> 'lookup_persona_templates' LOOP
    EXECUTE format('SELECT count(*) FROM %s', r.t) INTO n; total := total + n;
  END LOOP;
  RETURN total;
END $$;
-- runs a statement, returns its error as (field, value) rows
CREATE FUNCTION pg_temp.try(stmt text) RETURNS TABLE (field text, value text) LANGUAGE plpgsql AS $$
DECLARE s text; m text; d text; h text;
BEGIN
  EXECUTE stmt;
  RETURN QUERY VALUES ('result', 'no error');
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
  RETURN QUERY VALUES ('sqlstate', s), ('message', m);
  IF d LIKE '[%' THEN  -- the validation trigger's JSON array: one violation per line
    RETURN QUERY SELECT 'detail[' || i || ']', format('%s: %s (got %s)', v ->> 'column', v ->> 'rule', v ->> 'value')
                   FROM jsonb_array_elements(d::jsonb) WITH ORDINALITY x(v, i);
  ELSE
    RETURN QUERY VALUES ('detail', d);
  END IF;
  RETURN QUERY VALUES ('hint', h);
END $$;

\echo '== 1. CREATE EXTENSION vital_persona VERSION 4.0; two tenants, seeded from the 5 role templates'
CREATE EXTENSION vital_persona VERSION '4.0';
INSERT INTO tenants (id, name, slug) VALUES (:acme, 'Acme Pharma', 'acme'), (:globex, 'Globex Bio', 'globex');
INSERT INTO users (id, tenant_id, email, full_name) VALUES
  (:acme_user, :acme, 'ana@acme.example', 'Ana (Acme)'), (:globex_user, :globex, 'gus@globex.example', 'Gus (Globex)');
SELECT to_regclass('tenant_members') IS NOT NULL AS has_members \gset
\if :has_members
INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (:acme, :acme_user, 'editor'), (:globex, :globex_user, 'editor');
\endif
SELECT 'acme' AS tenant, vital_seed_personas(:acme, 4, 1) AS personas, pg_temp.persona_rows() AS rows_in_all_tables;

SELECT default_version FROM pg_available_extensions WHERE name = 'vital_persona' \gset
\echo '== 2. ALTER EXTENSION vital_persona UPDATE, to the default version' :default_version '(data kept; legacy JSONB becomes rows)'
CREATE TEMP TABLE demo_before AS
  SELECT 'before' AS stage, (SELECT extversion FROM pg_extension WHERE extname = 'vital_persona') AS version,
         (SELECT count(*) FROM personas) AS personas, (SELECT count(*) FROM persona_goals) AS goals,
         pg_temp.persona_rows() AS rows_in_all_tables;
ALTER EXTENSION vital_persona UPDATE;
SELECT * FROM demo_before
UNION ALL
SELECT 'after', (SELECT extversion FROM pg_extension WHERE extname = 'vital_persona'),
       (SELECT count(*) FROM personas), (SELECT count(*) FROM persona_goals), pg_temp.persona_rows();
SELECT vital_seed_personas(:globex, 4, 2) AS globex_personas \gset
SELECT 'globex' AS tenant, :globex_personas AS personas_seeded_after_update,
       (SELECT count(*) FROM persona_week_in_life WHERE tenant_id = :globex) AS week_rows,
       (SELECT count(*) FROM persona_internal_stakeholders WHERE tenant_id = :globex) AS stakeholder_rows,
       pg_temp.persona_rows() AS rows_in_all_tables;

\echo '== 3. vital_summary() of a Globex persona (first lines)'
SELECT id AS persona FROM personas WHERE tenant_id = :globex ORDER BY slug LIMIT 1 \gset
SELECT to_regprocedure('vital_summary(uuid)') IS NOT NULL AS has_summary \gset
\if :has_summary
\pset tuples_only on
\pset format unaligned
SELECT string_agg(l, E'\n' ORDER BY i) || E'\n  ...'
  FROM regexp_split_to_table(jsonb_pretty(vital_summary(:'persona')), E'\n') WITH ORDINALITY x(l, i) WHERE i <= 8;
\pset format aligned
\pset tuples_only off
\else
\echo '(vital_summary is not installed in this build)'
\endif

\echo '== 4. As Globex''s user (JWT sub, role authenticated): personas with counts'
\if :has_members
SELECT set_config('request.jwt.claims', format('{"sub": "%s", "role": "authenticated"}', :globex_user), false) \gset
SET ROLE authenticated;
\endif
SELECT p.name, p.title,
       (SELECT count(*) FROM persona_goals x WHERE x.persona_id = p.id) AS goals,
       (SELECT count(*) FROM persona_internal_stakeholders x WHERE x.persona_id = p.id)
       + (SELECT count(*) FROM persona_external_stakeholders x WHERE x.persona_id = p.id) AS stakeholders,
       (SELECT count(*) FROM persona_evidence_sources x WHERE x.persona_id = p.id)
       + (SELECT count(*) FROM persona_public_research x WHERE x.persona_id = p.id)
       + (SELECT count(*) FROM persona_industry_reports x WHERE x.persona_id = p.id)
       + (SELECT count(*) FROM persona_expert_opinions x WHERE x.persona_id = p.id)
       + (SELECT count(*) FROM persona_case_studies x WHERE x.persona_id = p.id)
       + (SELECT count(*) FROM persona_supporting_statistics x WHERE x.persona_id = p.id) AS evidence
  FROM personas p ORDER BY p.slug LIMIT 4;
SELECT 'globex user' AS caller, count(*) FILTER (WHERE tenant_id = :globex) AS globex_personas,
       count(*) FILTER (WHERE tenant_id = :acme) AS acme_personas FROM personas;
\echo '== 5. The same query as Acme''s user: no Globex row is visible'
\if :has_members
RESET ROLE;
SELECT set_config('request.jwt.claims', format('{"sub": "%s", "role": "authenticated"}', :acme_user), false) \gset
SET ROLE authenticated;
\else
\echo '(tenant isolation is not installed in this build: the superuser sees both tenants)'
\endif
SELECT 'acme user' AS caller, count(*) FILTER (WHERE tenant_id = :globex) AS globex_personas,
       count(*) FILTER (WHERE tenant_id = :acme) AS acme_personas FROM personas;
RESET ROLE;

\echo '== 6. A bad row: every violation in one error'
SELECT * FROM pg_temp.try(format(
  'INSERT INTO persona_week_in_life (tenant_id, persona_id, day_of_week, focus_time_available, meeting_load)
   VALUES (%L, %L, %L, 30, %L)', :globex, :'persona', 'Funday', 'extreme'));
