-- Social media, groups, influencers followed
-- Tables: persona_social_media, persona_groups_memberships, persona_influencers_followed.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_social_media (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    platform_name text NOT NULL,
    activity_level text,
    primary_usage text,
    post_frequency text,
    follower_count_range text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_social_media_pkey PRIMARY KEY (id),
    CONSTRAINT activity_level_allowed CHECK (activity_level OPERATOR(pg_catalog.=) ANY (ARRAY['very_active','active','moderate','low','inactive'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_social_media_tenant_persona ON @extschema@.persona_social_media (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_social_media IS 'Social platforms used and activity level [section 1-56/social-community; version 4.0]';

CREATE TABLE @extschema@.persona_groups_memberships (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    group_name text NOT NULL,
    platform text,
    participation_level text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_groups_memberships_pkey PRIMARY KEY (id),
    CONSTRAINT participation_level_allowed CHECK (participation_level OPERATOR(pg_catalog.=) ANY (ARRAY['very_active','active','lurker','inactive'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_groups_memberships_tenant_persona ON @extschema@.persona_groups_memberships (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_groups_memberships IS 'Professional groups and participation level [section 1-56/social-community; version 4.0]';

CREATE TABLE @extschema@.persona_influencers_followed (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    influencer_name text NOT NULL,
    influencer_type text,
    platform text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_influencers_followed_pkey PRIMARY KEY (id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_influencers_followed_tenant_persona ON @extschema@.persona_influencers_followed (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_influencers_followed IS 'Industry influencers the persona follows [section 1-56/social-community; version 4.0]';
