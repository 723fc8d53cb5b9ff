-- ---------------------------------------------------------------------------------------------
-- Persona templates: the data the seed generator (091_seed_generator.sql) expands into personas.
--
-- Global reference data like the lookup_* tables (no tenant_id). One row per template; body is
-- a JSON object with one key per section, named after its table ("personas", "persona_goals",
-- ...), holding one row object (personas) or an array of row objects (column -> value, or a
-- variation spec), plus "$vars" (per-persona variables). Format: docs/seed.md.
--
-- The five built-in templates (is_builtin) are shipped by the extension and are not dumped;
-- templates users add are dumped by pg_dump with the rest of the data
-- (pg_extension_config_dump in sql/finalize/20_seed_templates.sql). Built-in rows are read-only.
--
-- Evidence entries in the built-in templates are ILLUSTRATIVE: invented titles, publishers,
-- experts and numbers that look like what a persona researcher would record. They are marked
-- "Illustrative:" and never carry real citations, DOIs or URLs (example.org where a URL is shown).
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.lookup_persona_templates (
  id          uuid        NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  code        text        NOT NULL,
  name        text        NOT NULL,
  description text,
  is_active   boolean     NOT NULL DEFAULT true,       -- inactive templates are not expanded
  is_builtin  boolean     NOT NULL DEFAULT false,
  body        jsonb       NOT NULL DEFAULT '{}'::jsonb,   -- must be an object: checked by the trigger below
  created_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
  CONSTRAINT lookup_persona_templates_pkey PRIMARY KEY (id),
  CONSTRAINT lookup_persona_templates_code_key UNIQUE (code),
  CONSTRAINT code_format CHECK (code OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]{1,62}$')
);

COMMENT ON TABLE @extschema@.lookup_persona_templates IS
  'Persona templates for vital_seed_personas(): one JSON body per role, sections keyed by table name. Built-in rows ship with the extension; user rows are dumped. See docs/seed.md.';

-- A body must be a JSON object (one key per section). A trigger rather than a CHECK: the message can say
-- what a body looks like. Like the other lookup_* tables, built-in rows stay updatable by the owner and
-- service_role, but built-in rows are not dumped: change a copy (new code), not a built-in row.
CREATE FUNCTION @extschema@.lookup_persona_templates_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
  IF pg_catalog.jsonb_typeof(NEW.body) OPERATOR(pg_catalog.=) 'object' IS NOT TRUE THEN
    RAISE EXCEPTION 'persona template "%": body must be a JSON object (got %)', NEW.code, coalesce(pg_catalog.jsonb_typeof(NEW.body), 'null')
      USING ERRCODE = 'check_violation', COLUMN = 'body', TABLE = 'lookup_persona_templates',
            HINT = 'One key per section (table name), e.g. {"personas": {...}, "persona_goals": [...]}; see docs/seed.md.';
  END IF;
  RETURN NEW;
END
$fn$;

CREATE TRIGGER lookup_persona_templates_check
  BEFORE INSERT OR UPDATE OF body ON @extschema@.lookup_persona_templates
  FOR EACH ROW EXECUTE FUNCTION @extschema@.lookup_persona_templates_check();


