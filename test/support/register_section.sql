-- Test helper: an application table vp_app.persona_app_notes, registered as a custom section
-- (vital_register_section), with one note per persona. Fills _vital_registered_sections, so a test that needs a
-- row in every table of the extension (dump_restore.sh) covers the registration too. A registered section
-- depends on the extension (foreign key to personas, validation trigger): DROP EXTENSION then needs CASCADE or
-- vital_unregister_section first. Usage: psql -f this file (after CREATE EXTENSION and vp_fill('all') of fill.sql).
SELECT quote_ident(n.nspname) AS vp_ext FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE e.extname = 'vital_persona' \gset
CREATE SCHEMA vp_app;
CREATE TABLE vp_app.persona_app_notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id uuid NOT NULL,
                                       persona_id uuid NOT NULL, note text NOT NULL);
SELECT count(*) AS registration_statements FROM :vp_ext.vital_register_section('vp_app.persona_app_notes');
INSERT INTO vp_app.persona_app_notes (tenant_id, persona_id, note) SELECT tenant_id, id, 'note' FROM :vp_ext.personas;
