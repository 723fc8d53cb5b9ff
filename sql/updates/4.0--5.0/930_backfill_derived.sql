-- 4.0 -> 5.0, part 9c: derived data that 5.0 maintains and 4.0 data already implies.
-- Evidence summaries for personas that have 4.0 evidence sources (other_sources_count), as the statement
-- triggers would have produced them; then the persona_summary materialized view, created WITH DATA before 910
-- migrated goals, is refreshed (new object: nobody else can hold it).
SELECT @extschema@.recompute_persona_evidence_summary(pg_catalog.array_agg(DISTINCT s.persona_id))
FROM @extschema@.persona_evidence_sources s;
REFRESH MATERIALIZED VIEW @extschema@.persona_summary;
