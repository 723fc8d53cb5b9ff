-- Feature (not schema section 70): persona summaries in C++ (docs/summary.md).
-- SECURITY INVOKER on purpose: the persona probe and every fallback query run as the caller,
-- under the caller's GRANTs and RLS; direct index counting is used only where it provably
-- returns the same rows (see docs/summary.md, "Visibility").

CREATE FUNCTION @extschema@.vital_summary(persona_id uuid) RETURNS jsonb
    LANGUAGE c STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_summary';
COMMENT ON FUNCTION @extschema@.vital_summary(uuid) IS
    'Summary of one persona as jsonb (identity, a count for every section, derived figures, highlights, version). NULL when the persona does not exist or is not visible to the caller.';

CREATE FUNCTION @extschema@.vital_summaries(persona_ids uuid[])
    RETURNS TABLE (persona_id uuid, summary jsonb)
    LANGUAGE c STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_summaries';
COMMENT ON FUNCTION @extschema@.vital_summaries(uuid[]) IS
    'vital_summary for a list of personas in one call: one row per distinct visible persona, in array order; invisible or unknown ids yield no row.';

CREATE FUNCTION @extschema@._vital_summary_invalidate() RETURNS void
    LANGUAGE c VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_summary_invalidate';
COMMENT ON FUNCTION @extschema@._vital_summary_invalidate() IS
    'Internal: makes every backend rebuild its vital_summary registry and plans (run by install/update scripts).';

REVOKE ALL ON FUNCTION @extschema@.vital_summary(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.vital_summaries(uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@._vital_summary_invalidate() FROM PUBLIC;
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['authenticated', 'service_role'] LOOP
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) r) THEN
            EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION @extschema@.vital_summary(uuid) TO %I', r);
            EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION @extschema@.vital_summaries(uuid[]) TO %I', r);
        END IF;
    END LOOP;
END $$;

CREATE FUNCTION @extschema@._vital_summary_modes() RETURNS jsonb
    LANGUAGE c STABLE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_summary_modes';
COMMENT ON FUNCTION @extschema@._vital_summary_modes() IS
    'Diagnostic: per section, how vital_summary reads it for the current role (direct index count, RLS-respecting SPI, or no_access).';
REVOKE ALL ON FUNCTION @extschema@._vital_summary_modes() FROM PUBLIC;
