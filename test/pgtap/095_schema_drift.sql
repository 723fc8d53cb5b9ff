-- versions: 4.0 5.0
-- vital_schema_drift() (docs/registry.md): empty on every install target (fresh default version in public or
-- vital, fresh 4.0, 4.0 + update), and each deliberate drift below is reported as its own row with the right
-- object, kind and severity. Each drift is applied inside a savepoint and rolled back; the report is taken in between.
BEGIN;
SELECT plan(35);

SELECT is((SELECT count(*) FROM vital_schema_drift())::int, 0, 'no drift on a fresh or updated install');
SELECT ok((SELECT count(*) FROM _vital_schema_registry())::int > 1000, 'the registry of the installed version is shipped');
SELECT is((SELECT DISTINCT version FROM _vital_schema_registry()),
          (SELECT extversion FROM pg_extension WHERE extname = 'vital_persona')::text, 'the registry is for the installed version');

-- All deliberate drifts at once (the report is taken once: it reads the whole catalog), then each must be
-- reported as its own row: 'severity|expected is null|actual is null'.
-- drift_under(statements): the drift report after running the statements in a subtransaction that is then
-- rolled back (plpgsql variables survive the rollback).
CREATE FUNCTION pg_temp.drift_under(stmts text[]) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    stmt text;
    report jsonb;
BEGIN
    BEGIN
        FOREACH stmt IN ARRAY stmts LOOP
            EXECUTE stmt;
        END LOOP;
        SELECT coalesce(jsonb_agg(to_jsonb(d)), '[]') INTO report FROM vital_schema_drift() d;
        RAISE EXCEPTION USING ERRCODE = 'P0099', MESSAGE = 'roll back';
    EXCEPTION WHEN SQLSTATE 'P0099' THEN
        NULL;
    END;
    RETURN report;
END $$;
CREATE TEMP TABLE drift_report AS SELECT * FROM vital_schema_drift() WHERE false;
INSERT INTO drift_report SELECT * FROM jsonb_populate_recordset(NULL::drift_report, pg_temp.drift_under(ARRAY[
    $d$DROP INDEX idx_persona_goals_tenant_persona$d$,
    $d$CREATE INDEX extra_idx ON persona_goals (goal_text)$d$,
    $d$ALTER TABLE persona_goals ALTER COLUMN priority SET DEFAULT 1$d$,
    $d$ALTER TABLE persona_goals ALTER COLUMN goal_text SET NOT NULL$d$,
    $d$ALTER TABLE persona_challenges ALTER COLUMN challenge_text TYPE varchar(500)$d$,
    $d$ALTER TABLE personas ADD COLUMN goals_v2 jsonb$d$,
    $d$ALTER TABLE persona_goals DROP COLUMN sequence_order$d$,
    $d$ALTER TABLE persona_goals DROP CONSTRAINT goal_type_allowed$d$,
    $d$ALTER TABLE persona_goals DROP CONSTRAINT fk_persona$d$,
    $d$ALTER TABLE persona_goals ADD CONSTRAINT extra_check CHECK (priority < 100)$d$,
    $d$ALTER POLICY vital_select ON persona_goals USING (true)$d$,
    $d$CREATE POLICY extra_pol ON persona_goals FOR SELECT TO authenticated USING (true)$d$,
    $d$DROP POLICY vital_delete ON persona_goals$d$,
    $d$ALTER TABLE persona_goals DISABLE ROW LEVEL SECURITY$d$,
    $d$ALTER TABLE persona_challenges NO FORCE ROW LEVEL SECURITY$d$,
    $d$DROP TRIGGER set_updated_at ON persona_goals$d$,
    $d$ALTER TABLE persona_goals DISABLE TRIGGER vital_validate_row$d$,
    $d$ALTER FUNCTION vital_summary(uuid) SET work_mem = '8MB'$d$,
    $d$ALTER FUNCTION set_updated_at() SECURITY DEFINER$d$,
    $d$CREATE OR REPLACE FUNCTION immutable_array_to_text(text[]) RETURNS text LANGUAGE sql IMMUTABLE STRICT
                           PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS 'SELECT ''x'''$d$,
    $d$GRANT SELECT ON persona_goals TO anon$d$,
    $d$GRANT TRUNCATE ON persona_goals TO authenticated$d$,
    $d$REVOKE SELECT ON persona_goals FROM service_role$d$,
    $d$GRANT EXECUTE ON FUNCTION _vital_member_tables(text) TO PUBLIC$d$,
    $d$COMMENT ON TABLE persona_goals IS 'changed'$d$,
    $d$UPDATE pg_extension SET extcondition[1] = 'WHERE false' WHERE extname = 'vital_persona'$d$]));

CREATE FUNCTION pg_temp.reported(obj text, knd text) RETURNS text LANGUAGE sql AS $$
    SELECT format('%s|%s|%s', d.severity, d.expected IS NULL, d.actual IS NULL) FROM drift_report d WHERE d.object = obj AND d.kind = knd
