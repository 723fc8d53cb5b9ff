-- finalize (runs last in every install and update script; idempotent): who may ask for the drift report.
-- vital_schema_drift() and its helpers read only the catalog (readable by every role) and the registry, so they
-- need no SECURITY DEFINER; EXECUTE goes to service_role and to the extension's owner (Supabase's postgres is
-- not a superuser), never to PUBLIC, anon or authenticated (the report names every object, policy and grant).
DO $do$
DECLARE
    fn text;
    owner_name text;
BEGIN
    SELECT r.rolname INTO owner_name FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) e.extowner
    WHERE e.extname OPERATOR(pg_catalog.=) 'vital_persona' AND NOT r.rolsuper;
    FOREACH fn IN ARRAY ARRAY['@extschema@.vital_schema_drift()', '@extschema@._vital_schema_facts()',
                              '@extschema@._vital_schema_registry()', '@extschema@._vital_schema_diff()',
                              '@extschema@._vital_schema_drift_severity(text, text, text)'] LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', fn);
        IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'service_role') THEN
            EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO service_role', fn);
        END IF;
        IF owner_name IS NOT NULL THEN
            EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO %I', fn, owner_name);
        END IF;
    END LOOP;
END
$do$;
