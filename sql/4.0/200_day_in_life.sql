-- Day in the life (DILO)
-- Tables: persona_typical_day.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_typical_day (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    time_of_day text,
    activity_description text,
    energy_level text,
    sort_order integer,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_typical_day_pkey PRIMARY KEY (id),
    CONSTRAINT energy_level_allowed CHECK (energy_level OPERATOR(pg_catalog.=) ANY (ARRAY['high','medium','low'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_typical_day_tenant_persona ON @extschema@.persona_typical_day (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_typical_day IS 'Day-in-the-life (DILO) time slots and activities [section 1-56/day-in-life(DILO); version 4.0]';
COMMENT ON COLUMN @extschema@.persona_typical_day.sort_order IS 'Duplicates sequence_order; both kept from upstream.';