-- healthcare_base: abstract ("$abstract"), the sections the five roles share. Role templates
-- "$extends" it and replace whole sections; {placeholders} name per-persona variables.
INSERT INTO @extschema@.lookup_persona_templates (id, code, name, description, is_builtin, body) VALUES (
  pg_catalog.md5('vital_persona.template.healthcare_base')::uuid, 'healthcare_base', 'Healthcare B2B base (abstract)',
  'Sections shared by the built-in life-sciences roles; not expanded on its own.', true,
$json${
  "$abstract": true,
  "$vars": {
    "function": "Life Sciences",
    "ta": {"$pick": ["Oncology", "Immunology", "Neuroscience", "Cardiometabolic", "Rare Diseases", "Respiratory", "Infectious Diseases"]},
    "region": {"$pick": ["North America", "Europe", "Asia-Pacific"]},
    "boss": "Head of the function"
  },
  "persona_frustrations": [
    {"frustration_text": "Decisions about {ta} are made without the {function} perspective in the room", "emotional_intensity": "high", "sequence_order": 1},
    {"frustration_text": "Vendors pitch features instead of evidence that fits a regulated environment", "emotional_intensity": "medium", "sequence_order": 2},
    {"frustration_text": "Data lives in too many systems to answer simple questions quickly", "emotional_intensity": {"$pick": ["high", "medium"]}, "sequence_order": 3}
  ],
  "persona_motivations": [
    {"motivation_category": "professional", "motivation_text": "Bring better {ta} treatments to patients faster", "importance": "critical", "sequence_order": 1},
    {"motivation_category": "organizational", "motivation_text": "Make {function} a strategic partner, not a service function", "importance": "high", "sequence_order": 2},
    {"motivation_category": "personal", "motivation_text": "Grow a team known for scientific and operational excellence", "importance": {"$pick": ["high", "medium"]}, "sequence_order": 3}
  ],
  "persona_decision_makers": [
    {"stakeholder_role": "Head of {function}", "decision_maker_role": "Budget owner", "influence_level": "final_approver", "relationship_quality": "good", "sequence_order": 1},
    {"stakeholder_role": "Procurement lead", "decision_maker_role": "Commercial terms", "influence_level": "moderate_influence", "relationship_quality": "neutral", "sequence_order": 2},
    {"stakeholder_role": "IT and data security", "decision_maker_role": "Technical gatekeeper", "influence_level": "strong_influence", "relationship_quality": {"$pick": ["good", "neutral"]}, "sequence_order": 3},
    {"stakeholder_role": "Compliance / legal review", "decision_maker_role": "Risk review", "influence_level": "advisor", "relationship_quality": "good", "sequence_order": 4}
  ],
  "persona_education": [
    {"degree_level": "doctorate", "degree": {"$pick": ["PhD", "PharmD", "MD"]}, "field_of_study": {"$pick": ["Pharmacology", "Molecular Biology", "Medicine", "Clinical Pharmacy"]}, "institution": "{region} research university", "year_completed": {"$int": [1998, 2012]}, "sequence_order": 1},
    {"degree_level": "bachelor", "degree": "BSc", "field_of_study": {"$pick": ["Biochemistry", "Biology", "Chemistry"]}, "institution": "State university", "year_completed": {"$int": [1990, 2006]}, "sequence_order": 2}
  ],
  "persona_certifications": [
    {"certification_name": "Good Clinical Practice (ICH E6) training", "issuing_organization": "Accredited GCP training provider", "year_obtained": {"$int": [2019, 2024]}, "is_current": true, "sequence_order": 1}
  ],
  "persona_success_metrics": [
    {"metric_name": "Cross-functional plan delivered on time", "metric_description": "Share of {function} plan milestones met in the quarter", "sequence_order": 1},
    {"metric_name": "Stakeholder satisfaction", "metric_description": "Internal partner survey score for {function}", "sequence_order": 2},
    {"metric_name": "Budget adherence", "metric_description": "Spend within ±5% of the approved {function} budget", "sequence_order": 3}
  ],
  "persona_communication_channels": [
    {"channel_name": "email", "preference_level": "preferred", "best_time_of_day": "early morning", "best_day_of_week": "Tuesday", "response_time_expectation": "within 24 hours", "sequence_order": 1},
    {"channel_name": "video_call", "preference_level": "preferred", "best_time_of_day": "late morning", "best_day_of_week": "Wednesday", "response_time_expectation": "scheduled", "sequence_order": 2},
    {"channel_name": "face_to_face", "preference_level": "acceptable", "best_time_of_day": "afternoon", "best_day_of_week": "Thursday", "response_time_expectation": "scheduled", "sequence_order": 3},
    {"channel_name": "phone", "preference_level": {"$pick": ["acceptable", "avoid"]}, "best_time_of_day": "end of day", "best_day_of_week": "Friday", "response_time_expectation": "same day if urgent", "sequence_order": 4}
  ],
  "persona_information_sources": [
    {"source_type": "publication", "source_name": "Peer-reviewed {ta} journals", "trust_level": "highly_trusted", "usage_frequency": "weekly"},
    {"source_type": "conference", "source_name": "Major {ta} congresses", "trust_level": "highly_trusted", "usage_frequency": "quarterly"},
    {"source_type": "network", "source_name": "Peers in other {function} teams", "trust_level": "trusted", "usage_frequency": "monthly"},
    {"source_type": "newsletter", "source_name": "Industry trade newsletters", "trust_level": "somewhat_trusted", "usage_frequency": "daily"},
    {"source_type": "vendor", "source_name": "Vendor webinars and white papers", "trust_level": "somewhat_trusted", "usage_frequency": "as_needed"}
  ],
  "persona_values": [
    {"value_name": "Scientific integrity", "value_description": "Claims must be supported by robust data", "rank_order": 1, "sequence_order": 1},
    {"value_name": "Patient impact", "value_description": "Work is judged by what it changes for patients", "rank_order": 2, "sequence_order": 2},
    {"value_name": "Compliance", "value_description": "No shortcut is worth a regulatory finding", "rank_order": 3, "sequence_order": 3}
  ],
  "persona_personality_traits": [
    {"trait_name": "Analytical", "trait_description": "Asks for the data behind every recommendation", "strength": "dominant", "sequence_order": 1},
    {"trait_name": "Diplomatic", "trait_description": "Balances competing functional priorities", "strength": {"$pick": ["strong", "moderate"]}, "sequence_order": 2},
    {"trait_name": "Risk-aware", "trait_description": "Anticipates compliance and reputational risk", "strength": "strong", "sequence_order": 3}
  ],
  "persona_decision_authority": [
    {"decision_area": "{function} vendor selection", "authority_level": "approval_required", "budget_limit": {"$pick": ["USD 100k", "USD 250k", "USD 500k"]}},
    {"decision_area": "Team hiring and structure", "authority_level": "full", "budget_limit": "within headcount plan"},
    {"decision_area": "Enterprise platforms", "authority_level": "recommend_only", "budget_limit": "n/a"}
  ],
  "persona_purchase_barriers": [
    {"barrier_type": "budget", "barrier_description": "Spend outside the annual plan needs a business case and CFO sign-off", "severity": "significant"},
    {"barrier_type": "technical", "barrier_description": "Validation (GxP/CSV) and data-privacy review add 2-4 months", "severity": {"$pick": ["significant", "moderate"]}},
    {"barrier_type": "organizational", "barrier_description": "Global vs affiliate ownership of the decision is unclear", "severity": "moderate"},
    {"barrier_type": "timing", "barrier_description": "Launch and submission peaks freeze new projects", "severity": "minor"}
  ],
  "persona_purchase_influencers": [
    {"influencer_type": "internal", "influencer_name": "Peer functional heads", "influence_strength": "strong"},
    {"influencer_type": "external", "influencer_name": "Trusted peers at other companies", "influence_strength": "moderate"},
    {"influencer_type": "analyst", "influencer_name": "Industry analyst briefings", "influence_strength": "weak"}
  ],
  "persona_fears": [
    {"fear_description": "An inspection or audit finding traced back to their team", "likelihood": "low"},
    {"fear_description": "Being blamed for a delayed {ta} milestone they did not control", "likelihood": "medium"},
    {"fear_description": "Budget cuts hitting {function} first in a downturn", "likelihood": {"$pick": ["medium", "high"]}}
  ],
  "persona_aspirations": [
    {"aspiration_text": "Lead a global {function} organisation", "timeframe": "long_term"},
    {"aspiration_text": "Build a data-driven operating model for the team", "timeframe": "medium_term"},
    {"aspiration_text": "Deliver the next {ta} milestone without surprises", "timeframe": "short_term"}
  ],
  "persona_typical_locations": [
    {"location_name": "{hq}", "location_type": "city", "is_primary": true},
    {"location_name": "{region}", "location_type": "region", "is_primary": false}
  ],
  "persona_organization_types": [
    {"organization_type": "{org_type}", "is_typical": true},
    {"organization_type": "Partnered contract research organisation", "is_typical": false}
  ],
  "persona_communication_style": {"preferred_style": "Concise, evidence-led", "meeting_length_preference": {"$pick": ["25 minutes", "30 minutes", "45 minutes"]}, "presentation_style": "Key message first, data in the appendix", "decision_pace": {"$pick": ["moderate", "deliberate"]}},
  "persona_content_preferences": [
    {"content_type": "peer_reviewed_article", "preference_level": "strongly_prefer", "ideal_length": "6-12 pages", "ideal_format": "PDF with supplementary data"},
    {"content_type": "case_study", "preference_level": "prefer", "ideal_length": "2 pages", "ideal_format": "PDF"},
    {"content_type": "webinar", "preference_level": {"$pick": ["prefer", "neutral"]}, "ideal_length": "30 minutes", "ideal_format": "On-demand video"},
    {"content_type": "blog_post", "preference_level": "avoid", "ideal_length": "n/a", "ideal_format": "Vendor blog"}
  ],
  "persona_content_format_preferences": [
    {"format_element": "Executive summary on the first page", "preference": "required"},
    {"format_element": "Data visualisations with sources", "preference": "preferred"},
    {"format_element": "Marketing superlatives", "preference": "avoid"}
  ],
  "persona_social_media": [
    {"platform_name": "LinkedIn", "activity_level": {"$pick": ["active", "moderate"]}, "primary_usage": "Professional networking and industry news", "post_frequency": "weekly", "follower_count_range": {"$pick": ["500-1,000", "1,000-5,000", "5,000-10,000"]}},
    {"platform_name": "X", "activity_level": {"$pick": ["low", "inactive", "moderate"]}, "primary_usage": "Following congress coverage", "post_frequency": "rarely", "follower_count_range": "under 500"}
  ],
  "persona_groups_memberships": [
    {"group_name": "{function} leaders network", "platform": "LinkedIn", "participation_level": {"$pick": ["active", "lurker"]}},
    {"group_name": "{ta} professional society", "platform": "Society portal", "participation_level": "active"}
  ],
  "persona_influencers_followed": [
    {"influencer_name": "Leading {ta} clinical investigators", "influencer_type": "key opinion leader", "platform": "Congress and journals"},
    {"influencer_name": "Heads of {function} at peer companies", "influencer_type": "industry peer", "platform": "LinkedIn"}
  ],
  "persona_touchpoints": [
    {"touchpoint_name": "Scientific congress booth or symposium", "touchpoint_type": "event", "importance": "high", "frequency": "quarterly"},
    {"touchpoint_name": "Peer referral", "touchpoint_type": "word_of_mouth", "importance": "critical", "frequency": "ad hoc"},
    {"touchpoint_name": "Vendor demo with validation evidence", "touchpoint_type": "sales", "importance": "medium", "frequency": "as needed"}
  ],
  "persona_tags": [
    {"tag_name": "{template}", "tag_category": "template"},
    {"tag_name": "{ta}", "tag_category": "therapy_area"},
    {"tag_name": "{org_size}", "tag_category": "organization_size"}
  ],
  "persona_metadata": [
    {"meta_key": "generated_by", "meta_value": "vital_seed_personas", "data_type": "text"},
    {"meta_key": "illustrative", "meta_value": "true", "data_type": "boolean"},
    {"meta_key": "organization", "meta_value": "{org}", "data_type": "text"}
  ],
  "persona_vpanes_scoring": {"value_score": {"$num": [5, 9.5, 1]}, "priority_score": {"$num": [5, 9.5, 1]}, "addressability_score": {"$num": [4, 9, 1]}, "need_score": {"$num": [6, 10, 1]}, "engagement_score": {"$num": [4, 9, 1]}, "scale_score": {"$num": [3, 9, 1]}, "scoring_rationale": "Illustrative score from the {template} template"},
  "persona_week_in_life": [
    {"day_of_week": "Monday", "typical_start_time": "07:30", "typical_end_time": "18:30", "meeting_load": "heavy", "focus_time_available": 2, "travel_likelihood": "low", "energy_pattern": "high", "typical_activities": ["team sync", "cross-functional planning"], "stakeholder_interactions": {"$int": [8, 14]}, "decision_count": {"$int": [3, 8]}},
    {"day_of_week": "Tuesday", "typical_start_time": "08:00", "typical_end_time": "18:00", "meeting_load": "moderate", "focus_time_available": 4, "travel_likelihood": "medium", "energy_pattern": "high", "typical_activities": ["strategy work", "stakeholder meetings"], "stakeholder_interactions": {"$int": [5, 10]}, "decision_count": {"$int": [2, 6]}},
    {"day_of_week": "Wednesday", "typical_start_time": "08:00", "typical_end_time": "18:30", "meeting_load": "heavy", "focus_time_available": 2, "travel_likelihood": "medium", "energy_pattern": "medium", "typical_activities": ["{function} leadership meeting", "1:1s"], "stakeholder_interactions": {"$int": [8, 15]}, "decision_count": {"$int": [3, 7]}},
    {"day_of_week": "Thursday", "typical_start_time": "08:00", "typical_end_time": "18:00", "meeting_load": "moderate", "focus_time_available": 3, "travel_likelihood": {"$pick": ["medium", "high"]}, "energy_pattern": "medium", "typical_activities": ["external meetings", "vendor reviews"], "stakeholder_interactions": {"$int": [5, 12]}, "decision_count": {"$int": [2, 5]}},
    {"day_of_week": "Friday", "typical_start_time": "08:00", "typical_end_time": "16:00", "meeting_load": "light", "focus_time_available": 5, "travel_likelihood": "low", "energy_pattern": "low", "typical_activities": ["reporting", "planning next week"], "stakeholder_interactions": {"$int": [2, 6]}, "decision_count": {"$int": [1, 4]}}
  ],
  "persona_weekly_milestones": [
    {"milestone_type": "planning", "milestone_description": "Weekly priorities agreed with the team", "week_phase": "early", "criticality": "high"},
    {"milestone_type": "review", "milestone_description": "{ta} project status reviewed with partners", "week_phase": "mid", "criticality": "medium"},
    {"milestone_type": "reporting", "milestone_description": "Status report to {boss}", "week_phase": "late", "criticality": {"$pick": ["high", "medium"]}}
  ],
  "persona_weekly_meetings": [
    {"meeting_type": "team_meeting", "frequency": "weekly", "duration_hours": 1.0, "attendee_count": {"$int": [6, 14]}, "value_rating": {"$int": [6, 9]}},
    {"meeting_type": "one_on_one", "frequency": "weekly", "duration_hours": 0.5, "attendee_count": 2, "value_rating": {"$int": [7, 10]}},
    {"meeting_type": "cross_functional", "frequency": "bi_weekly", "duration_hours": 1.5, "attendee_count": {"$int": [8, 20]}, "value_rating": {"$int": [4, 8]}}
  ],
  "persona_month_in_life": [
    {"month_phase": "beginning", "planning_activities": ["budget review", "monthly planning"], "key_deliverables": ["monthly plan"], "reporting_obligations": [], "external_engagements": {"$int": [1, 4]}, "travel_days": {"$int": [0, 3]}, "budget_review_involvement": {"$pick": ["owner", "contributor"]}, "performance_review_cycle": false, "strategic_initiative_time": {"$int": [10, 25]}, "crisis_management_likelihood": "low"},
    {"month_phase": "mid", "planning_activities": ["execution tracking", "team 1:1s"], "key_deliverables": ["{ta} progress update"], "reporting_obligations": ["mid-month status"], "external_engagements": {"$int": [2, 6]}, "travel_days": {"$int": [1, 5]}, "budget_review_involvement": "reviewer", "performance_review_cycle": false, "strategic_initiative_time": {"$int": [15, 30]}, "crisis_management_likelihood": "medium"},
    {"month_phase": "end", "planning_activities": ["forecast update"], "key_deliverables": ["monthly report"], "reporting_obligations": ["reporting", "performance reviews"], "external_engagements": {"$int": [0, 3]}, "travel_days": {"$int": [0, 2]}, "budget_review_involvement": "contributor", "performance_review_cycle": true, "strategic_initiative_time": {"$int": [5, 15]}, "crisis_management_likelihood": "low"}
  ],
  "persona_monthly_objectives": [
    {"objective_text": "Close the open {function} actions from the monthly review", "success_metric": "Open actions older than 30 days", "achievement_rate": {"$num": [0.6, 0.95, 2]}, "carry_forward": false},
    {"objective_text": "Advance the {ta} plan by one milestone", "success_metric": "Milestone met", "achievement_rate": {"$num": [0.5, 1, 2]}, "carry_forward": {"$pick": [true, false]}}
  ],
  "persona_monthly_stakeholders": [
    {"stakeholder_type": "direct reports", "interaction_count": {"$int": [12, 30]}, "meeting_hours": {"$num": [8, 20, 1]}, "importance": "high"},
    {"stakeholder_type": "senior leadership", "interaction_count": {"$int": [2, 6]}, "meeting_hours": {"$num": [2, 6, 1]}, "importance": "critical"},
    {"stakeholder_type": "external partners", "interaction_count": {"$int": [3, 12]}, "meeting_hours": {"$num": [3, 12, 1]}, "importance": "medium"}
  ],
  "persona_year_in_life": [
    {"quarter": "Q1", "quarter_focus": "Planning", "annual_objectives": ["finalise annual {function} plan"], "budget_planning_role": "input", "performance_review_timing": "Objectives set", "conference_attendance": 1, "professional_development_hours": {"$int": [8, 20]}, "vacation_pattern": "distributed", "career_milestone_expected": "none", "industry_cycle_alignment": "planning_season"},
    {"quarter": "Q2", "quarter_focus": "Execution", "annual_objectives": ["deliver first-half milestones"], "budget_planning_role": "none", "performance_review_timing": "none", "conference_attendance": 2, "professional_development_hours": {"$int": [8, 16]}, "vacation_pattern": "distributed", "career_milestone_expected": "none", "industry_cycle_alignment": "peak_season"},
    {"quarter": "Q3", "quarter_focus": "Review", "annual_objectives": ["mid-year review", "re-forecast"], "budget_planning_role": "support", "performance_review_timing": "Mid-year review", "conference_attendance": 1, "professional_development_hours": {"$int": [4, 12]}, "vacation_pattern": "concentrated", "career_milestone_expected": {"$pick": ["none", "expanded scope"]}, "industry_cycle_alignment": "quiet_period"},
    {"quarter": "Q4", "quarter_focus": "Strategy", "annual_objectives": ["next-year strategy and budget"], "budget_planning_role": "lead", "performance_review_timing": "Year-end review", "conference_attendance": 1, "professional_development_hours": {"$int": [4, 10]}, "vacation_pattern": "minimal", "career_milestone_expected": "none", "industry_cycle_alignment": "planning_season"}
  ],
  "persona_annual_conferences": [
    {"conference_name": "Annual {ta} congress", "conference_type": "industry", "role": {"$pick": ["attendee", "speaker"]}, "value_derived": "Latest data and KOL meetings", "networking_importance": "critical", "typical_quarter": "Q2"},
    {"conference_name": "{function} leadership summit", "conference_type": "leadership", "role": "attendee", "value_derived": "Peer benchmarking", "networking_importance": "high", "typical_quarter": "Q4"}
  ],
  "persona_career_trajectory": [
    {"year_in_role": 1, "expected_progression": "Establish the team and operating rhythm", "skill_development": ["stakeholder management"], "certification_targets": []},
    {"year_in_role": 3, "expected_progression": "Broader regional or global scope", "skill_development": ["budget ownership", "digital and data literacy"], "certification_targets": ["Executive leadership programme"]},
    {"year_in_role": 5, "expected_progression": "Head of {function}", "skill_development": ["enterprise strategy"], "certification_targets": []}
  ],
  "persona_internal_networks": [
    {"network_name": "{function} leadership team", "network_type": "leadership", "network_size": {"$int": [8, 15]}, "role_in_network": "core_member", "influence_in_network": "high", "network_value": "Alignment on priorities and resources", "strategic_importance": "critical", "time_investment_hours": {"$int": [4, 8]}},
    {"network_name": "{ta} asset team", "network_type": "cross_functional", "network_size": {"$int": [12, 30]}, "role_in_network": "active_member", "influence_in_network": {"$pick": ["high", "medium"]}, "network_value": "Early visibility of programme decisions", "strategic_importance": "high", "time_investment_hours": {"$int": [3, 6]}}
  ],
  "persona_vendor_relationships": [
    {"vendor_name": "Illustrative CRM/content platform vendor", "vendor_category": "software", "relationship_role": {"$pick": ["primary_user", "decision_maker"]}, "decision_authority": "shared", "annual_spend": {"$int": [80000, 400000]}, "contract_type": "subscription", "contract_start_date": {"$date": ["2022-01-01", "2024-06-30"]}, "auto_renewal": true, "satisfaction_score": {"$int": [5, 9]}, "relationship_health": "good", "switching_likelihood": "low", "strategic_importance": "strategic", "negotiation_leverage": "medium", "alternatives_available": {"$int": [2, 5]}, "performance_rating": {"$int": [5, 9]}, "innovation_contribution": "medium", "responsiveness": "good", "key_contacts": ["Account director"]},
    {"vendor_name": "Illustrative specialist agency", "vendor_category": "professional_services", "relationship_role": "decision_maker", "decision_authority": "full", "annual_spend": {"$int": [50000, 250000]}, "contract_type": "retainer", "auto_renewal": false, "satisfaction_score": {"$int": [4, 9]}, "relationship_health": {"$pick": ["good", "fair"]}, "switching_likelihood": {"$pick": ["medium", "low"]}, "strategic_importance": "operational", "negotiation_leverage": "high", "alternatives_available": {"$int": [3, 8]}, "performance_rating": {"$int": [4, 9]}, "innovation_contribution": "low", "responsiveness": "good", "key_contacts": ["Engagement lead"]}
  ],
  "persona_customer_relationships": [
    {"customer_segment": "healthcare", "geographic_market": "{region}", "industry_vertical": "Hospitals and integrated delivery networks", "interaction_type": "indirect", "touchpoint_frequency": "monthly", "primary_channel": "mixed", "customer_count": {"$int": [20, 200]}, "account_count": {"$int": [5, 40]}, "satisfaction_metric": "NPS", "current_satisfaction_score": {"$num": [20, 60, 1]}, "satisfaction_target": 50, "satisfaction_trend": {"$pick": ["improving", "stable"]}, "retention_rate": {"$num": [0.8, 0.97, 3]}, "retention_target": 0.9, "value_delivery_focus": ["Quality", "ROI"], "key_success_metrics": ["formulary access", "guideline inclusion"], "top_customer_priorities": ["outcomes evidence", "budget impact"], "relationship_health": "good", "escalations_count": {"$int": [0, 3]}}
  ],
  "persona_industry_relationships": [
    {"organization_name": "{ta} professional society", "organization_type": "professional_association", "organization_focus": "Scientific exchange in {ta}", "geographic_scope": "global", "membership_level": {"$pick": ["member", "committee_member", "active_member"]}, "membership_dues": {"$int": [150, 600]}, "involvement_type": {"$pick": ["attendee", "contributor", "speaker"]}, "time_commitment_hours": {"$int": [10, 60]}, "meeting_frequency": "quarterly", "value_derived": "Scientific network and visibility", "value_categories": ["networking", "knowledge"], "visibility_level": "medium", "thought_leadership_role": false, "speaking_frequency": {"$pick": ["occasional", "rare"]}, "publication_frequency": "rare", "media_presence": "limited", "strategic_value": "high", "career_impact": "medium", "organizational_benefit": "high"},
    {"organization_name": "{function} industry forum", "organization_type": "industry_forum", "geographic_scope": {"$pick": ["regional", "national", "global"]}, "membership_level": "participant", "involvement_type": "attendee", "meeting_frequency": "annual", "value_categories": ["knowledge", "networking"], "visibility_level": "low", "strategic_value": "medium", "career_impact": "medium", "organizational_benefit": "medium"}
  ],
  "persona_stakeholder_influence_map": [
    {"stakeholder_name": "{boss}", "stakeholder_role": "Line manager", "stakeholder_type": "internal", "decision_influence": "very_high", "budget_influence": "very_high", "resource_influence": "high", "strategic_influence": "very_high", "political_influence": "high", "overall_influence_score": 9, "influence_trend": "stable", "power_base": ["formal_authority", "resources"], "engagement_priority": "critical", "communication_frequency": "weekly"},
    {"stakeholder_name": "Procurement category lead", "stakeholder_role": "Commercial gatekeeper", "stakeholder_type": "internal", "decision_influence": "medium", "budget_influence": "high", "resource_influence": "low", "strategic_influence": "low", "political_influence": "medium", "overall_influence_score": 5, "influence_trend": "increasing", "power_base": ["formal_authority", "information"], "engagement_priority": "medium", "communication_frequency": "as_needed"},
    {"stakeholder_name": "Lead {ta} investigator", "stakeholder_role": "External expert", "stakeholder_type": "external", "decision_influence": "low", "budget_influence": "none", "resource_influence": "minimal", "strategic_influence": "high", "political_influence": "medium", "overall_influence_score": {"$int": [4, 7]}, "influence_trend": "stable", "power_base": ["expertise", "reputation"], "engagement_priority": "high", "communication_frequency": "quarterly"}
  ],
  "persona_stakeholder_journey": [
    {"stakeholder_name": "{boss}", "stakeholder_type": "internal", "journey_stage": "partnership", "stage_entry_date": {"$date": ["2022-01-01", "2024-06-30"]}, "milestones_achieved": ["annual plan approved"], "pending_milestones": ["budget increase"], "milestone_count": 1, "touchpoints_count": {"$int": [20, 60]}, "interaction_quality": "good", "sentiment": "positive", "journey_health": "good", "owner": "persona"},
    {"stakeholder_name": "Lead {ta} investigator", "stakeholder_type": "external", "journey_stage": {"$pick": ["engagement", "relationship_building"]}, "stage_entry_date": {"$date": ["2023-01-01", "2025-03-31"]}, "milestone_count": 0, "touchpoints_count": {"$int": [2, 12]}, "interaction_quality": {"$pick": ["good", "fair"]}, "sentiment": {"$pick": ["positive", "neutral"]}, "journey_health": {"$pick": ["good", "fair", "at_risk"]}, "owner": "persona"}
  ],
  "persona_stakeholder_value_exchange": [
    {"stakeholder_name": "{boss}", "stakeholder_type": "internal", "value_provided_type": ["expertise", "information"], "value_provided_description": "Decision-ready analysis for {function}", "value_received_type": ["resources", "support"], "value_received_description": "Budget and air cover", "exchange_balance": "balanced", "time_period": "annual", "strategic_alignment": "aligned", "sustainability": "sustainable", "expected_value_trend": "stable"},
    {"stakeholder_name": "Lead {ta} investigator", "stakeholder_type": "external", "value_provided_type": ["access", "information"], "value_received_type": ["expertise", "advocacy"], "exchange_balance": {"$pick": ["favorable", "balanced"]}, "time_period": "annual", "strategic_alignment": "aligned", "sustainability": {"$pick": ["sustainable", "uncertain"]}, "expected_value_trend": "increasing"}
  ],
  "persona_evidence_summary": {"overall_confidence_level": {"$pick": ["medium", "high"]}, "overall_confidence_score": {"$num": [0.55, 0.85, 3]}, "evidence_quality_score": {"$int": [6, 8]}, "evidence_recency_score": {"$int": [6, 9]}, "evidence_diversity_score": {"$int": [5, 8]}, "primary_sources_count": {"$int": [1, 3]}, "secondary_sources_count": {"$int": [2, 5]}, "evidence_gaps": ["Illustrative: small-company perspective under-represented"], "research_needs": ["Illustrative: interviews with {region} {function} leaders"], "geographic_coverage_assessment": "Illustrative data, strongest for {region}", "validation_status": "partially_validated", "validation_confidence": "medium", "review_frequency_days": 90, "professional_evidence_strength": "strong", "buying_evidence_strength": {"$pick": ["moderate", "weak"]}, "analyst_commentary": "Illustrative seed data generated from the {template} template; not research."},
  "persona_communication_preferences": [
    {"preference_type": "channel", "preference_value": "email", "preference_description": "Written summary before any meeting", "sequence_order": 1},
    {"preference_type": "meeting_format", "preference_value": "video", "preference_description": "Short, agenda-led calls", "sequence_order": 2},
    {"preference_type": "response_time", "preference_value": "24h", "preference_description": "Expects replies within a working day", "sequence_order": 3}
  ]
}$json$);

