-- Responsibilities, education, certifications
-- Tables: persona_responsibilities, persona_education, persona_certifications.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_responsibilities (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    responsibility_type text,
    responsibility_text text,
    time_allocation_percent integer,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_responsibilities_pkey PRIMARY KEY (id),
    CONSTRAINT responsibility_type_allowed CHECK (responsibility_type OPERATOR(pg_catalog.=) ANY (ARRAY['key','daily','weekly','periodic'])),
    CONSTRAINT time_allocation_percent_range CHECK ((time_allocation_percent OPERATOR(pg_catalog.>=) 0) AND (time_allocation_percent OPERATOR(pg_catalog.<=) 100)),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_responsibilities_tenant_persona ON @extschema@.persona_responsibilities (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_responsibilities IS 'Responsibilities with type and time-allocation percentage [section 1-56/professional-background; version 4.0]';

CREATE TABLE @extschema@.persona_education (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    field_of_study text,
    degree_level text,
    institution text,
    sequence_order integer,
    degree text,
    year_completed integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_education_pkey PRIMARY KEY (id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_degree_level FOREIGN KEY (degree_level) REFERENCES @extschema@.lookup_education_levels (code) ON UPDATE CASCADE
);
CREATE INDEX idx_persona_education_tenant_persona ON @extschema@.persona_education (tenant_id, persona_id);
CREATE INDEX idx_persona_education_degree_level ON @extschema@.persona_education (degree_level);
COMMENT ON TABLE @extschema@.persona_education IS 'Degrees, fields of study, institutions [section 1-56/professional-background; version 4.0]';
COMMENT ON COLUMN @extschema@.persona_education.degree_level IS 'Code from lookup_education_levels (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';

CREATE TABLE @extschema@.persona_certifications (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    certification_name text,
    issuing_organization text,
    year_obtained integer,
    is_current boolean DEFAULT true,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_certifications_pkey PRIMARY KEY (id),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_certifications_tenant_persona ON @extschema@.persona_certifications (tenant_id, persona_id);
CREATE INDEX idx_persona_certifications_is_current ON @extschema@.persona_certifications (tenant_id, is_current);
COMMENT ON TABLE @extschema@.persona_certifications IS 'Professional certifications held [section 1-56/professional-background; version 4.0]';
COMMENT ON COLUMN @extschema@.persona_certifications.certification_name IS 'Free-text certification name; lookup_certification_types is a reference vocabulary, not enforced.';
