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

-- A user row is global (users.id is the identity everywhere) but the users policies let the admins of its *home*
-- tenant delete it, and tenant_members.user_id cascades: without this guard an admin of tenant A (or the owner of
-- A deleting A) would delete the memberships that *other* tenants granted to a user whose home is A (tenant B loses
-- its admin or owner), and an admin of A would delete an *owner* of A (the cascade removes the owner membership,
-- which the tenant_members policies let only an owner remove). Guard: in an API request (a `sub` in the claims), a
-- user may be deleted only when the caller could remove each of its memberships directly: admin or above in that
-- tenant, and owner for an owner membership. BEFORE DELETE row trigger, so it also fires for the cascade from
-- tenants. SECURITY DEFINER: it must see the memberships in tenants the caller cannot read; it is a trigger
-- function (cannot be called directly, no EXECUTE grant) and reports no other tenant's values.
-- Service role, owner and superuser sessions (no `sub`) are not restricted.
CREATE FUNCTION @extschema@._vital_users_delete_guard()
RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF @extschema@.vital_uid() IS NOT NULL
       AND EXISTS (SELECT 1 FROM @extschema@.tenant_members m
                    WHERE m.user_id OPERATOR(pg_catalog.=) OLD.id
                      AND NOT (m.tenant_id OPERATOR(pg_catalog.=) ANY (@extschema@.vital_tenant_ids('admin'::pg_catalog.text))
                               AND (m.role OPERATOR(pg_catalog.<>) 'owner'::pg_catalog.text
                                    OR m.tenant_id OPERATOR(pg_catalog.=) ANY (@extschema@.vital_tenant_ids('owner'::pg_catalog.text))))) THEN
        RAISE EXCEPTION 'cannot delete user %: it holds a membership you may not remove', OLD.id
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Deleting a user deletes all of its memberships (ON DELETE CASCADE). In an API request you may '
                           'remove a membership only in a tenant where you are admin or above, and an owner membership '
                           'only in a tenant where you are owner.',
                  HINT = 'An owner must remove or demote an owner membership first; an admin of each other tenant must '
                         'remove its membership first.',
                  TABLE = 'users';
    END IF;
    RETURN OLD;
END
$fn$;
COMMENT ON FUNCTION @extschema@._vital_users_delete_guard() IS
    'Trigger: in an API request, a user can be deleted only if the caller could remove each of its memberships itself (admin+ in its tenant, owner for an owner membership): the memberships cascade.';
REVOKE ALL ON FUNCTION @extschema@._vital_users_delete_guard() FROM PUBLIC;
CREATE TRIGGER vital_users_delete_guard BEFORE DELETE ON @extschema@.users
    FOR EACH ROW EXECUTE FUNCTION @extschema@._vital_users_delete_guard();
