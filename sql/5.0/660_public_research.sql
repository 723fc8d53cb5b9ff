-- Section 66: public research (+ normalised quantitative results)
-- Tables: persona_public_research, persona_research_quantitative_results.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).
-- Normalised grandchildren (persona_research_quantitative_results) carry tenant_id and reference their parent by
-- (tenant_id, <parent>_id) -> parent (tenant_id, id) ON DELETE CASCADE; the parent has UNIQUE (tenant_id, id).

CREATE TABLE @extschema@.persona_public_research (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    research_title text NOT NULL,
    research_type text NOT NULL,
    publication_source text NOT NULL,
    publication_date date,
    publication_year integer,
    authors text[],
    sample_size integer,
    methodology text,
    methodology_description text,
    geographic_scope text,
    geographic_regions text[],
    industry_focus text,
    demographic_coverage text[],
    confidence_level numeric(4,3),
    margin_of_error numeric(5,4),
    statistical_significance numeric(5,4),
    p_value numeric(6,5),
    key_findings text[] NOT NULL,
    qualitative_insights text[],
    relevance_score integer NOT NULL,
    quality_rating text,
    peer_reviewed boolean DEFAULT false,
    citation_count integer DEFAULT 0,
    validates_attributes text[],
    challenges_assumptions text[],
    supports_claims text[],
    url text,
    doi text,
    isbn text,
    access_type text,
    cost_to_access numeric(10,2),
    reviewed_by text,
    review_date date,
    review_notes text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    created_by uuid,
    updated_by uuid,
    CONSTRAINT persona_public_research_pkey PRIMARY KEY (id),
    CONSTRAINT research_type_allowed CHECK (research_type OPERATOR(pg_catalog.=) ANY (ARRAY['academic','market','government','industry','proprietary','meta_analysis'])),
    CONSTRAINT sample_size_non_negative CHECK (sample_size OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT methodology_allowed CHECK (methodology OPERATOR(pg_catalog.=) ANY (ARRAY['survey','interview','observation','experiment','analysis','mixed_methods','longitudinal','cross_sectional','meta_analysis'])),
    CONSTRAINT confidence_level_range CHECK ((confidence_level OPERATOR(pg_catalog.>=) 0) AND (confidence_level OPERATOR(pg_catalog.<=) 1)),
    CONSTRAINT margin_of_error_range CHECK ((margin_of_error OPERATOR(pg_catalog.>=) 0) AND (margin_of_error OPERATOR(pg_catalog.<=) 1)),
    CONSTRAINT relevance_score_range CHECK ((relevance_score OPERATOR(pg_catalog.>=) 1) AND (relevance_score OPERATOR(pg_catalog.<=) 10)),
    CONSTRAINT quality_rating_allowed CHECK (quality_rating OPERATOR(pg_catalog.=) ANY (ARRAY['excellent','good','fair','poor','questionable'])),
    CONSTRAINT citation_count_non_negative CHECK (citation_count OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT access_type_allowed CHECK (access_type OPERATOR(pg_catalog.=) ANY (ARRAY['open_access','subscription','purchased','institutional','proprietary'])),
    CONSTRAINT cost_to_access_non_negative CHECK (cost_to_access OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT persona_public_research_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_created_by FOREIGN KEY (created_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_updated_by FOREIGN KEY (updated_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL
);
CREATE INDEX idx_persona_public_research_tenant_persona ON @extschema@.persona_public_research (tenant_id, persona_id);
CREATE INDEX idx_persona_public_research_created_by ON @extschema@.persona_public_research (created_by);
CREATE INDEX idx_persona_public_research_updated_by ON @extschema@.persona_public_research (updated_by);
CREATE INDEX idx_persona_public_research_validates_attributes_gin ON @extschema@.persona_public_research USING gin (validates_attributes);
COMMENT ON TABLE @extschema@.persona_public_research IS 'Published research supporting the persona, with statistics [section 66; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_public_research.confidence_level IS 'Fraction 0-1 (numeric), not a text level.';

CREATE TABLE @extschema@.persona_research_quantitative_results (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    research_id uuid NOT NULL,
    metric_name text NOT NULL,
    metric_category text,
    numeric_value numeric(20,6),
    text_value text,
    unit_of_measure text,
    sample_size integer,
    confidence_interval text,
    standard_deviation numeric(20,6),
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_research_quantitative_results_pkey PRIMARY KEY (id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_research FOREIGN KEY (tenant_id, research_id) REFERENCES @extschema@.persona_public_research (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_research_quantitative_results_tenant_research ON @extschema@.persona_research_quantitative_results (tenant_id, research_id);
COMMENT ON TABLE @extschema@.persona_research_quantitative_results IS 'Normalized numeric results of a public research row [section 66/EXTRA-normalized-child; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_research_quantitative_results.research_id IS 'Parent persona_public_research row; same tenant enforced by the composite FK (tenant_id, research_id).';