-- Director of Medical Affairs (the example spelled out in the VITAL v5 plan; functions.md §11a).
INSERT INTO @extschema@.lookup_persona_templates (id, code, name, description, is_builtin, body) VALUES (
  pg_catalog.md5('vital_persona.template.medical_affairs_director')::uuid, 'medical_affairs_director', 'Director of Medical Affairs',
  'Leads medical strategy, KOL engagement and scientific communication for a therapy area.', true,
$json${
  "$extends": "healthcare_base",
  "$vars": {
    "function": "Medical Affairs",
    "boss": "VP Medical Affairs",
    "level": {"$pick": [
      {"seniority": "director", "title_prefix": "Director", "team_min": 8, "team_max": 12},
      {"seniority": "director", "title_prefix": "Senior Director", "team_min": 10, "team_max": 18},
      {"seniority": "senior", "title_prefix": "Associate Director", "team_min": 4, "team_max": 8}]}
  },
  "personas": {
    "name": "{full_name}", "title": "{title_prefix}, Medical Affairs ({ta})",
    "tagline": "Turns {ta} data into credible scientific dialogue",
    "one_liner": "Owns the medical strategy for {ta} at {org} and the relationships with the experts who shape practice.",
    "seniority_level": {"$var": "seniority"}, "years_of_experience": {"$int": [12, 22]}, "years_in_current_role": {"$int": [1, 6]},
    "years_in_industry": {"$int": [9, 18]}, "years_in_function": {"$int": [7, 15]},
    "typical_organization_size": "{org_size}", "organization_type": "{org_type}", "geographic_scope": {"$pick": ["global", "regional", "country"]},
    "reporting_to": "{boss}", "team_size": "8-12", "team_size_typical": {"$int": [8, 12]}, "direct_reports": {"$int": [3, 7]}, "span_of_control": "MSLs, medical information, publications",
    "budget_authority": {"$pick": ["moderate", "substantial"]}, "age_range": {"$pick": ["35-44", "45-54"]}, "education_level": "doctorate",
    "location_type": "hybrid", "work_arrangement": {"$pick": ["hybrid", "remote-first"]}, "work_style": "Collaborative and evidence-driven", "work_style_preference": "Deep work mornings, meetings afternoons",
    "learning_style": "Reads the primary literature", "technology_adoption": {"$pick": ["early_majority", "early_adopter"]}, "risk_tolerance": {"$pick": ["low", "moderate"]},
    "change_readiness": {"$pick": ["moderate", "high"]}, "decision_making_style": "analytical",
    "key_responsibilities": ["Medical strategy and plan for {ta}", "KOL and advisory board engagement", "Scientific communication and publications", "Medical review of promotional material"],
    "preferred_tools": ["Veeva CRM (Medical)", "Publication planning system", "PubMed", "PowerPoint"],
    "background_story": "Trained as a clinician-scientist, moved from MSL to field leadership and now runs {ta} medical strategy at {org}.",
    "a_day_in_the_life": "Starts with the team sync, spends the middle of the day with investigators and brand, ends reviewing materials.",
    "salary_min_usd": {"$int": [180000, 210000]}, "salary_max_usd": {"$int": [240000, 290000]}, "salary_median_usd": {"$int": [212000, 238000]},
    "salary_currency": "USD", "salary_year": 2024, "salary_sources": "Illustrative ranges, not survey data", "sample_size": "illustrative",
    "confidence_level": "medium", "data_recency": "2024", "geographic_benchmark_scope": "{region}",
    "persona_type": "buyer", "segment": "medical", "archetype": "scientific_leader", "journey_stage": {"$pick": ["awareness", "consideration", "evaluation"]},
    "role_slug": "director-medical-affairs", "function_slug": "medical-affairs", "department_slug": "medical", "color_code": "#2E86AB", "icon": "stethoscope",
    "notes": "Illustrative persona generated from a template.",
    "$if_column": {"communication_preferences": {"channel": "email", "meeting_format": "video", "response_time": "24h"}}
  },
  "persona_goals": [
    {"goal_type": "primary", "goal_text": "Shape {ta} clinical practice with a credible medical strategy", "priority": 1, "sequence_order": 1},
    {"goal_type": "primary", "goal_text": "Build trusted relationships with the top {ta} experts in {region}", "priority": 1, "sequence_order": 2},
    {"goal_type": "secondary", "goal_text": "Cut medical review cycle time for materials", "priority": 2, "sequence_order": 3},
    {"goal_type": "long_term", "goal_text": "Prove the value of Medical Affairs with measurable insight metrics", "priority": 2, "sequence_order": 4, "$p": 0.8}
  ],
  "persona_pain_points": [
    {"pain_category": "operational", "pain_description": "Field medical insights are anecdotal and hard to aggregate", "pain_point_text": "Insights stuck in notes", "severity": "high", "sequence_order": 1},
    {"pain_category": "strategic", "pain_description": "Medical value is hard to show in commercial terms", "pain_point_text": "Proving impact", "severity": {"$pick": ["high", "critical"]}, "sequence_order": 2},
    {"pain_category": "technology", "pain_description": "CRM built for sales, not for scientific exchange", "pain_point_text": "Wrong tools", "severity": "medium", "sequence_order": 3},
    {"pain_category": "interpersonal", "pain_description": "Commercial pressure on medical independence", "pain_point_text": "Firewall pressure", "severity": "medium", "sequence_order": 4}
  ],
  "persona_challenges": [
    {"challenge_type": "daily", "challenge_description": "Balancing compliant scientific exchange with business expectations", "challenge_text": "Compliance balance", "impact_level": "high", "sequence_order": 1},
    {"challenge_type": "strategic", "challenge_description": "Keeping the {ta} evidence plan ahead of competitor readouts", "challenge_text": "Evidence gaps", "impact_level": "critical", "sequence_order": 2},
    {"challenge_type": "external", "challenge_description": "Experts have less time for industry meetings", "challenge_text": "KOL access", "impact_level": "medium", "sequence_order": 3}
  ],
  "persona_tools": [
    {"tool_name": "Veeva CRM (Medical)", "tool_category": "CRM", "usage_frequency": "daily", "proficiency_level": "proficient", "satisfaction_level": {"$pick": ["neutral", "satisfied"]}, "sequence_order": 1},
    {"tool_name": "Publication planning system", "tool_category": "Publications", "usage_frequency": "weekly", "proficiency_level": "competent", "satisfaction_level": "satisfied", "sequence_order": 2},
    {"tool_name": "PubMed", "tool_category": "Literature", "usage_frequency": "daily", "proficiency_level": "expert", "satisfaction_level": "very_satisfied", "sequence_order": 3},
    {"tool_name": "Insights analytics dashboard", "tool_category": "Analytics", "usage_frequency": "monthly", "proficiency_level": "beginner", "satisfaction_level": "dissatisfied", "sequence_order": 4, "$p": 0.7}
  ],
  "persona_responsibilities": [
    {"responsibility_type": "key", "responsibility_text": "Own the {ta} medical plan and budget", "time_allocation_percent": 30, "sequence_order": 1},
    {"responsibility_type": "key", "responsibility_text": "Lead KOL engagement and advisory boards", "time_allocation_percent": 25, "sequence_order": 2},
    {"responsibility_type": "weekly", "responsibility_text": "Medical review of promotional and scientific material", "time_allocation_percent": 20, "sequence_order": 3},
    {"responsibility_type": "periodic", "responsibility_text": "Congress planning and publication strategy", "time_allocation_percent": 15, "sequence_order": 4}
  ],
  "persona_quotes": [
    {"quote_text": "If I can't defend it in front of an investigator, it doesn't go in the deck.", "context": "Material review", "emotion": "determined", "sequence_order": 1},
    {"quote_text": "My MSLs hear things in the field that nobody in headquarters ever reads.", "context": "Insight management", "emotion": "frustrated", "sequence_order": 2}
  ],
  "persona_evidence_sources": [
    {"source_type": "survey", "citation": "Illustrative: Medical Affairs benchmarking survey 2024 (invented)", "key_finding": "Insight generation ranked as the top Medical Affairs priority", "sample_size": {"$int": [120, 400]}, "methodology": "Online survey", "publication_date": "2024-03-01", "confidence_level": "high", "url": "https://example.org/illustrative/ma-benchmark"},
    {"source_type": "interview", "citation": "Illustrative: structured interviews with medical directors (invented)", "key_finding": "Review cycles average several weeks", "sample_size": {"$int": [12, 30]}, "methodology": "Semi-structured interviews", "publication_date": "2024-06-15", "confidence_level": "medium"},
    {"source_type": "analyst_report", "citation": "Illustrative: healthcare trends report 2024 (invented analyst)", "key_finding": "Omnichannel scientific engagement is growing", "methodology": "Analyst synthesis", "publication_date": "2024-01-20", "confidence_level": "medium"},
    {"source_type": "job_postings", "citation": "Illustrative: analysis of director-level job descriptions (invented)", "key_finding": "KOL management and insight generation appear in most postings", "sample_size": {"$int": [80, 250]}, "methodology": "Content analysis", "publication_date": "2024-09-01", "confidence_level": "medium"},
    {"source_type": "workshop", "citation": "Illustrative: persona validation workshop notes (invented)", "key_finding": "Participants confirmed the review-cycle pain point", "methodology": "Workshop", "publication_date": "2024-11-05", "confidence_level": "low", "$p": 0.7},
    {"source_type": "literature", "citation": "Illustrative: literature review on medical science liaison roles (invented)", "key_finding": "Field medical teams grew steadily over the decade", "methodology": "Narrative review", "publication_date": "2023-10-10", "confidence_level": "medium", "$p": 0.7}
  ],
  "persona_buying_process": [
    {"role_in_purchase": "Decision maker for medical tools; influencer for enterprise platforms", "decision_timeframe": "3-6 months", "typical_budget_range": "USD 50k-500k", "approval_process_complexity": "complex"}
  ],
  "persona_buying_triggers": [
    {"trigger_type": "growth", "trigger_description": "New {ta} indication or launch preparation", "urgency_level": "high"},
    {"trigger_type": "regulatory", "trigger_description": "New guidance on scientific exchange or transparency", "urgency_level": "medium"},
    {"trigger_type": "internal_initiative", "trigger_description": "Company-wide omnichannel programme", "urgency_level": {"$pick": ["medium", "low"]}}
  ],
  "persona_evaluation_criteria": [
    {"criterion_name": "Compliance by design", "criterion_category": "must_have", "criterion_description": "Separation of medical and promotional use, audit trail", "weight": 30},
    {"criterion_name": "Scientific credibility", "criterion_category": "must_have", "criterion_description": "Evidence the tool works for medical teams", "weight": 25},
    {"criterion_name": "Insight analytics", "criterion_category": "important", "criterion_description": "Turns field notes into themes", "weight": 25},
    {"criterion_name": "Integration with CRM", "criterion_category": "nice_to_have", "criterion_description": "Works with the existing CRM", "weight": 20}
  ],
  "persona_typical_day": [
    {"time_of_day": "08:00", "activity_description": "Team sync with MSL leads", "energy_level": "high", "sort_order": 1, "sequence_order": 1},
    {"time_of_day": "10:00", "activity_description": "Advisory board preparation or KOL call", "energy_level": "high", "sort_order": 2, "sequence_order": 2},
    {"time_of_day": "13:00", "activity_description": "Cross-functional brand team meeting", "energy_level": "medium", "sort_order": 3, "sequence_order": 3},
    {"time_of_day": "15:30", "activity_description": "Medical review of materials", "energy_level": "medium", "sort_order": 4, "sequence_order": 4},
    {"time_of_day": "17:30", "activity_description": "Literature and congress abstracts", "energy_level": "low", "sort_order": 5, "sequence_order": 5}
  ],
  "persona_annual_conferences": [
    {"conference_name": "Annual {ta} congress", "conference_type": "industry", "role": {"$pick": ["attendee", "speaker"]}, "value_derived": "Data readouts and KOL meetings", "networking_importance": "critical", "typical_quarter": "Q2"},
    {"conference_name": "Medical Affairs professional society meeting", "conference_type": "leadership", "role": "attendee", "value_derived": "Peer benchmarking", "networking_importance": "high", "typical_quarter": "Q1"},
    {"conference_name": "Regional {ta} symposium", "conference_type": "technical", "role": {"$pick": ["speaker", "organizer"]}, "value_derived": "Local expert network", "networking_importance": "medium", "typical_quarter": "Q3", "$p": 0.6}
  ],
  "persona_internal_stakeholders": [
    {"stakeholder_role": "VP Medical Affairs", "department": "Medical Affairs", "relationship_type": "reports_to", "interaction_frequency": "weekly", "relationship_quality": "good", "influence_level": "very_high", "collaboration_areas": ["medical plan", "budget"], "decision_involvement": "approver", "trust_level": "high", "political_alignment": "allied", "communication_preference": "face_to_face", "key_priorities": ["launch readiness"], "mutual_goals": ["medical credibility"]},
    {"stakeholder_role": "Clinical Development Lead", "department": "Clinical Development", "relationship_type": "peer", "interaction_frequency": "bi_weekly", "relationship_quality": {"$pick": ["good", "neutral"]}, "influence_level": "high", "collaboration_areas": ["evidence plan", "investigator network"], "decision_involvement": "influencer", "trust_level": "medium", "political_alignment": "neutral", "communication_preference": "video_call"},
    {"stakeholder_role": "Brand Director, {ta}", "department": "Commercial", "relationship_type": "cross_functional", "interaction_frequency": "weekly", "relationship_quality": {"$pick": ["good", "strained"]}, "influence_level": "high", "decision_involvement": "contributor", "trust_level": "medium", "political_alignment": {"$pick": ["allied", "neutral"]}, "communication_preference": "teams"},
    {"stakeholder_role": "MSL Team Leads", "department": "Medical Affairs", "relationship_type": "direct_report", "interaction_frequency": "daily", "relationship_quality": "excellent", "influence_level": "medium", "decision_involvement": "contributor", "trust_level": "very_high", "political_alignment": "strong_ally", "communication_preference": "mixed"}
  ],
  "persona_external_stakeholders": [
    {"stakeholder_name": "Key opinion leaders in {ta}", "organization": "Academic medical centres", "stakeholder_type": "advisor", "relationship_importance": "critical", "interaction_mode": "face_to_face", "relationship_duration": "3_5_years", "value_exchange": "Scientific advice for fair-market-value fees", "value_type": ["expertise", "credibility"], "relationship_health": "good", "growth_potential": "high", "risk_level": "low"},
    {"stakeholder_name": "{ta} medical society", "organization": "Professional society", "stakeholder_type": "academic", "relationship_importance": "high", "interaction_mode": "events", "relationship_duration": "5_10_years", "value_type": ["access", "credibility"], "relationship_health": {"$pick": ["good", "fair"]}, "growth_potential": "medium", "risk_level": "low"},
    {"stakeholder_name": "Medical communications agency", "organization": "Illustrative agency", "stakeholder_type": "vendor", "relationship_importance": "medium", "interaction_mode": "virtual_meetings", "relationship_duration": "1_2_years", "value_type": ["expertise"], "annual_value": {"$int": [150000, 600000]}, "relationship_health": "good", "risk_level": "minimal", "$p": 0.8}
  ],
  "persona_regulatory_stakeholders": [
    {"regulatory_body": "Health authority (e.g. FDA / EMA)", "regulatory_region": "{region}", "regulatory_scope": "Scientific exchange and promotional review", "interaction_type": "compliance_review", "interaction_frequency": "event_driven", "compliance_area": "clinical", "regulations_governed": ["off-label communication rules"], "relationship_criticality": "high", "compliance_risk": "medium", "violation_impact": "severe", "documentation_burden": "heavy", "audit_frequency": "ad_hoc", "relationship_quality": "formal", "compliance_status": "compliant"}
  ],
  "persona_public_research": [
    {"research_title": "Illustrative: 2024 Medical Affairs benchmarking survey", "research_type": "industry", "publication_source": "Illustrative industry panel", "publication_date": "2024-03-01", "publication_year": 2024, "authors": ["Illustrative research team"], "sample_size": {"$int": [150, 400]}, "methodology": "survey", "geographic_scope": "{region}", "industry_focus": "Pharmaceuticals", "confidence_level": {"$num": [0.9, 0.95, 3]}, "margin_of_error": {"$num": [0.03, 0.06, 4]}, "key_findings": ["Insight generation is the top priority", "Review cycles remain long"], "relevance_score": 9, "quality_rating": "good", "peer_reviewed": false, "url": "https://example.org/illustrative/ma-benchmarking", "access_type": "open_access",
     "persona_research_quantitative_results": [
       {"metric_name": "Teams with a formal insights process", "metric_category": "adoption", "numeric_value": {"$num": [40, 65, 1]}, "unit_of_measure": "percent"},
       {"metric_name": "Median review cycle", "metric_category": "operations", "numeric_value": {"$int": [12, 25]}, "unit_of_measure": "days"}]},
    {"research_title": "Illustrative: KOL engagement patterns after the pandemic", "research_type": "academic", "publication_source": "Illustrative journal", "publication_year": 2023, "sample_size": {"$int": [60, 200]}, "methodology": "mixed_methods", "key_findings": ["Experts prefer fewer, higher-value interactions"], "relevance_score": {"$int": [7, 9]}, "quality_rating": "good", "peer_reviewed": true, "access_type": "subscription", "$p": 0.8}
  ],
  "persona_industry_reports": [
    {"report_title": "Illustrative: Healthcare trends 2024", "report_publisher": "Illustrative analyst firm", "report_type": "trend_report", "publication_year": 2024, "publication_month": 2, "industry_focus": "Life sciences", "key_insights": ["Omnichannel scientific engagement grows", "Medical insights become a board topic"], "relevance_score": 8, "data_quality_rating": "good", "access_type": "client_access", "recency_score": 8, "update_frequency": "annual"}
  ],
  "persona_expert_opinions": [
    {"expert_name": "Illustrative expert A", "expert_title": "Former Head of Medical Affairs", "expert_credentials": "MD, 20 years in industry (invented)", "opinion_type": "interview", "opinion_date": "2024-05-10", "topic_area": "Measuring medical impact", "key_insights": ["Count insights acted on, not meetings held"], "credibility_score": {"$int": [7, 9]}, "bias_assessment": "minimal_bias", "relevance_score": 8, "applicability": "directly_applicable", "source_type": "primary", "access_type": "proprietary", "peer_validated": {"$pick": [true, false]}, "$p": 0.85}
  ],
  "persona_case_studies": [
    {"case_study_title": "Illustrative: insight management roll-out in a mid-size pharma", "organization_name": "Illustrative Pharma Co.", "organization_size": "mid_market", "industry": "Pharmaceuticals", "case_type": "implementation", "challenge_addressed": "Field insights were not captured consistently", "solution_implemented": "Structured insight capture with quarterly themes", "timeline_months": {"$int": [6, 12]}, "investment_required": {"$int": [150000, 400000]}, "outcomes_achieved": ["Insights per MSL doubled", "Themes reviewed by leadership quarterly"], "roi_timeframe": "18 months", "lessons_learned": ["Start with a taxonomy"], "relevance_to_persona": "Directly addresses the insights pain point", "relevance_score": 8, "case_source_type": "vendor_published", "verified": {"$pick": [true, false]}, "published_date": "2024-04-01",
     "persona_case_study_investments": [{"category": "software", "description": "Licences", "amount": {"$int": [80000, 200000]}, "percentage_of_total": 55}, {"category": "services", "description": "Training and change management", "amount": {"$int": [50000, 150000]}, "percentage_of_total": 45}],
     "persona_case_study_results": [{"metric_name": "Insights captured per MSL per month", "metric_category": "productivity", "numeric_value": {"$num": [4, 9, 1]}, "unit_of_measure": "count", "measurement_period": "12 months"}],
     "persona_case_study_metrics": [{"metric_name": "Review cycle time", "metric_category": "operations", "before_value": {"$int": [18, 25]}, "after_value": {"$int": [9, 14]}, "improvement_percentage": {"$num": [30, 55, 1]}, "unit_of_measure": "days"}]}
  ],
  "persona_supporting_statistics": [
    {"statistic_name": "Illustrative: share of medical teams reporting insight KPIs", "statistic_category": "organizational", "statistic_value": "about half", "numeric_value": {"$num": [40, 60, 1]}, "unit_of_measure": "percent", "value_type": "percentage", "data_source": "Illustrative benchmarking panel", "collection_method": "survey", "sample_size": {"$int": [150, 400]}, "confidence_level": 0.95, "collection_year": 2024, "trend_direction": "increasing", "relevance_score": 8, "data_quality_score": {"$int": [6, 8]}, "recency_score": 8, "access_type": "public", "verified": {"$pick": [true, false]},
     "persona_statistic_history": [{"year": 2022, "value": {"$num": [25, 35, 1]}, "unit_of_measure": "percent"}, {"year": 2023, "value": {"$num": [35, 45, 1]}, "unit_of_measure": "percent"}, {"year": 2024, "value": {"$num": [45, 60, 1]}, "unit_of_measure": "percent"}]}
  ]
}$json$);

