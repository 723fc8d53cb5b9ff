-- versions: 4.0 5.0
-- A registered custom section isolates tenants like the extension's own tables: the generated policies on the
-- application's table (in its own schema), as PostgREST requests of each membership role, and its count in
-- vital_summary as the caller sees it. Grants on the table stay the owner's choice (given here).
BEGIN;
SELECT plan(10);
\ir ../support/rls_fixture.sql

CREATE SCHEMA custom_iso;
CREATE TABLE custom_iso.persona_iso_notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id uuid NOT NULL,
                                           persona_id uuid NOT NULL, secret text NOT NULL);
CREATE INDEX ON custom_iso.persona_iso_notes (persona_id);
GRANT USAGE ON SCHEMA custom_iso TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON custom_iso.persona_iso_notes TO authenticated;
SELECT count(*) FROM vital_register_section('custom_iso.persona_iso_notes');
INSERT INTO custom_iso.persona_iso_notes (tenant_id, persona_id, secret)
VALUES (pg_temp.fx('tenant_A'), pg_temp.fx('persona_A'), 'secret of A'),
       (pg_temp.fx('tenant_B'), pg_temp.fx('persona_B'), 'secret of B');

SELECT pg_temp.login('viewer_A');
SELECT is(pg_temp.scalar('SELECT string_agg(secret, '','') FROM custom_iso.persona_iso_notes'), 'secret of A',
    'a viewer of A reads only A''s rows of the registered section');
SELECT is(pg_temp.scalar(format($$SELECT vital_summary(%L) #>> '{sections,persona_iso_notes}'$$, pg_temp.fx('persona_A'))), '1',
    'vital_summary counts the registered section for a viewer of A');
SELECT is(pg_temp.try(format($$INSERT INTO custom_iso.persona_iso_notes (tenant_id, persona_id, secret) VALUES (%L, %L, 'x')$$,
                             pg_temp.fx('tenant_A'), pg_temp.fx('persona_A'))), '42501', 'a viewer cannot write');
SELECT pg_temp.login('editor_A');
SELECT is(pg_temp.try(format($$INSERT INTO custom_iso.persona_iso_notes (tenant_id, persona_id, secret) VALUES (%L, %L, 'x')$$,
                             pg_temp.fx('tenant_A'), pg_temp.fx('persona_A'))), '1', 'an editor of A writes in A');
SELECT is(pg_temp.try(format($$INSERT INTO custom_iso.persona_iso_notes (tenant_id, persona_id, secret) VALUES (%L, %L, 'x')$$,
                             pg_temp.fx('tenant_B'), pg_temp.fx('persona_B'))), '42501', 'but not in B');
SELECT is(pg_temp.try(format($$UPDATE custom_iso.persona_iso_notes SET tenant_id = %L, persona_id = %L WHERE secret = 'secret of A'$$,
                             pg_temp.fx('tenant_B'), pg_temp.fx('persona_B'))), '42501', 'and cannot move a row to B');
SELECT is(pg_temp.try('DELETE FROM custom_iso.persona_iso_notes WHERE secret = ''secret of B'''), '0',
    'nor delete B''s rows (it cannot see them)');
SELECT pg_temp.login('owner_B');
SELECT is(pg_temp.scalar('SELECT string_agg(secret, '','') FROM custom_iso.persona_iso_notes'), 'secret of B',
    'an owner of B reads only B''s rows');
SELECT pg_temp.login('outsider');
SELECT is(pg_temp.scalar('SELECT count(*) FROM custom_iso.persona_iso_notes'), '0', 'a user without membership reads nothing');
SELECT pg_temp.as_anon();
SELECT is(pg_temp.scalar('SELECT count(*) FROM custom_iso.persona_iso_notes'), '42501', 'anon is refused (no grant)');
SELECT pg_temp.logout();

SELECT * FROM finish();
ROLLBACK;
