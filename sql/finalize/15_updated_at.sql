-- finalize: runs last in every install and update script (4.0, 5.0, 4.0--5.0), files in name order.
-- Idempotent: it runs again at each update and only adds what is missing. It loops over the catalog (the
-- extension's member tables in @extschema@), so tables added by a later version are picked up unchanged.

-- ==== updated_at maintenance ===================================================================
-- BEFORE UPDATE trigger set_updated_at (function in 020_common.sql) on every member table that has an
-- updated_at column; skipped where the trigger already exists.
DO $schema_updated_at$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT t AS tbl
        FROM @extschema@._vital_member_tables('updated_at') t
        WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g WHERE g.tgrelid OPERATOR(pg_catalog.=) t AND g.tgname OPERATOR(pg_catalog.=) 'set_updated_at')
    LOOP
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER set_updated_at BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION @extschema@.set_updated_at()',
            r.tbl);
    END LOOP;
END
$schema_updated_at$;
