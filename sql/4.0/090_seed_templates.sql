-- ---------------------------------------------------------------------------------------------
-- Persona templates: the data the seed generator (091_seed_generator.sql) expands into personas.
--
-- Global reference data like the lookup_* tables (no tenant_id). One row per template; body is
-- a JSON object with one key per section, named after its table ("personas", "persona_goals",
-- ...), holding one row object (personas) or an array of row objects (column -> value, or a
-- variation spec), plus "$vars" (per-persona variables). Format: docs/seed.md.
--
-- The five built-in templates (is_builtin) are shipped by the extension and are not dumped;
-- templates users add are dumped by pg_dump with the rest of the data
-- (pg_extension_config_dump in sql/finalize/20_seed_templates.sql). Built-in rows are read-only.
--
-- Evidence entries in the built-in templates are ILLUSTRATIVE: invented titles, publishers,
-- experts and numbers that look like what a persona researcher would record. They are marked
-- "Illustrative:" and never carry real citations, DOIs or URLs (example.org where a URL is shown).
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.persona_templates (
  id          uuid        NOT NULL DEFAULT gen_random_uuid(),
  code        text        NOT NULL,
  name        text        NOT NULL,
  description text,
  is_builtin  boolean     NOT NULL DEFAULT false,
  body        jsonb       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT persona_templates_pkey PRIMARY KEY (id),
  CONSTRAINT persona_templates_code_key UNIQUE (code),
  CONSTRAINT persona_templates_code_format CHECK (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  CONSTRAINT persona_templates_name_not_blank CHECK (btrim(name) <> ''),
  CONSTRAINT persona_templates_body_is_object CHECK (jsonb_typeof(body) = 'object')
);

COMMENT ON TABLE @extschema@.persona_templates IS
  'Persona templates for vital_seed_personas(): one JSON body per role, sections keyed by table name. Built-in rows ship with the extension; user rows are dumped. See docs/seed.md.';

-- Built-in rows belong to the extension: a change would be lost at dump/restore (they are not
-- dumped) and overwritten by a later version. Users copy one under a new code instead. The
-- install script lifts the guard with a transaction-local setting while it loads them.
CREATE FUNCTION @extschema@.persona_templates_guard_builtin()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
  IF ((TG_OP <> 'INSERT' AND OLD.is_builtin) OR (TG_OP <> 'DELETE' AND NEW.is_builtin))
     AND coalesce(current_setting('vital_persona.loading_builtin_templates', true), '') <> 'on' THEN
    RAISE EXCEPTION 'built-in persona template "%" is read-only', CASE TG_OP WHEN 'INSERT' THEN NEW.code ELSE OLD.code END
      USING ERRCODE = 'insufficient_privilege',
            DETAIL = 'Built-in templates ship with the extension and are not dumped.',
            HINT = 'Copy it under a new code: INSERT INTO persona_templates (code, name, body) SELECT ''my_code'', name, body FROM persona_templates WHERE code = ''...''.',
            TABLE = 'persona_templates';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    NEW.updated_at := now();
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$fn$;

CREATE TRIGGER persona_templates_guard_builtin
  BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.persona_templates
  FOR EACH ROW EXECUTE FUNCTION @extschema@.persona_templates_guard_builtin();

SELECT pg_catalog.set_config('vital_persona.loading_builtin_templates', 'on', true);

@@TEMPLATES@@
SELECT pg_catalog.set_config('vital_persona.loading_builtin_templates', 'off', true);
