-- Tenant isolation, part 2: the policy generator (C++, src/rls.cpp) and its event trigger.
-- docs/security.md describes the policies, the roles matrix and how to audit. The policies themselves are
-- created by sql/finalize/30_rls.sql at the end of every install and update script (pg_dump does not dump
-- policies of extension tables, so CREATE EXTENSION on restore must recreate them).

-- Dry run: the statements vital_rls_apply() would execute now; no rows when everything is in place.
CREATE FUNCTION @extschema@.vital_rls_preview() RETURNS TABLE (table_name text, statement text)
    LANGUAGE c VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_rls_preview';
COMMENT ON FUNCTION @extschema@.vital_rls_preview() IS
    'Dry run of vital_rls_apply(): the DDL it would execute now (RLS flags, policies, grants); empty when in sync.';

-- Apply: idempotent, repairs drift (missing, changed or extra policies, RLS flags, grants). SECURITY DEFINER so
-- that the extension owner can repair tables owned by the bootstrap superuser (Supabase: postgres does not own
-- member tables); it only ever runs statements the generator builds from catalog names (quoted), and only the
-- extension owner may call it.
CREATE FUNCTION @extschema@.vital_rls_apply() RETURNS TABLE (table_name text, statement text)
    LANGUAGE c VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_rls_apply';
COMMENT ON FUNCTION @extschema@.vital_rls_apply() IS
    'Brings every table of the extension schema to the generated RLS state (idempotent); returns the DDL it ran.';

-- Audit: one row per problem (rls_disabled, rls_not_forced, policy_missing, policy_extra, policy_differs,
-- per_row_call, always_true, grant_differs, function_executable_by_public/anon, opted_out, ...).
CREATE FUNCTION @extschema@.vital_rls_audit() RETURNS TABLE (object_name text, problem text, detail text)
    LANGUAGE c VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_rls_audit';
COMMENT ON FUNCTION @extschema@.vital_rls_audit() IS
    'Reports every tenant-isolation problem of the extension schema: RLS off, missing/extra/different policies, '
    'per-row function calls, always-true policies, wrong grants.';

CREATE FUNCTION @extschema@.vital_rls_event_trigger() RETURNS event_trigger
    LANGUAGE c VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_rls_event_trigger';
COMMENT ON FUNCTION @extschema@.vital_rls_event_trigger() IS
    'Secure by default: a new table with tenant_id in the extension schema gets RLS, policies and grants. '
    'Opt out with SET vital_persona.rls_auto = off.';

REVOKE ALL ON FUNCTION @extschema@.vital_rls_preview() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.vital_rls_apply() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.vital_rls_audit() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.vital_rls_event_trigger() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.vital_rls_preview() TO @extowner@;
GRANT EXECUTE ON FUNCTION @extschema@.vital_rls_apply() TO @extowner@;
GRANT EXECUTE ON FUNCTION @extschema@.vital_rls_audit() TO @extowner@;

CREATE EVENT TRIGGER vital_persona_rls_auto ON ddl_command_end
    WHEN TAG IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO')
    EXECUTE FUNCTION @extschema@.vital_rls_event_trigger();
