-- Section 60: internal stakeholders and networks
-- Tables: persona_internal_stakeholders, persona_internal_networks.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_internal_stakeholders (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    stakeholder_role text NOT NULL,
    stakeholder_name text,
    department text,
    relationship_type text NOT NULL,
    interaction_frequency text NOT NULL,
    relationship_quality text,
    influence_level text NOT NULL,
    collaboration_areas text[],
    decision_involvement text,
    trust_level text,
    political_alignment text,
    communication_preference text,
    communication_style text,
    key_priorities text[],
    pain_points text[],
    mutual_goals text[],
    notes text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    created_by uuid,
    updated_by uuid,
    CONSTRAINT persona_internal_stakeholders_pkey PRIMARY KEY (id),
    CONSTRAINT relationship_type_allowed CHECK (relationship_type OPERATOR(pg_catalog.=) ANY (ARRAY['reports_to','peer','dotted_line','advisor','direct_report','cross_functional','executive','support_function','informal_influencer'])),
    CONSTRAINT interaction_frequency_allowed CHECK (interaction_frequency OPERATOR(pg_catalog.=) ANY (ARRAY['daily','weekly','bi_weekly','monthly','quarterly','ad_hoc'])),
    CONSTRAINT relationship_quality_allowed CHECK (relationship_quality OPERATOR(pg_catalog.=) ANY (ARRAY['excellent','good','neutral','strained','poor'])),
    CONSTRAINT influence_level_allowed CHECK (influence_level OPERATOR(pg_catalog.=) ANY (ARRAY['very_high','high','medium','low','minimal'])),
    CONSTRAINT decision_involvement_allowed CHECK (decision_involvement OPERATOR(pg_catalog.=) ANY (ARRAY['approver','decision_maker','influencer','contributor','informed','none'])),
    CONSTRAINT trust_level_allowed CHECK (trust_level OPERATOR(pg_catalog.=) ANY (ARRAY['very_high','high','medium','low','minimal'])),
    CONSTRAINT political_alignment_allowed CHECK (political_alignment OPERATOR(pg_catalog.=) ANY (ARRAY['strong_ally','allied','neutral','opposed','adversarial'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_created_by FOREIGN KEY (created_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_updated_by FOREIGN KEY (updated_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_communication_preference FOREIGN KEY (communication_preference) REFERENCES @extschema@.lookup_communication_channels (code) ON UPDATE CASCADE
);
CREATE INDEX idx_persona_internal_stakeholders_tenant_persona ON @extschema@.persona_internal_stakeholders (tenant_id, persona_id);
CREATE INDEX idx_persona_internal_stakeholders_created_by ON @extschema@.persona_internal_stakeholders (created_by);
CREATE INDEX idx_persona_internal_stakeholders_updated_by ON @extschema@.persona_internal_stakeholders (updated_by);
CREATE INDEX idx_persona_internal_stakeholders_communication_preference ON @extschema@.persona_internal_stakeholders (communication_preference);
COMMENT ON TABLE @extschema@.persona_internal_stakeholders IS 'Internal stakeholder relationships, influence, trust, alignment [section 60; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_internal_stakeholders.communication_preference IS 'Code from lookup_communication_channels (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';

CREATE TABLE @extschema@.persona_internal_networks (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    network_name text NOT NULL,
    network_type text NOT NULL,
    network_size integer,
    role_in_network text,
    influence_in_network text,
    network_value text,
    strategic_importance text,
    time_investment_hours integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_internal_networks_pkey PRIMARY KEY (id),
    CONSTRAINT network_type_allowed CHECK (network_type OPERATOR(pg_catalog.=) ANY (ARRAY['formal','informal','project_based','functional','cross_functional','leadership','innovation','community_of_practice'])),
    CONSTRAINT network_size_non_negative CHECK (network_size OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT role_in_network_allowed CHECK (role_in_network OPERATOR(pg_catalog.=) ANY (ARRAY['leader','core_member','active_member','occasional_participant','observer'])),
    CONSTRAINT influence_in_network_allowed CHECK (influence_in_network OPERATOR(pg_catalog.=) ANY (ARRAY['very_high','high','medium','low','minimal'])),
    CONSTRAINT strategic_importance_allowed CHECK (strategic_importance OPERATOR(pg_catalog.=) ANY (ARRAY['critical','high','medium','low'])),
    CONSTRAINT time_investment_hours_non_negative CHECK (time_investment_hours OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_internal_networks_tenant_persona ON @extschema@.persona_internal_networks (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_internal_networks IS 'Internal networks/communities and persona role in them [section 60; version 5.0]';
