-- Feature (not schema section 60): constraint-aware validation (docs/validation.md).
--   vital_validate_row()  BEFORE INSERT OR UPDATE row trigger on every tenant table (attached by
--                         sql/finalize/40_validation.sql): reports every violated rule of a row in one error
--                         (SQLSTATE 23514, DETAIL = JSON array of violations) and normalises documented input.
--   vital_validate()      the same checks on a candidate row (jsonb) without writing it.
-- Settings: vital_persona.validation, vital_persona.validation_fill_tenant, vital_persona.validation_trim_text,
-- vital_persona.validation_fix_case (all on by default, settable by any user: declared constraints still apply).

CREATE FUNCTION @extschema@.vital_validate_row() RETURNS trigger
    LANGUAGE c
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_validate_row';
COMMENT ON FUNCTION @extschema@.vital_validate_row() IS
    'Validation trigger: reports every violated NOT NULL, CHECK, lookup and tenant rule of a row at once (SQLSTATE 23514, JSON list in DETAIL); trims text, fixes the case of enumerated values, fills tenant_id from the parent.';
REVOKE ALL ON FUNCTION @extschema@.vital_validate_row() FROM PUBLIC;

CREATE FUNCTION @extschema@.vital_validate(target regclass, candidate jsonb) RETURNS jsonb
    LANGUAGE c VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_validate';
COMMENT ON FUNCTION @extschema@.vital_validate(regclass, jsonb) IS
    'Dry run of the validation trigger: the violations a candidate row (JSON object of column values) would raise on INSERT into target, as a JSON array (empty when valid). Needs INSERT or UPDATE privilege on target.';
REVOKE ALL ON FUNCTION @extschema@.vital_validate(regclass, jsonb) FROM PUBLIC;
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['authenticated', 'service_role'] LOOP
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) r) THEN
            EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION @extschema@.vital_validate(regclass, jsonb) TO %I', r);
        END IF;
    END LOOP;
END $$;
