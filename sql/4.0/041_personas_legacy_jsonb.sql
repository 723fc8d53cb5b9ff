-- personas: the four legacy JSONB columns of version 4.0.
-- Version 5.0 drops them (upstream V5_SCHEMA_ALIGNMENT_MIGRATION.sql): their content lives in persona_goals,
-- persona_pain_points, persona_challenges and persona_communication_preferences. This file is listed in
-- sql/drop-in-5.0, so a fresh 5.0 install never has them; the 4.0 -> 5.0 update migrates the data and drops them.

ALTER TABLE @extschema@.personas
    ADD COLUMN pain_points jsonb DEFAULT '[]'::jsonb,
    ADD COLUMN goals jsonb DEFAULT '[]'::jsonb,
    ADD COLUMN challenges jsonb DEFAULT '[]'::jsonb,
    ADD COLUMN communication_preferences jsonb DEFAULT '{}'::jsonb;
COMMENT ON COLUMN @extschema@.personas.pain_points IS 'Version 4.0 only (removed in 5.0; data moves to persona_pain_points).';
COMMENT ON COLUMN @extschema@.personas.goals IS 'Version 4.0 only (removed in 5.0; data moves to persona_goals).';
COMMENT ON COLUMN @extschema@.personas.challenges IS 'Version 4.0 only (removed in 5.0; data moves to persona_challenges).';
COMMENT ON COLUMN @extschema@.personas.communication_preferences IS 'Version 4.0 only (removed in 5.0; data moves to persona_communication_preferences).';
