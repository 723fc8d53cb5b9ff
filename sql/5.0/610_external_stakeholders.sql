-- Section 61: external stakeholders
-- Tables: persona_external_stakeholders.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_external_stakeholders (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    stakeholder_name text NOT NULL,
    organization text,
    stakeholder_type text NOT NULL,
    relationship_importance text NOT NULL,
    interaction_mode text,
    relationship_duration text,
    value_exchange text,
    value_type text[],
    satisfaction_level text,
    relationship_health text,
    contract_value numeric(15,2),
    annual_value numeric(15,2),
    growth_potential text,
    risk_level text,
    strategic_alignment text,
    competitive_positioning text,
    renewal_date date,
    notes text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    created_by uuid,
    updated_by uuid,
    CONSTRAINT persona_external_stakeholders_pkey PRIMARY KEY (id),
    CONSTRAINT stakeholder_type_allowed CHECK (stakeholder_type OPERATOR(pg_catalog.=) ANY (ARRAY['customer','client','vendor','supplier','partner','alliance','consultant','advisor','investor','board_member','media','analyst','regulator','academic','community'])),
    CONSTRAINT relationship_importance_allowed CHECK (relationship_importance OPERATOR(pg_catalog.=) ANY (ARRAY['critical','very_high','high','medium','low'])),
    CONSTRAINT interaction_mode_allowed CHECK (interaction_mode OPERATOR(pg_catalog.=) ANY (ARRAY['face_to_face','virtual_meetings','email','phone','events','conferences','mixed','infrequent'])),
    CONSTRAINT relationship_duration_allowed CHECK (relationship_duration OPERATOR(pg_catalog.=) ANY (ARRAY['new','under_1_year','1_2_years','3_5_years','5_10_years','10_plus_years'])),
    CONSTRAINT value_type_allowed CHECK (value_type OPERATOR(pg_catalog.<@) ARRAY['revenue','expertise','access','credibility','innovation','market_intel','referrals','brand']),
    CONSTRAINT satisfaction_level_allowed CHECK (satisfaction_level OPERATOR(pg_catalog.=) ANY (ARRAY['very_satisfied','satisfied','neutral','dissatisfied','very_dissatisfied'])),
    CONSTRAINT relationship_health_allowed CHECK (relationship_health OPERATOR(pg_catalog.=) ANY (ARRAY['excellent','good','fair','poor','at_risk'])),
    CONSTRAINT contract_value_non_negative CHECK (contract_value OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT annual_value_non_negative CHECK (annual_value OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT growth_potential_allowed CHECK (growth_potential OPERATOR(pg_catalog.=) ANY (ARRAY['very_high','high','medium','low','minimal'])),
    CONSTRAINT risk_level_allowed CHECK (risk_level OPERATOR(pg_catalog.=) ANY (ARRAY['very_high','high','medium','low','minimal'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_created_by FOREIGN KEY (created_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_updated_by FOREIGN KEY (updated_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL
);
CREATE INDEX idx_persona_external_stakeholders_tenant_persona ON @extschema@.persona_external_stakeholders (tenant_id, persona_id);
CREATE INDEX idx_persona_external_stakeholders_created_by ON @extschema@.persona_external_stakeholders (created_by);
CREATE INDEX idx_persona_external_stakeholders_updated_by ON @extschema@.persona_external_stakeholders (updated_by);
COMMENT ON TABLE @extschema@.persona_external_stakeholders IS 'External stakeholders: type, importance, value, risk [section 61; version 5.0]';