-- Market Access Director: pricing, reimbursement and payer evidence.
INSERT INTO @extschema@.lookup_persona_templates (id, code, name, description, is_builtin, body) VALUES (
  pg_catalog.md5('vital_persona.template.market_access_director')::uuid, 'market_access_director', 'Market Access Director',
  'Secures pricing and reimbursement: payer strategy, HTA submissions, value dossiers and contracting.', true,
$json${
  "$extends": "healthcare_base",
  "$vars": {
    "function": "Market Access",
    "boss": "VP Market Access and Pricing",
    "level": {"$pick": [
      {"seniority": "director", "title_prefix": "Director"},
      {"seniority": "director", "title_prefix": "Head of"},
      {"seniority": "senior", "title_prefix": "Associate Director"}]}
  },
  "personas": {
    "name": "{full_name}", "title": "{title_prefix} Market Access, {ta}",
    "tagline": "Gets {ta} therapies paid for, and keeps them on formulary",
    "one_liner": "Leads payer strategy, HTA submissions and value evidence for {ta} at {org}.",
    "seniority_level": {"$var": "seniority"}, "years_of_experience": {"$int": [12, 22]}, "years_in_current_role": {"$int": [1, 5]},
    "years_in_industry": {"$int": [10, 20]}, "years_in_function": {"$int": [6, 14]},
    "typical_organization_size": "{org_size}", "organization_type": "{org_type}", "geographic_scope": {"$pick": ["regional", "country", "global"]},
    "reporting_to": "{boss}", "team_size": "5-10", "team_size_typical": {"$int": [5, 10]}, "direct_reports": {"$int": [2, 6]}, "span_of_control": "HEOR, pricing, payer account managers",
    "budget_authority": "substantial", "age_range": {"$pick": ["35-44", "45-54"]}, "education_level": {"$pick": ["master", "doctorate"]},
    "location_type": "hybrid", "work_arrangement": "hybrid", "work_style": "Structured and negotiation-oriented", "work_style_preference": "Fixed planning blocks around submission deadlines",
    "learning_style": "Case examples and payer feedback", "technology_adoption": "early_majority", "risk_tolerance": "moderate",
    "change_readiness": "moderate", "decision_making_style": "data_driven",
    "key_responsibilities": ["Pricing and reimbursement strategy for {ta}", "HTA and payer submissions", "Value dossier and budget-impact models", "Contracting with payers"],
    "preferred_tools": ["Budget-impact model (Excel)", "Payer CRM", "HTA submission tracker", "Real-world data dashboards"],
    "background_story": "Came from health economics consulting, ran HTA submissions in two markets and now leads access for {ta} at {org}.",
    "a_day_in_the_life": "Deadline-driven: model reviews in the morning, payer calls and launch meetings in the afternoon.",
    "salary_min_usd": {"$int": [175000, 200000]}, "salary_max_usd": {"$int": [235000, 280000]}, "salary_median_usd": {"$int": [205000, 230000]},
    "salary_currency": "USD", "salary_year": 2024, "salary_sources": "Illustrative ranges, not survey data", "sample_size": "illustrative",
    "confidence_level": "medium", "data_recency": "2024", "geographic_benchmark_scope": "{region}",
    "persona_type": "buyer", "segment": "market_access", "archetype": "value_negotiator", "journey_stage": {"$pick": ["awareness", "consideration", "evaluation"]},
    "role_slug": "director-market-access", "function_slug": "market-access", "department_slug": "commercial", "color_code": "#F18F01", "icon": "scale",
    "notes": "Illustrative persona generated from a template.",
    "$if_column": {"communication_preferences": {"channel": "email", "meeting_format": "video", "response_time": "48h"}}
  },
  "persona_goals": [
    {"goal_type": "primary", "goal_text": "Achieve reimbursement for the next {ta} launch within 12 months of approval", "priority": 1, "sequence_order": 1},
    {"goal_type": "primary", "goal_text": "Defend net price against payer pressure and reference pricing", "priority": 1, "sequence_order": 2},
    {"goal_type": "secondary", "goal_text": "Build real-world evidence that payers accept", "priority": 2, "sequence_order": 3},
    {"goal_type": "long_term", "goal_text": "Shape evidence plans early with HTA requirements in mind", "priority": 2, "sequence_order": 4, "$p": 0.8}
  ],
  "persona_pain_points": [
    {"pain_category": "strategic", "pain_description": "Clinical trial endpoints do not answer HTA questions", "pain_point_text": "Evidence mismatch", "severity": "critical", "sequence_order": 1},
    {"pain_category": "operational", "pain_description": "Country submissions rebuilt from scratch each time", "pain_point_text": "Duplicated dossiers", "severity": "high", "sequence_order": 2},
    {"pain_category": "technology", "pain_description": "Budget-impact models live in fragile spreadsheets", "pain_point_text": "Spreadsheet risk", "severity": {"$pick": ["high", "medium"]}, "sequence_order": 3}
  ],
  "persona_challenges": [
    {"challenge_type": "external", "challenge_description": "Joint clinical assessment changes timelines and evidence needs", "challenge_text": "New HTA rules", "impact_level": "critical", "sequence_order": 1},
    {"challenge_type": "strategic", "challenge_description": "Balancing launch sequence and international reference pricing", "challenge_text": "Launch sequencing", "impact_level": "high", "sequence_order": 2},
    {"challenge_type": "weekly", "challenge_description": "Aligning global and affiliate access teams", "challenge_text": "Global vs local", "impact_level": "medium", "sequence_order": 3}
  ],
  "persona_tools": [
    {"tool_name": "Budget-impact and cost-effectiveness models", "tool_category": "Health economics", "usage_frequency": "daily", "proficiency_level": "expert", "satisfaction_level": "neutral", "sequence_order": 1},
    {"tool_name": "Payer CRM", "tool_category": "CRM", "usage_frequency": "weekly", "proficiency_level": "proficient", "satisfaction_level": {"$pick": ["satisfied", "neutral"]}, "sequence_order": 2},
    {"tool_name": "HTA submission tracker", "tool_category": "Project management", "usage_frequency": "weekly", "proficiency_level": "proficient", "satisfaction_level": "dissatisfied", "sequence_order": 3},
    {"tool_name": "Real-world data platform", "tool_category": "Analytics", "usage_frequency": "monthly", "proficiency_level": "competent", "satisfaction_level": "satisfied", "sequence_order": 4, "$p": 0.75}
  ],
  "persona_responsibilities": [
    {"responsibility_type": "key", "responsibility_text": "Pricing and reimbursement strategy", "time_allocation_percent": 30, "sequence_order": 1},
    {"responsibility_type": "key", "responsibility_text": "HTA dossiers and payer negotiations", "time_allocation_percent": 35, "sequence_order": 2},
    {"responsibility_type": "periodic", "responsibility_text": "Evidence-generation input to clinical plans", "time_allocation_percent": 15, "sequence_order": 3},
    {"responsibility_type": "weekly", "responsibility_text": "Team coaching and affiliate alignment", "time_allocation_percent": 20, "sequence_order": 4}
  ],
  "persona_quotes": [
    {"quote_text": "Payers don't buy molecules, they buy budget certainty.", "context": "Launch planning", "emotion": "pragmatic", "sequence_order": 1},
    {"quote_text": "By the time I see the trial design, it's too late to fix the comparator.", "context": "Evidence planning", "emotion": "frustrated", "sequence_order": 2}
  ],
  "persona_evidence_sources": [
    {"source_type": "survey", "citation": "Illustrative: market access leadership survey 2024 (invented)", "key_finding": "Evidence requirements are the top access barrier", "sample_size": {"$int": [100, 300]}, "methodology": "Online survey", "publication_date": "2024-02-15", "confidence_level": "high", "url": "https://example.org/illustrative/access-survey"},
    {"source_type": "interview", "citation": "Illustrative: interviews with access directors (invented)", "key_finding": "Dossiers are rebuilt per country", "sample_size": {"$int": [10, 25]}, "methodology": "Interviews", "publication_date": "2024-05-20", "confidence_level": "medium"},
    {"source_type": "regulatory_document", "citation": "Illustrative: summary of HTA process changes (invented)", "key_finding": "Joint assessments shorten national timelines", "methodology": "Document review", "publication_date": "2024-07-01", "confidence_level": "high"},
    {"source_type": "analyst_report", "citation": "Illustrative: pricing and access outlook (invented analyst)", "key_finding": "Net price erosion continues in mature classes", "methodology": "Analyst synthesis", "publication_date": "2024-01-10", "confidence_level": "medium"},
    {"source_type": "workshop", "citation": "Illustrative: payer advisory board summary (invented)", "key_finding": "Payers want outcomes-based options", "methodology": "Advisory board", "publication_date": "2024-09-12", "confidence_level": "medium", "$p": 0.7},
    {"source_type": "job_postings", "citation": "Illustrative: analysis of access job descriptions (invented)", "key_finding": "HEOR skills required in most postings", "methodology": "Content analysis", "publication_date": "2024-10-01", "confidence_level": "low", "$p": 0.7}
  ],
  "persona_buying_process": [
    {"role_in_purchase": "Decision maker for HEOR and pricing tools and agencies", "decision_timeframe": "2-4 months", "typical_budget_range": "USD 100k-750k", "approval_process_complexity": {"$pick": ["complex", "very_complex"]}}
  ],
  "persona_buying_triggers": [
    {"trigger_type": "regulatory", "trigger_description": "New HTA regulation or methodology", "urgency_level": "immediate"},
    {"trigger_type": "growth", "trigger_description": "Upcoming {ta} launch wave", "urgency_level": "high"},
    {"trigger_type": "competitive", "trigger_description": "Competitor wins preferred formulary status", "urgency_level": "high"}
  ],
  "persona_evaluation_criteria": [
    {"criterion_name": "Payer credibility", "criterion_category": "must_have", "criterion_description": "Methods accepted by HTA bodies", "weight": 35},
    {"criterion_name": "Reusability across countries", "criterion_category": "important", "criterion_description": "Global core, local adaptation", "weight": 30},
    {"criterion_name": "Speed to first output", "criterion_category": "important", "criterion_description": "Fits submission deadlines", "weight": 20},
    {"criterion_name": "Transparent pricing", "criterion_category": "nice_to_have", "criterion_description": "Predictable fees", "weight": 15}
  ],
  "persona_typical_day": [
    {"time_of_day": "08:30", "activity_description": "Review model updates from HEOR", "energy_level": "high", "sort_order": 1, "sequence_order": 1},
    {"time_of_day": "10:30", "activity_description": "Affiliate access call on submission status", "energy_level": "high", "sort_order": 2, "sequence_order": 2},
    {"time_of_day": "13:30", "activity_description": "Launch team meeting: price corridor", "energy_level": "medium", "sort_order": 3, "sequence_order": 3},
    {"time_of_day": "16:00", "activity_description": "Payer negotiation preparation", "energy_level": "medium", "sort_order": 4, "sequence_order": 4}
  ],
  "persona_annual_conferences": [
    {"conference_name": "International health economics congress", "conference_type": "technical", "role": {"$pick": ["attendee", "speaker"]}, "value_derived": "HTA methods and payer contacts", "networking_importance": "critical", "typical_quarter": "Q2"},
    {"conference_name": "Market access summit", "conference_type": "industry", "role": "attendee", "value_derived": "Peer benchmarking on pricing", "networking_importance": "high", "typical_quarter": "Q4"}
  ],
  "persona_internal_stakeholders": [
    {"stakeholder_role": "VP Market Access and Pricing", "department": "Market Access", "relationship_type": "reports_to", "interaction_frequency": "weekly", "relationship_quality": "good", "influence_level": "very_high", "decision_involvement": "approver", "trust_level": "high", "political_alignment": "allied", "communication_preference": "face_to_face"},
    {"stakeholder_role": "Head of HEOR", "department": "Medical Affairs", "relationship_type": "peer", "interaction_frequency": "weekly", "relationship_quality": "good", "influence_level": "high", "collaboration_areas": ["value dossier", "RWE studies"], "decision_involvement": "contributor", "trust_level": "high", "political_alignment": "allied", "communication_preference": "video_call"},
    {"stakeholder_role": "Country General Managers", "department": "Affiliates", "relationship_type": "cross_functional", "interaction_frequency": "monthly", "relationship_quality": {"$pick": ["neutral", "strained"]}, "influence_level": "high", "decision_involvement": "decision_maker", "trust_level": "medium", "political_alignment": "neutral", "communication_preference": "teams"},
    {"stakeholder_role": "Finance business partner", "department": "Finance", "relationship_type": "support_function", "interaction_frequency": "monthly", "relationship_quality": "good", "influence_level": "medium", "decision_involvement": "influencer", "trust_level": "medium", "political_alignment": "neutral", "communication_preference": "email"}
  ],
  "persona_external_stakeholders": [
    {"stakeholder_name": "National payers and HTA bodies", "organization": "Public payers", "stakeholder_type": "customer", "relationship_importance": "critical", "interaction_mode": "face_to_face", "relationship_duration": "5_10_years", "value_type": ["access", "revenue"], "relationship_health": {"$pick": ["fair", "good"]}, "growth_potential": "medium", "risk_level": "high"},
    {"stakeholder_name": "Health economics consultancy", "organization": "Illustrative consultancy", "stakeholder_type": "consultant", "relationship_importance": "high", "interaction_mode": "virtual_meetings", "relationship_duration": "3_5_years", "value_type": ["expertise"], "annual_value": {"$int": [200000, 800000]}, "relationship_health": "good", "risk_level": "low"},
    {"stakeholder_name": "Patient advocacy groups in {ta}", "organization": "Patient organisations", "stakeholder_type": "community", "relationship_importance": "high", "interaction_mode": "events", "relationship_duration": "1_2_years", "value_type": ["credibility"], "relationship_health": "good", "risk_level": "low", "$p": 0.8}
  ],
  "persona_regulatory_stakeholders": [
    {"regulatory_body": "HTA agencies (illustrative)", "regulatory_region": "{region}", "regulatory_scope": "Clinical and economic assessment", "interaction_type": "submission", "interaction_frequency": "event_driven", "compliance_area": "clinical", "relationship_criticality": "mission_critical", "compliance_risk": "medium", "violation_impact": "major", "documentation_burden": "very_heavy", "audit_frequency": "ad_hoc", "relationship_quality": "formal", "compliance_status": "compliant"},
    {"regulatory_body": "Pricing authority (illustrative)", "regulatory_region": "{region}", "interaction_type": "consultation", "interaction_frequency": "annual", "compliance_area": "financial", "relationship_criticality": "critical", "compliance_risk": "low", "violation_impact": "moderate", "documentation_burden": "heavy", "relationship_quality": "formal", "compliance_status": "compliant", "$p": 0.8}
  ],
  "persona_public_research": [
    {"research_title": "Illustrative: time from approval to reimbursement across markets", "research_type": "market", "publication_source": "Illustrative access observatory", "publication_year": 2024, "sample_size": {"$int": [80, 200]}, "methodology": "analysis", "key_findings": ["Median time to access exceeds a year in several markets"], "relevance_score": 9, "quality_rating": "good", "peer_reviewed": false, "url": "https://example.org/illustrative/time-to-access", "access_type": "open_access",
     "persona_research_quantitative_results": [{"metric_name": "Median days to reimbursement", "metric_category": "timelines", "numeric_value": {"$int": [300, 550]}, "unit_of_measure": "days"}]},
    {"research_title": "Illustrative: payer acceptance of real-world evidence", "research_type": "academic", "publication_source": "Illustrative journal", "publication_year": 2023, "methodology": "survey", "sample_size": {"$int": [50, 150]}, "key_findings": ["RWE accepted mainly as supportive evidence"], "relevance_score": 8, "peer_reviewed": true, "access_type": "subscription", "$p": 0.8}
  ],
  "persona_industry_reports": [
    {"report_title": "Illustrative: global pricing and access outlook", "report_publisher": "Illustrative analyst firm", "report_type": "forecast", "publication_year": 2024, "industry_focus": "Pharmaceuticals", "key_insights": ["Outcomes-based agreements expand slowly", "Reference pricing pressure grows"], "growth_rate": 0.04, "relevance_score": 8, "data_quality_rating": "good", "access_type": "purchased", "recency_score": 8, "update_frequency": "annual"}
  ],
  "persona_expert_opinions": [
    {"expert_name": "Illustrative expert B", "expert_title": "Former payer advisor", "expert_credentials": "Health economist (invented)", "opinion_type": "panel_discussion", "opinion_date": "2024-04-18", "topic_area": "Outcomes-based contracts", "key_insights": ["Data infrastructure, not willingness, limits outcomes-based deals"], "credibility_score": 8, "bias_assessment": "some_bias", "relevance_score": 8, "applicability": "mostly_applicable", "source_type": "primary", "peer_validated": false, "$p": 0.85}
  ],
  "persona_case_studies": [
    {"case_study_title": "Illustrative: reusable global value dossier", "organization_name": "Illustrative Biotech Ltd.", "organization_size": "large", "industry": "Biotechnology", "case_type": "optimization", "challenge_addressed": "Country dossiers built from scratch", "solution_implemented": "Modular global value dossier with local adaptation", "timeline_months": {"$int": [4, 9]}, "investment_required": {"$int": [200000, 500000]}, "outcomes_achieved": ["Submission preparation time reduced", "Consistent messages across markets"], "relevance_to_persona": "Addresses duplicated dossiers", "relevance_score": 9, "case_source_type": "analyst_research", "verified": true,
     "persona_case_study_investments": [{"category": "services", "description": "Consultancy", "amount": {"$int": [150000, 350000]}, "percentage_of_total": 70}],
     "persona_case_study_results": [{"metric_name": "Markets submitted in year one", "numeric_value": {"$int": [6, 12]}, "unit_of_measure": "count"}],
     "persona_case_study_metrics": [{"metric_name": "Dossier preparation time", "before_value": {"$int": [16, 24]}, "after_value": {"$int": [8, 12]}, "improvement_percentage": {"$num": [35, 55, 1]}, "unit_of_measure": "weeks"}]}
  ],
  "persona_supporting_statistics": [
    {"statistic_name": "Illustrative: launches with restricted reimbursement", "statistic_category": "market", "statistic_value": "roughly a third", "numeric_value": {"$num": [25, 40, 1]}, "unit_of_measure": "percent", "value_type": "percentage", "data_source": "Illustrative access observatory", "collection_method": "administrative_records", "collection_year": 2024, "trend_direction": "increasing", "relevance_score": 9, "data_quality_score": 7, "recency_score": 8, "access_type": "public", "verified": {"$pick": [true, false]},
     "persona_statistic_history": [{"year": 2022, "value": {"$num": [20, 28, 1]}}, {"year": 2023, "value": {"$num": [24, 32, 1]}}, {"year": 2024, "value": {"$num": [28, 40, 1]}}]}
  ]
}$json$);

