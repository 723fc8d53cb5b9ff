// The summary's domain vocabulary: which known section plays which role (goals, pain points, evidence, time
// perspectives, stakeholders, ...), which of its columns that role reads, the persona's identity fields, and the
// value lists highlights and time coverage are ranked by. Table and column names are the schema's (docs/schema.md);
// a table that is not named here (a custom or registered section) is counted only. src/summary/vocabulary.cpp.
#pragma once

#include "vital_persona/summary.hpp"

namespace vp::summary::vocabulary {

// Columns a role reads, in the order src/summary/rows.cpp expects them (missing ones read as NULL).
struct RoleSpec {
	const char *table;
	Role role;
	const char *cols[max_role_columns];
};

// The spec of a known section table, nullptr for any other (it is counted only).
const RoleSpec *spec_for(const char *table);

// Identity fields of the persona, in output order (those personas lacks are left out): *n gets their number.
const char *const *identity_columns(int *n);

// Value lists, matched case-insensitively (values::ci_index). Inline: the row loop ranks by them.
inline constexpr const char *severities[] = {"critical", "high", "medium", "low"};  // pain points, highest first
inline constexpr const char *confidences[] = {"very_high", "high", "medium", "low"};  // 4.0 evidence
inline constexpr int confidence_score[] = {9, 7, 5, 3};                               // ... as a score
inline constexpr const char *days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
inline constexpr const char *phases[] = {"beginning", "mid", "end"};
inline constexpr const char *quarters[] = {"Q1", "Q2", "Q3", "Q4"};
inline constexpr int n_days = 7, n_phases = 3, n_quarters = 4;

// Roles whose rows count as evidence (evidence.count, highlights.evidence).
inline bool is_evidence(Role r) {
	switch (r) {
	case Role::EvidenceSources: case Role::Research: case Role::Reports:
	case Role::Opinions: case Role::CaseStudies: case Role::Statistics:
		return true;
	default:
		return false;
	}
}

// Roles that contribute nothing but their count (so a maintained counter can stand in for a scan).
inline bool count_only(Role r) { return r == Role::None || r == Role::Stakeholder; }

}  // namespace vp::summary::vocabulary
