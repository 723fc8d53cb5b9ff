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
    END IF;
    FOREACH r IN ARRAY ARRAY['anon', 'authenticated'] LOOP
        IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) r) THEN
            EXECUTE pg_catalog.format('REVOKE ALL ON @extschema@._vital_summary_counts, @extschema@._vital_summary_slots FROM %I', r);
        END IF;
    END LOOP;
END
$do$;
