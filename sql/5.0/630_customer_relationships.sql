-- Section 63: customer relationships
-- Tables: persona_customer_relationships.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_customer_relationships (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    customer_segment text NOT NULL,
    geographic_market text,
    industry_vertical text,
    interaction_type text NOT NULL,
    touchpoint_frequency text,
    primary_channel text,
    customer_count integer,
    account_count integer,
    revenue_responsibility numeric(15,2),
    satisfaction_metric text,
    current_satisfaction_score numeric(5,2),
    satisfaction_target numeric(5,2),
    satisfaction_trend text,
    retention_rate numeric(5,4),
    retention_target numeric(5,4),
    churn_risk_accounts integer,
    expansion_opportunities integer,
    upsell_pipeline_value numeric(15,2),
    value_delivery_focus text[],
    key_success_metrics text[],
    top_customer_priorities text[],
    relationship_health text,
    escalations_count integer DEFAULT 0,
    notes text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    created_by uuid,
    updated_by uuid,
    CONSTRAINT persona_customer_relationships_pkey PRIMARY KEY (id),
    CONSTRAINT customer_segment_allowed CHECK (customer_segment OPERATOR(pg_catalog.=) ANY (ARRAY['enterprise','mid_market','smb','startup','government','education','non_profit','healthcare','financial_services','other'])),
    CONSTRAINT interaction_type_allowed CHECK (interaction_type OPERATOR(pg_catalog.=) ANY (ARRAY['direct','indirect','support','strategic','operational','mixed'])),
    CONSTRAINT touchpoint_frequency_allowed CHECK (touchpoint_frequency OPERATOR(pg_catalog.=) ANY (ARRAY['daily','multiple_weekly','weekly','bi_weekly','monthly','quarterly','ad_hoc'])),
    CONSTRAINT customer_count_non_negative CHECK (customer_count OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT account_count_non_negative CHECK (account_count OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT revenue_responsibility_non_negative CHECK (revenue_responsibility OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT satisfaction_metric_allowed CHECK (satisfaction_metric OPERATOR(pg_catalog.=) ANY (ARRAY['NPS','CSAT','CES','Custom','Multiple','None'])),
    CONSTRAINT satisfaction_trend_allowed CHECK (satisfaction_trend OPERATOR(pg_catalog.=) ANY (ARRAY['improving','stable','declining','volatile'])),
    CONSTRAINT retention_rate_range CHECK ((retention_rate OPERATOR(pg_catalog.>=) 0) AND (retention_rate OPERATOR(pg_catalog.<=) 1)),
    CONSTRAINT retention_target_range CHECK ((retention_target OPERATOR(pg_catalog.>=) 0) AND (retention_target OPERATOR(pg_catalog.<=) 1)),
    CONSTRAINT churn_risk_accounts_non_negative CHECK (churn_risk_accounts OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT expansion_opportunities_non_negative CHECK (expansion_opportunities OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT upsell_pipeline_value_non_negative CHECK (upsell_pipeline_value OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT value_delivery_focus_allowed CHECK (value_delivery_focus OPERATOR(pg_catalog.<@) ARRAY['ROI','Cost_Savings','Efficiency','Innovation','Quality','Speed','Reliability','Support','Training','Integration']),
    CONSTRAINT relationship_health_allowed CHECK (relationship_health OPERATOR(pg_catalog.=) ANY (ARRAY['excellent','good','fair','poor','at_risk'])),
    CONSTRAINT escalations_count_non_negative CHECK (escalations_count OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_created_by FOREIGN KEY (created_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_updated_by FOREIGN KEY (updated_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_primary_channel FOREIGN KEY (primary_channel) REFERENCES @extschema@.lookup_communication_channels (code) ON UPDATE CASCADE
);
CREATE INDEX idx_persona_customer_relationships_tenant_persona ON @extschema@.persona_customer_relationships (tenant_id, persona_id);
CREATE INDEX idx_persona_customer_relationships_created_by ON @extschema@.persona_customer_relationships (created_by);
CREATE INDEX idx_persona_customer_relationships_updated_by ON @extschema@.persona_customer_relationships (updated_by);
CREATE INDEX idx_persona_customer_relationships_primary_channel ON @extschema@.persona_customer_relationships (primary_channel);
COMMENT ON TABLE @extschema@.persona_customer_relationships IS 'Customer segments served: satisfaction, retention, pipeline [section 63; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_customer_relationships.primary_channel IS 'Code from lookup_communication_channels (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';
COMMENT ON COLUMN @extschema@.persona_customer_relationships.satisfaction_metric IS 'Canonical spelling: NPS, CSAT, CES, Custom, Multiple, None.';
COMMENT ON COLUMN @extschema@.persona_customer_relationships.value_delivery_focus IS 'Subset of the mixed-case codes ROI, Cost_Savings, Efficiency, Innovation, Quality, Speed, Reliability, Support, Training, Integration.';
