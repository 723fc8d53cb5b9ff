-- versions: 4.0 5.0
-- Only supported relation kinds are read directly (issue 11): a partitioned member table with a foreign key to
-- personas crashed vital_summary (index_beginscan on a relation without a table AM). Sections are plain tables;
-- a partition that is itself a member is counted; a non-uuid "id" is never read as a uuid; the validation
-- trigger does not index-probe a partitioned lookup table nor check one partition as if it were the whole
-- table; dropped columns are ignored. As the superuser (ALTER EXTENSION ... ADD needs it), inside a transaction.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(13);

INSERT INTO tenants (id, name, slug) VALUES ('10000000-0000-0000-0000-0000000000c0', 'Kinds', 'relkinds-t');
INSERT INTO personas (id, tenant_id, name, slug)
    VALUES ('a0000000-0000-0000-0000-0000000000c0', '10000000-0000-0000-0000-0000000000c0', 'Kinds', 'relkinds-p');
INSERT INTO persona_goals (tenant_id, persona_id, goal_text, priority)
    VALUES ('10000000-0000-0000-0000-0000000000c0', 'a0000000-0000-0000-0000-0000000000c0', 'a goal', 1);

-- A partitioned table with a foreign key to personas, added to the extension, with a btree index on persona_id
-- (a partitioned index: no storage).
CREATE TABLE persona_partitioned (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    FOREIGN KEY (tenant_id, persona_id) REFERENCES personas (tenant_id, id)
) PARTITION BY HASH (persona_id);
CREATE TABLE persona_partitioned_p0 PARTITION OF persona_partitioned FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE persona_partitioned_p1 PARTITION OF persona_partitioned FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE INDEX ON persona_partitioned (persona_id);
INSERT INTO persona_partitioned (tenant_id, persona_id)
    VALUES ('10000000-0000-0000-0000-0000000000c0', 'a0000000-0000-0000-0000-0000000000c0');
ALTER EXTENSION vital_persona ADD TABLE persona_partitioned;

SELECT isnt(vital_summary('a0000000-0000-0000-0000-0000000000c0'), NULL,
    'vital_summary with a partitioned member table referencing personas: no crash, a summary');
SELECT is(vital_summary('a0000000-0000-0000-0000-0000000000c0') -> 'sections' ? 'persona_partitioned', false,
    'the partitioned table is not a section (it is never scanned directly)');
SELECT is(vital_summary('a0000000-0000-0000-0000-0000000000c0') -> 'sections' -> 'persona_goals', '1'::jsonb,
    'the other sections are still counted');
SELECT is((SELECT count(*) FROM vital_summaries(ARRAY['a0000000-0000-0000-0000-0000000000c0'::uuid])), 1::bigint,
    'vital_summaries too');

-- Its partitions are plain tables: one that is a member is a section and is counted.
ALTER EXTENSION vital_persona ADD TABLE persona_partitioned_p0;
ALTER EXTENSION vital_persona ADD TABLE persona_partitioned_p1;
SELECT _vital_summary_invalidate();  -- membership changes do not invalidate personas by themselves (scripts call it)
SELECT is((vital_summary('a0000000-0000-0000-0000-0000000000c0') -> 'sections' -> 'persona_partitioned_p0')::int
          + (vital_summary('a0000000-0000-0000-0000-0000000000c0') -> 'sections' -> 'persona_partitioned_p1')::int, 1,
    'member partitions are sections, read directly, and count the row once');

-- A member section whose "id" is not a uuid: it is counted and its id is never read as a uuid pointer.
CREATE TABLE persona_bigint_ids (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    FOREIGN KEY (tenant_id, persona_id) REFERENCES personas (tenant_id, id)
);
CREATE INDEX ON persona_bigint_ids (persona_id);
INSERT INTO persona_bigint_ids (tenant_id, persona_id)
    SELECT '10000000-0000-0000-0000-0000000000c0', 'a0000000-0000-0000-0000-0000000000c0' FROM generate_series(1, 3);
ALTER EXTENSION vital_persona ADD TABLE persona_bigint_ids;
SELECT is(vital_summary('a0000000-0000-0000-0000-0000000000c0') -> 'sections' -> 'persona_bigint_ids', '3'::jsonb,
    'a section with a bigint id is counted');
SET LOCAL ROLE service_role;  -- RLS-respecting path (SPI) as well, where the role has the grants
SELECT is(vital_summary('a0000000-0000-0000-0000-0000000000c0') -> 'sections' -> 'persona_goals', '1'::jsonb,
    'and the summary works for an API role');
RESET ROLE;

-- Dropped columns: a highlight column of goals dropped.
ALTER TABLE persona_goals DROP COLUMN priority;
SELECT is(vital_summary('a0000000-0000-0000-0000-0000000000c0') #> '{highlights,goals,0,priority}', 'null'::jsonb,
    'a dropped highlight column reads as null');
SELECT is(vital_validate('persona_goals', '{"priority": 1}') @> '[{"kind": "unknown_column", "column": "priority"}]', true,
    'vital_validate treats the dropped column as unknown');

-- Validation trigger: a partitioned lookup table with two partitions.
CREATE TABLE lookup_partitioned (code text PRIMARY KEY) PARTITION BY LIST (code);
CREATE TABLE lookup_partitioned_ab PARTITION OF lookup_partitioned FOR VALUES IN ('a', 'b');
CREATE TABLE lookup_partitioned_cd PARTITION OF lookup_partitioned FOR VALUES IN ('c', 'd');
INSERT INTO lookup_partitioned VALUES ('a'), ('c');
CREATE TABLE uses_partitioned_lookup (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    code text REFERENCES lookup_partitioned (code)
);
DROP TRIGGER IF EXISTS vital_validate_row ON uses_partitioned_lookup;
CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON uses_partitioned_lookup
    FOR EACH ROW EXECUTE FUNCTION vital_validate_row();
ALTER EXTENSION vital_persona ADD TABLE uses_partitioned_lookup;
SELECT lives_ok($$INSERT INTO uses_partitioned_lookup (tenant_id, code) VALUES ('10000000-0000-0000-0000-0000000000c0', 'c')$$,
    'a value stored in the second partition passes the validation trigger (no partition-only check, no crash)');
SELECT throws_ok($$INSERT INTO uses_partitioned_lookup (tenant_id, code) VALUES ('10000000-0000-0000-0000-0000000000c0', 'zz')$$,
    '23503', NULL, 'a missing value is refused by the foreign key');
SELECT is(vital_validate('uses_partitioned_lookup', '{"tenant_id": "10000000-0000-0000-0000-0000000000c0", "code": "c"}'), '[]'::jsonb,
    'vital_validate reports no violation for a value of the second partition');
SELECT isnt(vital_summary('a0000000-0000-0000-0000-0000000000c0'), NULL, 'the backend is still alive');

SELECT * FROM finish();
ROLLBACK;
