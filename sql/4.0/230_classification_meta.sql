-- Tags and key/value metadata
-- Tables: persona_tags, persona_metadata.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_tags (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    tag_name text NOT NULL,
    tag_category text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_tags_pkey PRIMARY KEY (id),
    CONSTRAINT unique_persona_tag UNIQUE (tenant_id, persona_id, tag_name),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.persona_tags IS 'Free-form tags, unique per persona [section 1-56/classification-meta; version 4.0]';

CREATE TABLE @extschema@.persona_metadata (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    meta_key text NOT NULL,
    meta_value text NOT NULL,
    data_type text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_metadata_pkey PRIMARY KEY (id),
    CONSTRAINT unique_persona_metadata UNIQUE (tenant_id, persona_id, meta_key),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.persona_metadata IS 'Key/value metadata, unique key per persona [section 1-56/classification-meta; version 4.0]';