-- Clinical Operations Manager: runs trials on time, on budget and inspection-ready.
INSERT INTO @extschema@.lookup_persona_templates (id, code, name, description, is_builtin, body) VALUES (
  pg_catalog.md5('vital_persona.template.clinical_operations_manager')::uuid, 'clinical_operations_manager', 'Clinical Operations Manager',
  'Delivers clinical studies: site selection, enrolment, CRO oversight, trial budgets and inspection readiness.', true,
$json${
  "$extends": "healthcare_base",
  "$vars": {
    "function": "Clinical Operations",
    "boss": "Director of Clinical Operations",
    "level": {"$pick": [
      {"seniority": "manager", "title_prefix": "Clinical Operations Manager"},
      {"seniority": "senior", "title_prefix": "Senior Clinical Operations Manager"},
      {"seniority": "manager", "title_prefix": "Clinical Trial Manager"}]}
  },
  "personas": {
    "name": "{full_name}", "title": "{title_prefix}, {ta}",
    "tagline": "Keeps {ta} studies enrolling and inspection-ready",
    "one_liner": "Runs global {ta} studies at {org}: sites, CROs, timelines and budgets.",
    "seniority_level": {"$var": "seniority"}, "years_of_experience": {"$int": [7, 16]}, "years_in_current_role": {"$int": [1, 5]},
    "years_in_industry": {"$int": [6, 15]}, "years_in_function": {"$int": [5, 14]},
    "typical_organization_size": "{org_size}", "organization_type": "{org_type}", "geographic_scope": {"$pick": ["global", "regional"]},
    "reporting_to": "{boss}", "team_size": "4-8", "team_size_typical": {"$int": [4, 8]}, "direct_reports": {"$int": [2, 6]}, "span_of_control": "CTAs, CRAs (via CRO), study start-up",
    "budget_authority": {"$pick": ["limited", "moderate"]}, "age_range": {"$pick": ["30-39", "35-44"]}, "education_level": {"$pick": ["bachelor", "master"]},
    "location_type": "hybrid", "work_arrangement": "hybrid", "work_style": "Process-driven, escalates early", "work_style_preference": "Dashboards first thing, site calls by time zone",
    "learning_style": "Hands-on, learns from study post-mortems", "technology_adoption": {"$pick": ["early_majority", "late_majority"]}, "risk_tolerance": "low",
    "change_readiness": {"$pick": ["moderate", "low"]}, "decision_making_style": "directive",
    "key_responsibilities": ["Study timelines and enrolment", "CRO and vendor oversight", "Trial budget and accruals", "Inspection readiness (TMF)"],
    "preferred_tools": ["CTMS", "eTMF", "EDC", "IRT/RTSM", "Smartsheet"],
    "background_story": "Started as a site coordinator, then CRA, and now manages {ta} studies at {org} with two CROs.",
    "a_day_in_the_life": "Enrolment dashboards, CRO status calls across time zones, and firefighting site issues.",
    "salary_min_usd": {"$int": [115000, 135000]}, "salary_max_usd": {"$int": [160000, 190000]}, "salary_median_usd": {"$int": [138000, 158000]},
    "salary_currency": "USD", "salary_year": 2024, "salary_sources": "Illustrative ranges, not survey data", "sample_size": "illustrative",
    "confidence_level": "medium", "data_recency": "2024", "geographic_benchmark_scope": "{region}",
    "persona_type": "user", "segment": "clinical", "archetype": "operator", "journey_stage": {"$pick": ["awareness", "consideration", "evaluation", "decision"]},
    "role_slug": "clinical-operations-manager", "function_slug": "clinical-operations", "department_slug": "clinical-development", "color_code": "#3B1F2B", "icon": "clipboard",
    "notes": "Illustrative persona generated from a template.",
    "$if_column": {"communication_preferences": {"channel": "teams", "meeting_format": "video", "response_time": "same day"}}
  },
  "persona_goals": [
    {"goal_type": "primary", "goal_text": "Hit first-patient-in and last-patient-in dates for the {ta} study", "priority": 1, "sequence_order": 1},
    {"goal_type": "primary", "goal_text": "Keep the trial master file inspection-ready at all times", "priority": 1, "sequence_order": 2},
    {"goal_type": "secondary", "goal_text": "Keep study spend within 5% of budget", "priority": 2, "sequence_order": 3},
    {"goal_type": "personal", "goal_text": "Move into a programme-level role", "priority": 3, "sequence_order": 4, "$p": 0.7}
  ],
  "persona_pain_points": [
    {"pain_category": "operational", "pain_description": "Sites under-enrol against feasibility promises", "pain_point_text": "Slow enrolment", "severity": "critical", "sequence_order": 1},
    {"pain_category": "technology", "pain_description": "CTMS, EDC and eTMF do not talk to each other", "pain_point_text": "Disconnected systems", "severity": "high", "sequence_order": 2},
    {"pain_category": "interpersonal", "pain_description": "CRO staff turnover resets site relationships", "pain_point_text": "CRO turnover", "severity": {"$pick": ["high", "medium"]}, "sequence_order": 3}
  ],
  "persona_challenges": [
    {"challenge_type": "daily", "challenge_description": "Reconciling status across CRO reports and internal systems", "challenge_text": "Status reconciliation", "impact_level": "high", "sequence_order": 1},
    {"challenge_type": "weekly", "challenge_description": "Protocol deviations and site quality issues", "challenge_text": "Site quality", "impact_level": "medium", "sequence_order": 2},
    {"challenge_type": "strategic", "challenge_description": "Adopting decentralised trial elements without adding risk", "challenge_text": "DCT adoption", "impact_level": "medium", "sequence_order": 3}
  ],
  "persona_tools": [
    {"tool_name": "CTMS", "tool_category": "Clinical operations", "usage_frequency": "daily", "proficiency_level": "expert", "satisfaction_level": "neutral", "sequence_order": 1},
    {"tool_name": "eTMF", "tool_category": "Document management", "usage_frequency": "daily", "proficiency_level": "proficient", "satisfaction_level": "dissatisfied", "sequence_order": 2},
    {"tool_name": "EDC", "tool_category": "Data capture", "usage_frequency": "weekly", "proficiency_level": "competent", "satisfaction_level": "satisfied", "sequence_order": 3},
    {"tool_name": "Smartsheet", "tool_category": "Project management", "usage_frequency": "daily", "proficiency_level": "expert", "satisfaction_level": "satisfied", "sequence_order": 4}
  ],
  "persona_responsibilities": [
    {"responsibility_type": "daily", "responsibility_text": "Track enrolment and site activation", "time_allocation_percent": 30, "sequence_order": 1},
    {"responsibility_type": "key", "responsibility_text": "CRO oversight and governance", "time_allocation_percent": 30, "sequence_order": 2},
    {"responsibility_type": "weekly", "responsibility_text": "Budget, accruals and invoices", "time_allocation_percent": 15, "sequence_order": 3},
    {"responsibility_type": "periodic", "responsibility_text": "Inspection readiness and TMF reviews", "time_allocation_percent": 25, "sequence_order": 4}
  ],
  "persona_quotes": [
    {"quote_text": "Every week of delay on this study costs more than the tool we're debating.", "context": "Vendor evaluation", "emotion": "impatient", "sequence_order": 1},
    {"quote_text": "I spend Mondays reconciling three versions of the truth.", "context": "Status reporting", "emotion": "tired", "sequence_order": 2}
  ],
  "persona_evidence_sources": [
    {"source_type": "survey", "citation": "Illustrative: clinical operations benchmarking 2024 (invented)", "key_finding": "Most studies miss original enrolment timelines", "sample_size": {"$int": [150, 350]}, "methodology": "Online survey", "publication_date": "2024-04-02", "confidence_level": "high", "url": "https://example.org/illustrative/clinops-benchmark"},
    {"source_type": "interview", "citation": "Illustrative: interviews with study managers (invented)", "key_finding": "System fragmentation is the top productivity drain", "sample_size": {"$int": [15, 30]}, "methodology": "Interviews", "publication_date": "2024-06-01", "confidence_level": "medium"},
    {"source_type": "literature", "citation": "Illustrative: review of enrolment performance studies (invented)", "key_finding": "A minority of sites enrol most patients", "methodology": "Narrative review", "publication_date": "2023-11-15", "confidence_level": "medium"},
    {"source_type": "job_postings", "citation": "Illustrative: analysis of clinical operations postings (invented)", "key_finding": "CRO oversight is a core requirement", "sample_size": {"$int": [100, 300]}, "methodology": "Content analysis", "publication_date": "2024-08-20", "confidence_level": "medium"},
    {"source_type": "workshop", "citation": "Illustrative: persona validation with study teams (invented)", "key_finding": "Confirmed Monday reconciliation burden", "methodology": "Workshop", "publication_date": "2024-10-10", "confidence_level": "low", "$p": 0.7},
    {"source_type": "regulatory_document", "citation": "Illustrative: summary of GCP guideline updates (invented)", "key_finding": "Risk-based quality management expectations increase", "methodology": "Document review", "publication_date": "2024-03-01", "confidence_level": "high", "$p": 0.7}
  ],
  "persona_buying_process": [
    {"role_in_purchase": "Primary user and evaluator; recommends to director", "decision_timeframe": "3-9 months", "typical_budget_range": "USD 25k-250k per study", "approval_process_complexity": "complex"}
  ],
  "persona_buying_triggers": [
    {"trigger_type": "crisis", "trigger_description": "Study falling behind enrolment plan", "urgency_level": "immediate"},
    {"trigger_type": "regulatory", "trigger_description": "Inspection finding on TMF or oversight", "urgency_level": "high"},
    {"trigger_type": "internal_initiative", "trigger_description": "Portfolio-wide CTMS consolidation", "urgency_level": "medium"}
  ],
  "persona_evaluation_criteria": [
    {"criterion_name": "Validated and GCP-compliant", "criterion_category": "must_have", "criterion_description": "CSV package and audit trail", "weight": 35},
    {"criterion_name": "Integration with CTMS/EDC", "criterion_category": "must_have", "criterion_description": "No double data entry", "weight": 30},
    {"criterion_name": "Site usability", "criterion_category": "important", "criterion_description": "Sites adopt it without training burden", "weight": 20},
    {"criterion_name": "Implementation time", "criterion_category": "nice_to_have", "criterion_description": "Live before the next study start-up", "weight": 15}
  ],
  "persona_typical_day": [
    {"time_of_day": "07:30", "activity_description": "Enrolment and site activation dashboards", "energy_level": "high", "sort_order": 1, "sequence_order": 1},
    {"time_of_day": "09:00", "activity_description": "CRO status call (Europe/Asia)", "energy_level": "high", "sort_order": 2, "sequence_order": 2},
    {"time_of_day": "12:00", "activity_description": "Site issue escalations and deviations", "energy_level": "medium", "sort_order": 3, "sequence_order": 3},
    {"time_of_day": "15:00", "activity_description": "Budget and invoice reconciliation", "energy_level": "low", "sort_order": 4, "sequence_order": 4},
    {"time_of_day": "17:00", "activity_description": "CRO status call (Americas)", "energy_level": "medium", "sort_order": 5, "sequence_order": 5}
  ],
  "persona_annual_conferences": [
    {"conference_name": "Clinical trial operations conference", "conference_type": "technical", "role": "attendee", "value_derived": "Vendor landscape and peer practices", "networking_importance": "high", "typical_quarter": "Q1"},
    {"conference_name": "Investigator meeting for the {ta} study", "conference_type": "industry", "role": "organizer", "value_derived": "Site engagement", "networking_importance": "critical", "typical_quarter": "Q3"}
  ],
  "persona_internal_stakeholders": [
    {"stakeholder_role": "Director of Clinical Operations", "department": "Clinical Development", "relationship_type": "reports_to", "interaction_frequency": "weekly", "relationship_quality": "good", "influence_level": "very_high", "decision_involvement": "approver", "trust_level": "high", "political_alignment": "allied", "communication_preference": "teams"},
    {"stakeholder_role": "Study Physician", "department": "Clinical Development", "relationship_type": "cross_functional", "interaction_frequency": "weekly", "relationship_quality": "good", "influence_level": "high", "decision_involvement": "decision_maker", "trust_level": "high", "political_alignment": "allied", "communication_preference": "video_call"},
    {"stakeholder_role": "Clinical Quality Assurance", "department": "Quality", "relationship_type": "support_function", "interaction_frequency": "monthly", "relationship_quality": {"$pick": ["neutral", "good"]}, "influence_level": "high", "decision_involvement": "influencer", "trust_level": "medium", "political_alignment": "neutral", "communication_preference": "email"},
    {"stakeholder_role": "Procurement (clinical outsourcing)", "department": "Procurement", "relationship_type": "support_function", "interaction_frequency": "monthly", "relationship_quality": "neutral", "influence_level": "medium", "decision_involvement": "contributor", "trust_level": "medium", "political_alignment": "neutral", "communication_preference": "email"}
  ],
  "persona_external_stakeholders": [
    {"stakeholder_name": "Full-service CRO", "organization": "Illustrative CRO", "stakeholder_type": "vendor", "relationship_importance": "critical", "interaction_mode": "virtual_meetings", "relationship_duration": "1_2_years", "value_type": ["expertise", "access"], "contract_value": {"$int": [5000000, 25000000]}, "relationship_health": {"$pick": ["fair", "good", "poor"]}, "growth_potential": "medium", "risk_level": "high"},
    {"stakeholder_name": "Principal investigators and site staff", "organization": "Investigator sites", "stakeholder_type": "partner", "relationship_importance": "critical", "interaction_mode": "mixed", "relationship_duration": "3_5_years", "value_type": ["access", "expertise"], "relationship_health": "good", "growth_potential": "high", "risk_level": "medium"},
    {"stakeholder_name": "Central laboratory", "organization": "Illustrative lab vendor", "stakeholder_type": "supplier", "relationship_importance": "high", "interaction_mode": "email", "relationship_duration": "1_2_years", "value_type": ["expertise"], "relationship_health": "good", "risk_level": "low", "$p": 0.8}
  ],
  "persona_regulatory_stakeholders": [
    {"regulatory_body": "Health authority GCP inspectorate (illustrative)", "regulatory_region": "{region}", "regulatory_scope": "GCP inspections of sponsor and sites", "interaction_type": "inspection", "interaction_frequency": "event_driven", "compliance_area": "clinical", "regulations_governed": ["ICH E6 GCP"], "relationship_criticality": "mission_critical", "compliance_risk": "medium", "violation_impact": "severe", "documentation_burden": "very_heavy", "audit_frequency": "ad_hoc", "audit_findings_count": {"$int": [0, 4]}, "relationship_quality": "formal", "compliance_status": {"$pick": ["compliant", "minor_issues"]}},
    {"regulatory_body": "Ethics committees / IRBs", "regulatory_region": "{region}", "interaction_type": "submission", "interaction_frequency": "monthly", "compliance_area": "safety", "relationship_criticality": "critical", "compliance_risk": "low", "violation_impact": "major", "documentation_burden": "heavy", "relationship_quality": "collaborative", "compliance_status": "compliant"}
  ],
  "persona_public_research": [
    {"research_title": "Illustrative: enrolment performance across investigator sites", "research_type": "industry", "publication_source": "Illustrative trial-performance consortium", "publication_year": 2024, "sample_size": {"$int": [500, 2000]}, "methodology": "analysis", "key_findings": ["A minority of sites enrol most patients", "Many sites enrol zero or one patient"], "relevance_score": 9, "quality_rating": "good", "peer_reviewed": false, "url": "https://example.org/illustrative/site-enrolment", "access_type": "open_access",
     "persona_research_quantitative_results": [{"metric_name": "Sites enrolling zero patients", "metric_category": "enrolment", "numeric_value": {"$num": [10, 20, 1]}, "unit_of_measure": "percent"}]},
    {"research_title": "Illustrative: decentralised trial elements and data quality", "research_type": "academic", "publication_source": "Illustrative journal", "publication_year": 2023, "methodology": "meta_analysis", "key_findings": ["Hybrid designs kept data quality comparable"], "relevance_score": 7, "peer_reviewed": true, "access_type": "subscription", "$p": 0.8}
  ],
  "persona_industry_reports": [
    {"report_title": "Illustrative: clinical trial technology buyer guide", "report_publisher": "Illustrative analyst firm", "report_type": "buyer_guide", "publication_year": 2024, "industry_focus": "Clinical research", "key_insights": ["Unified platforms reduce reconciliation effort"], "relevance_score": 8, "data_quality_rating": "fair", "access_type": "public_summary", "recency_score": 8, "update_frequency": "annual"}
  ],
  "persona_expert_opinions": [
    {"expert_name": "Illustrative expert C", "expert_title": "Former VP Clinical Operations", "expert_credentials": "25 years in clinical research (invented)", "opinion_type": "webinar", "opinion_date": "2024-02-22", "topic_area": "CRO oversight", "key_insights": ["Oversight needs shared, real-time metrics, not monthly decks"], "credibility_score": 8, "bias_assessment": "minimal_bias", "relevance_score": 9, "applicability": "directly_applicable", "source_type": "primary", "peer_validated": true, "$p": 0.85}
  ],
  "persona_case_studies": [
    {"case_study_title": "Illustrative: rescue of a lagging {ta} study", "organization_name": "Illustrative Sponsor Inc.", "organization_size": "enterprise", "industry": "Pharmaceuticals", "case_type": "turnaround", "challenge_addressed": "Study enrolling at half the planned rate", "solution_implemented": "Site re-selection with performance data and patient pre-screening", "timeline_months": {"$int": [4, 8]}, "investment_required": {"$int": [300000, 900000]}, "outcomes_achieved": ["Enrolment rate doubled", "Last patient in recovered by four months"], "relevance_to_persona": "Addresses slow enrolment", "relevance_score": 9, "case_source_type": "conference_presentation", "verified": {"$pick": [true, false]},
     "persona_case_study_investments": [{"category": "services", "description": "Site network and pre-screening", "amount": {"$int": [200000, 600000]}, "percentage_of_total": 80}],
     "persona_case_study_results": [{"metric_name": "Weeks recovered", "numeric_value": {"$int": [10, 20]}, "unit_of_measure": "weeks"}],
     "persona_case_study_metrics": [{"metric_name": "Patients per site per month", "before_value": {"$num": [0.2, 0.4, 2]}, "after_value": {"$num": [0.5, 0.9, 2]}, "improvement_percentage": {"$num": [60, 120, 1]}, "unit_of_measure": "patients"}]}
  ],
  "persona_supporting_statistics": [
    {"statistic_name": "Illustrative: studies missing the original enrolment timeline", "statistic_category": "operational", "statistic_value": "most studies", "numeric_value": {"$num": [60, 80, 1]}, "unit_of_measure": "percent", "value_type": "percentage", "data_source": "Illustrative benchmarking panel", "collection_method": "survey", "collection_year": 2024, "trend_direction": "stable", "relevance_score": 9, "data_quality_score": 6, "recency_score": 8, "access_type": "public", "verified": false,
     "persona_statistic_history": [{"year": 2022, "value": {"$num": [65, 80, 1]}}, {"year": 2024, "value": {"$num": [60, 78, 1]}}]},
    {"statistic_name": "Illustrative: share of trials using decentralised elements", "statistic_category": "technology", "statistic_value": "growing", "numeric_value": {"$num": [20, 40, 1]}, "unit_of_measure": "percent", "value_type": "percentage", "data_source": "Illustrative registry analysis", "collection_method": "administrative_records", "collection_year": 2024, "trend_direction": "increasing", "relevance_score": 7, "access_type": "public", "verified": true, "$p": 0.7}
  ]
}$json$);

