-- Validation for tables created later: secure-by-default's sibling. A new table with a tenant_id column created
-- in the extension's schema (outside the extension's own scripts, where sql/finalize/40_validation.sql does the
-- work) gets the vital_validate_row trigger at once, like it gets RLS from vital_persona_rls_auto.
-- Opt out with SET vital_persona.validation_auto = off before the CREATE TABLE (docs/validation.md).

CREATE FUNCTION @extschema@.vital_validation_event_trigger() RETURNS event_trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    created record;
BEGIN
    IF pg_catalog.current_setting('vital_persona.validation_auto', true) OPERATOR(pg_catalog.=) 'off' THEN
        RETURN;
    END IF;
    FOR created IN
        SELECT DISTINCT c.oid::pg_catalog.regclass AS tbl  -- a CREATE TABLE reports its FKs as extra commands
        FROM pg_catalog.pg_event_trigger_ddl_commands() d
        JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) d.objid
        WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
          AND NOT d.in_extension
          AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p'])
          AND c.relnamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
          AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                      WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attname OPERATOR(pg_catalog.=) 'tenant_id' AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped)
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
                          WHERE t.tgrelid OPERATOR(pg_catalog.=) c.oid AND t.tgname OPERATOR(pg_catalog.=) 'vital_validate_row')
    LOOP
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON %s '
            'FOR EACH ROW EXECUTE FUNCTION @extschema@.vital_validate_row()', created.tbl);
    END LOOP;
END $$;
COMMENT ON FUNCTION @extschema@.vital_validation_event_trigger() IS
    'Attaches vital_validate_row to a new table with tenant_id in the extension schema. '
    'Opt out with SET vital_persona.validation_auto = off.';
REVOKE ALL ON FUNCTION @extschema@.vital_validation_event_trigger() FROM PUBLIC;

CREATE EVENT TRIGGER vital_persona_validation_auto ON ddl_command_end
    WHEN TAG IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO')
    EXECUTE FUNCTION @extschema@.vital_validation_event_trigger();
