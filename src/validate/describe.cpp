// vital_validation_rules(target regclass) RETURNS jsonb: the rules the validator compiled for a table
// (src/validate/rules.cpp), as data, so that test tooling takes "what is valid" from the validator itself
// instead of re-deriving it from the catalog (test/support/fill.sql, the generic test-data filler).
//
// Not part of the extension: no install or update script creates it (the released scripts are frozen and a
// catalog of the schema's rules is not an API). Tests bind it as the superuser, like vital_selftest:
//   CREATE FUNCTION pg_temp.vp_rules(regclass) RETURNS jsonb LANGUAGE c STRICT
//       AS '$libdir/vital_persona', 'vital_validation_rules';
//
// Shape (keys in this order of meaning; jsonb sorts them):
//   {"schema", "table", "tenant_column",
//    "columns": [{"name", "type", "not_null", "has_default", "generated"}],            dropped columns left out
//    "checks":  [{"name", "columns", "expression",
//                 "enum":  {"column", "values": [...]} | null,                       CHECK (col IN (...)) on text
//                 "range": {"column", "bounds": [{"op", "value"}]} | null}],         col >= c [AND col <= d]
//    "lookups": [{"name", "column", "table", "ref_column"}],
//    "parents": [{"name", "column", "table"}]}                                        persona_id first
#include <string>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/pg/jsonb.hpp"
#include "vital_persona/validate.hpp"

extern "C" {
#include "access/table.h"
#include "catalog/pg_class.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

namespace vp::validate {
namespace {

using namespace vp::pg::jsonb;

// Postgres zone (pushJsonbValue pallocs): called inside pg_call.
// lint: postgres-zone
JsonbValue bool_value(bool b) {
	JsonbValue v;
	v.type = jbvBool;
	v.val.boolean = b;
	return v;
}

// lint: postgres-zone
const char *column_name(const Rules &r, AttrNumber attnum) {
	return attnum > 0 && attnum <= r.natts ? r.columns[attnum - 1].name : nullptr;
}

// lint: postgres-zone
Datum describe(const Rules &r) {
	JsonbParseState *state = nullptr;
	pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
	push_pair(&state, "schema", string_value(r.schema));
	push_pair(&state, "table", string_value(r.table));
	push_pair(&state, "tenant_column", string_value(column_name(r, r.tenant_column)));

	push_key(&state, "columns");
	pushJsonbValue(&state, WJB_BEGIN_ARRAY, nullptr);
	for (int i = 0; i < r.natts; i++) {
		const Column &c = r.columns[i];
		if (c.name == nullptr)
			continue;
		pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
		push_pair(&state, "name", string_value(c.name));
		push_pair(&state, "type", string_value(format_type_with_typemod(c.type, c.typmod)));
		push_pair(&state, "not_null", bool_value(c.not_null));
		push_pair(&state, "has_default", bool_value(c.has_default));
		push_pair(&state, "generated", bool_value(c.generated));
		pushJsonbValue(&state, WJB_END_OBJECT, nullptr);
	}
	pushJsonbValue(&state, WJB_END_ARRAY, nullptr);

	push_key(&state, "checks");
	pushJsonbValue(&state, WJB_BEGIN_ARRAY, nullptr);
	for (int i = 0; i < r.nchecks; i++) {
		const CheckRule &c = r.checks[i];
		pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
		push_pair(&state, "name", string_value(c.name));
		push_pair(&state, "expression", string_value(c.expr_text));
		push_key(&state, "columns");
		pushJsonbValue(&state, WJB_BEGIN_ARRAY, nullptr);
		for (int k = 0; k < c.ncolumns; k++)
			push_string(&state, column_name(r, c.columns[k]), WJB_ELEM);
		pushJsonbValue(&state, WJB_END_ARRAY, nullptr);
		if (c.enum_column == InvalidAttrNumber) {
			push_pair(&state, "enum", null_value());
		} else {
			push_key(&state, "enum");
			pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
			push_pair(&state, "column", string_value(column_name(r, c.enum_column)));
			push_key(&state, "values");
			pushJsonbValue(&state, WJB_BEGIN_ARRAY, nullptr);
			for (int k = 0; k < c.nenum; k++)
				push_string(&state, c.enum_values[k], WJB_ELEM);
			pushJsonbValue(&state, WJB_END_ARRAY, nullptr);
			pushJsonbValue(&state, WJB_END_OBJECT, nullptr);
		}
		if (c.nbounds == 0) {
			push_pair(&state, "range", null_value());
		} else {
			push_key(&state, "range");
			pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
			push_pair(&state, "column", string_value(column_name(r, c.range_column)));
			push_key(&state, "bounds");
			pushJsonbValue(&state, WJB_BEGIN_ARRAY, nullptr);
			for (int k = 0; k < c.nbounds; k++) {
				pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
				push_pair(&state, "op", string_value(c.bound_ops[k]));
				push_pair(&state, "value", string_value(c.bound_values[k]));
				pushJsonbValue(&state, WJB_END_OBJECT, nullptr);
			}
			pushJsonbValue(&state, WJB_END_ARRAY, nullptr);
			pushJsonbValue(&state, WJB_END_OBJECT, nullptr);
		}
		pushJsonbValue(&state, WJB_END_OBJECT, nullptr);
	}
	pushJsonbValue(&state, WJB_END_ARRAY, nullptr);

	push_key(&state, "lookups");
	pushJsonbValue(&state, WJB_BEGIN_ARRAY, nullptr);
	for (int i = 0; i < r.nlookups; i++) {
		const LookupRule &l = r.lookups[i];
		pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
		push_pair(&state, "name", string_value(l.name));
		push_pair(&state, "column", string_value(column_name(r, l.column)));
		push_pair(&state, "table", string_value(l.ref_table));
		push_pair(&state, "ref_column", string_value(l.ref_column));
		pushJsonbValue(&state, WJB_END_OBJECT, nullptr);
	}
	pushJsonbValue(&state, WJB_END_ARRAY, nullptr);

	push_key(&state, "parents");
	pushJsonbValue(&state, WJB_BEGIN_ARRAY, nullptr);
	for (int i = 0; i < r.nparents; i++) {
		const ParentRule &p = r.parents[i];
		pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
		push_pair(&state, "name", string_value(p.name));
		push_pair(&state, "column", string_value(column_name(r, p.column)));
		push_pair(&state, "table", string_value(p.parent_table));
		pushJsonbValue(&state, WJB_END_OBJECT, nullptr);
	}
	pushJsonbValue(&state, WJB_END_ARRAY, nullptr);
	return finish(&state, WJB_END_OBJECT);
}

}  // namespace
}  // namespace vp::validate

VP_FUNCTION(vital_validation_rules) {
	using namespace vp::validate;
	using vp::pg::pg_call;
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	Oid relid = PG_GETARG_OID(0);
	validated_table(relid, "vital_validation_rules", "Pass one of the extension's tables or a registered section.");
	Relation rel = pg_call([&] { return table_open(relid, AccessShareLock); });
	Rules *rules = pg_call([&] { return acquire_rules(rel); });
	Pin pin(rules);
	Datum result = pg_call([&] { return describe(*rules); });
	pg_call([&] { table_close(rel, AccessShareLock); });
	return result;
}
