-- Technology and tools used
-- Tables: persona_tools.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_tools (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    tool_name text,
    tool_category text,
    usage_frequency text,
    proficiency_level text,
    satisfaction_level text,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_tools_pkey PRIMARY KEY (id),
    CONSTRAINT usage_frequency_allowed CHECK (usage_frequency OPERATOR(pg_catalog.=) ANY (ARRAY['daily','weekly','monthly','occasional','rarely'])),
    CONSTRAINT proficiency_level_allowed CHECK (proficiency_level OPERATOR(pg_catalog.=) ANY (ARRAY['expert','proficient','competent','beginner'])),
    CONSTRAINT satisfaction_level_allowed CHECK (satisfaction_level OPERATOR(pg_catalog.=) ANY (ARRAY['very_satisfied','satisfied','neutral','dissatisfied','very_dissatisfied'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_tools_tenant_persona ON @extschema@.persona_tools (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_tools IS 'Software/tools used, frequency, proficiency, satisfaction [section 1-56/technology-tools; version 4.0]';
