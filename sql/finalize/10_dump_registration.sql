-- finalize: runs last in every install and update script (4.0, 5.0, 4.0--5.0), files in name order.
-- Idempotent: it runs again at each update and only adds what is missing. It loops over the catalog (the
-- extension's member tables in @extschema@), so tables added by a later version are picked up unchanged.

-- ==== pg_dump registration of member tables ===================================================
-- pg_dump emits only CREATE EXTENSION for member tables: without this their rows would be lost on
-- dump/restore. Lookup tables (they have is_builtin) dump only user-added rows: the shipped rows are
-- recreated by CREATE EXTENSION and dumping them too would make the restore fail on duplicate codes.
DO $schema_config_dump$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.oid::pg_catalog.regclass AS tbl,
               EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                       WHERE a.attrelid = c.oid AND a.attname = 'is_builtin' AND NOT a.attisdropped) AS has_builtin
        FROM pg_catalog.pg_depend d
        JOIN pg_catalog.pg_class c ON c.oid = d.objid
        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
          AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
          AND d.refobjid = (SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname = 'vital_persona')
          AND d.deptype = 'e'
          AND c.relkind IN ('r', 'p')
          AND c.relnamespace = '@extschema@'::pg_catalog.regnamespace
          -- derived tables of vital_summary: rebuilt by their triggers while the data is restored
          AND c.relname NOT IN ('_vital_summary_counts', '_vital_summary_slots')
        ORDER BY c.relname
    LOOP
        PERFORM pg_catalog.pg_extension_config_dump(
            r.tbl, CASE WHEN r.has_builtin THEN 'WHERE NOT is_builtin' ELSE '' END);
    END LOOP;
END
$schema_config_dump$;
