-- Typical locations and organisation types
-- Tables: persona_typical_locations, persona_organization_types.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_typical_locations (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    location_name text,
    location_type text,
    is_primary boolean DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_typical_locations_pkey PRIMARY KEY (id),
    CONSTRAINT location_type_allowed CHECK (location_type OPERATOR(pg_catalog.=) ANY (ARRAY['city','region','country','hub'])),
    CONSTRAINT persona_typical_locations_persona_id_location_name_key UNIQUE (tenant_id, persona_id, location_name),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.persona_typical_locations IS 'Typical work locations (city/region/country/hub) [section 1-56/demographics-firmographics; version 4.0]';

CREATE TABLE @extschema@.persona_organization_types (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    organization_type text,
    is_typical boolean DEFAULT false,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_organization_types_pkey PRIMARY KEY (id),
    CONSTRAINT persona_organization_types_persona_id_organization_type_key UNIQUE (tenant_id, persona_id, organization_type),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.persona_organization_types IS 'Organisation types the persona typically works in [section 1-56/demographics-firmographics; version 4.0]';
