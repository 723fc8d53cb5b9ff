-- Lookup tables (global reference vocabularies, no tenant_id)
-- Source of truth for their concept: code columns of personas and child tables reference lookup_*(code)
-- ON UPDATE CASCADE instead of repeating a CHECK value list. Shipped rows have is_builtin = true and are not
-- dumped (pg_extension_config_dump filter WHERE NOT is_builtin); rows users add are dumped.

CREATE TABLE @extschema@.lookup_roles (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_roles_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_roles_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_roles IS 'Roles (global reference codes). Reference vocabulary only: no column is constrained by it (see docs/schema.md). [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_roles.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_roles (code, label, description, sort_order, is_builtin) VALUES
    ('medical_affairs_director', 'Director of Medical Affairs', 'Persona template role (v5 plan): leads medical affairs strategy and field medical teams.', 10, true),
    ('market_access_director', 'Market Access Director', 'Persona template role (v5 plan): pricing, reimbursement and payer access.', 20, true),
    ('clinical_operations_manager', 'Clinical Operations Manager', 'Persona template role (v5 plan): runs clinical trial operations.', 30, true),
    ('regulatory_affairs_vp', 'VP Regulatory Affairs', 'Persona template role (v5 plan): owns regulatory strategy and submissions.', 40, true),
    ('commercial_strategy_leader', 'Commercial Strategy Leader', 'Persona template role (v5 plan): commercial planning and launch strategy.', 50, true);

CREATE TABLE @extschema@.lookup_industries (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_industries_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_industries_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_industries IS 'Industries (global reference codes). Reference vocabulary only: no column is constrained by it (see docs/schema.md). [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_industries.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_industries (code, label, description, sort_order, is_builtin) VALUES
    ('healthcare', 'Healthcare (general)', 'Umbrella industry; loaders default case studies to Healthcare.', 10, true),
    ('pharmaceuticals', 'Pharmaceuticals', NULL, 20, true),
    ('biotechnology', 'Biotechnology', NULL, 30, true),
    ('medical_devices', 'Medical devices', NULL, 40, true),
    ('diagnostics', 'Diagnostics', NULL, 50, true),
    ('digital_health', 'Digital health', NULL, 60, true),
    ('healthcare_providers', 'Healthcare providers', 'Hospitals, health systems, clinics.', 70, true),
    ('payers', 'Payers', 'Insurers and health plans.', 80, true),
    ('health_it', 'Health IT', NULL, 90, true),
    ('contract_research', 'Contract research (CRO/CDMO)', NULL, 100, true);

CREATE TABLE @extschema@.lookup_organization_sizes (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_organization_sizes_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_organization_sizes_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_organization_sizes IS 'Organization sizes (global reference codes). Referenced (FK on code) by persona_case_studies.organization_size, personas.typical_organization_size. [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_organization_sizes.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_organization_sizes (code, label, description, sort_order, is_builtin) VALUES
    ('startup', 'Startup (1-50 employees)', NULL, 10, true),
    ('small', 'Small (51-200 employees)', NULL, 20, true),
    ('mid_market', 'Mid-market (201-1,000 employees)', 'Named medium in later upstream lookups; mid_market is the spelling of the case-study CHECK.', 30, true),
    ('large', 'Large (1,001-10,000 employees)', NULL, 40, true),
    ('enterprise', 'Enterprise (10,001+ employees)', NULL, 50, true);

CREATE TABLE @extschema@.lookup_budget_ranges (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_budget_ranges_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_budget_ranges_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_budget_ranges IS 'Budget ranges (global reference codes). Referenced (FK on code) by personas.budget_authority. [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_budget_ranges.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_budget_ranges (code, label, description, sort_order, is_builtin) VALUES
    ('none', 'No budget authority', NULL, 10, true),
    ('limited', 'Limited (< $10K)', NULL, 20, true),
    ('moderate', 'Moderate ($10K-$100K)', NULL, 30, true),
    ('significant', 'Significant ($100K-$1M)', NULL, 40, true),
    ('substantial', 'Substantial ($1M-$10M)', NULL, 50, true),
    ('full', 'Full budget ownership', NULL, 60, true);

CREATE TABLE @extschema@.lookup_seniority_levels (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_seniority_levels_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_seniority_levels_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_seniority_levels IS 'Seniority levels (global reference codes). Referenced (FK on code) by personas.seniority_level. [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_seniority_levels.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_seniority_levels (code, label, description, sort_order, is_builtin) VALUES
    ('entry', 'Entry level', '0-2 years', 10, true),
    ('junior', 'Junior', '2-4 years', 20, true),
    ('mid', 'Mid level', '4-8 years', 30, true),
    ('senior', 'Senior', '8-12 years', 40, true),
    ('lead', 'Lead', '10-15 years', 50, true),
    ('manager', 'Manager', '10-15 years', 60, true),
    ('director', 'Director', '12-20 years', 70, true),
    ('vp', 'Vice president', '15-25 years', 80, true),
    ('executive', 'Executive', 'Upstream enum value; senior leadership below the C-suite', 90, true),
    ('c_level', 'C-level', '20-40 years', 100, true);

CREATE TABLE @extschema@.lookup_education_levels (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_education_levels_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_education_levels_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_education_levels IS 'Education levels (global reference codes). Referenced (FK on code) by persona_education.degree_level, personas.education_level. [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_education_levels.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_education_levels (code, label, description, sort_order, is_builtin) VALUES
    ('high_school', 'High school', NULL, 10, true),
    ('associate', 'Associate degree', NULL, 20, true),
    ('bachelor', 'Bachelor''s degree', NULL, 30, true),
    ('master', 'Master''s degree (incl. MBA, MPH)', NULL, 40, true),
    ('doctorate', 'Doctorate (PhD)', NULL, 50, true),
    ('professional_doctorate', 'Professional doctorate (MD, PharmD, JD)', NULL, 60, true),
    ('postdoctoral', 'Postdoctoral', NULL, 70, true);

CREATE TABLE @extschema@.lookup_certification_types (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_certification_types_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_certification_types_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_certification_types IS 'Certification types (global reference codes). Reference vocabulary only: no column is constrained by it (see docs/schema.md). [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_certification_types.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_certification_types (code, label, description, sort_order, is_builtin) VALUES
    ('board_certification', 'Board certification', NULL, 10, true),
    ('professional_license', 'Professional license', NULL, 20, true),
    ('regulatory', 'Regulatory affairs', NULL, 30, true),
    ('quality', 'Quality management', NULL, 40, true),
    ('clinical_research', 'Clinical research', NULL, 50, true),
    ('project_management', 'Project management', NULL, 60, true),
    ('health_economics', 'Health economics and outcomes research', NULL, 70, true),
    ('data_privacy', 'Data privacy and security', NULL, 80, true),
    ('technology', 'Technology / IT', NULL, 90, true);

CREATE TABLE @extschema@.lookup_communication_channels (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_communication_channels_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_communication_channels_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_communication_channels IS 'Communication channels (global reference codes). Referenced (FK on code) by persona_customer_relationships.primary_channel, persona_internal_stakeholders.communication_preference. [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_communication_channels.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_communication_channels (code, label, description, sort_order, is_builtin) VALUES
    ('face_to_face', 'Face to face', NULL, 10, true),
    ('video_call', 'Video call', NULL, 20, true),
    ('video', 'Video', 'Spelling used by persona_customer_relationships.primary_channel; same channel as video_call.', 30, true),
    ('phone', 'Phone', NULL, 40, true),
    ('email', 'Email', NULL, 50, true),
    ('slack', 'Slack', NULL, 60, true),
    ('teams', 'Microsoft Teams', NULL, 70, true),
    ('portal', 'Portal', NULL, 80, true),
    ('events', 'Events', NULL, 90, true),
    ('mixed', 'Mixed', NULL, 100, true);

CREATE TABLE @extschema@.lookup_content_preferences (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_content_preferences_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_content_preferences_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_content_preferences IS 'Content preferences (global reference codes). Referenced (FK on code) by persona_content_preferences.content_type. [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_content_preferences.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_content_preferences (code, label, description, sort_order, is_builtin) VALUES
    ('peer_reviewed_article', 'Peer-reviewed article', NULL, 10, true),
    ('research_report', 'Research report', NULL, 20, true),
    ('whitepaper', 'Whitepaper', NULL, 30, true),
    ('case_study', 'Case study', NULL, 40, true),
    ('executive_summary', 'Executive summary', NULL, 50, true),
    ('one_pager', 'One-pager', NULL, 60, true),
    ('webinar', 'Webinar', NULL, 70, true),
    ('video', 'Video', NULL, 80, true),
    ('podcast', 'Podcast', NULL, 90, true),
    ('infographic', 'Infographic', NULL, 100, true),
    ('blog_post', 'Blog post', NULL, 110, true),
    ('newsletter', 'Newsletter', NULL, 120, true),
    ('event', 'Event', NULL, 130, true),
    ('demo', 'Product demo', NULL, 140, true);

CREATE TABLE @extschema@.lookup_meeting_types (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_meeting_types_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_meeting_types_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_meeting_types IS 'Meeting types (global reference codes). Referenced (FK on code) by persona_weekly_meetings.meeting_type. [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_meeting_types.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_meeting_types (code, label, description, sort_order, is_builtin) VALUES
    ('team_meeting', 'Team meeting', NULL, 10, true),
    ('one_on_one', 'One-on-one', NULL, 20, true),
    ('leadership_meeting', 'Leadership meeting', NULL, 30, true),
    ('cross_functional', 'Cross-functional meeting', NULL, 40, true),
    ('project_review', 'Project review', NULL, 50, true),
    ('stakeholder_update', 'Stakeholder update', NULL, 60, true),
    ('external_partner', 'External partner meeting', NULL, 70, true),
    ('vendor_meeting', 'Vendor meeting', NULL, 80, true),
    ('governance_committee', 'Governance committee', NULL, 90, true),
    ('advisory_board', 'Advisory board', NULL, 100, true),
    ('training', 'Training', NULL, 110, true),
    ('all_hands', 'All-hands', NULL, 120, true);

CREATE TABLE @extschema@.lookup_decision_styles (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_decision_styles_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_decision_styles_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_decision_styles IS 'Decision styles (global reference codes). Referenced (FK on code) by personas.decision_making_style. [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_decision_styles.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_decision_styles (code, label, description, sort_order, is_builtin) VALUES
    ('analytical', 'Analytical', NULL, 10, true),
    ('data_driven', 'Data-driven', NULL, 20, true),
    ('collaborative', 'Collaborative', NULL, 30, true),
    ('consensus_driven', 'Consensus-driven', NULL, 40, true),
    ('directive', 'Directive', NULL, 50, true),
    ('intuitive', 'Intuitive', NULL, 60, true),
    ('cautious', 'Cautious', NULL, 70, true);

CREATE TABLE @extschema@.lookup_risk_tolerances (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_risk_tolerances_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_risk_tolerances_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_risk_tolerances IS 'Risk tolerances (global reference codes). Referenced (FK on code) by personas.risk_tolerance. [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_risk_tolerances.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_risk_tolerances (code, label, description, sort_order, is_builtin) VALUES
    ('very_low', 'Very low', NULL, 10, true),
    ('low', 'Low', NULL, 20, true),
    ('moderate', 'Moderate', NULL, 30, true),
    ('high', 'High', NULL, 40, true),
    ('very_high', 'Very high', NULL, 50, true);

CREATE TABLE @extschema@.lookup_change_readiness_levels (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_change_readiness_levels_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_change_readiness_levels_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_change_readiness_levels IS 'Change readiness levels (global reference codes). Referenced (FK on code) by personas.change_readiness. [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_change_readiness_levels.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_change_readiness_levels (code, label, description, sort_order, is_builtin) VALUES
    ('resistant', 'Resistant', NULL, 10, true),
    ('low', 'Low', NULL, 20, true),
    ('moderate', 'Moderate', NULL, 30, true),
    ('high', 'High', NULL, 40, true),
    ('very_high', 'Very high', NULL, 50, true);

CREATE TABLE @extschema@.lookup_tech_adoption_levels (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    code text NOT NULL,
    label text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lookup_tech_adoption_levels_pkey PRIMARY KEY (id),
    CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9_]+$'),
    CONSTRAINT lookup_tech_adoption_levels_code_key UNIQUE (code)
);
COMMENT ON TABLE @extschema@.lookup_tech_adoption_levels IS 'Tech adoption levels (global reference codes). Referenced (FK on code) by personas.technology_adoption. [lookup(planned v5_0_002; never created upstream); version 4.0]';
COMMENT ON COLUMN @extschema@.lookup_tech_adoption_levels.is_builtin IS 'true for reference rows shipped by the extension (not dumped by pg_dump); user-added rows are false and are dumped.';
INSERT INTO @extschema@.lookup_tech_adoption_levels (code, label, description, sort_order, is_builtin) VALUES
    ('innovator', 'Innovator', 'Rogers curve, ~2.5%', 10, true),
    ('early_adopter', 'Early adopter', '~13.5%', 20, true),
    ('early_majority', 'Early majority', '~34%', 30, true),
    ('late_majority', 'Late majority', '~34%', 40, true),
    ('laggard', 'Laggard', '~16%', 50, true);
