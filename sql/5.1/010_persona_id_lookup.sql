-- Feature (5.1, issue 12): look a persona up by id alone. The keys are (tenant_id, id) since the Citus-ready
-- schema, so without this index `WHERE id = $1` is a sequential scan of personas: vital_summary's persona probe
-- for callers RLS does not filter (owner, service_role), vital_summaries, and the summary counters' persona
-- checks grew linearly with the number of personas (docs/summary.md, "How the cost grows"). Not unique: on Citus
-- a unique index must contain the distribution column, and (tenant_id, id) already is the key.
CREATE INDEX idx_personas_id ON @extschema@.personas (id);