$$;
SELECT is(pg_temp.reported('index persona_goals.idx_persona_goals_tenant_persona', 'index'), 'warning|f|t', 'dropped index');
SELECT is(pg_temp.reported('index persona_goals.extra_idx', 'index'), 'info|t|f', 'extra index (info)');
SELECT is(pg_temp.reported('column persona_goals.priority', 'column'), 'warning|f|f', 'changed default');
SELECT is(pg_temp.reported('column persona_goals.goal_text', 'column'), 'warning|f|f', 'changed nullability');
SELECT is(pg_temp.reported('column persona_challenges.challenge_text', 'column'), 'error|f|f', 'changed column type (error)');
SELECT is(pg_temp.reported('column personas.goals_v2', 'column'), 'warning|t|f', 'added column (not dumped by pg_dump)');
SELECT is(pg_temp.reported('column persona_goals.sequence_order', 'column'), 'error|f|t', 'dropped column (error)');
SELECT is(pg_temp.reported('constraint persona_goals.goal_type_allowed', 'constraint'), 'error|f|t', 'dropped CHECK (error)');
SELECT is(pg_temp.reported('constraint persona_goals.fk_persona', 'constraint'), 'error|f|t', 'dropped foreign key (error)');
SELECT is(pg_temp.reported('constraint persona_goals.extra_check', 'constraint'), 'warning|t|f', 'added CHECK');
SELECT is(pg_temp.reported('policy persona_goals.vital_select', 'policy'), 'warning|f|f', 'edited policy');
SELECT is(pg_temp.reported('policy persona_goals.extra_pol', 'policy'), 'warning|t|f', 'added policy');
SELECT is(pg_temp.reported('policy persona_goals.vital_delete', 'policy'), 'warning|f|t', 'dropped policy');
SELECT is(pg_temp.reported('table persona_goals', 'relation'), 'warning|f|f', 'RLS disabled');
SELECT is(pg_temp.reported('table persona_challenges', 'relation'), 'warning|f|f', 'RLS no longer forced');
SELECT is(pg_temp.reported('trigger persona_goals.set_updated_at', 'trigger'), 'warning|f|t', 'trigger dropped');
SELECT is(pg_temp.reported('trigger persona_goals.vital_validate_row', 'trigger'), 'warning|f|f', 'trigger disabled');
SELECT is(pg_temp.reported('function vital_summary(persona_id uuid)', 'settings'), 'warning|f|f', 'changed function setting');
SELECT is(pg_temp.reported('function set_updated_at()', 'function'), 'warning|f|f', 'function made SECURITY DEFINER');
SELECT is(pg_temp.reported('function immutable_array_to_text(text[])', 'definition'), 'warning|f|f', 'function body replaced');
SELECT is(pg_temp.reported('table persona_goals', 'grant to anon'), 'warning|t|f', 'granted privilege to anon');
SELECT is(pg_temp.reported('table persona_goals', 'grant to authenticated'), 'warning|f|f', 'widened grant to authenticated');
SELECT is(pg_temp.reported('table persona_goals', 'grant to service_role'), 'warning|f|f', 'revoked privilege');
SELECT is(pg_temp.reported('function _vital_member_tables(with_column text)', 'grant to PUBLIC'), 'warning|t|f', 'function granted to PUBLIC');
SELECT is(pg_temp.reported('table persona_goals', 'comment'), 'info|f|f', 'changed comment (info)');
SELECT is(pg_temp.reported((SELECT 'table ' || c.relname FROM pg_extension e JOIN pg_class c ON c.oid = e.extconfig[1]
                            WHERE e.extname = 'vital_persona'), 'dump'), 'warning|f|f', 'changed pg_dump condition of a config table');
SELECT is((SELECT count(*) FROM drift_report WHERE object LIKE 'table %' AND kind = 'relation')::int, 2,
          'a changed table is one row (all its flags in one fact)');

-- back to nothing after the rollbacks
SELECT is((SELECT count(*) FROM vital_schema_drift())::int, 0, 'every savepoint rolled back: no drift');

-- who may call it: service_role yes, API users and anon no
SET LOCAL ROLE service_role;
SELECT is((SELECT count(*) FROM vital_schema_drift())::int, 0, 'service_role may call vital_schema_drift()');
RESET ROLE;
SET LOCAL ROLE authenticated;
SELECT throws_ok('SELECT * FROM vital_schema_drift()', '42501', NULL, 'authenticated may not call vital_schema_drift()');
RESET ROLE;
SELECT ok(NOT has_function_privilege('anon', 'vital_schema_drift()', 'EXECUTE'), 'anon may not call vital_schema_drift()');
SELECT ok(NOT has_function_privilege('authenticated', '_vital_schema_facts()', 'EXECUTE'), 'nor may API users read the facts');

SELECT * FROM finish();
ROLLBACK;
