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
#include "vital_persona/validate.hpp"

extern "C" {
#include "access/table.h"
#include "catalog/pg_class.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

namespace vp::validate {
namespace {

// Postgres zone helpers (palloc'd StringInfo, may raise out of memory): called inside pg_call.
void key(StringInfo buf, const char *name, bool first = false) {
	if (!first)
		appendStringInfoChar(buf, ',');
	escape_json(buf, name);
	appendStringInfoChar(buf, ':');
}

void string_or_null(StringInfo buf, const char *s) {
	if (s == nullptr)
		appendStringInfoString(buf, "null");
	else
		escape_json(buf, s);
}

const char *column_name(const Rules &r, AttrNumber attnum) {
	return attnum > 0 && attnum <= r.natts ? r.columns[attnum - 1].name : nullptr;
}

Jsonb *describe(const Rules &r) {
	StringInfoData buf;
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	key(&buf, "schema", true);
	string_or_null(&buf, r.schema);
	key(&buf, "table");
	string_or_null(&buf, r.table);
	key(&buf, "tenant_column");
	string_or_null(&buf, column_name(r, r.tenant_column));

	key(&buf, "columns");
	appendStringInfoChar(&buf, '[');
	bool first = true;
	for (int i = 0; i < r.natts; i++) {
		const Column &c = r.columns[i];
		if (c.name == nullptr)
			continue;
		appendStringInfoString(&buf, first ? "{" : ",{");
		first = false;
		key(&buf, "name", true);
		escape_json(&buf, c.name);
		key(&buf, "type");
		escape_json(&buf, format_type_with_typemod(c.type, c.typmod));
		appendStringInfo(&buf, ",\"not_null\":%s,\"has_default\":%s,\"generated\":%s}", c.not_null ? "true" : "false",
		                 c.has_default ? "true" : "false", c.generated ? "true" : "false");
	}
	appendStringInfoChar(&buf, ']');

	key(&buf, "checks");
	appendStringInfoChar(&buf, '[');
	for (int i = 0; i < r.nchecks; i++) {
		const CheckRule &c = r.checks[i];
		appendStringInfoString(&buf, i ? ",{" : "{");
		key(&buf, "name", true);
		escape_json(&buf, c.name);
		key(&buf, "expression");
		string_or_null(&buf, c.expr_text);
		key(&buf, "columns");
		appendStringInfoChar(&buf, '[');
		for (int k = 0; k < c.ncolumns; k++) {
			if (k)
				appendStringInfoChar(&buf, ',');
			string_or_null(&buf, column_name(r, c.columns[k]));
		}
		appendStringInfoChar(&buf, ']');
		key(&buf, "enum");
		if (c.enum_column == InvalidAttrNumber) {
			appendStringInfoString(&buf, "null");
		} else {
			appendStringInfoChar(&buf, '{');
			key(&buf, "column", true);
			string_or_null(&buf, column_name(r, c.enum_column));
			key(&buf, "values");
			appendStringInfoChar(&buf, '[');
			for (int k = 0; k < c.nenum; k++) {
				if (k)
					appendStringInfoChar(&buf, ',');
				escape_json(&buf, c.enum_values[k]);
			}
			appendStringInfoString(&buf, "]}");
		}
		key(&buf, "range");
		if (c.nbounds == 0) {
			appendStringInfoString(&buf, "null");
		} else {
			appendStringInfoChar(&buf, '{');
			key(&buf, "column", true);
			string_or_null(&buf, column_name(r, c.range_column));
			key(&buf, "bounds");
			appendStringInfoChar(&buf, '[');
			for (int k = 0; k < c.nbounds; k++) {
				appendStringInfoString(&buf, k ? ",{" : "{");
				key(&buf, "op", true);
				escape_json(&buf, c.bound_ops[k]);
				key(&buf, "value");
				escape_json(&buf, c.bound_values[k]);
				appendStringInfoChar(&buf, '}');
			}
			appendStringInfoString(&buf, "]}");
		}
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoChar(&buf, ']');

	key(&buf, "lookups");
	appendStringInfoChar(&buf, '[');
	for (int i = 0; i < r.nlookups; i++) {
		const LookupRule &l = r.lookups[i];
		appendStringInfoString(&buf, i ? ",{" : "{");
		key(&buf, "name", true);
		string_or_null(&buf, l.name);
		key(&buf, "column");
		string_or_null(&buf, column_name(r, l.column));
		key(&buf, "table");
		string_or_null(&buf, l.ref_table);
		key(&buf, "ref_column");
		string_or_null(&buf, l.ref_column);
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoChar(&buf, ']');

	key(&buf, "parents");
	appendStringInfoChar(&buf, '[');
	for (int i = 0; i < r.nparents; i++) {
		const ParentRule &p = r.parents[i];
		appendStringInfoString(&buf, i ? ",{" : "{");
		key(&buf, "name", true);
		string_or_null(&buf, p.name);
		key(&buf, "column");
		string_or_null(&buf, column_name(r, p.column));
		key(&buf, "table");
		string_or_null(&buf, p.parent_table);
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoString(&buf, "]}");
	return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}

}  // namespace
}  // namespace vp::validate

VP_FUNCTION(vital_validation_rules) {
	using namespace vp::validate;
	using vp::pg::pg_call;
	using vp::pg::UserError;
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	Oid relid = PG_GETARG_OID(0);
	char relkind = '\0';
	const char *relname = pg_call([&] {
		char *name = get_rel_name(relid);
		if (name != nullptr)
			relkind = get_rel_relkind(relid);
		return name;
	});
	// The tables the validator serves: the extension's and the registered sections (vp::catalog decides).
	bool managed = relname != nullptr && vp::catalog::is_managed(relid);
	if (!managed || (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE))
		throw UserError(ERRCODE_WRONG_OBJECT_TYPE,
		                std::string("vital_validation_rules: ") +
		                    (relname ? "\"" + std::string(relname) + "\"" : "relation " + std::to_string(relid)) +
		                    " is not a table of vital_persona",
		                {}, "Pass one of the extension's tables or a registered section.");
	Relation rel = pg_call([&] { return table_open(relid, AccessShareLock); });
	Rules *rules = pg_call([&] { return acquire_rules(rel); });
	Pin pin(rules);
	Jsonb *result = pg_call([&] { return describe(*rules); });
	pg_call([&] { table_close(rel, AccessShareLock); });
	PG_RETURN_JSONB_P(result);
}
