-- Communication channels/style, information sources, content preferences
-- Tables: persona_communication_channels, persona_information_sources, persona_communication_style, persona_content_preferences, persona_content_format_preferences.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_communication_channels (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    channel_name text,
    preference_level text,
    best_time_of_day text,
    best_day_of_week text,
    response_time_expectation text,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_communication_channels_pkey PRIMARY KEY (id),
    CONSTRAINT preference_level_allowed CHECK (preference_level OPERATOR(pg_catalog.=) ANY (ARRAY['preferred','acceptable','avoid','never'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_communication_channels_tenant_persona ON @extschema@.persona_communication_channels (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_communication_channels IS 'Per-persona channel preferences and timing [section 1-56/content-communication; version 4.0]';
COMMENT ON COLUMN @extschema@.persona_communication_channels.channel_name IS 'Free-text channel name as the persona calls it; lookup_communication_channels holds channel codes for the code columns.';

CREATE TABLE @extschema@.persona_information_sources (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    source_type text,
    source_name text NOT NULL,
    trust_level text,
    usage_frequency text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_information_sources_pkey PRIMARY KEY (id),
    CONSTRAINT source_type_allowed CHECK (source_type OPERATOR(pg_catalog.=) ANY (ARRAY['publication','conference','network','analyst','vendor','social_media','podcast','newsletter'])),
    CONSTRAINT trust_level_allowed CHECK (trust_level OPERATOR(pg_catalog.=) ANY (ARRAY['highly_trusted','trusted','somewhat_trusted','not_trusted'])),
    CONSTRAINT usage_frequency_allowed CHECK (usage_frequency OPERATOR(pg_catalog.=) ANY (ARRAY['daily','weekly','monthly','quarterly','as_needed'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_information_sources_tenant_persona ON @extschema@.persona_information_sources (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_information_sources IS 'Trusted information sources, trust level, usage frequency [section 1-56/content-communication; version 4.0]';

CREATE TABLE @extschema@.persona_communication_style (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    preferred_style text,
    meeting_length_preference text,
    presentation_style text,
    decision_pace text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_communication_style_pkey PRIMARY KEY (id),
    CONSTRAINT decision_pace_allowed CHECK (decision_pace OPERATOR(pg_catalog.=) ANY (ARRAY['fast','moderate','deliberate','slow'])),
    CONSTRAINT persona_communication_style_persona_id_key UNIQUE (tenant_id, persona_id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.persona_communication_style IS 'Single row: preferred communication and decision pace [section 1-56/content-communication; version 4.0]';

CREATE TABLE @extschema@.persona_content_preferences (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    content_type text NOT NULL,
    preference_level text,
    ideal_length text,
    ideal_format text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_content_preferences_pkey PRIMARY KEY (id),
    CONSTRAINT preference_level_allowed CHECK (preference_level OPERATOR(pg_catalog.=) ANY (ARRAY['strongly_prefer','prefer','neutral','avoid'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_content_type FOREIGN KEY (content_type) REFERENCES @extschema@.lookup_content_preferences (code) ON UPDATE CASCADE
);
CREATE INDEX idx_persona_content_preferences_tenant_persona ON @extschema@.persona_content_preferences (tenant_id, persona_id);
CREATE INDEX idx_persona_content_preferences_content_type ON @extschema@.persona_content_preferences (content_type);
COMMENT ON TABLE @extschema@.persona_content_preferences IS 'Per-persona content-type preferences (junction, not lookup) [section 1-56/content-communication; version 4.0]';
COMMENT ON COLUMN @extschema@.persona_content_preferences.content_type IS 'Code from lookup_content_preferences (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';

CREATE TABLE @extschema@.persona_content_format_preferences (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    format_element text NOT NULL,
    preference text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_content_format_preferences_pkey PRIMARY KEY (id),
    CONSTRAINT preference_allowed CHECK (preference OPERATOR(pg_catalog.=) ANY (ARRAY['required','preferred','neutral','avoid'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_content_format_preferences_tenant_persona ON @extschema@.persona_content_format_preferences (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_content_format_preferences IS 'Preferred/avoided content format elements [section 1-56/content-communication; version 4.0]';
