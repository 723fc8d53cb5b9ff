-- Section 59: year in the life (YILO)
-- Tables: persona_year_in_life, persona_annual_conferences, persona_career_trajectory.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_year_in_life (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    quarter text NOT NULL,
    quarter_focus text,
    annual_objectives text[],
    budget_planning_role text,
    performance_review_timing text,
    conference_attendance integer,
    professional_development_hours integer,
    vacation_pattern text,
    career_milestone_expected text,
    industry_cycle_alignment text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    created_by uuid,
    updated_by uuid,
    CONSTRAINT persona_year_in_life_pkey PRIMARY KEY (id),
    CONSTRAINT quarter_allowed CHECK (quarter OPERATOR(pg_catalog.=) ANY (ARRAY['Q1','Q2','Q3','Q4'])),
    CONSTRAINT quarter_focus_allowed CHECK (quarter_focus OPERATOR(pg_catalog.=) ANY (ARRAY['Planning','Execution','Review','Strategy'])),
    CONSTRAINT budget_planning_role_allowed CHECK (budget_planning_role OPERATOR(pg_catalog.=) ANY (ARRAY['lead','support','input','none'])),
    CONSTRAINT conference_attendance_non_negative CHECK (conference_attendance OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT professional_development_hours_non_negative CHECK (professional_development_hours OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT vacation_pattern_allowed CHECK (vacation_pattern OPERATOR(pg_catalog.=) ANY (ARRAY['distributed','concentrated','minimal'])),
    CONSTRAINT industry_cycle_alignment_allowed CHECK (industry_cycle_alignment OPERATOR(pg_catalog.=) ANY (ARRAY['peak_season','planning_season','quiet_period'])),
    CONSTRAINT unique_persona_quarter UNIQUE (tenant_id, persona_id, quarter),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_created_by FOREIGN KEY (created_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_updated_by FOREIGN KEY (updated_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL
);
CREATE INDEX idx_persona_year_in_life_created_by ON @extschema@.persona_year_in_life (created_by);
CREATE INDEX idx_persona_year_in_life_updated_by ON @extschema@.persona_year_in_life (updated_by);
COMMENT ON TABLE @extschema@.persona_year_in_life IS 'Year-in-life (YILO): one row per quarter [section 59; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_year_in_life.quarter IS 'Canonical spelling Q1, Q2, Q3, Q4.';
COMMENT ON COLUMN @extschema@.persona_year_in_life.quarter_focus IS 'Canonical Title-case spelling: Planning, Execution, Review, Strategy.';

CREATE TABLE @extschema@.persona_annual_conferences (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    conference_name text NOT NULL,
    conference_type text,
    role text,
    value_derived text,
    networking_importance text,
    typical_quarter text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_annual_conferences_pkey PRIMARY KEY (id),
    CONSTRAINT conference_type_allowed CHECK (conference_type OPERATOR(pg_catalog.=) ANY (ARRAY['industry','technical','leadership','networking','regulatory'])),
    CONSTRAINT role_allowed CHECK (role OPERATOR(pg_catalog.=) ANY (ARRAY['attendee','speaker','exhibitor','organizer'])),
    CONSTRAINT networking_importance_allowed CHECK (networking_importance OPERATOR(pg_catalog.=) ANY (ARRAY['critical','high','medium','low'])),
    CONSTRAINT typical_quarter_allowed CHECK (typical_quarter OPERATOR(pg_catalog.=) ANY (ARRAY['Q1','Q2','Q3','Q4'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_annual_conferences_tenant_persona ON @extschema@.persona_annual_conferences (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_annual_conferences IS 'Conferences attended: type, role, networking importance, quarter [section 59; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_annual_conferences.typical_quarter IS 'Canonical spelling Q1, Q2, Q3, Q4.';

CREATE TABLE @extschema@.persona_career_trajectory (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    year_in_role integer,
    expected_progression text,
    skill_development text[],
    certification_targets text[],
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_career_trajectory_pkey PRIMARY KEY (id),
    CONSTRAINT year_in_role_positive CHECK (year_in_role OPERATOR(pg_catalog.>) 0),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_career_trajectory_tenant_persona ON @extschema@.persona_career_trajectory (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_career_trajectory IS 'Expected career progression, skills and certification targets [section 59; version 5.0]';
