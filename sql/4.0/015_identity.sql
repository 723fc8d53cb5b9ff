-- Tenant isolation, part 1: who is calling (docs/security.md).
-- The caller's identity is the JSON of the `request.jwt.claims` setting, as PostgREST/Supabase set it per
-- transaction (`sub` = users.id). Membership (tenant_members) turns it into tenants and a role per tenant.
-- `app_metadata.tenant_id` may narrow the request to one *active* tenant, only among the caller's
-- memberships; `user_metadata` is never read.

-- The verified claims of the current request, '{}' when there are none (after COMMIT the setting reads '').
CREATE FUNCTION @extschema@.vital_jwt_claims() RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT coalesce(nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb, '{}'::jsonb) $$;
COMMENT ON FUNCTION @extschema@.vital_jwt_claims() IS
    'Claims of the current request (setting request.jwt.claims, as PostgREST sets it); {} when none.';

-- users.id of the caller: the `sub` claim when it is a uuid, else NULL (never an error: a bad token denies).
CREATE FUNCTION @extschema@.vital_uid() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN s::uuid END
    FROM (SELECT @extschema@.vital_jwt_claims() ->> 'sub') AS c(s) $$;
COMMENT ON FUNCTION @extschema@.vital_uid() IS
    'Caller''s user id: the sub claim of request.jwt.claims when it is a uuid, else NULL.';

-- Tenants in which the caller holds at least `min_role` (viewer < editor < admin < owner), restricted to the
-- active tenant when app_metadata.tenant_id is present. SECURITY DEFINER: it reads tenant_members, whose
-- own policies call this function; the definer is the bootstrap superuser that runs the extension script, who
-- is exempt from RLS (even FORCEd), so there is no policy recursion. Policies call it wrapped as
-- `(SELECT vital_tenant_ids('…'))` so it runs once per statement (initPlan), never per row.
CREATE FUNCTION @extschema@.vital_tenant_ids(min_role text DEFAULT 'viewer') RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    ranks CONSTANT text[] := ARRAY['viewer', 'editor', 'admin', 'owner'];
    min_rank int := pg_catalog.array_position(ranks, min_role);
    -- Parsed here once (not through vital_uid()/vital_jwt_claims(): each nested call with its own
    -- SET search_path costs a GUC save/restore; this function runs once per table per statement).
    claims jsonb := coalesce(nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb, '{}'::jsonb);
    sub text := claims ->> 'sub';
    uid uuid;
    active jsonb := claims #> '{app_metadata,tenant_id}';
    active_id uuid;
    result uuid[];
BEGIN
    IF sub ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
        uid := sub::uuid;
    END IF;
    IF min_rank IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = pg_catalog.format('unknown tenant role "%s"', min_role),
            HINT = 'Use one of: viewer, editor, admin, owner.';
    END IF;
    IF uid IS NULL THEN
        RETURN '{}';
    END IF;
    IF active IS NOT NULL AND active <> 'null'::jsonb THEN
        -- A malformed active tenant denies everything rather than falling back to all memberships.
        IF pg_catalog.jsonb_typeof(active) <> 'string'
           OR active #>> '{}' !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
            RETURN '{}';
        END IF;
        active_id := (active #>> '{}')::uuid;
    END IF;
    SELECT coalesce(pg_catalog.array_agg(m.tenant_id ORDER BY m.tenant_id), '{}') INTO result
    FROM @extschema@.tenant_members m
    WHERE m.user_id = uid
      AND pg_catalog.array_position(ranks, m.role::text) >= min_rank
      AND (active_id IS NULL OR m.tenant_id = active_id);
    RETURN result;
END $$;
COMMENT ON FUNCTION @extschema@.vital_tenant_ids(text) IS
    'Tenants where the caller (request.jwt.claims sub) is a member with at least min_role, narrowed to '
    'app_metadata.tenant_id when present. Used by the generated RLS policies.';
REVOKE ALL ON FUNCTION @extschema@.vital_tenant_ids(text) FROM PUBLIC;
