-- finalize: runs last in every install and update script (4.0, 5.0, 4.0--5.0).
-- Every block is idempotent: it runs again at each update and must only add what is missing.
-- Blocks loop over the catalog (the extension's member tables in @extschema@), so tables added by a later
-- version are picked up without editing this file.

-- ==== [schema] 1. pg_dump registration of member tables ===================================================
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

-- ==== [schema] 2. updated_at maintenance ===================================================================
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

-- ==== [schema] 3. Row level security ======================================================================
-- Replaced by the policy generator: sql/finalize/30_rls.sql (runs after this file) enables and forces RLS on
-- every table of the schema and creates the generated policies and grants (docs/security.md).
