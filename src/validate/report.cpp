// Violations as jsonb, built with PostgreSQL's jsonb API: the DETAIL of the trigger's error (as text) and
// the result of vital_validate. One object per violation:
//   {"kind", "column", "constraint", "rule", "value"[, "columns"]}
// Postgres zone (palloc, may raise out of memory): call inside pg_call.
// lint: postgres-zone-file
#include "vital_persona/pg/jsonb.hpp"
#include "vital_persona/validate.hpp"

namespace vp::validate {
namespace {

using pg::jsonb::push_key;
using pg::jsonb::push_string;

const char *kind_name(Kind k) {
	switch (k) {
	case Kind::NotNull: return "not_null";
	case Kind::Check: return "check";
	case Kind::Lookup: return "lookup";
	case Kind::Parent: return "parent";
	case Kind::Tenant: return "tenant";
	case Kind::UnknownColumn: return "unknown_column";
	case Kind::BadValue: return "invalid_value";
	case Kind::Generated: return "generated_column";
	}
	return "unknown";
}

}  // namespace

Jsonb *violations_jsonb(const Rules &rules, const Violations &list, const RowCheck *) {
	JsonbParseState *state = nullptr;
	JsonbValue *result = pushJsonbValue(&state, WJB_BEGIN_ARRAY, nullptr);
	for (int i = 0; i < list.count; i++) {
		const Violation &v = list.items[i];
		pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
		push_key(&state, "kind");
		push_string(&state, kind_name(v.kind));
		push_key(&state, "column");
		push_string(&state, v.column_name);
		push_key(&state, "constraint");
		push_string(&state, v.constraint);
		push_key(&state, "rule");
		push_string(&state, v.rule);
		push_key(&state, "value");
		push_string(&state, v.has_value ? v.value : nullptr);
		if (v.check != nullptr && v.check->ncolumns > 1) {
			push_key(&state, "columns");
			pushJsonbValue(&state, WJB_BEGIN_ARRAY, nullptr);
			for (int c = 0; c < v.check->ncolumns; c++)
				push_string(&state, rules.columns[v.check->columns[c] - 1].name, WJB_ELEM);
			pushJsonbValue(&state, WJB_END_ARRAY, nullptr);
		}
		result = pushJsonbValue(&state, WJB_END_OBJECT, nullptr);
	}
	result = pushJsonbValue(&state, WJB_END_ARRAY, nullptr);
	return JsonbValueToJsonb(result);
}

}  // namespace vp::validate