-- Regulatory Affairs VP: owns regulatory strategy, submissions and agency relationships.
INSERT INTO @extschema@.lookup_persona_templates (id, code, name, description, is_builtin, body) VALUES (
  pg_catalog.md5('vital_persona.template.regulatory_affairs_vp')::uuid, 'regulatory_affairs_vp', 'Regulatory Affairs VP',
  'Owns global regulatory strategy: submissions, health-authority interactions, labelling and compliance.', true,
$json${
  "$extends": "healthcare_base",
  "$vars": {
    "function": "Regulatory Affairs",
    "boss": "Chief Medical Officer",
    "level": {"$pick": [
      {"seniority": "vp", "title_prefix": "Vice President"},
      {"seniority": "vp", "title_prefix": "Senior Vice President"},
      {"seniority": "director", "title_prefix": "Executive Director"}]}
  },
  "personas": {
    "name": "{full_name}", "title": "{title_prefix}, Regulatory Affairs",
    "tagline": "Gets {ta} medicines approved, and keeps them compliant",
    "one_liner": "Sets regulatory strategy for the {org} {ta} portfolio and leads every major agency interaction.",
    "seniority_level": {"$var": "seniority"}, "years_of_experience": {"$int": [18, 30]}, "years_in_current_role": {"$int": [2, 8]},
    "years_in_industry": {"$int": [16, 28]}, "years_in_function": {"$int": [14, 25]},
    "typical_organization_size": "{org_size}", "organization_type": "{org_type}", "geographic_scope": "global",
    "reporting_to": "{boss}", "team_size": "25-60", "team_size_typical": {"$int": [25, 60]}, "direct_reports": {"$int": [5, 9]}, "span_of_control": "Regulatory strategy, CMC, labelling, operations",
    "budget_authority": {"$pick": ["substantial", "full"]}, "age_range": {"$pick": ["45-54", "55-64"]}, "education_level": "doctorate",
    "location_type": "office", "work_arrangement": {"$pick": ["office-based", "hybrid"]}, "work_style": "Deliberate and precedent-driven", "work_style_preference": "Written pre-reads before any decision meeting",
    "learning_style": "Guidance documents and agency precedent", "technology_adoption": {"$pick": ["late_majority", "early_majority"]}, "risk_tolerance": {"$pick": ["very_low", "low"]},
    "change_readiness": {"$pick": ["low", "moderate"]}, "decision_making_style": "consensus_driven",
    "key_responsibilities": ["Global regulatory strategy", "Health-authority meetings and submissions", "Labelling and lifecycle management", "Regulatory intelligence"],
    "preferred_tools": ["RIM system", "eCTD publishing", "Regulatory intelligence database", "Document management"],
    "background_story": "Pharmacist by training; led a first-in-class approval and now heads global regulatory affairs at {org}.",
    "a_day_in_the_life": "Submission governance, agency-meeting preparation and executive briefings; little time left for deep work.",
    "salary_min_usd": {"$int": [260000, 300000]}, "salary_max_usd": {"$int": [360000, 450000]}, "salary_median_usd": {"$int": [305000, 355000]},
    "salary_currency": "USD", "salary_year": 2024, "salary_sources": "Illustrative ranges, not survey data", "sample_size": "illustrative",
    "confidence_level": "medium", "data_recency": "2024", "geographic_benchmark_scope": "{region}",
    "persona_type": "buyer", "segment": "regulatory", "archetype": "guardian", "journey_stage": {"$pick": ["awareness", "consideration"]},
    "role_slug": "vp-regulatory-affairs", "function_slug": "regulatory-affairs", "department_slug": "regulatory", "color_code": "#44BBA4", "icon": "shield",
    "notes": "Illustrative persona generated from a template.",
    "$if_column": {"communication_preferences": {"channel": "email", "meeting_format": "face_to_face", "response_time": "48h"}}
  },
  "persona_goals": [
    {"goal_type": "primary", "goal_text": "First-cycle approval for the lead {ta} asset", "priority": 1, "sequence_order": 1},
    {"goal_type": "primary", "goal_text": "Zero critical findings in inspections and audits", "priority": 1, "sequence_order": 2},
    {"goal_type": "secondary", "goal_text": "Shorten submission preparation through structured content", "priority": 2, "sequence_order": 3},
    {"goal_type": "long_term", "goal_text": "Build a regulatory intelligence capability that shapes development", "priority": 2, "sequence_order": 4, "$p": 0.8}
  ],
  "persona_pain_points": [
    {"pain_category": "operational", "pain_description": "Submission documents are authored and re-authored in silos", "pain_point_text": "Document rework", "severity": "high", "sequence_order": 1},
    {"pain_category": "strategic", "pain_description": "Divergent requirements across agencies multiply work", "pain_point_text": "Global divergence", "severity": "critical", "sequence_order": 2},
    {"pain_category": "technology", "pain_description": "RIM data quality is poor and manually maintained", "pain_point_text": "RIM data quality", "severity": {"$pick": ["high", "medium"]}, "sequence_order": 3}
  ],
  "persona_challenges": [
    {"challenge_type": "strategic", "challenge_description": "Expedited pathways compress timelines without reducing evidence needs", "challenge_text": "Expedited pathways", "impact_level": "critical", "sequence_order": 1},
    {"challenge_type": "external", "challenge_description": "New rules on AI, data and labelling formats", "challenge_text": "Regulatory change", "impact_level": "high", "sequence_order": 2},
    {"challenge_type": "weekly", "challenge_description": "Retaining experienced regulatory staff", "challenge_text": "Talent", "impact_level": "medium", "sequence_order": 3}
  ],
  "persona_tools": [
    {"tool_name": "Regulatory information management (RIM)", "tool_category": "Regulatory", "usage_frequency": "weekly", "proficiency_level": "competent", "satisfaction_level": "dissatisfied", "sequence_order": 1},
    {"tool_name": "eCTD publishing", "tool_category": "Regulatory", "usage_frequency": "monthly", "proficiency_level": "competent", "satisfaction_level": "neutral", "sequence_order": 2},
    {"tool_name": "Regulatory intelligence database", "tool_category": "Intelligence", "usage_frequency": "weekly", "proficiency_level": "proficient", "satisfaction_level": "satisfied", "sequence_order": 3}
  ],
  "persona_responsibilities": [
    {"responsibility_type": "key", "responsibility_text": "Regulatory strategy for the portfolio", "time_allocation_percent": 35, "sequence_order": 1},
    {"responsibility_type": "key", "responsibility_text": "Health-authority interactions", "time_allocation_percent": 25, "sequence_order": 2},
    {"responsibility_type": "periodic", "responsibility_text": "Inspection and audit readiness", "time_allocation_percent": 15, "sequence_order": 3},
    {"responsibility_type": "weekly", "responsibility_text": "Leadership of a global regulatory team", "time_allocation_percent": 25, "sequence_order": 4}
  ],
  "persona_quotes": [
    {"quote_text": "The agency will ask. The only question is whether we answer in the dossier or in a deficiency letter.", "context": "Submission planning", "emotion": "measured", "sequence_order": 1},
    {"quote_text": "I don't buy software; I buy fewer surprises in an inspection.", "context": "Vendor evaluation", "emotion": "skeptical", "sequence_order": 2}
  ],
  "persona_evidence_sources": [
    {"source_type": "survey", "citation": "Illustrative: regulatory operations benchmark 2024 (invented)", "key_finding": "Structured content adoption is early but growing", "sample_size": {"$int": [80, 250]}, "methodology": "Online survey", "publication_date": "2024-05-01", "confidence_level": "high", "url": "https://example.org/illustrative/reg-benchmark"},
    {"source_type": "interview", "citation": "Illustrative: interviews with regulatory leaders (invented)", "key_finding": "Global divergence is the main cost driver", "sample_size": {"$int": [8, 20]}, "methodology": "Interviews", "publication_date": "2024-07-10", "confidence_level": "medium"},
    {"source_type": "regulatory_document", "citation": "Illustrative: summary of agency guidance changes (invented)", "key_finding": "Expedited programmes expanded", "methodology": "Document review", "publication_date": "2024-02-01", "confidence_level": "high"},
    {"source_type": "analyst_report", "citation": "Illustrative: RIM market overview (invented analyst)", "key_finding": "RIM consolidation projects take 18-24 months", "methodology": "Analyst synthesis", "publication_date": "2024-03-15", "confidence_level": "medium"},
    {"source_type": "literature", "citation": "Illustrative: review of first-cycle approval factors (invented)", "key_finding": "Early agency meetings correlate with first-cycle approval", "methodology": "Narrative review", "publication_date": "2023-09-30", "confidence_level": "medium", "$p": 0.7},
    {"source_type": "workshop", "citation": "Illustrative: persona validation with regulatory heads (invented)", "key_finding": "Confirmed risk-aversion in buying", "methodology": "Workshop", "publication_date": "2024-11-20", "confidence_level": "low", "$p": 0.7}
  ],
  "persona_buying_process": [
    {"role_in_purchase": "Executive sponsor and final approver for regulatory systems", "decision_timeframe": "6-12 months", "typical_budget_range": "USD 500k-3M", "approval_process_complexity": "very_complex"}
  ],
  "persona_buying_triggers": [
    {"trigger_type": "regulatory", "trigger_description": "Mandatory electronic submission or data standard change", "urgency_level": "immediate"},
    {"trigger_type": "crisis", "trigger_description": "Critical inspection finding", "urgency_level": "immediate"},
    {"trigger_type": "growth", "trigger_description": "Portfolio expansion into new regions", "urgency_level": "medium"}
  ],
  "persona_evaluation_criteria": [
    {"criterion_name": "Regulatory compliance and validation", "criterion_category": "must_have", "criterion_description": "Part 11 / Annex 11, full audit trail", "weight": 40},
    {"criterion_name": "Vendor track record with agencies", "criterion_category": "must_have", "criterion_description": "Reference customers with accepted submissions", "weight": 25},
    {"criterion_name": "Global coverage", "criterion_category": "important", "criterion_description": "Supports regional requirements", "weight": 20},
    {"criterion_name": "Total cost of ownership", "criterion_category": "important", "criterion_description": "Licences, validation and maintenance", "weight": 15}
  ],
  "persona_typical_day": [
    {"time_of_day": "08:00", "activity_description": "Submission governance review", "energy_level": "high", "sort_order": 1, "sequence_order": 1},
    {"time_of_day": "10:00", "activity_description": "Agency meeting preparation", "energy_level": "high", "sort_order": 2, "sequence_order": 2},
    {"time_of_day": "13:00", "activity_description": "Executive committee briefing", "energy_level": "medium", "sort_order": 3, "sequence_order": 3},
    {"time_of_day": "16:00", "activity_description": "Regulatory intelligence digest and team escalations", "energy_level": "medium", "sort_order": 4, "sequence_order": 4}
  ],
  "persona_annual_conferences": [
    {"conference_name": "Global regulatory science conference", "conference_type": "regulatory", "role": {"$pick": ["speaker", "attendee"]}, "value_derived": "Agency perspectives and precedent", "networking_importance": "critical", "typical_quarter": "Q2"},
    {"conference_name": "Regulatory affairs professionals convention", "conference_type": "leadership", "role": "attendee", "value_derived": "Peer network", "networking_importance": "high", "typical_quarter": "Q4"}
  ],
  "persona_internal_stakeholders": [
    {"stakeholder_role": "Chief Medical Officer", "department": "R&D", "relationship_type": "reports_to", "interaction_frequency": "weekly", "relationship_quality": "good", "influence_level": "very_high", "decision_involvement": "approver", "trust_level": "high", "political_alignment": "allied", "communication_preference": "face_to_face"},
    {"stakeholder_role": "Head of Clinical Development", "department": "R&D", "relationship_type": "peer", "interaction_frequency": "weekly", "relationship_quality": {"$pick": ["good", "neutral"]}, "influence_level": "very_high", "decision_involvement": "decision_maker", "trust_level": "high", "political_alignment": "allied", "communication_preference": "face_to_face"},
    {"stakeholder_role": "Head of Quality", "department": "Quality", "relationship_type": "peer", "interaction_frequency": "bi_weekly", "relationship_quality": "good", "influence_level": "high", "decision_involvement": "influencer", "trust_level": "high", "political_alignment": "allied", "communication_preference": "email"},
    {"stakeholder_role": "Regulatory strategy leads", "department": "Regulatory Affairs", "relationship_type": "direct_report", "interaction_frequency": "daily", "relationship_quality": "excellent", "influence_level": "medium", "decision_involvement": "contributor", "trust_level": "very_high", "political_alignment": "strong_ally", "communication_preference": "mixed"}
  ],
  "persona_external_stakeholders": [
    {"stakeholder_name": "Health-authority review divisions", "organization": "Regulatory agencies", "stakeholder_type": "regulator", "relationship_importance": "critical", "interaction_mode": "face_to_face", "relationship_duration": "10_plus_years", "value_type": ["access", "credibility"], "relationship_health": "good", "growth_potential": "low", "risk_level": "high"},
    {"stakeholder_name": "Regulatory consultancy", "organization": "Illustrative consultancy", "stakeholder_type": "consultant", "relationship_importance": "high", "interaction_mode": "virtual_meetings", "relationship_duration": "3_5_years", "value_type": ["expertise"], "annual_value": {"$int": [300000, 1200000]}, "relationship_health": "good", "risk_level": "low"},
    {"stakeholder_name": "Industry association regulatory committee", "organization": "Trade association", "stakeholder_type": "alliance", "relationship_importance": "medium", "interaction_mode": "conferences", "relationship_duration": "5_10_years", "value_type": ["market_intel", "access"], "relationship_health": "good", "risk_level": "minimal", "$p": 0.8}
  ],
  "persona_regulatory_stakeholders": [
    {"regulatory_body": "Lead health authority (illustrative)", "regulatory_region": "{region}", "regulatory_scope": "Marketing authorisation and lifecycle", "interaction_type": "submission", "interaction_frequency": "continuous", "compliance_area": "multi_domain", "regulations_governed": ["marketing authorisation", "variations", "labelling"], "standards_applicable": ["eCTD", "IDMP"], "relationship_criticality": "mission_critical", "compliance_risk": "high", "violation_impact": "catastrophic", "documentation_burden": "very_heavy", "audit_frequency": "ad_hoc", "relationship_quality": "collaborative", "compliance_status": "compliant", "dedicated_resources": {"$int": [5, 20]}},
    {"regulatory_body": "Reference agencies in other regions (illustrative)", "regulatory_region": "Rest of world", "interaction_type": "consultation", "interaction_frequency": "quarterly", "compliance_area": "multi_domain", "relationship_criticality": "critical", "compliance_risk": "medium", "violation_impact": "major", "documentation_burden": "heavy", "relationship_quality": "formal", "compliance_status": {"$pick": ["compliant", "minor_issues"]}},
    {"regulatory_body": "GMP inspectorate (illustrative)", "regulatory_region": "{region}", "interaction_type": "inspection", "interaction_frequency": "event_driven", "compliance_area": "quality", "relationship_criticality": "high", "compliance_risk": "medium", "violation_impact": "severe", "documentation_burden": "heavy", "audit_frequency": "bi_annual", "relationship_quality": "formal", "compliance_status": "compliant", "$p": 0.8}
  ],
  "persona_public_research": [
    {"research_title": "Illustrative: drivers of first-cycle approval", "research_type": "academic", "publication_source": "Illustrative regulatory science journal", "publication_year": 2023, "sample_size": {"$int": [100, 300]}, "methodology": "longitudinal", "key_findings": ["Early agency interaction associated with first-cycle approval"], "relevance_score": 9, "quality_rating": "excellent", "peer_reviewed": true, "access_type": "subscription",
     "persona_research_quantitative_results": [{"metric_name": "First-cycle approval rate with early meetings", "metric_category": "outcomes", "numeric_value": {"$num": [70, 85, 1]}, "unit_of_measure": "percent"}]},
    {"research_title": "Illustrative: structured content authoring adoption", "research_type": "industry", "publication_source": "Illustrative industry panel", "publication_year": 2024, "methodology": "survey", "sample_size": {"$int": [60, 200]}, "key_findings": ["Pilots common, enterprise roll-outs rare"], "relevance_score": 7, "peer_reviewed": false, "url": "https://example.org/illustrative/structured-content", "access_type": "open_access", "$p": 0.8}
  ],
  "persona_industry_reports": [
    {"report_title": "Illustrative: regulatory information management market", "report_publisher": "Illustrative analyst firm", "report_type": "market_analysis", "publication_year": 2024, "industry_focus": "Life sciences software", "market_size_estimate": {"$int": [800000000, 1500000000]}, "growth_rate": {"$num": [0.08, 0.14, 4]}, "key_insights": ["Consolidation onto unified RIM platforms"], "relevance_score": 7, "data_quality_rating": "good", "access_type": "purchased", "recency_score": 8, "update_frequency": "annual"}
  ],
  "persona_expert_opinions": [
    {"expert_name": "Illustrative expert D", "expert_title": "Former agency reviewer", "expert_credentials": "Regulatory scientist (invented)", "opinion_type": "keynote", "opinion_date": "2024-06-05", "topic_area": "Regulatory use of real-world evidence", "key_insights": ["Pre-specify RWE analyses with the agency"], "credibility_score": 9, "bias_assessment": "unbiased", "relevance_score": 8, "applicability": "mostly_applicable", "source_type": "primary", "peer_validated": true, "$p": 0.85}
  ],
  "persona_case_studies": [
    {"case_study_title": "Illustrative: unified RIM consolidation", "organization_name": "Illustrative Global Pharma", "organization_size": "enterprise", "industry": "Pharmaceuticals", "case_type": "transformation", "challenge_addressed": "Five regional regulatory systems with inconsistent data", "solution_implemented": "Single RIM platform with data migration and governance", "timeline_months": {"$int": [18, 30]}, "investment_required": {"$int": [2000000, 6000000]}, "outcomes_achieved": ["Single source of regulatory truth", "Faster variation filings"], "relevance_to_persona": "Addresses RIM data quality", "relevance_score": 8, "case_source_type": "vendor_published", "verified": false,
     "persona_case_study_investments": [{"category": "software", "description": "Platform licences", "amount": {"$int": [800000, 2000000]}, "percentage_of_total": 40}, {"category": "services", "description": "Migration and validation", "amount": {"$int": [1000000, 3000000]}, "percentage_of_total": 60}],
     "persona_case_study_results": [{"metric_name": "Regional systems retired", "numeric_value": 5, "unit_of_measure": "count"}],
     "persona_case_study_metrics": [{"metric_name": "Variation filing cycle", "before_value": {"$int": [60, 90]}, "after_value": {"$int": [30, 45]}, "improvement_percentage": {"$num": [40, 55, 1]}, "unit_of_measure": "days"}]}
  ],
  "persona_supporting_statistics": [
    {"statistic_name": "Illustrative: submissions receiving major questions in first review", "statistic_category": "industry", "statistic_value": "a majority", "numeric_value": {"$num": [50, 70, 1]}, "unit_of_measure": "percent", "value_type": "percentage", "data_source": "Illustrative regulatory intelligence panel", "collection_method": "aggregation", "collection_year": 2024, "trend_direction": "stable", "relevance_score": 8, "data_quality_score": 7, "recency_score": 8, "access_type": "subscription", "verified": {"$pick": [true, false]},
     "persona_statistic_history": [{"year": 2022, "value": {"$num": [50, 70, 1]}}, {"year": 2023, "value": {"$num": [50, 70, 1]}}, {"year": 2024, "value": {"$num": [50, 70, 1]}}]}
  ]
}$json$);

