-- Core persona profile (personas, 72 columns in 5.0; the 4 legacy JSONB columns are in 041)
-- UNIQUE (tenant_id, id) is the target of every child FK (tenant consistency is declarative).
-- search_vector: generated full-text document over text columns and (via immutable_array_to_text) arrays.

CREATE TABLE @extschema@.personas (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    title text,
    tagline text,
    role_id uuid,
    function_id uuid,
    department_id uuid,
    seniority_level text,
    years_of_experience integer,
    typical_organization_size text,
    key_responsibilities text[] DEFAULT ARRAY[]::text[],
    preferred_tools text[] DEFAULT ARRAY[]::text[],
    decision_making_style text,
    avatar_url text,
    avatar_description text,
    is_active boolean DEFAULT true,
    validation_status text DEFAULT 'draft',
    tags text[] DEFAULT ARRAY[]::text[],
    metadata jsonb DEFAULT '{}'::jsonb,
    deleted_at timestamptz,
    years_in_current_role integer,
    years_in_industry integer,
    organization_type text,
    geographic_scope text,
    reporting_to text,
    team_size text,
    budget_authority text,
    age_range text,
    education_level text,
    location_type text,
    work_style text,
    learning_style text,
    technology_adoption text,
    risk_tolerance text,
    change_readiness text,
    background_story text,
    a_day_in_the_life text,
    color_code text,
    icon text,
    persona_type text,
    segment text,
    archetype text,
    journey_stage text,
    validated_by uuid,
    validated_at timestamptz,
    notes text,
    role_slug text,
    function_slug text,
    department_slug text,
    persona_number integer,
    years_in_function integer,
    team_size_typical integer,
    direct_reports integer,
    span_of_control text,
    work_arrangement text,
    salary_min_usd integer,
    salary_max_usd integer,
    salary_median_usd integer,
    salary_currency text DEFAULT 'USD',
    salary_year integer,
    salary_sources text,
    sample_size text,
    confidence_level text,
    data_recency text,
    geographic_benchmark_scope text,
    work_style_preference text,
    one_liner text,
    section text,
    search_vector tsvector GENERATED ALWAYS AS (
        pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::regconfig, coalesce(name, '') OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) coalesce(title, '')), 'A')
     OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::regconfig, coalesce(tagline, '') OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) coalesce(one_liner, '')), 'B')
     OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::regconfig, coalesce(segment, '') OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) coalesce(archetype, '') OPERATOR(pg_catalog.||) ' '
                  OPERATOR(pg_catalog.||) coalesce(persona_type, '') OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) coalesce(@extschema@.immutable_array_to_text(tags), '')), 'C')
     OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::regconfig, coalesce(@extschema@.immutable_array_to_text(key_responsibilities), '') OPERATOR(pg_catalog.||) ' '
                  OPERATOR(pg_catalog.||) coalesce(@extschema@.immutable_array_to_text(preferred_tools), '') OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) coalesce(background_story, '')), 'D')
    ) STORED,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT personas_pkey PRIMARY KEY (id),
    CONSTRAINT validation_status_allowed CHECK (validation_status OPERATOR(pg_catalog.=) ANY (ARRAY['pending','in_review','approved','rejected','requires_update','draft','needs_revision'])),
    CONSTRAINT personas_tenant_id_slug_key UNIQUE (tenant_id, slug),
    CONSTRAINT personas_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_validated_by FOREIGN KEY (validated_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_seniority_level FOREIGN KEY (seniority_level) REFERENCES @extschema@.lookup_seniority_levels (code) ON UPDATE CASCADE,
    CONSTRAINT fk_typical_organization_size FOREIGN KEY (typical_organization_size) REFERENCES @extschema@.lookup_organization_sizes (code) ON UPDATE CASCADE,
    CONSTRAINT fk_budget_authority FOREIGN KEY (budget_authority) REFERENCES @extschema@.lookup_budget_ranges (code) ON UPDATE CASCADE,
    CONSTRAINT fk_education_level FOREIGN KEY (education_level) REFERENCES @extschema@.lookup_education_levels (code) ON UPDATE CASCADE,
    CONSTRAINT fk_decision_making_style FOREIGN KEY (decision_making_style) REFERENCES @extschema@.lookup_decision_styles (code) ON UPDATE CASCADE,
    CONSTRAINT fk_technology_adoption FOREIGN KEY (technology_adoption) REFERENCES @extschema@.lookup_tech_adoption_levels (code) ON UPDATE CASCADE,
    CONSTRAINT fk_risk_tolerance FOREIGN KEY (risk_tolerance) REFERENCES @extschema@.lookup_risk_tolerances (code) ON UPDATE CASCADE,
    CONSTRAINT fk_change_readiness FOREIGN KEY (change_readiness) REFERENCES @extschema@.lookup_change_readiness_levels (code) ON UPDATE CASCADE
);
CREATE INDEX idx_personas_validated_by ON @extschema@.personas (validated_by);
CREATE INDEX idx_personas_seniority ON @extschema@.personas (seniority_level);
CREATE INDEX idx_personas_typical_organization_size ON @extschema@.personas (typical_organization_size);
CREATE INDEX idx_personas_budget_authority ON @extschema@.personas (budget_authority);
CREATE INDEX idx_personas_education_level ON @extschema@.personas (education_level);
CREATE INDEX idx_personas_decision_making_style ON @extschema@.personas (decision_making_style);
CREATE INDEX idx_personas_technology_adoption ON @extschema@.personas (technology_adoption);
CREATE INDEX idx_personas_risk_tolerance ON @extschema@.personas (risk_tolerance);
CREATE INDEX idx_personas_change_readiness ON @extschema@.personas (change_readiness);
CREATE INDEX idx_personas_role_id ON @extschema@.personas (tenant_id, role_id);
CREATE INDEX idx_personas_function_id ON @extschema@.personas (tenant_id, function_id);
CREATE INDEX idx_personas_department_id ON @extschema@.personas (tenant_id, department_id);
CREATE INDEX idx_personas_role_slug ON @extschema@.personas (tenant_id, role_slug);
CREATE INDEX idx_personas_active ON @extschema@.personas (tenant_id, is_active);
CREATE INDEX idx_personas_archetype ON @extschema@.personas (tenant_id, archetype);
CREATE INDEX idx_personas_tags ON @extschema@.personas USING gin (tags);
CREATE INDEX idx_personas_preferred_tools ON @extschema@.personas USING gin (preferred_tools);
CREATE INDEX idx_personas_search ON @extschema@.personas USING gin (search_vector);
CREATE INDEX idx_personas_tenant_name_live ON @extschema@.personas (tenant_id, name) WHERE deleted_at IS NULL;
COMMENT ON TABLE @extschema@.personas IS 'Core persona profile: identity, role, experience, salary, narrative [core(personas; sections 1-56 profile fields); version 4.0]';
COMMENT ON COLUMN @extschema@.personas.role_id IS 'Role in the customer''s org hierarchy (org_roles upstream). Plain uuid, deliberately no FK: the org hierarchy lives outside this extension.';
COMMENT ON COLUMN @extschema@.personas.function_id IS 'Function in the customer''s org hierarchy (org_functions upstream). Plain uuid, deliberately no FK: outside this extension.';
COMMENT ON COLUMN @extschema@.personas.department_id IS 'Department in the customer''s org hierarchy (org_departments upstream). Plain uuid, deliberately no FK: outside this extension.';
COMMENT ON COLUMN @extschema@.personas.seniority_level IS 'Code from lookup_seniority_levels (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';
COMMENT ON COLUMN @extschema@.personas.typical_organization_size IS 'Code from lookup_organization_sizes (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';
COMMENT ON COLUMN @extschema@.personas.decision_making_style IS 'Code from lookup_decision_styles (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';
COMMENT ON COLUMN @extschema@.personas.validation_status IS 'Review state, text (upstream enum validation_status): pending, in_review, approved, rejected, requires_update, draft, needs_revision.';
COMMENT ON COLUMN @extschema@.personas.metadata IS 'Unstructured metadata only; structured attributes live in the persona_* tables.';
COMMENT ON COLUMN @extschema@.personas.deleted_at IS 'Soft delete: list queries filter deleted_at IS NULL (partial index idx_personas_tenant_name_live).';
COMMENT ON COLUMN @extschema@.personas.team_size IS 'Free-text team size (e.g. ''8-12''); team_size_typical holds the integer.';
COMMENT ON COLUMN @extschema@.personas.budget_authority IS 'Code from lookup_budget_ranges (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';
COMMENT ON COLUMN @extschema@.personas.education_level IS 'Code from lookup_education_levels (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';
COMMENT ON COLUMN @extschema@.personas.technology_adoption IS 'Code from lookup_tech_adoption_levels (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';
COMMENT ON COLUMN @extschema@.personas.risk_tolerance IS 'Code from lookup_risk_tolerances (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';
COMMENT ON COLUMN @extschema@.personas.change_readiness IS 'Code from lookup_change_readiness_levels (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';
COMMENT ON COLUMN @extschema@.personas.role_slug IS 'Slug of the org role (external hierarchy). Free text; lookup_roles is a reference vocabulary, not enforced here.';
COMMENT ON COLUMN @extschema@.personas.search_vector IS 'Generated full-text document (english): A = name, title; B = tagline, one_liner; C = segment, archetype, persona_type, tags; D = key_responsibilities, preferred_tools, background_story.';
