-- finalize (summary counters): discover the sections of this version, assign slots, (re)create the maintenance
-- triggers, backfill when sections were added (4.0 -> 5.0), and keep the derived tables unreadable by API roles
-- whatever an earlier finalize step granted (idempotent; docs/summary.md "Maintained counts").
SELECT @extschema@._vital_summary_counts_install() AS summary_sections_added;
DO $do$
DECLARE
    r text;
BEGIN
    REVOKE ALL ON @extschema@._vital_summary_counts, @extschema@._vital_summary_slots FROM PUBLIC;
    -- service_role (BYPASSRLS, sees every row of every section anyway) keeps the privileges it holds on every
    -- table (repairs, vital_summary_rebuild_counts); anon and authenticated get nothing.
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'service_role') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON @extschema@._vital_summary_counts, @extschema@._vital_summary_slots TO service_role;
        -- PostgreSQL 17's MAINTAIN (VACUUM, ANALYZE, REINDEX, LOCK TABLE) comes with a schema's default ACL
        -- (Supabase: GRANT ALL ON TABLES); like the generator on the other tables, service_role gets none.
        IF pg_catalog.current_setting('server_version_num')::pg_catalog.int4 OPERATOR(pg_catalog.>=) 170000 THEN
            EXECUTE 'REVOKE MAINTAIN ON @extschema@._vital_summary_counts, @extschema@._vital_summary_slots FROM service_role';
        END IF;
    END IF;
    FOREACH r IN ARRAY ARRAY['anon', 'authenticated'] LOOP
        IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) r) THEN
            EXECUTE pg_catalog.format('REVOKE ALL ON @extschema@._vital_summary_counts, @extschema@._vital_summary_slots FROM %I', r);
        END IF;
    END LOOP;
END
$do$;
