-- finalize: persona templates (090_seed_templates.sql). Runs at install and at every update.
-- User-added templates are dumped by pg_dump with the data; the built-in rows are recreated by
-- CREATE EXTENSION and must not be dumped (they would collide on restore).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lookup_persona_templates', 'WHERE NOT is_builtin');

-- Row-level security and table grants of lookup_persona_templates come from the RLS generator
-- (finalize/30_rls.sql), as for every lookup_* table: readable by authenticated, writable by
-- service_role. The generator function is for service_role only.
DO $grants$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'service_role') THEN
    GRANT EXECUTE ON FUNCTION @extschema@.vital_seed_personas(uuid, integer, integer, text[]) TO service_role;
    GRANT EXECUTE ON FUNCTION @extschema@.vital_seed_spec_sql(text, text, text) TO service_role;
    GRANT EXECUTE ON FUNCTION @extschema@.vital_seed_is_spec(jsonb) TO service_role;
  END IF;
END
$grants$;
