-- bench/citus data: :tenants tenants, :personas personas each, every persona with 8 goals, 4 pain points, 4 tags
-- and 2 studies with 2 results each; one editor per tenant (user 2000…<n>, tenant 1000…<n>, in hex).
SET client_min_messages = warning;
INSERT INTO vital.tenants (id, name, slug)
SELECT ('10000000-0000-0000-0000-' || lpad(to_hex(t), 12, '0'))::uuid, 'T' || t, 't' || t FROM generate_series(1, :tenants) t;
INSERT INTO vital.users (id, tenant_id, email)
SELECT ('20000000-0000-0000-0000-' || lpad(to_hex(t), 12, '0'))::uuid, ('10000000-0000-0000-0000-' || lpad(to_hex(t), 12, '0'))::uuid,
       'u' || t || '@bench.example' FROM generate_series(1, :tenants) t;
INSERT INTO vital.tenant_members (tenant_id, user_id, role)
SELECT ('10000000-0000-0000-0000-' || lpad(to_hex(t), 12, '0'))::uuid, ('20000000-0000-0000-0000-' || lpad(to_hex(t), 12, '0'))::uuid, 'editor'
  FROM generate_series(1, :tenants) t;
INSERT INTO vital.personas (id, tenant_id, name, slug)
SELECT ('3' || lpad(to_hex(t), 7, '0') || '-0000-0000-0000-' || lpad(to_hex(p), 12, '0'))::uuid,
       ('10000000-0000-0000-0000-' || lpad(to_hex(t), 12, '0'))::uuid, 'Persona ' || t || '/' || p, 'p-' || p
  FROM generate_series(1, :tenants) t, generate_series(1, :personas) p;
INSERT INTO vital.persona_goals (tenant_id, persona_id, goal_text, goal_type, priority)
SELECT pe.tenant_id, pe.id, 'Goal ' || g, 'primary', g FROM vital.personas pe, generate_series(1, 8) g;
INSERT INTO vital.persona_pain_points (tenant_id, persona_id, pain_point_text, severity)
SELECT pe.tenant_id, pe.id, 'Pain ' || g, 'high' FROM vital.personas pe, generate_series(1, 4) g;
INSERT INTO vital.persona_tags (tenant_id, persona_id, tag_name)
SELECT pe.tenant_id, pe.id, 'tag' || g FROM vital.personas pe, generate_series(1, 4) g;
INSERT INTO vital.persona_public_research (tenant_id, persona_id, research_title, research_type, publication_source, key_findings, relevance_score)
SELECT pe.tenant_id, pe.id, 'Study ' || g, 'academic', 'Journal', ARRAY['finding'], 8 FROM vital.personas pe, generate_series(1, 2) g;
INSERT INTO vital.persona_research_quantitative_results (tenant_id, research_id, metric_name)
SELECT r.tenant_id, r.id, 'metric ' || g FROM vital.persona_public_research r, generate_series(1, 2) g;
ANALYZE;
