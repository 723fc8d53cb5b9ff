-- Section 70: supporting statistics (+ normalised history)
-- Tables: persona_supporting_statistics, persona_statistic_history.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).
-- Normalised grandchildren (persona_statistic_history) carry tenant_id and reference their parent by
-- (tenant_id, <parent>_id) -> parent (tenant_id, id) ON DELETE CASCADE; the parent has UNIQUE (tenant_id, id).

CREATE TABLE @extschema@.persona_supporting_statistics (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    statistic_name text NOT NULL,
    statistic_category text,
    statistic_value text NOT NULL,
    numeric_value numeric(20,6),
    unit_of_measure text,
    value_type text,
    data_source text NOT NULL,
    source_organization text,
    collection_method text,
    sample_size integer,
    population_size integer,
    sampling_method text,
    confidence_interval text,
    confidence_level numeric(4,3),
    margin_of_error numeric(6,5),
    standard_deviation numeric(20,6),
    statistical_significance numeric(6,5),
    p_value numeric(6,5),
    collection_date date,
    collection_year integer,
    time_period text,
    time_period_start date,
    time_period_end date,
    geographic_scope text,
    geographic_regions text[],
    demographic_filters text[],
    industry_filters text[],
    role_filters text[],
    company_size_filters text[],
    other_filters_description text,
    trend_direction text,
    year_over_year_change numeric(8,4),
    context_description text,
    interpretation text,
    implications_for_persona text[],
    relevance_score integer NOT NULL,
    data_quality_score integer,
    recency_score integer,
    benchmark_value text,
    comparison_to_benchmark text,
    peer_comparison_summary text,
    source_url text,
    source_page_number integer,
    access_type text,
    verified boolean DEFAULT false,
    verified_by text,
    verification_date date,
    reviewed_by text,
    review_date date,
    review_notes text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    created_by uuid,
    updated_by uuid,
    CONSTRAINT persona_supporting_statistics_pkey PRIMARY KEY (tenant_id, id),
    CONSTRAINT statistic_category_allowed CHECK (statistic_category OPERATOR(pg_catalog.=) ANY (ARRAY['behavioral','demographic','financial','operational','performance','market','technology','organizational','industry','trend'])),
    CONSTRAINT value_type_allowed CHECK (value_type OPERATOR(pg_catalog.=) ANY (ARRAY['percentage','currency','count','ratio','rate','score','duration','frequency','size','other'])),
    CONSTRAINT collection_method_allowed CHECK (collection_method OPERATOR(pg_catalog.=) ANY (ARRAY['survey','interview','observation','transaction_data','sensor_data','administrative_records','experiment','aggregation','modeling'])),
    CONSTRAINT sample_size_non_negative CHECK (sample_size OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT population_size_non_negative CHECK (population_size OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT confidence_level_range CHECK ((confidence_level OPERATOR(pg_catalog.>=) 0) AND (confidence_level OPERATOR(pg_catalog.<=) 1)),
    CONSTRAINT margin_of_error_range CHECK ((margin_of_error OPERATOR(pg_catalog.>=) 0) AND (margin_of_error OPERATOR(pg_catalog.<=) 1)),
    CONSTRAINT trend_direction_allowed CHECK (trend_direction OPERATOR(pg_catalog.=) ANY (ARRAY['significantly_increasing','increasing','stable','decreasing','significantly_decreasing','volatile'])),
    CONSTRAINT relevance_score_range CHECK ((relevance_score OPERATOR(pg_catalog.>=) 1) AND (relevance_score OPERATOR(pg_catalog.<=) 10)),
    CONSTRAINT data_quality_score_range CHECK ((data_quality_score OPERATOR(pg_catalog.>=) 1) AND (data_quality_score OPERATOR(pg_catalog.<=) 10)),
    CONSTRAINT recency_score_range CHECK ((recency_score OPERATOR(pg_catalog.>=) 1) AND (recency_score OPERATOR(pg_catalog.<=) 10)),
    CONSTRAINT access_type_allowed CHECK (access_type OPERATOR(pg_catalog.=) ANY (ARRAY['public','registration_required','subscription','purchased','proprietary'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_created_by FOREIGN KEY (created_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_updated_by FOREIGN KEY (updated_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL
);
CREATE INDEX idx_persona_supporting_statistics_tenant_persona ON @extschema@.persona_supporting_statistics (tenant_id, persona_id);
CREATE INDEX idx_persona_supporting_statistics_created_by ON @extschema@.persona_supporting_statistics (created_by);
CREATE INDEX idx_persona_supporting_statistics_updated_by ON @extschema@.persona_supporting_statistics (updated_by);
COMMENT ON TABLE @extschema@.persona_supporting_statistics IS 'Supporting statistics with provenance and rigor fields [section 70; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_supporting_statistics.confidence_level IS 'Fraction 0-1 (numeric), not a text level.';

CREATE TABLE @extschema@.persona_statistic_history (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    statistic_id uuid NOT NULL,
    year integer NOT NULL,
    quarter integer,
    month integer,
    value numeric(20,6) NOT NULL,
    text_value text,
    unit_of_measure text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_statistic_history_pkey PRIMARY KEY (tenant_id, id),
    CONSTRAINT quarter_range CHECK ((quarter OPERATOR(pg_catalog.>=) 1) AND (quarter OPERATOR(pg_catalog.<=) 4)),
    CONSTRAINT month_range CHECK ((month OPERATOR(pg_catalog.>=) 1) AND (month OPERATOR(pg_catalog.<=) 12)),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_statistic FOREIGN KEY (tenant_id, statistic_id) REFERENCES @extschema@.persona_supporting_statistics (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_statistic_history_tenant_statistic ON @extschema@.persona_statistic_history (tenant_id, statistic_id);
COMMENT ON TABLE @extschema@.persona_statistic_history IS 'Normalized time series of a supporting statistic [section 70/EXTRA-normalized-child; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_statistic_history.statistic_id IS 'Parent persona_supporting_statistics row; same tenant enforced by the composite FK (tenant_id, statistic_id).';
