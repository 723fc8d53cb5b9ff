-- versions: 4.0 5.0
-- A table with tenant_id created later in the extension's schema gets the validation trigger at once
-- (as it gets RLS), and reports all violations like the shipped tables; the opt-out works.
BEGIN;
SELECT plan(6);


CREATE TABLE persona_custom_notes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    persona_id uuid NOT NULL,
    mood text CONSTRAINT mood_allowed CHECK (mood IN ('Calm', 'Busy')),
    score int CONSTRAINT score_range CHECK (score BETWEEN 0 AND 10),
    FOREIGN KEY (tenant_id, persona_id) REFERENCES personas (tenant_id, id) ON DELETE CASCADE
);
SELECT ok(EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'persona_custom_notes'::regclass
                  AND tgname = 'vital_validate_row'),
    'a new tenant table in the extension schema gets vital_validate_row');

INSERT INTO tenants (id, name, slug) VALUES ('a0000000-0000-0000-0000-00000000000a', 'Auto', 'auto-validation');
INSERT INTO personas (id, tenant_id, name, slug)
VALUES ('b0000000-0000-0000-0000-00000000000b', 'a0000000-0000-0000-0000-00000000000a', 'P', 'p-auto');

SELECT throws_ok($$INSERT INTO persona_custom_notes (tenant_id, persona_id, mood, score)
                   VALUES ('a0000000-0000-0000-0000-00000000000a', 'b0000000-0000-0000-0000-00000000000b', 'Angry', 11)$$,
    '23514', '2 validation errors on persona_custom_notes', 'its violations are reported together');

INSERT INTO persona_custom_notes (persona_id, mood, score)
VALUES ('b0000000-0000-0000-0000-00000000000b', ' calm ', 3);
SELECT is((SELECT tenant_id::text || ' ' || mood FROM persona_custom_notes),
    'a0000000-0000-0000-0000-00000000000a Calm', 'and it gets the conveniences (tenant_id filled, trimmed, case fixed)');

CREATE TABLE not_a_tenant_table (id int PRIMARY KEY, note text);
SELECT ok(NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'not_a_tenant_table'::regclass
                      AND tgname = 'vital_validate_row'), 'a table without tenant_id is left alone');

SET LOCAL vital_persona.validation_auto = off;
CREATE TABLE persona_opted_out (id uuid PRIMARY KEY, tenant_id uuid NOT NULL);
SELECT ok(NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'persona_opted_out'::regclass
                      AND tgname = 'vital_validate_row'), 'SET vital_persona.validation_auto = off opts out');

RESET vital_persona.validation_auto;
CREATE SCHEMA elsewhere;
CREATE TABLE elsewhere.persona_like (id uuid PRIMARY KEY, tenant_id uuid NOT NULL);
SELECT ok(NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'elsewhere.persona_like'::regclass
                      AND tgname = 'vital_validate_row'), 'tables outside the extension schema are left alone');

SELECT * FROM finish();
ROLLBACK;
