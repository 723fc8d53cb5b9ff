-- finalize: persona templates (090_seed_templates.sql). Runs at install and at every update.
-- User-added templates are dumped by pg_dump with the data; the built-in rows are recreated by
-- CREATE EXTENSION and must not be dumped (they would collide on restore).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.persona_templates', 'WHERE NOT is_builtin');

-- Global reference data, like the lookup tables: readable by authenticated, writable by the owner
-- and service_role (the API roles are optional: plain PostgreSQL has none of them). The table opts out
-- of the RLS generator (comment marker "vital_persona:rls=manual", docs/security.md): RLS is enabled
-- but not forced, so the owner (Supabase: postgres, not a superuser) can still manage templates;
-- service_role has BYPASSRLS; authenticated gets one SELECT policy and no write privilege.
ALTER TABLE @extschema@.persona_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE @extschema@.persona_templates NO FORCE ROW LEVEL SECURITY;
DO $grants$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = '@extschema@.persona_templates'::pg_catalog.regclass
                   AND polname = 'persona_templates_read') THEN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'authenticated') THEN
      CREATE POLICY persona_templates_read ON @extschema@.persona_templates FOR SELECT TO authenticated USING (true);
    ELSE
      CREATE POLICY persona_templates_read ON @extschema@.persona_templates FOR SELECT TO PUBLIC USING (true);
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'authenticated') THEN
    GRANT SELECT ON @extschema@.persona_templates TO authenticated;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'service_role') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON @extschema@.persona_templates TO service_role;
    GRANT EXECUTE ON FUNCTION @extschema@.vital_seed_personas(uuid, integer, integer, text[]) TO service_role;
    GRANT EXECUTE ON FUNCTION @extschema@.vital_seed_spec_sql(text, text, text) TO service_role;
    GRANT EXECUTE ON FUNCTION @extschema@.vital_seed_is_spec(jsonb) TO service_role;
  END IF;
END
$grants$;
