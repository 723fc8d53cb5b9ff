-- 4.0 -> 5.0, part 1 (before the 5.0 objects): preflight.
-- The update moves the four legacy JSONB columns of personas into rows and drops them (9*_ files). Fail early,
-- with a clear message, if a column was removed or retyped by hand (the data step would fail half-way otherwise).
DO $do$
DECLARE
    v_missing text;
BEGIN
    SELECT pg_catalog.string_agg(c, ', ' ORDER BY c) INTO v_missing
    FROM pg_catalog.unnest(ARRAY['goals', 'pain_points', 'challenges', 'communication_preferences']) AS c
    WHERE NOT EXISTS (
        SELECT FROM pg_catalog.pg_attribute a
        WHERE a.attrelid OPERATOR(pg_catalog.=) '@extschema@.personas'::pg_catalog.regclass
          AND a.attname OPERATOR(pg_catalog.=) c AND NOT a.attisdropped
          AND a.atttypid OPERATOR(pg_catalog.=) 'pg_catalog.jsonb'::pg_catalog.regtype);
    IF v_missing IS NOT NULL THEN
        RAISE EXCEPTION 'vital_persona 4.0 -> 5.0: personas lacks the jsonb column(s) %', v_missing
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'The update migrates personas.goals, pain_points, challenges and communication_preferences into their tables.',
                  HINT = 'Restore the column(s) as jsonb (they may be empty) and run ALTER EXTENSION vital_persona UPDATE again.';
    END IF;
END
$do$;
