-- Bench-only data: 100 tenants x 1,000 personas, 3 goals and 2 tags per persona, one user per tenant.
-- Inserted as the superuser (RLS does not apply). :scale = personas per tenant.
\set ON_ERROR_STOP 1
INSERT INTO tenants (id, name, slug)
SELECT ('00000000-0000-0000-0000-' || lpad(t::text, 12, '0'))::uuid, 'Tenant ' || t, 'tenant-' || t FROM generate_series(1, 100) t;
INSERT INTO users (id, tenant_id, email)
SELECT ('10000000-0000-0000-0000-' || lpad(t::text, 12, '0'))::uuid, ('00000000-0000-0000-0000-' || lpad(t::text, 12, '0'))::uuid,
       'user' || t || '@example.com' FROM generate_series(1, 100) t;
INSERT INTO tenant_members (tenant_id, user_id, role)
SELECT ('00000000-0000-0000-0000-' || lpad(t::text, 12, '0'))::uuid, ('10000000-0000-0000-0000-' || lpad(t::text, 12, '0'))::uuid, 'editor'
FROM generate_series(1, 100) t;
INSERT INTO personas (id, tenant_id, name, slug, seniority_level)
SELECT ('20000000-0000-0000-' || lpad(t::text, 4, '0') || '-' || lpad(p::text, 12, '0'))::uuid,
       ('00000000-0000-0000-0000-' || lpad(t::text, 12, '0'))::uuid, 'Persona ' || p, 'persona-' || p,
       (ARRAY['executive', 'director', 'manager', 'senior'])[1 + p % 4]
FROM generate_series(1, 100) t, generate_series(1, :scale) p;
INSERT INTO persona_goals (tenant_id, persona_id, goal_text, priority)
SELECT tenant_id, id, 'Goal ' || g, g FROM personas, generate_series(1, 3) g;
INSERT INTO persona_tags (tenant_id, persona_id, tag_name)
SELECT tenant_id, id, 'tag-' || g FROM personas, generate_series(1, 2) g;
ANALYZE;
