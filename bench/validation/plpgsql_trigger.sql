-- Bench only: a hand-written PL/pgSQL trigger doing what vital_validate_row() does for persona_week_in_life
-- (trim text, fix the case of enumerated values, fill tenant_id, collect every NOT NULL / CHECK violation into
-- one JSON DETAIL, look the persona up only when needed). Rules are hard-coded, as one would write it by hand.
CREATE FUNCTION bench_week_validate() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    errs jsonb := '[]';
    days text[] := ARRAY['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday'];
    loads text[] := ARRAY['heavy','moderate','light'];
    travel text[] := ARRAY['high','medium','low','none'];
    energy text[] := ARRAY['high','medium','low'];
    fixed text;
    t uuid;
BEGIN
    NEW.day_of_week := btrim(NEW.day_of_week, E' \t\n\r\v\f');
    NEW.meeting_load := btrim(NEW.meeting_load, E' \t\n\r\v\f');
    NEW.travel_likelihood := btrim(NEW.travel_likelihood, E' \t\n\r\v\f');
    NEW.energy_pattern := btrim(NEW.energy_pattern, E' \t\n\r\v\f');
    IF NEW.tenant_id IS NULL AND NEW.persona_id IS NOT NULL THEN
        EXECUTE format('SELECT tenant_id FROM %I.personas WHERE id = $1', TG_TABLE_SCHEMA) INTO t USING NEW.persona_id;
        NEW.tenant_id := t;
    END IF;
    IF NEW.day_of_week IS NOT NULL AND NOT NEW.day_of_week = ANY (days) THEN
        SELECT d INTO fixed FROM unnest(days) d WHERE lower(d) = lower(NEW.day_of_week);
        IF fixed IS NOT NULL THEN NEW.day_of_week := fixed; ELSE
            errs := errs || jsonb_build_object('kind', 'check', 'column', 'day_of_week', 'constraint', 'day_of_week_allowed',
                'rule', 'must be one of: ' || array_to_string(days, ', '), 'value', NEW.day_of_week); END IF;
    END IF;
    IF NEW.meeting_load IS NOT NULL AND NOT NEW.meeting_load = ANY (loads) THEN
        SELECT d INTO fixed FROM unnest(loads) d WHERE lower(d) = lower(NEW.meeting_load);
        IF fixed IS NOT NULL THEN NEW.meeting_load := fixed; ELSE
            errs := errs || jsonb_build_object('kind', 'check', 'column', 'meeting_load', 'constraint', 'meeting_load_allowed',
                'rule', 'must be one of: ' || array_to_string(loads, ', '), 'value', NEW.meeting_load); END IF;
    END IF;
    IF NEW.travel_likelihood IS NOT NULL AND NOT NEW.travel_likelihood = ANY (travel) THEN
        SELECT d INTO fixed FROM unnest(travel) d WHERE lower(d) = lower(NEW.travel_likelihood);
        IF fixed IS NOT NULL THEN NEW.travel_likelihood := fixed; ELSE
            errs := errs || jsonb_build_object('kind', 'check', 'column', 'travel_likelihood', 'constraint', 'travel_likelihood_allowed',
                'rule', 'must be one of: ' || array_to_string(travel, ', '), 'value', NEW.travel_likelihood); END IF;
    END IF;
    IF NEW.energy_pattern IS NOT NULL AND NOT NEW.energy_pattern = ANY (energy) THEN
        SELECT d INTO fixed FROM unnest(energy) d WHERE lower(d) = lower(NEW.energy_pattern);
        IF fixed IS NOT NULL THEN NEW.energy_pattern := fixed; ELSE
            errs := errs || jsonb_build_object('kind', 'check', 'column', 'energy_pattern', 'constraint', 'energy_pattern_allowed',
                'rule', 'must be one of: ' || array_to_string(energy, ', '), 'value', NEW.energy_pattern); END IF;
    END IF;
    IF NEW.tenant_id IS NULL THEN errs := errs || '{"kind": "not_null", "column": "tenant_id"}'; END IF;
    IF NEW.persona_id IS NULL THEN errs := errs || '{"kind": "not_null", "column": "persona_id"}'; END IF;
    IF NEW.day_of_week IS NULL THEN errs := errs || '{"kind": "not_null", "column": "day_of_week"}'; END IF;
    IF NOT coalesce(NEW.focus_time_available >= 0 AND NEW.focus_time_available <= 24, true) THEN
        errs := errs || jsonb_build_object('kind', 'check', 'column', 'focus_time_available',
            'constraint', 'focus_time_available_range', 'value', NEW.focus_time_available); END IF;
    IF NOT coalesce(NEW.stakeholder_interactions >= 0, true) THEN
        errs := errs || jsonb_build_object('kind', 'check', 'column', 'stakeholder_interactions',
            'constraint', 'stakeholder_interactions_non_negative', 'value', NEW.stakeholder_interactions); END IF;
    IF NOT coalesce(NEW.decision_count >= 0, true) THEN
        errs := errs || jsonb_build_object('kind', 'check', 'column', 'decision_count',
            'constraint', 'decision_count_non_negative', 'value', NEW.decision_count); END IF;
    IF jsonb_array_length(errs) > 0 THEN
        RAISE EXCEPTION USING ERRCODE = '23514', MESSAGE = format('%s validation errors on %s', jsonb_array_length(errs), TG_TABLE_NAME),
            DETAIL = errs::text;
    END IF;
    RETURN NEW;
END $$;
