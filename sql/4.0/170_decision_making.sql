-- Decision makers, decision authority, evaluation criteria
-- Tables: persona_decision_makers, persona_decision_authority, persona_evaluation_criteria.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_decision_makers (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    stakeholder_role text,
    influence_level text,
    relationship_quality text,
    sequence_order integer,
    decision_maker_role text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_decision_makers_pkey PRIMARY KEY (id),
    CONSTRAINT influence_level_allowed CHECK (influence_level OPERATOR(pg_catalog.=) ANY (ARRAY['final_approver','strong_influence','moderate_influence','low_influence','advisor'])),
    CONSTRAINT relationship_quality_allowed CHECK (relationship_quality OPERATOR(pg_catalog.=) ANY (ARRAY['strong','good','neutral','weak'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_decision_makers_tenant_persona ON @extschema@.persona_decision_makers (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_decision_makers IS 'Decision makers the persona deals with (basic stakeholders) [section 1-56/decision-making; version 4.0]';

CREATE TABLE @extschema@.persona_decision_authority (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    decision_area text NOT NULL,
    authority_level text,
    budget_limit text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_decision_authority_pkey PRIMARY KEY (id),
    CONSTRAINT authority_level_allowed CHECK (authority_level OPERATOR(pg_catalog.=) ANY (ARRAY['full','approval_required','recommend_only','none'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_decision_authority_tenant_persona ON @extschema@.persona_decision_authority (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_decision_authority IS 'Decision areas and authority level/budget limit [section 1-56/decision-making; version 4.0]';

CREATE TABLE @extschema@.persona_evaluation_criteria (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    criterion_name text NOT NULL,
    criterion_category text,
    criterion_description text,
    weight integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_evaluation_criteria_pkey PRIMARY KEY (id),
    CONSTRAINT criterion_category_allowed CHECK (criterion_category OPERATOR(pg_catalog.=) ANY (ARRAY['must_have','important','nice_to_have'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_evaluation_criteria_tenant_persona ON @extschema@.persona_evaluation_criteria (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_evaluation_criteria IS 'Criteria used to evaluate solutions, weighted [section 1-56/decision-making; version 4.0]';
