-- versions: 4.0 5.0
-- Tenant-leading keys (docs/schema.md, docs/citus.md): every primary and unique key of a tenant table contains
-- tenant_id (Citus-ready by construction; users and tenant_members become reference tables and are exempt), and
-- an id used by another tenant is no conflict, so INSERT answers no longer tell whether another tenant holds an id.
BEGIN;
SELECT plan(5);
\ir ../support/rls_fixture.sql

SELECT is_empty($$
    SELECT c.conrelid::regclass::text || ' ' || pg_get_constraintdef(c.oid)
      FROM pg_constraint c
     WHERE c.conrelid IN (SELECT t FROM pg_temp.tenant_tables() t)
       AND c.conrelid NOT IN ('users'::regclass, 'tenant_members'::regclass)
       AND c.contype IN ('p', 'u')
       AND NOT (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attname = 'tenant_id') = ANY (c.conkey)$$,
    'every primary and unique key of a tenant table contains tenant_id');
SELECT is((SELECT count(*)::int FROM pg_constraint c
            WHERE c.conrelid IN (SELECT t FROM pg_temp.tenant_tables() t) AND c.contype = 'p'
              AND pg_get_constraintdef(c.oid) = 'PRIMARY KEY (tenant_id, id)'),
          (SELECT count(*)::int FROM pg_temp.tenant_tables() t
            WHERE t NOT IN ('users'::regclass, 'tenant_members'::regclass)),
          'every tenant table but users and tenant_members has PRIMARY KEY (tenant_id, id)');
SELECT is_empty($$
    SELECT f.conname FROM pg_constraint f
     WHERE f.contype = 'f' AND f.conrelid IN (SELECT t FROM pg_temp.tenant_tables() t)
       AND f.confrelid IN (SELECT t FROM pg_temp.tenant_tables() t)
       AND f.confrelid NOT IN ('users'::regclass, 'tenant_members'::regclass)
       AND pg_get_constraintdef(f.oid) !~ '^FOREIGN KEY \(tenant_id, '$$,
    'every foreign key between tenant tables (other than to users) is (tenant_id, ...)');

-- Tenant B's persona id reused by tenant A's editor: a new row of A, not a 23505 about B's row.
SELECT pg_temp.login('editor_A');
SELECT is(pg_temp.try_undo(format('INSERT INTO personas (id, tenant_id, name, slug) VALUES (%L, %L, ''x'', ''x-reuse'')',
                                  pg_temp.fx('persona_B'), pg_temp.fx('tenant_A'))),
          '1', 'an id that exists in another tenant is no conflict (no 23505 oracle)');
SELECT is(pg_temp.try_undo(format('INSERT INTO personas (id, tenant_id, name, slug) VALUES (%L, %L, ''x'', ''x-reuse'')',
                                  pg_temp.fx('persona_A'), pg_temp.fx('tenant_A'))),
          '23505', 'an id that exists in the same tenant still conflicts');
SELECT pg_temp.logout();

SELECT * FROM finish();
ROLLBACK;
