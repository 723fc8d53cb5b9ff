-- Section 58: month in the life (MILO)
-- Tables: persona_month_in_life, persona_monthly_objectives, persona_monthly_stakeholders.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_month_in_life (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    month_phase text NOT NULL,
    key_deliverables text[],
    reporting_obligations text[],
    planning_activities text[],
    external_engagements integer,
    travel_days integer,
    budget_review_involvement text,
    performance_review_cycle boolean DEFAULT false,
    strategic_initiative_time integer,
    crisis_management_likelihood text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    created_by uuid,
    updated_by uuid,
    CONSTRAINT persona_month_in_life_pkey PRIMARY KEY (id),
    CONSTRAINT month_phase_allowed CHECK (month_phase OPERATOR(pg_catalog.=) ANY (ARRAY['beginning','mid','end'])),
    CONSTRAINT external_engagements_non_negative CHECK (external_engagements OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT travel_days_range CHECK ((travel_days OPERATOR(pg_catalog.>=) 0) AND (travel_days OPERATOR(pg_catalog.<=) 31)),
    CONSTRAINT budget_review_involvement_allowed CHECK (budget_review_involvement OPERATOR(pg_catalog.=) ANY (ARRAY['owner','contributor','reviewer','none'])),
    CONSTRAINT strategic_initiative_time_non_negative CHECK (strategic_initiative_time OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT crisis_management_likelihood_allowed CHECK (crisis_management_likelihood OPERATOR(pg_catalog.=) ANY (ARRAY['high','medium','low','none'])),
    CONSTRAINT unique_persona_month_phase UNIQUE (tenant_id, persona_id, month_phase),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_created_by FOREIGN KEY (created_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_updated_by FOREIGN KEY (updated_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL
);
CREATE INDEX idx_persona_month_in_life_created_by ON @extschema@.persona_month_in_life (created_by);
CREATE INDEX idx_persona_month_in_life_updated_by ON @extschema@.persona_month_in_life (updated_by);
COMMENT ON TABLE @extschema@.persona_month_in_life IS 'Month-in-life (MILO): one row per month phase [section 58; version 5.0]';

CREATE TABLE @extschema@.persona_monthly_objectives (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    objective_text text NOT NULL,
    success_metric text,
    achievement_rate numeric(3,2),
    carry_forward boolean DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_monthly_objectives_pkey PRIMARY KEY (id),
    CONSTRAINT achievement_rate_range CHECK ((achievement_rate OPERATOR(pg_catalog.>=) 0) AND (achievement_rate OPERATOR(pg_catalog.<=) 1)),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_monthly_objectives_tenant_persona ON @extschema@.persona_monthly_objectives (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_monthly_objectives IS 'Monthly objectives with achievement rate [section 58; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_monthly_objectives.achievement_rate IS 'Fraction 0-1, not a percentage.';

CREATE TABLE @extschema@.persona_monthly_stakeholders (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    stakeholder_type text NOT NULL,
    interaction_count integer,
    meeting_hours numeric(5,2),
    importance text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_monthly_stakeholders_pkey PRIMARY KEY (id),
    CONSTRAINT interaction_count_non_negative CHECK (interaction_count OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT meeting_hours_non_negative CHECK (meeting_hours OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT importance_allowed CHECK (importance OPERATOR(pg_catalog.=) ANY (ARRAY['critical','high','medium','low'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_monthly_stakeholders_tenant_persona ON @extschema@.persona_monthly_stakeholders (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_monthly_stakeholders IS 'Monthly stakeholder interaction volume and importance [section 58; version 5.0]';
