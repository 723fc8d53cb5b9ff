-- finalize: the validation trigger on every tenant table (every member table of the extension with a
-- tenant_id column), including tables an update script has just created. Idempotent. User tables that happen
-- to live in the same schema (e.g. public) are left alone.
-- The name sorts after set_updated_at, so the trigger sees the row as the other BEFORE triggers leave it.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT tbl
        FROM @extschema@._vital_member_tables('tenant_id') tbl
        WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger tg WHERE tg.tgrelid OPERATOR(pg_catalog.=) tbl AND tg.tgname OPERATOR(pg_catalog.=) 'vital_validate_row')
    LOOP
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON %s '
            'FOR EACH ROW EXECUTE FUNCTION @extschema@.vital_validate_row()', t.tbl);
    END LOOP;
END $$;
