-- VPANES scoring and success metrics
-- Tables: persona_vpanes_scoring, persona_success_metrics.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_vpanes_scoring (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    value_score numeric(4,1),
    priority_score numeric(4,1),
    addressability_score numeric(4,1),
    need_score numeric(4,1),
    engagement_score numeric(4,1),
    scale_score numeric(4,1),
    scoring_rationale text,
    total_score numeric(5,1) GENERATED ALWAYS AS (value_score OPERATOR(pg_catalog.+) priority_score OPERATOR(pg_catalog.+) addressability_score OPERATOR(pg_catalog.+) need_score OPERATOR(pg_catalog.+) engagement_score OPERATOR(pg_catalog.+) scale_score) STORED,
    priority_tier text GENERATED ALWAYS AS (CASE WHEN (value_score OPERATOR(pg_catalog.+) priority_score OPERATOR(pg_catalog.+) addressability_score OPERATOR(pg_catalog.+) need_score OPERATOR(pg_catalog.+) engagement_score OPERATOR(pg_catalog.+) scale_score) OPERATOR(pg_catalog.>=) 50 THEN 'tier_1' WHEN (value_score OPERATOR(pg_catalog.+) priority_score OPERATOR(pg_catalog.+) addressability_score OPERATOR(pg_catalog.+) need_score OPERATOR(pg_catalog.+) engagement_score OPERATOR(pg_catalog.+) scale_score) OPERATOR(pg_catalog.>=) 35 THEN 'tier_2' ELSE 'tier_3' END) STORED,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_vpanes_scoring_pkey PRIMARY KEY (id),
    CONSTRAINT value_score_range CHECK (value_score OPERATOR(pg_catalog.>=) 0 AND value_score OPERATOR(pg_catalog.<=) 10),
    CONSTRAINT priority_score_range CHECK (priority_score OPERATOR(pg_catalog.>=) 0 AND priority_score OPERATOR(pg_catalog.<=) 10),
    CONSTRAINT addressability_score_range CHECK (addressability_score OPERATOR(pg_catalog.>=) 0 AND addressability_score OPERATOR(pg_catalog.<=) 10),
    CONSTRAINT need_score_range CHECK (need_score OPERATOR(pg_catalog.>=) 0 AND need_score OPERATOR(pg_catalog.<=) 10),
    CONSTRAINT engagement_score_range CHECK (engagement_score OPERATOR(pg_catalog.>=) 0 AND engagement_score OPERATOR(pg_catalog.<=) 10),
    CONSTRAINT scale_score_range CHECK (scale_score OPERATOR(pg_catalog.>=) 0 AND scale_score OPERATOR(pg_catalog.<=) 10),
    CONSTRAINT persona_vpanes_scoring_persona_id_key UNIQUE (tenant_id, persona_id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_vpanes_scoring_priority_tier ON @extschema@.persona_vpanes_scoring (tenant_id, priority_tier);
COMMENT ON TABLE @extschema@.persona_vpanes_scoring IS 'One VPANES score set per persona; generated total and tier [section 1-56/metrics-kpis; version 4.0]';
COMMENT ON COLUMN @extschema@.persona_vpanes_scoring.total_score IS 'Generated: sum of the six 0-10 dimension scores (0-60).';
COMMENT ON COLUMN @extschema@.persona_vpanes_scoring.priority_tier IS 'Generated: tier_1 (total >= 50), tier_2 (>= 35), else tier_3.';

CREATE TABLE @extschema@.persona_success_metrics (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    metric_name text,
    metric_description text,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_success_metrics_pkey PRIMARY KEY (id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_success_metrics_tenant_persona ON @extschema@.persona_success_metrics (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_success_metrics IS 'How the persona measures success [section 1-56/metrics-kpis; version 4.0]';
