// The summary document of one persona (docs/summary.md "Output") and the modes report, built with PostgreSQL's jsonb
// API through the shared helpers of include/vital_persona/pg/jsonb.hpp. Postgres zone: call inside pg_call.
// lint: postgres-zone-file (PostgreSQL-zone helpers, called only inside pg_call)
#include "vital_persona/pg/jsonb.hpp"
#include "vital_persona/summary/call.hpp"
#include "vital_persona/summary/values.hpp"
#include "vital_persona/summary/vocabulary.hpp"
#include "vital_persona/version.hpp"

extern "C" {
#include "utils/uuid.h"
}

namespace vp::summary::json {
namespace {

using pg::jsonb::binary_value;
using pg::jsonb::int_value;
using pg::jsonb::null_value;
using pg::jsonb::numeric_value;
using pg::jsonb::push_key;
using pg::jsonb::push_pair;
using pg::jsonb::push_value;
using pg::jsonb::string_value;
using values::ratio;

// Names whose bit is set in mask, in list order; null when no section has the role (present = false).
void push_names(JsonbParseState **st, const char *k, uint8 mask, const char *const *names, int n, bool present) {
	push_key(st, k);
	if (!present) {
		push_value(st, null_value());
		return;
	}
	pushJsonbValue(st, WJB_BEGIN_ARRAY, nullptr);
	for (int i = 0; i < n; i++)
		if (mask & (1 << i))
			push_value(st, string_value(names[i]), WJB_ELEM);
	pushJsonbValue(st, WJB_END_ARRAY, nullptr);
}
// A highlight list: [{"id", "text", <label_key>[, <num_key>]}...], best first.
void push_top(JsonbParseState **st, const char *k, const Top &t, const char *label_key, const char *num_key) {
	push_key(st, k);
	pushJsonbValue(st, WJB_BEGIN_ARRAY, nullptr);
	for (int i = 0; i < t.n; i++) {
		const Item &it = t.items[i];
		pushJsonbValue(st, WJB_BEGIN_OBJECT, nullptr);
		push_pair(st, "id",
		          string_value(DatumGetCString(DirectFunctionCall1(uuid_out, UUIDPGetDatum(const_cast<pg_uuid_t *>(&it.id))))));
		push_pair(st, "text", string_value(it.text));
		push_pair(st, label_key, string_value(it.label));
		if (num_key)
			push_pair(st, num_key, it.num_null ? null_value() : int_value(it.num));
		pushJsonbValue(st, WJB_END_OBJECT, nullptr);
	}
	pushJsonbValue(st, WJB_END_ARRAY, nullptr);
}

// Whether some section plays the role (its time-coverage list is then [] rather than null).
bool has_role(const Registry *r, Role role) {
	for (int i = 0; i < r->nsections; i++)
		if (r->sections[i].role == role)
			return true;
	return false;
}

}  // namespace

Datum build(const CallState &cs, const Result &res) {
	const Registry *r = cs.reg;
	JsonbParseState *st = nullptr;
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);

	push_key(&st, "persona");
	push_value(&st, binary_value(DatumGetJsonbP(res.identity)));

	int64 filled = 0, total = 0, evidence = 0, stakeholders = 0;
	bool any_evidence = false, any_stakeholder = false;
	push_key(&st, "sections");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	for (int i = 0; i < r->nsections; i++) {
		const Section &s = r->sections[i];
		push_pair(&st, s.name, res.count_null[i] ? null_value() : int_value(res.counts[i]));
		if (res.count_null[i])
			continue;
		total++;
		filled += res.counts[i] > 0;
		if (vocabulary::is_evidence(s.role)) {
			evidence += res.counts[i];
			any_evidence = true;
		} else if (s.role == Role::Stakeholder) {
			stakeholders += res.counts[i];
			any_stakeholder = true;
		}
	}
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "completeness");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	push_pair(&st, "filled_sections", int_value(filled));
	push_pair(&st, "total_sections", int_value(total));
	push_pair(&st, "ratio", total > 0 ? numeric_value(ratio(filled, total, 3)) : null_value());
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "evidence");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	push_pair(&st, "count", any_evidence ? int_value(evidence) : null_value());
	push_pair(&st, "quality_score", res.evq_null ? null_value() : int_value(res.evq));
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "stakeholders");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	push_pair(&st, "count", any_stakeholder ? int_value(stakeholders) : null_value());
	push_pair(&st, "influence_score", res.infl_n > 0 ? numeric_value(ratio(res.infl_sum, res.infl_n, 2)) : null_value());
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "time_coverage");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	push_names(&st, "days_of_week", res.days, vocabulary::days, vocabulary::n_days, has_role(r, Role::WeekInLife));
	push_names(&st, "month_phases", res.phases, vocabulary::phases, vocabulary::n_phases, has_role(r, Role::MonthInLife));
	push_names(&st, "quarters", res.quarters, vocabulary::quarters, vocabulary::n_quarters, has_role(r, Role::YearInLife));
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "highlights");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	push_top(&st, "goals", res.goals, "goal_type", "priority");
	push_top(&st, "pain_points", res.pains, "severity", nullptr);
	push_top(&st, "evidence", res.evidence, "source", "score");
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "version");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	push_pair(&st, "extension", string_value(r->ext_version));
	push_pair(&st, "library", string_value(VP_LIBRARY_VERSION));
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	return pg::jsonb::finish(&st, WJB_END_OBJECT);
}

Datum modes(const CallState &cs) {
	JsonbParseState *st = nullptr;
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	for (int i = 0; i < cs.reg->nsections; i++)
		push_pair(&st, cs.reg->sections[i].name,
		          string_value(cs.modes[i] == Mode::Direct    ? "direct"
		                       : cs.modes[i] == Mode::Counter ? "counter"
		                       : cs.modes[i] == Mode::Spi     ? "spi"
		                                                      : "no_access"));
	return pg::jsonb::finish(&st, WJB_END_OBJECT);
}

}  // namespace vp::summary::json
