// vital_validate(target regclass, candidate jsonb) RETURNS jsonb: the trigger's checks on a candidate row
// without writing it. The candidate is the row as an INSERT would receive it: omitted columns take their
// defaults. Unknown keys, values of the wrong type and malformed values are violations, not errors.
#include <string>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/validate.hpp"

extern "C" {
#include "access/detoast.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/dependency.h"
#include "catalog/pg_class.h"
#include "commands/extension.h"
#include "executor/executor.h"
#include "utils/acl.h"
#include "utils/datum.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/resowner.h"
}

namespace vp::validate {
namespace {

// Limits of vital_validate's candidate (docs/validation.md "Limits"): 54000 beyond them.
constexpr size_t max_candidate_bytes = 1024 * 1024;
constexpr uint32 max_candidate_keys = MaxHeapAttributeNumber;  // 1600

// Runs the input function in a subtransaction: a malformed value becomes an error message, not an abort.
ErrorData *convert(const Column &col, const char *text, Datum *out) {
	MemoryContext old = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	ErrorData *volatile error = nullptr;
	BeginInternalSubTransaction(nullptr);
	MemoryContextSwitchTo(old);
	PG_TRY();
	{
		*out = OidInputFunctionCall(col.input_fn, const_cast<char *>(text), col.input_param, col.typmod);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(old);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(old);
		error = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(old);
		CurrentResourceOwner = owner;
	}
	PG_END_TRY();
	return error;
}

// lint: postgres-zone
const char *json_text(JsonbValue *v) {
	Jsonb *j = JsonbValueToJsonb(v);
	return JsonbToCString(nullptr, &j->root, VARSIZE(j));
}

const char *json_kind(JsonbValue *v) {
	switch (v->type) {
	case jbvNull: return "null";
	case jbvString: return "a string";
	case jbvNumeric: return "a number";
	case jbvBool: return "a boolean";
	case jbvBinary: return JsonContainerIsArray(v->val.binary.data) ? "an array" : "an object";
	default: return "a JSON value";
	}
}

// Text of a scalar for an input function; nullptr for JSON null.
// lint: postgres-zone
const char *scalar_text(JsonbValue *v) {
	switch (v->type) {
	case jbvString: return pnstrdup(v->val.string.val, v->val.string.len);
	case jbvNumeric: return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
	case jbvBool: return v->val.boolean ? "true" : "false";
	default: return nullptr;
	}
}

// A JSON array of scalars as an array literal: {"a","b",NULL}. nullptr when an element is not a scalar.
// lint: postgres-zone
const char *array_literal(JsonbValue *v) {
	StringInfoData buf;
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	JsonbIterator *it = JsonbIteratorInit(v->val.binary.data);
	JsonbValue elem;
	JsonbIteratorToken token;
	bool first = true;
	while ((token = JsonbIteratorNext(&it, &elem, true)) != WJB_DONE) {
		CHECK_FOR_INTERRUPTS();
		if (token != WJB_ELEM)
			continue;
		if (!first)
			appendStringInfoChar(&buf, ',');
		first = false;
		if (elem.type == jbvNull) {
			appendStringInfoString(&buf, "NULL");
			continue;
		}
		const char *s = scalar_text(&elem);
		if (s == nullptr)
			return nullptr;
		appendStringInfoChar(&buf, '"');
		for (const char *p = s; *p; p++) {
			if (*p == '"' || *p == '\\')
				appendStringInfoChar(&buf, '\\');
			appendStringInfoChar(&buf, *p);
		}
		appendStringInfoChar(&buf, '"');
	}
	appendStringInfoChar(&buf, '}');
	return buf.data;
}

Violation bad_value(AttrNumber attnum, const char *column, const char *rule, const char *value, const char *hint) {
	Violation v{};
	v.kind = Kind::BadValue;
	v.column = attnum;
	v.column_name = column;
	v.rule = rule;
	v.value = value;
	v.has_value = true;
	v.hint = hint;
	return v;
}

// Adds v to the row's violations with its texts copied into `outer` (the caller's context): the per-key scratch
// context they were built in is reset before the next key.
// lint: postgres-zone
void keep_violation(RowCheck &row, Violation v, MemoryContext outer) {
	MemoryContext old = MemoryContextSwitchTo(outer);
	auto copy = [](const char *t) -> const char * { return t != nullptr ? pstrdup(t) : nullptr; };
	v.column_name = copy(v.column_name);
	v.constraint = copy(v.constraint);
	v.rule = copy(v.rule);
	v.value = copy(v.value);
	v.hint = copy(v.hint);
	add_violation(row.violations, v);
	MemoryContextSwitchTo(old);
}

// One key of the candidate (CurrentMemoryContext is the scratch context): resolves the column, converts the value
// with the column's input function, records violations through keep_violation.
// lint: postgres-zone
void check_key(RowCheck &row, const JsonbValue &key, JsonbValue &value, MemoryContext outer) {
	Rules &r = *row.rules;
	char *name = pnstrdup(key.val.string.val, key.val.string.len);
	int attnum = 0;
	for (int i = 0; i < r.natts; i++)
		if (r.columns[i].name != nullptr && strcmp(r.columns[i].name, name) == 0) {
			attnum = i + 1;
			break;
		}
	if (attnum == 0) {
		Violation v{};
		v.kind = Kind::UnknownColumn;
		v.column_name = name;
		v.rule = psprintf("is not a column of %s", r.table);
		v.value = value_text_clip(json_text(&value));
		v.has_value = true;
		v.hint = psprintf("Remove \"%s\" or correct its name.", name);
		keep_violation(row, v, outer);
		return;
	}
	const Column &col = r.columns[attnum - 1];
	row.provided[attnum - 1] = true;
	if (col.generated) {
		Violation v = bad_value(attnum, col.name, "is generated and cannot be written",
		                        value_text_clip(json_text(&value)), psprintf("Remove \"%s\".", col.name));
		v.kind = Kind::Generated;
		keep_violation(row, v, outer);
		row.invalid[attnum - 1] = true;
		return;
	}
	if (value.type == jbvNull)
		return;  // SQL NULL
	const char *text;
	Oid base = getBaseType(col.type);
	if (base == JSONBOID || base == JSONOID)
		text = json_text(&value);
	else if (value.type != jbvBinary)
		text = scalar_text(&value);
	else if (JsonContainerIsArray(value.val.binary.data) && OidIsValid(get_element_type(base)))
		text = array_literal(&value);
	else
		text = nullptr;
	if (text == nullptr) {
		char *type = format_type_with_typemod(col.type, col.typmod);
		keep_violation(row,
		               bad_value(attnum, col.name, psprintf("must be %s, not %s", type, json_kind(&value)),
		                         value_text_clip(json_text(&value)),
		                         psprintf("Give \"%s\" a value of type %s.", col.name, type)),
		               outer);
		row.invalid[attnum - 1] = true;
		return;
	}
	Datum d;
	ErrorData *error = convert(col, text, &d);
	if (error != nullptr) {
		char *type = format_type_with_typemod(col.type, col.typmod);
		keep_violation(row,
		               bad_value(attnum, col.name, psprintf("must be a valid %s: %s", type, error->message),
		                         value_text_clip(text), psprintf("Give \"%s\" a valid %s value.", col.name, type)),
		               outer);
		row.invalid[attnum - 1] = true;
		return;
	}
	MemoryContext old = MemoryContextSwitchTo(outer);  // the value outlives the scratch context
	row.values[attnum - 1] = datumCopy(d, col.byval, col.typlen);
	MemoryContextSwitchTo(old);
	row.nulls[attnum - 1] = false;
}

// lint: postgres-zone
Jsonb *dry_run(Relation rel, Rules *rules, Jsonb *candidate) {
	Rules &r = *rules;
	TupleDesc desc = RelationGetDescr(rel);
	TupleTableSlot *slot = MakeSingleTupleTableSlot(desc, &TTSOpsVirtual);
	ExprContext *econtext = CreateStandaloneExprContext();
	ExecClearTuple(slot);
	RowCheck row{};
	row.rules = rules;
	row.mode = Mode::DryRun;
	row.values = slot->tts_values;
	row.nulls = slot->tts_isnull;
	row.slot = slot;
	row.econtext = econtext;
	row.provided = static_cast<bool *>(palloc0(sizeof(bool) * (r.natts + 1)));
	row.invalid = static_cast<bool *>(palloc0(sizeof(bool) * (r.natts + 1)));
	for (int i = 0; i < r.natts; i++) {
		row.values[i] = (Datum)0;
		row.nulls[i] = true;
	}

	// Bounded memory: each key's work (its name, value texts, conversion, error data) happens in a scratch context
	// reset before the next key; only what the result keeps (violations, converted values) is copied out. The
	// number of keys and the candidate's size are capped by the entry point (docs/validation.md "Limits").
	MemoryContext outer = CurrentMemoryContext;
	MemoryContext scratch = AllocSetContextCreate(outer, "vital_validate key", ALLOCSET_DEFAULT_SIZES);
	JsonbIterator *it = JsonbIteratorInit(&candidate->root);
	JsonbValue key, value;
	JsonbIteratorToken token;
	while ((token = JsonbIteratorNext(&it, &key, true)) != WJB_DONE) {
		CHECK_FOR_INTERRUPTS();
		if (token != WJB_KEY)
			continue;
		token = JsonbIteratorNext(&it, &value, true);
		MemoryContextReset(scratch);
		MemoryContextSwitchTo(scratch);
		check_key(row, key, value, outer);
		MemoryContextSwitchTo(outer);
	}
	MemoryContextDelete(scratch);

	// Omitted columns: their defaults, as an INSERT would (volatile defaults such as gen_random_uuid() stay
	// NULL here; they cannot violate NOT NULL).
	for (int i = 0; i < r.natts; i++) {
		const Column &col = r.columns[i];
		if (col.name == nullptr || row.provided[i] || col.default_expr == nullptr)
			continue;
		ExprState *state = ExecInitExpr(col.default_expr, nullptr);
		bool isnull;
		Datum d = ExecEvalExprSwitchContext(state, econtext, &isnull);
		row.values[i] = isnull ? (Datum)0 : datumCopy(d, col.byval, col.typlen);
		row.nulls[i] = isnull;
	}
	ResetExprContext(econtext);
	ExecStoreVirtualTuple(slot);

	check_row(row);
	Jsonb *result = violations_jsonb(r, row.violations, &row);
	FreeExprContext(econtext, true);
	ExecDropSingleTupleTableSlot(slot);
	return result;
}

}  // namespace

const char *validated_table(Oid relid, const char *function, const char *hint) {
	using vp::pg::pg_call;
	char relkind = '\0';
	const char *relname = pg_call([&] {
		char *name = get_rel_name(relid);
		if (name != nullptr)
			relkind = get_rel_relkind(relid);
		return name;
	});
	// The extension's tables and the registered sections (vp::catalog is the one definition).
	bool managed = relname != nullptr && vp::catalog::is_managed(relid);
	if (!managed || (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE))
		throw vp::pg::UserError(ERRCODE_WRONG_OBJECT_TYPE,
		                        std::string(function) + ": " +
		                            (relname ? "\"" + std::string(relname) + "\""
		                                     : "relation " + std::to_string(relid)) +
		                            " is not a table of vital_persona",
		                        {}, hint);
	return relname;
}

}  // namespace vp::validate

