-- Buying process, triggers, barriers, influencers, touchpoints
-- Tables: persona_buying_process, persona_buying_triggers, persona_purchase_barriers, persona_purchase_influencers, persona_touchpoints.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_buying_process (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    role_in_purchase text,
    decision_timeframe text,
    typical_budget_range text,
    approval_process_complexity text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_buying_process_pkey PRIMARY KEY (id),
    CONSTRAINT approval_process_complexity_allowed CHECK (approval_process_complexity OPERATOR(pg_catalog.=) ANY (ARRAY['simple','moderate','complex','very_complex'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_buying_process_tenant_persona ON @extschema@.persona_buying_process (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_buying_process IS 'Role and complexity in purchasing process [section 1-56/buying-journey; version 4.0]';
COMMENT ON COLUMN @extschema@.persona_buying_process.typical_budget_range IS 'Free-text range (e.g. ''$100K-$500K''); lookup_budget_ranges describes budget-authority levels.';

CREATE TABLE @extschema@.persona_buying_triggers (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    trigger_type text,
    trigger_description text NOT NULL,
    urgency_level text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_buying_triggers_pkey PRIMARY KEY (id),
    CONSTRAINT trigger_type_allowed CHECK (trigger_type OPERATOR(pg_catalog.=) ANY (ARRAY['regulatory','competitive','internal_initiative','crisis','growth'])),
    CONSTRAINT urgency_level_allowed CHECK (urgency_level OPERATOR(pg_catalog.=) ANY (ARRAY['immediate','high','medium','low'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_buying_triggers_tenant_persona ON @extschema@.persona_buying_triggers (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_buying_triggers IS 'Events that trigger a purchase, with urgency [section 1-56/buying-journey; version 4.0]';

CREATE TABLE @extschema@.persona_purchase_barriers (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    barrier_type text,
    barrier_description text NOT NULL,
    severity text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_purchase_barriers_pkey PRIMARY KEY (id),
    CONSTRAINT barrier_type_allowed CHECK (barrier_type OPERATOR(pg_catalog.=) ANY (ARRAY['budget','political','technical','organizational','timing'])),
    CONSTRAINT severity_allowed CHECK (severity OPERATOR(pg_catalog.=) ANY (ARRAY['blocking','significant','moderate','minor'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_purchase_barriers_tenant_persona ON @extschema@.persona_purchase_barriers (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_purchase_barriers IS 'Barriers to purchase with severity [section 1-56/buying-journey; version 4.0]';

CREATE TABLE @extschema@.persona_purchase_influencers (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    influencer_type text,
    influencer_name text,
    influence_strength text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_purchase_influencers_pkey PRIMARY KEY (id),
    CONSTRAINT influence_strength_allowed CHECK (influence_strength OPERATOR(pg_catalog.=) ANY (ARRAY['very_strong','strong','moderate','weak'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_purchase_influencers_tenant_persona ON @extschema@.persona_purchase_influencers (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_purchase_influencers IS 'Who influences purchases and how strongly [section 1-56/buying-journey; version 4.0]';

CREATE TABLE @extschema@.persona_touchpoints (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    touchpoint_name text NOT NULL,
    touchpoint_type text,
    importance text,
    frequency text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_touchpoints_pkey PRIMARY KEY (id),
    CONSTRAINT importance_allowed CHECK (importance OPERATOR(pg_catalog.=) ANY (ARRAY['critical','high','medium','low'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_touchpoints_tenant_persona ON @extschema@.persona_touchpoints (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_touchpoints IS 'Key touchpoints with importance and frequency [section 1-56/buying-journey; version 4.0]';
