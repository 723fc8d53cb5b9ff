-- v5 alignment: normalised communication preferences
-- Tables: persona_communication_preferences.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_communication_preferences (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    preference_type text,
    preference_value text,
    preference_description text,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_communication_preferences_pkey PRIMARY KEY (id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_communication_preferences_tenant_persona ON @extschema@.persona_communication_preferences (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_communication_preferences IS 'Normalized replacement for personas.communication_preferences JSONB [EXTRA/v5-alignment(2025-11-17); version 5.0]';
COMMENT ON COLUMN @extschema@.persona_communication_preferences.preference_type IS 'Kind of preference, e.g. channel, frequency, format (''general'' when migrated without a type).';
