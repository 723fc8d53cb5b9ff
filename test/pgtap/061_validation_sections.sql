-- versions: 4.0 5.0
-- Validation on tables that are not the extension's: a new table with tenant_id is never touched (no event
-- trigger), and a table registered as a custom section (vital_register_section) gets vital_validate_row and
-- reports all violations like the shipped tables; vital_validate() accepts it; unregistering removes the trigger.
BEGIN;
SELECT plan(8);

CREATE SCHEMA custom;
CREATE TABLE custom.persona_custom_notes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    persona_id uuid NOT NULL,
    mood text CONSTRAINT mood_allowed CHECK (mood IN ('Calm', 'Busy')),
    score int CONSTRAINT score_range CHECK (score BETWEEN 0 AND 10),
    FOREIGN KEY (tenant_id, persona_id) REFERENCES personas (tenant_id, id) ON DELETE CASCADE
);
SELECT ok(NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'custom.persona_custom_notes'::regclass
                      AND tgname = 'vital_validate_row'),
    'a new tenant table is not touched by the extension');
SELECT throws_ok($$SELECT vital_validate('custom.persona_custom_notes', '{}')$$, '42809', NULL,
    'vital_validate refuses a table the extension does not manage');

SELECT lives_ok($$SELECT * FROM vital_register_section('custom.persona_custom_notes')$$, 'the table is registered as a section');
SELECT ok(EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'custom.persona_custom_notes'::regclass
                  AND tgname = 'vital_validate_row'),
    'a registered section gets vital_validate_row');

INSERT INTO tenants (id, name, slug) VALUES ('a0000000-0000-0000-0000-00000000000a', 'Auto', 'auto-validation');
INSERT INTO personas (id, tenant_id, name, slug)
VALUES ('b0000000-0000-0000-0000-00000000000b', 'a0000000-0000-0000-0000-00000000000a', 'P', 'p-auto');

SELECT throws_ok($$INSERT INTO custom.persona_custom_notes (tenant_id, persona_id, mood, score)
                   VALUES ('a0000000-0000-0000-0000-00000000000a', 'b0000000-0000-0000-0000-00000000000b', 'Angry', 11)$$,
    '23514', '2 validation errors on persona_custom_notes', 'its violations are reported together');

INSERT INTO custom.persona_custom_notes (persona_id, mood, score)
VALUES ('b0000000-0000-0000-0000-00000000000b', ' calm ', 3);
SELECT is((SELECT tenant_id::text || ' ' || mood FROM custom.persona_custom_notes),
    'a0000000-0000-0000-0000-00000000000a Calm', 'and it gets the conveniences (tenant_id filled, trimmed, case fixed)');
SELECT ok(vital_validate('custom.persona_custom_notes', '{"mood": "Angry"}') @> '[{"column": "mood", "constraint": "mood_allowed"}]',
    'vital_validate accepts a registered section');

SELECT lives_ok($$SELECT * FROM vital_unregister_section('custom.persona_custom_notes')$$, 'unregistered');
-- (8 tests: the last one above counts; the trigger's removal is checked in 056_trust_boundary.sql)

SELECT * FROM finish();
ROLLBACK;
