-- Section 57: week in the life (WILO)
-- Tables: persona_week_in_life, persona_weekly_milestones, persona_weekly_meetings.
-- Each child: (tenant_id, persona_id) -> personas (tenant_id, id) ON DELETE CASCADE, indexed (tenant_id, persona_id).

CREATE TABLE @extschema@.persona_week_in_life (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    day_of_week text NOT NULL,
    typical_start_time time,
    typical_end_time time,
    meeting_load text,
    focus_time_available integer,
    travel_likelihood text,
    energy_pattern text,
    typical_activities text[],
    stakeholder_interactions integer,
    decision_count integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    created_by uuid,
    updated_by uuid,
    CONSTRAINT persona_week_in_life_pkey PRIMARY KEY (id),
    CONSTRAINT day_of_week_allowed CHECK (day_of_week OPERATOR(pg_catalog.=) ANY (ARRAY['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday'])),
    CONSTRAINT meeting_load_allowed CHECK (meeting_load OPERATOR(pg_catalog.=) ANY (ARRAY['heavy','moderate','light'])),
    CONSTRAINT focus_time_available_range CHECK ((focus_time_available OPERATOR(pg_catalog.>=) 0) AND (focus_time_available OPERATOR(pg_catalog.<=) 24)),
    CONSTRAINT travel_likelihood_allowed CHECK (travel_likelihood OPERATOR(pg_catalog.=) ANY (ARRAY['high','medium','low','none'])),
    CONSTRAINT energy_pattern_allowed CHECK (energy_pattern OPERATOR(pg_catalog.=) ANY (ARRAY['high','medium','low'])),
    CONSTRAINT stakeholder_interactions_non_negative CHECK (stakeholder_interactions OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT decision_count_non_negative CHECK (decision_count OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT unique_persona_day UNIQUE (tenant_id, persona_id, day_of_week),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_created_by FOREIGN KEY (created_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL,
    CONSTRAINT fk_updated_by FOREIGN KEY (updated_by) REFERENCES @extschema@.users (id) ON DELETE SET NULL
);
CREATE INDEX idx_persona_week_in_life_created_by ON @extschema@.persona_week_in_life (created_by);
CREATE INDEX idx_persona_week_in_life_updated_by ON @extschema@.persona_week_in_life (updated_by);
CREATE INDEX idx_wilo_day ON @extschema@.persona_week_in_life (tenant_id, day_of_week);
COMMENT ON TABLE @extschema@.persona_week_in_life IS 'Week-in-life (WILO): one row per weekday pattern [section 57; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_week_in_life.day_of_week IS 'Canonical Title-case spelling: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday.';
COMMENT ON COLUMN @extschema@.persona_week_in_life.focus_time_available IS 'Hours of focus time available that day (0-24).';

CREATE TABLE @extschema@.persona_weekly_milestones (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    milestone_type text NOT NULL,
    milestone_description text NOT NULL,
    week_phase text,
    criticality text,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_weekly_milestones_pkey PRIMARY KEY (id),
    CONSTRAINT week_phase_allowed CHECK (week_phase OPERATOR(pg_catalog.=) ANY (ARRAY['early','mid','late'])),
    CONSTRAINT criticality_allowed CHECK (criticality OPERATOR(pg_catalog.=) ANY (ARRAY['critical','high','medium','low'])),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_persona_weekly_milestones_tenant_persona ON @extschema@.persona_weekly_milestones (tenant_id, persona_id);
COMMENT ON TABLE @extschema@.persona_weekly_milestones IS 'Recurring weekly milestones by week phase and criticality [section 57; version 5.0]';

CREATE TABLE @extschema@.persona_weekly_meetings (
    id uuid DEFAULT pg_catalog.gen_random_uuid(),
    tenant_id uuid NOT NULL,
    persona_id uuid NOT NULL,
    meeting_type text NOT NULL,
    frequency text,
    duration_hours numeric(4,2),
    attendee_count integer,
    value_rating integer,
    created_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT persona_weekly_meetings_pkey PRIMARY KEY (id),
    CONSTRAINT frequency_allowed CHECK (frequency OPERATOR(pg_catalog.=) ANY (ARRAY['daily','weekly','bi_weekly','monthly'])),
    CONSTRAINT duration_hours_range CHECK ((duration_hours OPERATOR(pg_catalog.>) 0) AND (duration_hours OPERATOR(pg_catalog.<=) 24)),
    CONSTRAINT attendee_count_at_least_2 CHECK (attendee_count OPERATOR(pg_catalog.>=) 2),
    CONSTRAINT value_rating_range CHECK ((value_rating OPERATOR(pg_catalog.>=) 1) AND (value_rating OPERATOR(pg_catalog.<=) 10)),
    CONSTRAINT fk_tenant FOREIGN KEY (tenant_id) REFERENCES @extschema@.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_persona FOREIGN KEY (tenant_id, persona_id) REFERENCES @extschema@.personas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_meeting_type FOREIGN KEY (meeting_type) REFERENCES @extschema@.lookup_meeting_types (code) ON UPDATE CASCADE
);
CREATE INDEX idx_persona_weekly_meetings_tenant_persona ON @extschema@.persona_weekly_meetings (tenant_id, persona_id);
CREATE INDEX idx_persona_weekly_meetings_meeting_type ON @extschema@.persona_weekly_meetings (meeting_type);
COMMENT ON TABLE @extschema@.persona_weekly_meetings IS 'Recurring meetings: frequency, duration, attendees, value [section 57; version 5.0]';
COMMENT ON COLUMN @extschema@.persona_weekly_meetings.meeting_type IS 'Code from lookup_meeting_types (FK, ON UPDATE CASCADE); the lookup rows are the allowed values.';
