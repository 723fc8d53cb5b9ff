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

-- Schema drift (vital_schema_drift(), docs/registry.md) of the installed 4.0 against the 4.0 registry.
-- Refused: drift the update depends on (a missing or retyped table/column/type, a missing primary, unique or
-- foreign key): the 5.0 tables reference 4.0 keys, the data step writes 4.0 section columns, and the update
-- would otherwise fail half-way with an unrelated error or leave a 5.0 that is not 5.0. Everything else
-- (policies, grants, RLS flags and the extension's triggers: re-applied by the update's finalize steps; extra
-- columns, indexes, defaults, function settings, CHECKs) does not stop the update: a WARNING lists it, and
-- vital_schema_drift() reports what remains after the update. Refusing those too would block an update for
-- a harmless extra index; ignoring the breaking ones would turn a clear error into a half-applied one.
DO $do$
DECLARE
    v_blocking text[];
    v_blocking_n bigint;
    v_other text[];
    v_other_n bigint;
BEGIN
    IF pg_catalog.to_regprocedure('@extschema@._vital_schema_diff()') IS NULL THEN
        RETURN;   -- a 4.0 built before the registry existed
    END IF;
    IF NOT EXISTS (SELECT FROM @extschema@._vital_schema_registry() r WHERE r.version OPERATOR(pg_catalog.=) '4.0') THEN
        RAISE WARNING 'vital_persona 4.0 -> 5.0: no schema registry for the installed 4.0; drift not checked';
        RETURN;
    END IF;
    SELECT pg_catalog.count(*) FILTER (WHERE x.blocking),
           pg_catalog.array_agg(pg_catalog.format('%s (%s): expected %s, found %s', x.object, x.kind,
                                                  COALESCE(x.expected, '(nothing)'), COALESCE(x.actual, '(missing)'))
                                ORDER BY x.object COLLATE "C", x.kind COLLATE "C") FILTER (WHERE x.blocking),
           pg_catalog.count(*) FILTER (WHERE NOT x.blocking),
           pg_catalog.array_agg(pg_catalog.format('%s (%s, %s)', x.object, x.kind, x.severity)
                                ORDER BY x.object COLLATE "C", x.kind COLLATE "C") FILTER (WHERE NOT x.blocking)
      INTO v_blocking_n, v_blocking, v_other_n, v_other
      FROM (SELECT d.*, (d.severity OPERATOR(pg_catalog.=) 'error'
                         AND (d.kind OPERATOR(pg_catalog.=) ANY (ARRAY['relation', 'column', 'type'])
                              OR (d.kind OPERATOR(pg_catalog.=) 'constraint'
                                  AND pg_catalog.substr(d.expected, 1, 7) OPERATOR(pg_catalog.=) ANY (ARRAY['type=p ', 'type=u ', 'type=f '])))) AS blocking
            FROM @extschema@._vital_schema_diff() d) x;
    IF v_blocking_n OPERATOR(pg_catalog.>) 0 THEN
        RAISE EXCEPTION 'vital_persona 4.0 -> 5.0: the installed schema differs from 4.0 where the update depends on it (% difference(s))', v_blocking_n
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = pg_catalog.array_to_string(v_blocking[1:30], E'\n'),
                  HINT = 'Restore these as in a fresh 4.0 install (SELECT * FROM vital_schema_drift() in the extension''s schema lists every difference), then run ALTER EXTENSION vital_persona UPDATE again.';
    END IF;
    IF v_other_n OPERATOR(pg_catalog.>) 0 THEN
        RAISE WARNING 'vital_persona 4.0 -> 5.0: % difference(s) from the 4.0 schema; the update goes on', v_other_n
            USING DETAIL = pg_catalog.array_to_string(v_other[1:30], E'\n'),
                  HINT = 'Policies, grants, RLS flags and the extension''s triggers are re-applied by the update; SELECT * FROM vital_schema_drift() lists what remains afterwards.';
    END IF;
END
$do$;
