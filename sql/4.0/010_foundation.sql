-- Foundation: tenants, users, tenant_members.
-- A tenant is a customer organisation owning persona data (the RLS anchor). users.id is the caller's
-- identity (the JWT 'sub'; auth.users.id on Supabase, no FK to the auth schema). tenant_members says which
-- tenants a user may act in and with which role; users.tenant_id is only the user's home tenant.

CREATE TABLE @extschema@.tenants (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    name text NOT NULL,
    slug text NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT tenants_pkey PRIMARY KEY (id),
    CONSTRAINT slug_format CHECK (slug OPERATOR(pg_catalog.~) '^[a-z0-9-]+$'),
    CONSTRAINT tenants_slug_key UNIQUE (slug)
);
COMMENT ON TABLE @extschema@.tenants IS 'Tenant (customer organisation) owning persona data; RLS anchor. Deleting a tenant deletes all of its data (every tenant FK is ON DELETE CASCADE). [foundation; version 4.0]';
COMMENT ON COLUMN @extschema@.tenants.slug IS 'URL-safe tenant key (lowercase letters, digits, hyphens); unique.';

CREATE TABLE @extschema@.users (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    email text NOT NULL,
    full_name text,
    role text DEFAULT 'user' NOT NULL,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT email_format CHECK (email OPERATOR(pg_catalog.~*) '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$'),
    CONSTRAINT users_tenant_email_key UNIQUE (tenant_id, email),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.users IS 'Minimal user identity for created_by/updated_by/validated_by references and tenant membership. [foundation; version 4.0]';
COMMENT ON COLUMN @extschema@.users.id IS 'Identity of the caller: equals the JWT ''sub'' claim (auth.users.id on Supabase). No FK to auth.users: the extension does not depend on the auth schema.';
COMMENT ON COLUMN @extschema@.users.tenant_id IS 'Home tenant of the user. Access to tenants is governed by tenant_members, not by this column.';
COMMENT ON COLUMN @extschema@.users.role IS 'Informational role label. Authorization uses tenant_members.role.';

CREATE TABLE @extschema@.tenant_members (
    tenant_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text DEFAULT 'viewer' NOT NULL,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT tenant_members_pkey PRIMARY KEY (tenant_id, user_id),
    CONSTRAINT role_allowed CHECK (role OPERATOR(pg_catalog.=) ANY (ARRAY['owner', 'admin', 'editor', 'viewer'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES @extschema@.users (id) ON DELETE CASCADE
);
CREATE INDEX idx_tenant_members_user_id ON @extschema@.tenant_members (user_id);
COMMENT ON TABLE @extschema@.tenant_members IS 'Which users may act in which tenant, and as what (owner, admin, editor, viewer). RLS resolves the caller''s tenants through this table. [foundation; version 4.0]';
COMMENT ON COLUMN @extschema@.tenant_members.role IS 'owner > admin > editor > viewer; default viewer (least privilege).';