VP_FUNCTION(vital_validate) {
	using namespace vp::validate;
	using vp::pg::pg_call;
	using vp::pg::UserError;
	if (PG_ARGISNULL(0))
		throw UserError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "vital_validate: target must not be NULL", {},
		                "Pass the table to validate against, e.g. 'persona_week_in_life'::regclass.");
	if (PG_ARGISNULL(1))
		throw UserError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "vital_validate: candidate must not be NULL", {},
		                "Pass the row as a JSON object, e.g. '{\"day_of_week\": \"Monday\"}'.");
	Oid relid = PG_GETARG_OID(0);
	const char *relname = validated_table(relid, "vital_validate",
	                                      "Pass one of the extension's tables, e.g. 'persona_week_in_life'::regclass.");
	bool allowed = pg_call([&] {
		return pg_class_aclcheck(relid, GetUserId(), ACL_INSERT) == ACLCHECK_OK ||
		       pg_class_aclcheck(relid, GetUserId(), ACL_UPDATE) == ACLCHECK_OK;
	});
	if (!allowed)
		throw UserError(ERRCODE_INSUFFICIENT_PRIVILEGE, std::string("permission denied for table ") + relname, {},
		                "vital_validate needs INSERT or UPDATE privilege on the table.");
	// Bounded work: the candidate's size (before it is even detoasted) and its number of keys are checked before
	// any per-key work (docs/validation.md "Limits").
	const size_t bytes = pg_call([&] { return toast_raw_datum_size(PG_GETARG_DATUM(1)); });
	if (bytes > max_candidate_bytes)
		throw UserError(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "vital_validate: candidate is too large",
		                "It has " + std::to_string(bytes) + " bytes; the limit is " +
		                    std::to_string(max_candidate_bytes) + " bytes.",
		                "Validate one row at a time, with only the table's columns.");
	Jsonb *candidate = pg_call([&] { return PG_GETARG_JSONB_P(1); });
	if (!JB_ROOT_IS_OBJECT(candidate) || JB_ROOT_IS_SCALAR(candidate))
		throw UserError(ERRCODE_INVALID_PARAMETER_VALUE, "vital_validate: candidate must be a JSON object",
		                std::string("Got ") + (JB_ROOT_IS_SCALAR(candidate) ? "a JSON scalar." : "a JSON array."),
		                "Pass the row as an object of column names to values, e.g. '{\"day_of_week\": \"Monday\"}'.");
	const uint32 keys = JsonContainerSize(&candidate->root);
	if (keys > max_candidate_keys)
		throw UserError(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "vital_validate: candidate has too many keys",
		                "It has " + std::to_string(keys) + " keys; the limit is " + std::to_string(max_candidate_keys) +
		                    " (PostgreSQL's maximum number of columns of a table).",
		                "Pass only the table's columns.");

	Relation rel = pg_call([&] { return table_open(relid, AccessShareLock); });
	Rules *rules = pg_call([&] { return acquire_rules(rel); });
	Pin pin(rules);
	Jsonb *result = pg_call([&] { return dry_run(rel, rules, candidate); });
	pg_call([&] { table_close(rel, AccessShareLock); });
	PG_RETURN_JSONB_P(result);
}
