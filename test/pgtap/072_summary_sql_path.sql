-- versions: 4.0 5.0
-- vital_summary when a section is counted through SQL (its policies differ from personas', so the direct scan is
-- not provably what the caller sees), called in the FROM form as PostgREST calls functions. Regression: the
-- result used to be built in SPI's procedure context after the first SQL-counted section and was freed before it
-- was returned ("unknown type of jsonb container"). The same path is the only one on Citus (docs/citus.md).
BEGIN;
SELECT plan(4);
\ir ../support/rls_fixture.sql

-- A restrictive policy that lets everything through: same visibility, different policy set -> SQL path.
CREATE POLICY test_restrictive ON persona_goals AS RESTRICTIVE FOR SELECT TO authenticated USING (true);
INSERT INTO persona_goals (tenant_id, persona_id, goal_text, priority)
SELECT pg_temp.fx('tenant_A'), pg_temp.fx('persona_A'), 'Goal ' || g, g FROM generate_series(1, 5) g;

SELECT pg_temp.login('editor_A');
SELECT is((SELECT vital_summary(pg_temp.fx('persona_A'))->'sections'->>'persona_goals'),
          (SELECT count(*)::text FROM persona_goals WHERE persona_id = pg_temp.fx('persona_A')),
          'select-list form: the goals counted through SQL equal count(*)');
SELECT lives_ok($$SELECT s.j::text FROM vital_summary(pg_temp.fx('persona_A')) s(j)$$,
                'FROM form: the returned jsonb is intact');
SELECT is((SELECT s.j::text FROM vital_summary(pg_temp.fx('persona_A')) s(j)),
          (SELECT vital_summary(pg_temp.fx('persona_A'))::text),
          'FROM form and select-list form return the same summary');
SELECT is((SELECT pg_catalog.jsonb_array_length(s.j->'highlights'->'goals') FROM vital_summary(pg_temp.fx('persona_A')) s(j)),
          3, 'highlights built after the SQL-counted section are intact (top 3 goals)');
SELECT pg_temp.logout();

SELECT * FROM finish();
ROLLBACK;
