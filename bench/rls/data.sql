-- Bench-only data (bench/rls/run.sh): 100 tenants x :scale personas, one user per tenant (editor member of
-- its tenant), and every section table (children and grandchildren, from the catalog) filled for the first
-- :filled personas of each tenant with :rows rows each (generic filler test/support/fill.sql).
-- Inserted as the superuser with triggers off (RLS does not apply; the data is consistent by construction).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
\i test/support/fill.sql
SET session_replication_role = replica;
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
SELECT pg_temp.vp_fill('sections', ARRAY(SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY tenant_id ORDER BY id) AS n
                                                   FROM personas) s WHERE n <= :filled), :rows) AS section_rows \gset
RESET session_replication_role;
VACUUM (ANALYZE);