-- Commercial Strategy Leader: portfolio, launch and go-to-market strategy.
INSERT INTO @extschema@.lookup_persona_templates (id, code, name, description, is_builtin, body) VALUES (
  pg_catalog.md5('vital_persona.template.commercial_strategy_leader')::uuid, 'commercial_strategy_leader', 'Commercial Strategy Leader',
  'Shapes portfolio and launch strategy: forecasting, segmentation, go-to-market and omnichannel investment.', true,
$json${
  "$extends": "healthcare_base",
  "$vars": {
    "function": "Commercial Strategy",
    "boss": "Chief Commercial Officer",
    "level": {"$pick": [
      {"seniority": "vp", "title_prefix": "VP"},
      {"seniority": "director", "title_prefix": "Senior Director"},
      {"seniority": "director", "title_prefix": "Head of"}]}
  },
  "personas": {
    "name": "{full_name}", "title": "{title_prefix} Commercial Strategy, {ta}",
    "tagline": "Decides where the {ta} launch money goes",
    "one_liner": "Owns the {ta} commercial strategy at {org}: forecast, segmentation, launch sequencing and channel mix.",
    "seniority_level": {"$var": "seniority"}, "years_of_experience": {"$int": [14, 25]}, "years_in_current_role": {"$int": [1, 5]},
    "years_in_industry": {"$int": [10, 22]}, "years_in_function": {"$int": [8, 18]},
    "typical_organization_size": "{org_size}", "organization_type": "{org_type}", "geographic_scope": {"$pick": ["global", "regional"]},
    "reporting_to": "{boss}", "team_size": "6-15", "team_size_typical": {"$int": [6, 15]}, "direct_reports": {"$int": [3, 8]}, "span_of_control": "Forecasting, insights, launch excellence",
    "budget_authority": {"$pick": ["substantial", "full"]}, "age_range": {"$pick": ["40-49", "45-54"]}, "education_level": "master",
    "location_type": "hybrid", "work_arrangement": "hybrid", "work_style": "Fast, hypothesis-driven", "work_style_preference": "Short decision meetings with a clear recommendation",
    "learning_style": "Benchmarks and analogues", "technology_adoption": {"$pick": ["early_adopter", "innovator"]}, "risk_tolerance": {"$pick": ["moderate", "high"]},
    "change_readiness": {"$pick": ["high", "very_high"]}, "decision_making_style": "data_driven",
    "key_responsibilities": ["Long-range forecast and business case", "Segmentation and targeting", "Launch sequencing and resource allocation", "Omnichannel investment"],
    "preferred_tools": ["Forecasting model", "BI dashboards", "Customer data platform", "Syndicated sales data"],
    "background_story": "Former strategy consultant, led two launches as brand lead and now runs {ta} commercial strategy at {org}.",
    "a_day_in_the_life": "Forecast reviews, launch steering committees and investment trade-offs with the executive team.",
    "salary_min_usd": {"$int": [220000, 260000]}, "salary_max_usd": {"$int": [320000, 400000]}, "salary_median_usd": {"$int": [265000, 315000]},
    "salary_currency": "USD", "salary_year": 2024, "salary_sources": "Illustrative ranges, not survey data", "sample_size": "illustrative",
    "confidence_level": "medium", "data_recency": "2024", "geographic_benchmark_scope": "{region}",
    "persona_type": "buyer", "segment": "commercial", "archetype": "strategist", "journey_stage": {"$pick": ["consideration", "evaluation", "decision"]},
    "role_slug": "commercial-strategy-leader", "function_slug": "commercial-strategy", "department_slug": "commercial", "color_code": "#E94F37", "icon": "chart-line",
    "notes": "Illustrative persona generated from a template.",
    "$if_column": {"communication_preferences": {"channel": "video", "meeting_format": "short decision meeting", "response_time": "same day"}}
  },
  "persona_goals": [
    {"goal_type": "primary", "goal_text": "Deliver the {ta} launch forecast in the first 18 months", "priority": 1, "sequence_order": 1},
    {"goal_type": "primary", "goal_text": "Reallocate spend to the channels and segments that convert", "priority": 1, "sequence_order": 2},
    {"goal_type": "secondary", "goal_text": "One customer view across field, digital and access", "priority": 2, "sequence_order": 3},
    {"goal_type": "long_term", "goal_text": "Make the portfolio strategy AI-assisted and faster", "priority": 3, "sequence_order": 4, "$p": 0.75}
  ],
  "persona_pain_points": [
    {"pain_category": "strategic", "pain_description": "Forecasts rely on analogues that no longer fit the market", "pain_point_text": "Forecast accuracy", "severity": "critical", "sequence_order": 1},
    {"pain_category": "technology", "pain_description": "Customer data scattered across CRM, digital and syndicated sources", "pain_point_text": "Fragmented data", "severity": "high", "sequence_order": 2},
    {"pain_category": "operational", "pain_description": "Attribution of omnichannel spend is guesswork", "pain_point_text": "Attribution", "severity": {"$pick": ["high", "medium"]}, "sequence_order": 3}
  ],
  "persona_challenges": [
    {"challenge_type": "strategic", "challenge_description": "Launching into crowded {ta} classes with payer restrictions", "challenge_text": "Crowded launches", "impact_level": "critical", "sequence_order": 1},
    {"challenge_type": "external", "challenge_description": "Reduced field access to prescribers", "challenge_text": "Access to HCPs", "impact_level": "high", "sequence_order": 2},
    {"challenge_type": "weekly", "challenge_description": "Aligning affiliates to one global playbook", "challenge_text": "Global alignment", "impact_level": "medium", "sequence_order": 3}
  ],
  "persona_tools": [
    {"tool_name": "Forecasting model", "tool_category": "Analytics", "usage_frequency": "weekly", "proficiency_level": "expert", "satisfaction_level": "neutral", "sequence_order": 1},
    {"tool_name": "BI dashboards", "tool_category": "Analytics", "usage_frequency": "daily", "proficiency_level": "proficient", "satisfaction_level": "satisfied", "sequence_order": 2},
    {"tool_name": "Customer data platform", "tool_category": "Data", "usage_frequency": "monthly", "proficiency_level": "beginner", "satisfaction_level": {"$pick": ["dissatisfied", "neutral"]}, "sequence_order": 3},
    {"tool_name": "Syndicated prescription data", "tool_category": "Market data", "usage_frequency": "weekly", "proficiency_level": "proficient", "satisfaction_level": "satisfied", "sequence_order": 4}
  ],
  "persona_responsibilities": [
    {"responsibility_type": "key", "responsibility_text": "Forecast and business case ownership", "time_allocation_percent": 30, "sequence_order": 1},
    {"responsibility_type": "key", "responsibility_text": "Launch strategy and sequencing", "time_allocation_percent": 30, "sequence_order": 2},
    {"responsibility_type": "weekly", "responsibility_text": "Performance reviews of brands and channels", "time_allocation_percent": 20, "sequence_order": 3},
    {"responsibility_type": "periodic", "responsibility_text": "Annual planning and budget allocation", "time_allocation_percent": 20, "sequence_order": 4}
  ],
  "persona_quotes": [
    {"quote_text": "Show me the uplift against a control group, or it's a nice story.", "context": "Vendor pitch", "emotion": "demanding", "sequence_order": 1},
    {"quote_text": "We spend more time reconciling data than deciding on it.", "context": "Quarterly review", "emotion": "frustrated", "sequence_order": 2}
  ],
  "persona_evidence_sources": [
    {"source_type": "survey", "citation": "Illustrative: commercial excellence survey 2024 (invented)", "key_finding": "Omnichannel attribution is the top capability gap", "sample_size": {"$int": [120, 350]}, "methodology": "Online survey", "publication_date": "2024-03-20", "confidence_level": "high", "url": "https://example.org/illustrative/commercial-survey"},
    {"source_type": "interview", "citation": "Illustrative: interviews with commercial strategy heads (invented)", "key_finding": "Forecast error on recent launches was large", "sample_size": {"$int": [10, 25]}, "methodology": "Interviews", "publication_date": "2024-05-05", "confidence_level": "medium"},
    {"source_type": "analyst_report", "citation": "Illustrative: launch excellence benchmark (invented analyst)", "key_finding": "Early uptake predicts peak share", "methodology": "Analyst synthesis", "publication_date": "2024-02-28", "confidence_level": "medium"},
    {"source_type": "job_postings", "citation": "Illustrative: analysis of commercial strategy postings (invented)", "key_finding": "Data science skills increasingly required", "sample_size": {"$int": [80, 200]}, "methodology": "Content analysis", "publication_date": "2024-09-15", "confidence_level": "medium"},
    {"source_type": "workshop", "citation": "Illustrative: persona validation with brand leads (invented)", "key_finding": "Confirmed attribution pain point", "methodology": "Workshop", "publication_date": "2024-10-30", "confidence_level": "low", "$p": 0.7},
    {"source_type": "literature", "citation": "Illustrative: review of pharmaceutical launch curves (invented)", "key_finding": "Launch curves flattened over the decade", "methodology": "Narrative review", "publication_date": "2023-08-01", "confidence_level": "medium", "$p": 0.7}
  ],
  "persona_buying_process": [
    {"role_in_purchase": "Decision maker and budget owner for analytics and data", "decision_timeframe": "1-3 months", "typical_budget_range": "USD 250k-2M", "approval_process_complexity": {"$pick": ["moderate", "complex"]}}
  ],
  "persona_buying_triggers": [
    {"trigger_type": "growth", "trigger_description": "Launch 12-18 months out", "urgency_level": "high"},
    {"trigger_type": "competitive", "trigger_description": "Competitor launch or loss of exclusivity", "urgency_level": "immediate"},
    {"trigger_type": "internal_initiative", "trigger_description": "New CCO or commercial model redesign", "urgency_level": "medium"}
  ],
  "persona_evaluation_criteria": [
    {"criterion_name": "Proven commercial uplift", "criterion_category": "must_have", "criterion_description": "Controlled evidence of impact", "weight": 35},
    {"criterion_name": "Data integration", "criterion_category": "must_have", "criterion_description": "Connects CRM, digital and market data", "weight": 30},
    {"criterion_name": "Time to value", "criterion_category": "important", "criterion_description": "Results within a quarter", "weight": 20},
    {"criterion_name": "Scalability across affiliates", "criterion_category": "nice_to_have", "criterion_description": "Global roll-out", "weight": 15}
  ],
  "persona_typical_day": [
    {"time_of_day": "08:00", "activity_description": "Weekly sales and forecast dashboard", "energy_level": "high", "sort_order": 1, "sequence_order": 1},
    {"time_of_day": "09:30", "activity_description": "Launch steering committee", "energy_level": "high", "sort_order": 2, "sequence_order": 2},
    {"time_of_day": "13:00", "activity_description": "Segmentation and channel-mix working session", "energy_level": "medium", "sort_order": 3, "sequence_order": 3},
    {"time_of_day": "16:00", "activity_description": "Executive pre-read and investment memo", "energy_level": "medium", "sort_order": 4, "sequence_order": 4}
  ],
  "persona_annual_conferences": [
    {"conference_name": "Pharma commercial excellence summit", "conference_type": "industry", "role": {"$pick": ["speaker", "attendee"]}, "value_derived": "Benchmarks and vendor scouting", "networking_importance": "high", "typical_quarter": "Q2"},
    {"conference_name": "Digital health and omnichannel forum", "conference_type": "networking", "role": "attendee", "value_derived": "New channel models", "networking_importance": "medium", "typical_quarter": "Q3"}
  ],
  "persona_internal_stakeholders": [
    {"stakeholder_role": "Chief Commercial Officer", "department": "Commercial", "relationship_type": "reports_to", "interaction_frequency": "weekly", "relationship_quality": "good", "influence_level": "very_high", "decision_involvement": "approver", "trust_level": "high", "political_alignment": "strong_ally", "communication_preference": "face_to_face"},
    {"stakeholder_role": "Brand Directors", "department": "Marketing", "relationship_type": "cross_functional", "interaction_frequency": "weekly", "relationship_quality": {"$pick": ["good", "strained"]}, "influence_level": "high", "decision_involvement": "contributor", "trust_level": "medium", "political_alignment": "neutral", "communication_preference": "teams"},
    {"stakeholder_role": "Head of Market Access", "department": "Market Access", "relationship_type": "peer", "interaction_frequency": "bi_weekly", "relationship_quality": "good", "influence_level": "high", "decision_involvement": "influencer", "trust_level": "high", "political_alignment": "allied", "communication_preference": "video_call"},
    {"stakeholder_role": "Finance Director", "department": "Finance", "relationship_type": "support_function", "interaction_frequency": "monthly", "relationship_quality": "neutral", "influence_level": "very_high", "decision_involvement": "approver", "trust_level": "medium", "political_alignment": "neutral", "communication_preference": "email"}
  ],
  "persona_external_stakeholders": [
    {"stakeholder_name": "Strategy consultancy", "organization": "Illustrative consultancy", "stakeholder_type": "consultant", "relationship_importance": "high", "interaction_mode": "face_to_face", "relationship_duration": "3_5_years", "value_type": ["expertise", "market_intel"], "annual_value": {"$int": [500000, 2000000]}, "relationship_health": "good", "risk_level": "low"},
    {"stakeholder_name": "Syndicated data provider", "organization": "Illustrative data vendor", "stakeholder_type": "vendor", "relationship_importance": "critical", "interaction_mode": "virtual_meetings", "relationship_duration": "5_10_years", "value_type": ["market_intel"], "contract_value": {"$int": [1000000, 4000000]}, "relationship_health": {"$pick": ["good", "fair"]}, "risk_level": "medium"},
    {"stakeholder_name": "Key accounts (integrated delivery networks)", "organization": "Health systems", "stakeholder_type": "customer", "relationship_importance": "very_high", "interaction_mode": "mixed", "relationship_duration": "3_5_years", "value_type": ["revenue", "referrals"], "relationship_health": "good", "growth_potential": "high", "risk_level": "medium", "$p": 0.8}
  ],
  "persona_regulatory_stakeholders": [
    {"regulatory_body": "Promotional review authority (illustrative)", "regulatory_region": "{region}", "regulatory_scope": "Advertising and promotion rules", "interaction_type": "compliance_review", "interaction_frequency": "event_driven", "compliance_area": "industry_specific", "relationship_criticality": "medium", "compliance_risk": "medium", "violation_impact": "major", "documentation_burden": "moderate", "relationship_quality": "formal", "compliance_status": "compliant"},
    {"regulatory_body": "Data protection authority (illustrative)", "regulatory_region": "{region}", "interaction_type": "reporting", "interaction_frequency": "ad_hoc", "compliance_area": "data_privacy", "relationship_criticality": "high", "compliance_risk": {"$pick": ["medium", "high"]}, "violation_impact": "severe", "documentation_burden": "moderate", "relationship_quality": "neutral", "compliance_status": "compliant", "$p": 0.8}
  ],
  "persona_public_research": [
    {"research_title": "Illustrative: launch performance of recent specialty medicines", "research_type": "market", "publication_source": "Illustrative market observatory", "publication_year": 2024, "sample_size": {"$int": [50, 150]}, "methodology": "cross_sectional", "key_findings": ["Most launches miss their year-one forecast", "Access timing explains much of the gap"], "relevance_score": 9, "quality_rating": "good", "peer_reviewed": false, "url": "https://example.org/illustrative/launch-performance", "access_type": "open_access",
     "persona_research_quantitative_results": [{"metric_name": "Launches below year-one forecast", "metric_category": "performance", "numeric_value": {"$num": [55, 75, 1]}, "unit_of_measure": "percent"}]},
    {"research_title": "Illustrative: physician channel preferences", "research_type": "market", "publication_source": "Illustrative research panel", "publication_year": 2024, "methodology": "survey", "sample_size": {"$int": [500, 1500]}, "key_findings": ["Preference for on-demand digital content grows"], "relevance_score": 8, "peer_reviewed": false, "access_type": "purchased", "$p": 0.85}
  ],
  "persona_industry_reports": [
    {"report_title": "Illustrative: omnichannel engagement benchmark", "report_publisher": "Illustrative analyst firm", "report_type": "benchmark", "publication_year": 2024, "industry_focus": "Pharmaceutical commercial", "key_insights": ["Coordinated channels outperform channel volume"], "relevance_score": 8, "data_quality_rating": "good", "access_type": "client_access", "recency_score": 9, "update_frequency": "annual"},
    {"report_title": "Illustrative: {ta} market forecast", "report_publisher": "Illustrative market research firm", "report_type": "forecast", "publication_year": 2024, "industry_focus": "{ta}", "market_size_estimate": {"$int": [5000000000, 40000000000]}, "cagr": {"$num": [0.05, 0.12, 4]}, "forecast_period": "2024-2030", "key_insights": ["Growth concentrated in new mechanisms"], "relevance_score": 7, "data_quality_rating": "fair", "access_type": "purchased", "$p": 0.7}
  ],
  "persona_expert_opinions": [
    {"expert_name": "Illustrative expert E", "expert_title": "Former Chief Commercial Officer", "expert_credentials": "Commercial leader, three launches (invented)", "opinion_type": "podcast", "opinion_date": "2024-03-12", "topic_area": "Launch excellence", "key_insights": ["Win the first 6 months or accept a smaller peak"], "credibility_score": 7, "bias_assessment": "some_bias", "relevance_score": 8, "applicability": "directly_applicable", "source_type": "secondary", "peer_validated": false, "$p": 0.85}
  ],
  "persona_case_studies": [
    {"case_study_title": "Illustrative: next-best-action pilot for a {ta} brand", "organization_name": "Illustrative Specialty Pharma", "organization_size": "large", "industry": "Pharmaceuticals", "case_type": "innovation", "challenge_addressed": "Uncoordinated field and digital touchpoints", "solution_implemented": "Next-best-action recommendations with a control group", "timeline_months": {"$int": [6, 10]}, "investment_required": {"$int": [400000, 1200000]}, "outcomes_achieved": ["Measured uplift in new prescriptions in pilot territories"], "roi_achieved": {"$num": [1.5, 3.5, 2]}, "relevance_to_persona": "Addresses attribution and channel mix", "relevance_score": 9, "case_source_type": "conference_presentation", "verified": {"$pick": [true, false]},
     "persona_case_study_investments": [{"category": "software", "description": "Analytics platform", "amount": {"$int": [200000, 600000]}, "percentage_of_total": 50}, {"category": "services", "description": "Data engineering", "amount": {"$int": [200000, 600000]}, "percentage_of_total": 50}],
     "persona_case_study_results": [{"metric_name": "Uplift in new prescriptions", "numeric_value": {"$num": [3, 9, 1]}, "unit_of_measure": "percent", "measurement_period": "6 months"}],
     "persona_case_study_metrics": [{"metric_name": "Coordinated touchpoints per HCP", "before_value": {"$num": [1, 2, 1]}, "after_value": {"$num": [3, 5, 1]}, "improvement_percentage": {"$num": [80, 200, 1]}, "unit_of_measure": "count per month"}]}
  ],
  "persona_supporting_statistics": [
    {"statistic_name": "Illustrative: HCPs restricting in-person rep access", "statistic_category": "behavioral", "statistic_value": "about half", "numeric_value": {"$num": [40, 60, 1]}, "unit_of_measure": "percent", "value_type": "percentage", "data_source": "Illustrative physician panel", "collection_method": "survey", "sample_size": {"$int": [800, 2000]}, "confidence_level": 0.95, "collection_year": 2024, "trend_direction": "increasing", "relevance_score": 8, "data_quality_score": 7, "recency_score": 9, "access_type": "purchased", "verified": {"$pick": [true, false]},
     "persona_statistic_history": [{"year": 2020, "value": {"$num": [30, 40, 1]}}, {"year": 2022, "value": {"$num": [38, 48, 1]}}, {"year": 2024, "value": {"$num": [44, 60, 1]}}]}
  ]
}$json$);
