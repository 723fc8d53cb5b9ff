-- Tenant isolation, part 1: who is calling (docs/security.md).
-- The caller's identity is the JSON of the `request.jwt.claims` setting, as PostgREST/Supabase set it per
-- transaction (`sub` = users.id). Membership (tenant_members) turns it into tenants and a role per tenant.
-- `app_metadata.tenant_id` may narrow the request to one *active* tenant, only among the caller's
-- memberships; `user_metadata` is never read.

-- The verified claims of the current request, '{}' when there are none (after COMMIT the setting reads '').
CREATE FUNCTION @extschema@.vital_jwt_claims() RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT CASE WHEN c.v OPERATOR(pg_catalog.<>) '' THEN c.v::jsonb ELSE '{}'::jsonb END
       FROM (SELECT pg_catalog.current_setting('request.jwt.claims', true) AS v) c $$;
COMMENT ON FUNCTION @extschema@.vital_jwt_claims() IS
    'Claims of the current request (setting request.jwt.claims, as PostgREST sets it); {} when none.';

-- users.id of the caller: the `sub` claim when it is a uuid, else NULL (never an error: a bad token denies).
CREATE FUNCTION @extschema@.vital_uid() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN s OPERATOR(pg_catalog.~*) '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN s::uuid END
    FROM (SELECT @extschema@.vital_jwt_claims() OPERATOR(pg_catalog.->>) 'sub') AS c(s) $$;
COMMENT ON FUNCTION @extschema@.vital_uid() IS
    'Caller''s user id: the sub claim of request.jwt.claims when it is a uuid, else NULL.';

-- Tenants in which the caller holds at least `min_role` (viewer < editor < admin < owner), restricted to the
-- active tenant when app_metadata.tenant_id is present. Policies call it wrapped as
-- `(SELECT vital_tenant_ids('…'))` so it runs once per table reference per statement (initPlan), never per
-- row. C++ (src/identity.cpp): the claims are parsed once per distinct text, tenant_members is read with a
-- direct index scan under the caller's snapshot (RLS is applied by the rewriter, not to such a scan: no policy
-- recursion, so no SECURITY DEFINER), and the memberships are memoised while the visible contents of
-- tenant_members cannot have changed (same transaction, subtransaction, command id and snapshot). Nothing is
-- resolved through search_path; it is pinned anyway, like every function of the extension.
CREATE FUNCTION @extschema@.vital_tenant_ids(min_role text DEFAULT 'viewer') RETURNS uuid[]
    LANGUAGE c STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_tenant_ids';
COMMENT ON FUNCTION @extschema@.vital_tenant_ids(text) IS
    'Tenants where the caller (request.jwt.claims sub) is a member with at least min_role, narrowed to '
    'app_metadata.tenant_id when present. Used by the generated RLS policies.';
REVOKE ALL ON FUNCTION @extschema@.vital_tenant_ids(text) FROM PUBLIC;

-- Memo counters of this backend (hits, misses) of vital_tenant_ids(): a diagnostic for the tests and the
-- benchmark; extension owner only.
CREATE FUNCTION @extschema@.vital_tenant_ids_memo_stats(OUT hits bigint, OUT misses bigint)
    LANGUAGE c VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_tenant_ids_memo_stats';
COMMENT ON FUNCTION @extschema@.vital_tenant_ids_memo_stats() IS
    'Diagnostic: memo hits and misses of vital_tenant_ids() in this backend.';
REVOKE ALL ON FUNCTION @extschema@.vital_tenant_ids_memo_stats() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.vital_tenant_ids_memo_stats() TO @extowner@;
