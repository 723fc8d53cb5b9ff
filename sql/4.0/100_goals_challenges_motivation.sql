-- Goals, challenges, motivations, fears, aspirations
-- Tables: persona_goals, persona_challenges, persona_motivations, persona_fears, persona_aspirations.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_goals (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    goal_type text,
    goal_text text,
    priority integer DEFAULT 0,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_goals_pkey PRIMARY KEY (id),
    CONSTRAINT goal_type_allowed CHECK (goal_type OPERATOR(pg_catalog.=) ANY (ARRAY['primary','secondary','long_term','personal'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_goals_tenant_persona ON @extschema@.persona_goals (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_goals IS 'Goals the persona pursues, typed and prioritised [section 1-56/goals-challenges-motivation; version 4.0]';
COMMENT ON COLUMN @extschema@.persona_goals.priority IS 'Integer rank, 1 = highest (loaders map high/medium/low to 1/2/3).';

CREATE TABLE @extschema@.persona_challenges (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    challenge_type text,
    challenge_description text,
    impact_level text,
    sequence_order integer,
    challenge_text text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_challenges_pkey PRIMARY KEY (id),
    CONSTRAINT challenge_type_allowed CHECK (challenge_type OPERATOR(pg_catalog.=) ANY (ARRAY['daily','weekly','strategic','external'])),
    CONSTRAINT impact_level_allowed CHECK (impact_level OPERATOR(pg_catalog.=) ANY (ARRAY['critical','high','medium','low'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_challenges_tenant_persona ON @extschema@.persona_challenges (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_challenges IS 'Role challenges with type and impact level [section 1-56/goals-challenges-motivation; version 4.0]';

CREATE TABLE @extschema@.persona_motivations (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    motivation_category text,
    motivation_text text,
    importance text,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_motivations_pkey PRIMARY KEY (id),
    CONSTRAINT motivation_category_allowed CHECK (motivation_category OPERATOR(pg_catalog.=) ANY (ARRAY['professional','personal','organizational'])),
    CONSTRAINT importance_allowed CHECK (importance OPERATOR(pg_catalog.=) ANY (ARRAY['critical','high','medium','low'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_motivations_tenant_persona ON @extschema@.persona_motivations (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_motivations IS 'Motivators by category and importance [section 1-56/goals-challenges-motivation; version 4.0]';

CREATE TABLE @extschema@.persona_fears (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    fear_description text NOT NULL,
    likelihood text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_fears_pkey PRIMARY KEY (id),
    CONSTRAINT likelihood_allowed CHECK (likelihood OPERATOR(pg_catalog.=) ANY (ARRAY['high','medium','low'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_fears_tenant_persona ON @extschema@.persona_fears (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_fears IS 'Professional fears with likelihood [section 1-56/goals-challenges-motivation; version 4.0]';

CREATE TABLE @extschema@.persona_aspirations (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    aspiration_text text NOT NULL,
    timeframe text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_aspirations_pkey PRIMARY KEY (id),
    CONSTRAINT timeframe_allowed CHECK (timeframe OPERATOR(pg_catalog.=) ANY (ARRAY['short_term','medium_term','long_term'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_aspirations_tenant_persona ON @extschema@.persona_aspirations (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_aspirations IS 'Career aspirations by timeframe [section 1-56/goals-challenges-motivation; version 4.0]';
