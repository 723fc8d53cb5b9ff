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
        SELECT t AS tbl,
               EXISTS (SELECT 1 FROM @extschema@._vital_member_tables('is_builtin') b WHERE b OPERATOR(pg_catalog.=) t) AS has_builtin
        FROM @extschema@._vital_member_tables() t
        -- derived tables of vital_summary: rebuilt by their triggers while the data is restored
        WHERE t OPERATOR(pg_catalog.<>) ALL (ARRAY['@extschema@._vital_summary_counts'::pg_catalog.regclass,
                        '@extschema@._vital_summary_slots'::pg_catalog.regclass])
    LOOP
        PERFORM pg_catalog.pg_extension_config_dump(
            r.tbl, CASE WHEN r.has_builtin THEN 'WHERE NOT is_builtin' ELSE '' END);
    END LOOP;
END
$schema_config_dump$;
