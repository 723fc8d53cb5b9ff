-- Section 62: vendor relationships
-- Tables: persona_vendor_relationships.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_vendor_relationships (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    vendor_name text NOT NULL,
    vendor_category text NOT NULL,
    relationship_role text NOT NULL,
    decision_authority text,
    annual_spend numeric(15,2),
    contract_type text,
    contract_start_date date,
    contract_end_date date,
    auto_renewal boolean DEFAULT false,
    satisfaction_score integer,
    relationship_health text,
    switching_likelihood text,
    strategic_importance text NOT NULL,
    negotiation_leverage text,
    alternatives_available integer,
    performance_rating integer,
    innovation_contribution text,
    responsiveness text,
    key_contacts text[],
    escalation_path text,
    notes text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    created_by uuid,
    updated_by uuid,
    CONSTRAINT persona_vendor_relationships_pkey PRIMARY KEY (id),
    CONSTRAINT vendor_category_allowed CHECK (vendor_category OPERATOR(pg_catalog.=) ANY (ARRAY['technology','software','hardware','consulting','services','professional_services','outsourcing','infrastructure','marketing','supply_chain','facilities','other'])),
    CONSTRAINT relationship_role_allowed CHECK (relationship_role OPERATOR(pg_catalog.=) ANY (ARRAY['executive_sponsor','decision_maker','primary_influencer','influencer','primary_user','user','evaluator'])),
    CONSTRAINT decision_authority_allowed CHECK (decision_authority OPERATOR(pg_catalog.=) ANY (ARRAY['full','shared','influence_only','none'])),
    CONSTRAINT annual_spend_non_negative CHECK (annual_spend OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT contract_type_allowed CHECK (contract_type OPERATOR(pg_catalog.=) ANY (ARRAY['subscription','perpetual','project','retainer','usage_based','hybrid','other'])),
    CONSTRAINT satisfaction_score_range CHECK ((satisfaction_score OPERATOR(pg_catalog.>=) 1) AND (satisfaction_score OPERATOR(pg_catalog.<=) 10)),
    CONSTRAINT relationship_health_allowed CHECK (relationship_health OPERATOR(pg_catalog.=) ANY (ARRAY['excellent','good','fair','poor','critical'])),
    CONSTRAINT switching_likelihood_allowed CHECK (switching_likelihood OPERATOR(pg_catalog.=) ANY (ARRAY['very_high','high','medium','low','none'])),
    CONSTRAINT strategic_importance_allowed CHECK (strategic_importance OPERATOR(pg_catalog.=) ANY (ARRAY['mission_critical','strategic','operational','tactical','commodity'])),
    CONSTRAINT negotiation_leverage_allowed CHECK (negotiation_leverage OPERATOR(pg_catalog.=) ANY (ARRAY['very_high','high','medium','low','minimal'])),
    CONSTRAINT alternatives_available_non_negative CHECK (alternatives_available OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT performance_rating_range CHECK ((performance_rating OPERATOR(pg_catalog.>=) 1) AND (performance_rating OPERATOR(pg_catalog.<=) 10)),
    CONSTRAINT innovation_contribution_allowed CHECK (innovation_contribution OPERATOR(pg_catalog.=) ANY (ARRAY['very_high','high','medium','low','none'])),
    CONSTRAINT responsiveness_allowed CHECK (responsiveness OPERATOR(pg_catalog.=) ANY (ARRAY['excellent','good','fair','poor'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_created_by FOREIGN KEY (created_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_updated_by FOREIGN KEY (updated_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL
);
CREATE INDEX idx_persona_vendor_relationships_tenant_persona ON @extschema@.persona_vendor_relationships (tenant_id, persona_id);
CREATE INDEX idx_persona_vendor_relationships_created_by ON @extschema@.persona_vendor_relationships (created_by);
CREATE INDEX idx_persona_vendor_relationships_updated_by ON @extschema@.persona_vendor_relationships (updated_by);
COMMENT ON TABLE @extschema@.persona_vendor_relationships IS 'Vendor relationships: spend, contract, satisfaction, switching [section 62; version 5.0]';
