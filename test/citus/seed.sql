-- Two tenants (a, b), one editor each, 3 personas per tenant; goals (a: 4, b: 2 per persona), 3 pain points,
-- 3 tags, 2 research studies with 2 quantitative results each. Deterministic ids: tenant 1000…0a/0b, user
-- 2000…0a/0b, persona 3a00…0001..3. Run as the service role (BYPASSRLS), as a back office would.
SET client_min_messages = warning;
SET ROLE service_role;
INSERT INTO vital.tenants (id, name, slug) VALUES
  ('10000000-0000-0000-0000-00000000000a', 'Acme', 'acme'), ('10000000-0000-0000-0000-00000000000b', 'Beta', 'beta');
INSERT INTO vital.users (id, tenant_id, email) VALUES
  ('20000000-0000-0000-0000-00000000000a', '10000000-0000-0000-0000-00000000000a', 'ana@acme.example'),
  ('20000000-0000-0000-0000-00000000000b', '10000000-0000-0000-0000-00000000000b', 'bob@beta.example');
INSERT INTO vital.tenant_members (tenant_id, user_id, role) VALUES
  ('10000000-0000-0000-0000-00000000000a', '20000000-0000-0000-0000-00000000000a', 'editor'),
  ('10000000-0000-0000-0000-00000000000b', '20000000-0000-0000-0000-00000000000b', 'editor');
INSERT INTO vital.personas (id, tenant_id, name, slug)
SELECT ('3' || t || '000000-0000-0000-0000-00000000000' || p)::uuid, ('10000000-0000-0000-0000-00000000000' || t)::uuid,
       'Persona ' || t || p, 'p-' || t || p
  FROM unnest(ARRAY['a', 'b']) t, generate_series(1, 3) p;
INSERT INTO vital.persona_goals (tenant_id, persona_id, goal_text, goal_type, priority)
SELECT pe.tenant_id, pe.id, 'Goal ' || g, 'primary', g FROM vital.personas pe, generate_series(1, 4) g
 WHERE g <= CASE WHEN pe.tenant_id = '10000000-0000-0000-0000-00000000000a' THEN 4 ELSE 2 END;
INSERT INTO vital.persona_pain_points (tenant_id, persona_id, pain_point_text, severity)
SELECT pe.tenant_id, pe.id, 'Pain ' || g, 'high' FROM vital.personas pe, generate_series(1, 3) g;
INSERT INTO vital.persona_tags (tenant_id, persona_id, tag_name)
SELECT pe.tenant_id, pe.id, 'tag' || g FROM vital.personas pe, generate_series(1, 3) g;
INSERT INTO vital.persona_public_research (tenant_id, persona_id, research_title, research_type, publication_source, key_findings, relevance_score, peer_reviewed)
SELECT pe.tenant_id, pe.id, 'Study ' || g, 'academic', 'Journal', ARRAY['finding'], 8, g = 1
  FROM vital.personas pe, generate_series(1, 2) g;
INSERT INTO vital.persona_research_quantitative_results (tenant_id, research_id, metric_name)
SELECT r.tenant_id, r.id, 'metric ' || g FROM vital.persona_public_research r, generate_series(1, 2) g;
RESET ROLE;
