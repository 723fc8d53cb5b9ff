-- Section 69: case studies (+ normalised investments, results, metrics)
-- Tables: persona_case_studies, persona_case_study_investments, persona_case_study_results, persona_case_study_metrics.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).
-- Normalised grandchildren (persona_case_study_investments, persona_case_study_results, persona_case_study_metrics) carry tenant_id and reference their parent by
-- (tenant_id, <parent>_id) -> parent (tenant_id, id) ON DELETE CASCADE; the parent has UNIQUE (tenant_id, id).

CREATE TABLE @extschema@.persona_case_studies (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    case_study_title text NOT NULL,
    organization_name text NOT NULL,
    organization_size text,
    organization_revenue numeric(15,2),
    industry text NOT NULL,
    sub_industry text,
    geographic_location text,
    market_context text,
    case_type text NOT NULL,
    use_case_category text,
    challenge_addressed text NOT NULL,
    business_pain_points text[],
    technical_challenges text[],
    organizational_barriers text[],
    solution_implemented text NOT NULL,
    solution_components text[],
    technologies_used text[],
    methodologies_applied text[],
    timeline text,
    timeline_months integer,
    implementation_phases text[],
    investment_required numeric(15,2),
    investment_currency text DEFAULT 'USD',
    team_size integer,
    external_partners text[],
    outcomes_achieved text[] NOT NULL,
    qualitative_benefits text[],
    roi_achieved numeric(8,2),
    roi_timeframe text,
    payback_period_months integer,
    cost_savings numeric(15,2),
    revenue_impact numeric(15,2),
    efficiency_gains text[],
    kpis_improved text[],
    sustained_results boolean,
    lessons_learned text[],
    success_factors text[],
    challenges_encountered text[],
    recommendations text[],
    what_would_do_differently text[],
    relevance_to_persona text NOT NULL,
    relevance_score integer NOT NULL,
    applicable_lessons text[],
    transferable_strategies text[],
    case_source text,
    case_source_type text,
    verified boolean DEFAULT false,
    verification_method text,
    source_url text,
    published_date date,
    author text,
    reviewed_by text,
    review_date date,
    review_notes text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    created_by uuid,
    updated_by uuid,
    CONSTRAINT persona_case_studies_pkey PRIMARY KEY (id),
    CONSTRAINT case_type_allowed CHECK (case_type OPERATOR(pg_catalog.=) ANY (ARRAY['success_story','failure_lesson','transformation','implementation','innovation','turnaround','scaling','optimization','crisis_management'])),
    CONSTRAINT timeline_months_non_negative CHECK (timeline_months OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT investment_required_non_negative CHECK (investment_required OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT team_size_non_negative CHECK (team_size OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT payback_period_months_non_negative CHECK (payback_period_months OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT relevance_score_range CHECK ((relevance_score OPERATOR(pg_catalog.>=) 1) AND (relevance_score OPERATOR(pg_catalog.<=) 10)),
    CONSTRAINT case_source_type_allowed CHECK (case_source_type OPERATOR(pg_catalog.=) ANY (ARRAY['first_hand','vendor_published','analyst_research','media_coverage','academic_study','conference_presentation','internal'])),
    CONSTRAINT persona_case_studies_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_created_by FOREIGN KEY (created_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_updated_by FOREIGN KEY (updated_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_organization_size FOREIGN KEY (organization_size) REFERENCES @extschema@.lookup_organization_sizes (code) ON UPDATE CASCADE
);
CREATE INDEX idx_persona_case_studies_tenant_persona ON @extschema@.persona_case_studies (tenant_id, persona_id);
CREATE INDEX idx_persona_case_studies_created_by ON @extschema@.persona_case_studies (created_by);
CREATE INDEX idx_persona_case_studies_updated_by ON @extschema@.persona_case_studies (updated_by);
CREATE INDEX idx_persona_case_studies_organization_size ON @extschema@.persona_case_studies (organization_size);
COMMENT ON TABLE @extschema@.persona_case_studies IS 'Case studies: challenge, solution, outcomes, ROI, lessons [section 69; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_case_studies.organization_size IS 'Code from lookup_organization_sizes (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';
COMMENT ON COLUMN @extschema@.persona_case_studies.industry IS 'Free-text industry name; lookup_industries is a reference vocabulary, not enforced.';

CREATE TABLE @extschema@.persona_case_study_investments (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    case_study_id uuid NOT NULL,
    category text NOT NULL,
    description text,
    amount numeric(15,2) NOT NULL,
    currency text DEFAULT 'USD',
    percentage_of_total numeric(5,2),
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_case_study_investments_pkey PRIMARY KEY (id),
    CONSTRAINT amount_non_negative CHECK (amount OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT percentage_of_total_range CHECK ((percentage_of_total OPERATOR(pg_catalog.>=) 0) AND (percentage_of_total OPERATOR(pg_catalog.<=) 100)),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_case_study FOREIGN KEY (tenant_id, case_study_id) REFERENCES @extschema@.persona_case_studies (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_case_study_investments_tenant_case_study ON @extschema@.persona_case_study_investments (tenant_id, case_study_id);
COMMENT ON TABLE @extschema@.persona_case_study_investments IS 'Normalized investment breakdown of a case study [section 69/EXTRA-normalized-child; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_case_study_investments.case_study_id IS 'Parent persona_case_studies row; same tenant enforced by the composite FK (tenant_id, case_study_id).';

CREATE TABLE @extschema@.persona_case_study_results (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    case_study_id uuid NOT NULL,
    metric_name text NOT NULL,
    metric_category text,
    numeric_value numeric(20,6),
    text_value text,
    unit_of_measure text,
    measurement_period text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_case_study_results_pkey PRIMARY KEY (id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_case_study FOREIGN KEY (tenant_id, case_study_id) REFERENCES @extschema@.persona_case_studies (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_case_study_results_tenant_case_study ON @extschema@.persona_case_study_results (tenant_id, case_study_id);
COMMENT ON TABLE @extschema@.persona_case_study_results IS 'Normalized quantitative results of a case study [section 69/EXTRA-normalized-child; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_case_study_results.case_study_id IS 'Parent persona_case_studies row; same tenant enforced by the composite FK (tenant_id, case_study_id).';

CREATE TABLE @extschema@.persona_case_study_metrics (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    case_study_id uuid NOT NULL,
    metric_name text NOT NULL,
    metric_category text,
    before_value numeric(20,6),
    before_text text,
    after_value numeric(20,6),
    after_text text,
    improvement_percentage numeric(8,2),
    improvement_absolute numeric(20,6),
    unit_of_measure text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_case_study_metrics_pkey PRIMARY KEY (id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_case_study FOREIGN KEY (tenant_id, case_study_id) REFERENCES @extschema@.persona_case_studies (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_case_study_metrics_tenant_case_study ON @extschema@.persona_case_study_metrics (tenant_id, case_study_id);
COMMENT ON TABLE @extschema@.persona_case_study_metrics IS 'Normalized before/after metrics of a case study [section 69/EXTRA-normalized-child; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_case_study_metrics.case_study_id IS 'Parent persona_case_studies row; same tenant enforced by the composite FK (tenant_id, case_study_id).';
