-- Quotes, values, personality traits
-- Tables: persona_quotes, persona_values, persona_personality_traits.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_quotes (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    quote_text text,
    context text,
    emotion text,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_quotes_pkey PRIMARY KEY (id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_quotes_tenant_persona ON @extschema@.persona_quotes (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_quotes IS 'Representative quotes with context and emotion [section 1-56/psychographics; version 4.0]';

CREATE TABLE @extschema@.persona_values (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    value_name text,
    value_description text,
    rank_order integer,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_values_pkey PRIMARY KEY (id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_values_tenant_persona ON @extschema@.persona_values (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_values IS 'Core values, ranked [section 1-56/psychographics; version 4.0]';

CREATE TABLE @extschema@.persona_personality_traits (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    trait_name text,
    trait_description text,
    strength text,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_personality_traits_pkey PRIMARY KEY (id),
    CONSTRAINT strength_allowed CHECK (strength OPERATOR(pg_catalog.=) ANY (ARRAY['dominant','strong','moderate','mild'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_personality_traits_tenant_persona ON @extschema@.persona_personality_traits (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_personality_traits IS 'Personality traits with strength [section 1-56/psychographics; version 4.0]';
