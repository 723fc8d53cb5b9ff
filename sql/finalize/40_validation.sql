-- finalize: the validation trigger on every tenant table (every member table of the extension with a
-- tenant_id column), including tables an update script has just created. Idempotent. User tables that happen
-- to live in the same schema (e.g. public) are left alone.
-- The name sorts after set_updated_at, so the trigger sees the row as the other BEFORE triggers leave it.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT n.nspname, c.relname
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relnamespace = '@extschema@'::pg_catalog.regnamespace
          AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                      JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
                      WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
                        AND d.deptype = 'e')
          AND c.relkind IN ('r', 'p')
          AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND a.attnum > 0 AND NOT a.attisdropped)
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger tg
                          WHERE tg.tgrelid = c.oid AND tg.tgname = 'vital_validate_row')
        ORDER BY c.relname
    LOOP
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON %I.%I '
            'FOR EACH ROW EXECUTE FUNCTION @extschema@.vital_validate_row()', t.nspname, t.relname);
    END LOOP;
END $$;
