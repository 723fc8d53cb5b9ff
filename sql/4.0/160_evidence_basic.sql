-- Basic (v1) evidence sources
-- Tables: persona_evidence_sources.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_evidence_sources (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    source_type text,
    citation text,
    key_finding text,
    sample_size integer,
    methodology text,
    publication_date date,
    confidence_level text,
    url text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_evidence_sources_pkey PRIMARY KEY (id),
    CONSTRAINT confidence_level_allowed CHECK (confidence_level OPERATOR(pg_catalog.=) ANY (ARRAY['low','medium','high','very_high'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_evidence_sources_tenant_persona ON @extschema@.persona_evidence_sources (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_evidence_sources IS 'Basic citations/evidence backing the persona (v1 evidence) [section 1-56/evidence-basic; version 4.0]';
