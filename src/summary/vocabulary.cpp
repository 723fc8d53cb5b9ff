// The summary's domain vocabulary (include/vital_persona/summary/vocabulary.hpp): roles of the known sections and
// the persona's identity fields. Read when the registry is built (src/summary/registry.cpp), never per row.
#include "vital_persona/summary/vocabulary.hpp"

#include <cstring>

namespace vp::summary::vocabulary {
namespace {

constexpr RoleSpec role_specs[] = {
	{"persona_goals", Role::Goals, {"priority", "sequence_order", "goal_text", "goal_type"}},
	{"persona_pain_points", Role::PainPoints,
	 {"severity", "sequence_order", "pain_description", "pain_point_text", "pain_category"}},
	{"persona_evidence_sources", Role::EvidenceSources, {"confidence_level", "citation", "key_finding", "source_type"}},
	{"persona_public_research", Role::Research, {"relevance_score", "research_title"}},
	{"persona_industry_reports", Role::Reports, {"relevance_score", "report_title"}},
	{"persona_expert_opinions", Role::Opinions, {"relevance_score", "topic_area", "expert_name"}},
	{"persona_case_studies", Role::CaseStudies, {"relevance_score", "case_study_title"}},
	{"persona_supporting_statistics", Role::Statistics, {"relevance_score", "statistic_name"}},
	{"persona_week_in_life", Role::WeekInLife, {"day_of_week"}},
	{"persona_month_in_life", Role::MonthInLife, {"month_phase"}},
	{"persona_year_in_life", Role::YearInLife, {"quarter"}},
	{"persona_stakeholder_influence_map", Role::InfluenceMap, {"overall_influence_score"}},
	{"persona_evidence_summary", Role::EvidenceSummary, {"evidence_quality_score"}},
	{"persona_internal_stakeholders", Role::Stakeholder, {}},
	{"persona_external_stakeholders", Role::Stakeholder, {}},
	{"persona_vendor_relationships", Role::Stakeholder, {}},
	{"persona_customer_relationships", Role::Stakeholder, {}},
	{"persona_regulatory_stakeholders", Role::Stakeholder, {}},
	{"persona_industry_relationships", Role::Stakeholder, {}},
};

constexpr const char *identity_fields[] = {
	"id", "tenant_id", "name", "slug", "title", "tagline", "one_liner", "role_slug", "function_slug",
	"department_slug", "seniority_level", "years_of_experience", "organization_type", "typical_organization_size",
	"geographic_scope", "persona_type", "segment", "archetype", "persona_number", "is_active",
	"validation_status", "created_at", "updated_at", "deleted_at",
};

}  // namespace

const RoleSpec *spec_for(const char *table) {
	for (const auto &s : role_specs)
		if (std::strcmp(s.table, table) == 0)
			return &s;
	return nullptr;
}

const char *const *identity_columns(int *n) {
	*n = static_cast<int>(sizeof(identity_fields) / sizeof(identity_fields[0]));
	return identity_fields;
}

}  // namespace vp::summary::vocabulary
