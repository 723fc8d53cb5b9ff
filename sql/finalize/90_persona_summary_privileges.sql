-- finalize (runs last in every install and update script; idempotent): privileges of the persona summary objects.
-- persona_summary (materialized view) ignores RLS: it must never be readable by PUBLIC or the API roles, whatever
-- an earlier finalize step granted schema-wide. persona_summary_live (security_invoker view) is the API listing.
DO $do$
DECLARE
    r text;
BEGIN
    IF pg_catalog.to_regclass('@extschema@.persona_summary') IS NULL THEN
        RETURN;   -- version 4.0 has no summary objects
    END IF;
    REVOKE ALL ON @extschema@.persona_summary FROM PUBLIC;
    REVOKE ALL ON @extschema@.persona_summary_live FROM PUBLIC;
    REVOKE ALL ON FUNCTION @extschema@.refresh_persona_summary(boolean) FROM PUBLIC;
    FOREACH r IN ARRAY ARRAY['anon', 'authenticated', 'service_role'] LOOP
        IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) r) THEN
            EXECUTE pg_catalog.format('REVOKE ALL ON @extschema@.persona_summary FROM %I', r);
        END IF;
    END LOOP;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'anon') THEN
        EXECUTE 'REVOKE ALL ON @extschema@.persona_summary_live FROM anon';
        EXECUTE 'REVOKE ALL ON FUNCTION @extschema@.refresh_persona_summary(boolean) FROM anon';
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'authenticated') THEN
        EXECUTE 'GRANT SELECT ON @extschema@.persona_summary_live TO authenticated';
        EXECUTE 'REVOKE ALL ON FUNCTION @extschema@.refresh_persona_summary(boolean) FROM authenticated';
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'service_role') THEN
        EXECUTE 'GRANT SELECT ON @extschema@.persona_summary_live TO service_role';
        EXECUTE 'GRANT EXECUTE ON FUNCTION @extschema@.refresh_persona_summary(boolean) TO service_role';
    END IF;
END
$do$;
