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
        SELECT n.nspname, c.relname
        FROM pg_catalog.pg_depend d
        JOIN pg_catalog.pg_class c ON c.oid = d.objid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
          AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
          AND d.refobjid = (SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname = 'vital_persona')
          AND d.deptype = 'e'
          AND c.relkind IN ('r', 'p')
          AND c.relnamespace = '@extschema@'::pg_catalog.regnamespace
          AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'updated_at' AND NOT a.attisdropped)
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
                          WHERE t.tgrelid = c.oid AND t.tgname = 'set_updated_at')
        ORDER BY c.relname
    LOOP
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER set_updated_at BEFORE UPDATE ON %I.%I FOR EACH ROW EXECUTE FUNCTION @extschema@.set_updated_at()',
            r.nspname, r.relname);
    END LOOP;
END
$schema_updated_at$;
