-- Pain points and frustrations
-- Tables: persona_pain_points, persona_frustrations.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_pain_points (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    pain_category text,
    pain_description text,
    severity text,
    sequence_order integer,
    pain_point_text text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_pain_points_pkey PRIMARY KEY (id),
    CONSTRAINT pain_category_allowed CHECK (pain_category OPERATOR(pg_catalog.=) ANY (ARRAY['operational','strategic','technology','interpersonal'])),
    CONSTRAINT severity_allowed CHECK (severity OPERATOR(pg_catalog.=) ANY (ARRAY['critical','high','medium','low'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_pain_points_tenant_persona ON @extschema@.persona_pain_points (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_pain_points IS 'Problems the persona experiences, with category and severity [section 1-56/pain-points-frustrations; version 4.0]';

CREATE TABLE @extschema@.persona_frustrations (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    frustration_text text,
    emotional_intensity text,
    sequence_order integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_frustrations_pkey PRIMARY KEY (id),
    CONSTRAINT emotional_intensity_allowed CHECK (emotional_intensity OPERATOR(pg_catalog.=) ANY (ARRAY['high','medium','low'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_frustrations_tenant_persona ON @extschema@.persona_frustrations (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_frustrations IS 'Frustrations with emotional intensity [section 1-56/pain-points-frustrations; version 4.0]';
