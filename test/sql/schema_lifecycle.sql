-- Schema lifecycle: install into a non-public schema, DROP EXTENSION ... CASCADE leaves nothing behind,
-- and the extension can be created again (fresh default version, 4.0 + update to it). No OIDs or timings.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS vital_persona CASCADE;
DROP SCHEMA IF EXISTS vp_lifecycle CASCADE;
CREATE SCHEMA vp_lifecycle;

-- every object in the schema, as kind (schema looked up by name: a regnamespace constant would make the
-- view depend on the schema)
CREATE VIEW pg_temp.schema_objects AS
SELECT 'relation' AS kind FROM pg_class WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'vp_lifecycle')
UNION ALL SELECT 'function' FROM pg_proc WHERE pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'vp_lifecycle')
UNION ALL SELECT 'type' FROM pg_type WHERE typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'vp_lifecycle')
UNION ALL SELECT 'constraint' FROM pg_constraint WHERE connamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'vp_lifecycle')
UNION ALL SELECT 'operator' FROM pg_operator WHERE oprnamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'vp_lifecycle')
UNION ALL SELECT 'collation' FROM pg_collation WHERE collnamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'vp_lifecycle')
UNION ALL SELECT 'conversion' FROM pg_conversion WHERE connamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'vp_lifecycle')
UNION ALL SELECT 'text search' FROM pg_ts_config WHERE cfgnamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'vp_lifecycle')
UNION ALL SELECT 'operator class' FROM pg_opclass WHERE opcnamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'vp_lifecycle');

-- member tables of the extension and where they live
CREATE VIEW pg_temp.member_tables AS
SELECT c.relname, c.relnamespace::regnamespace::text AS schema
FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'vital_persona') AND c.relkind = 'r';

-- 1. fresh install of the default version into vp_lifecycle
CREATE EXTENSION vital_persona SCHEMA vp_lifecycle;
-- (compared with the control file's default_version, so the output does not change with each new version)
CREATE VIEW pg_temp.is_default_version AS
SELECT extversion = (SELECT default_version FROM pg_available_extensions WHERE name = 'vital_persona') AS is_default_version
FROM pg_extension WHERE extname = 'vital_persona';
SELECT is_default_version, (SELECT extnamespace::regnamespace FROM pg_extension WHERE extname = 'vital_persona') AS schema
FROM pg_temp.is_default_version;
SELECT schema, count(*) AS member_tables FROM pg_temp.member_tables GROUP BY schema;
-- no table in the schema escapes membership (it would survive DROP EXTENSION)
SELECT count(*) AS non_member_tables FROM pg_class c
WHERE c.relnamespace = 'vp_lifecycle'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e');
SELECT count(*) > 0 AS has_functions FROM pg_proc WHERE pronamespace = 'vp_lifecycle'::regnamespace;
-- the shipped lookup rows are there, in the extension's schema
SELECT count(*) > 0 AS lookup_rows FROM vp_lifecycle.lookup_seniority_levels WHERE is_builtin;

-- 2. DROP ... CASCADE leaves nothing behind
DROP EXTENSION vital_persona CASCADE;
SELECT kind, count(*) FROM pg_temp.schema_objects GROUP BY kind ORDER BY kind;
SELECT count(*) AS extension_rows FROM pg_extension WHERE extname = 'vital_persona';

-- 3. re-create works, then the 4.0 install and its update
CREATE EXTENSION vital_persona SCHEMA vp_lifecycle;
SELECT schema, count(*) AS member_tables FROM pg_temp.member_tables GROUP BY schema;
DROP EXTENSION vital_persona CASCADE;
CREATE EXTENSION vital_persona VERSION '4.0' SCHEMA vp_lifecycle;
SELECT extversion FROM pg_extension WHERE extname = 'vital_persona';
SELECT schema, count(*) AS member_tables FROM pg_temp.member_tables GROUP BY schema;
-- a plain UPDATE: through every released step to the default version
ALTER EXTENSION vital_persona UPDATE;
SELECT is_default_version FROM pg_temp.is_default_version;
SELECT schema, count(*) AS member_tables FROM pg_temp.member_tables GROUP BY schema;
DROP EXTENSION vital_persona CASCADE;
SELECT kind, count(*) FROM pg_temp.schema_objects GROUP BY kind ORDER BY kind;

-- the schema is empty: dropping it without CASCADE succeeds
DROP SCHEMA vp_lifecycle;
