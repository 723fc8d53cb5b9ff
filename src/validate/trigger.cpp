// vital_validate_row(): the BEFORE INSERT OR UPDATE row trigger attached to every tenant table, and the
// settings (GUCs). One error for every violated rule of the row (docs/validation.md).
#include <string>

#include "vital_persona/pg/entry.hpp"
#include "vital_persona/validate.hpp"

extern "C" {
#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/tuptable.h"
#include "utils/guc.h"
#include "utils/rel.h"
}

namespace vp::validate {

Settings settings = {true, true, true, true};  // constant-initialised

// lint: postgres-zone
void init() {
	DefineCustomBoolVariable("vital_persona.validation",
	                         "Runs the validation trigger's extra work (complete reports, normalisation).",
	                         "When off, the trigger returns the row untouched; declared constraints still apply. "
	                         "Turn off for bulk loads of already clean data.",
	                         &settings.enabled, true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
	DefineCustomBoolVariable("vital_persona.validation_fill_tenant",
	                         "Fills an omitted tenant_id from the parent row (persona) the caller can see.", nullptr,
	                         &settings.fill_tenant, true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
	DefineCustomBoolVariable("vital_persona.validation_trim_text",
	                         "Removes surrounding whitespace from text and varchar values.", nullptr, &settings.trim,
	                         true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
	DefineCustomBoolVariable("vital_persona.validation_fix_case",
	                         "Replaces a case variant of an enumerated value by the one spelling its CHECK allows.",
	                         nullptr, &settings.fix_case, true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
}

namespace {

// Per statement (fn_extra, in fn_mcxt): the slot and expression context rows are checked in.
struct TriggerState {
	Oid relid;
	TupleDesc relation_desc;  // identity check only
	TupleDesc desc;           // copy the slot is built on
	uint64 generation;
	Rules *rules;  // valid while generation == rules_generation()
	TupleTableSlot *slot;
	ExprContext *econtext;
};

// lint: postgres-zone
TriggerState *make_state(FmgrInfo *flinfo, Relation rel) {
	MemoryContext old = MemoryContextSwitchTo(flinfo->fn_mcxt);
	auto *st = static_cast<TriggerState *>(palloc0(sizeof(TriggerState)));
	st->relid = RelationGetRelid(rel);
	st->relation_desc = RelationGetDescr(rel);
	// A private copy: a slot over the relcache's reference-counted descriptor would pin it in the statement's
	// resource owner, and this slot outlives nothing but the statement's memory. With its constraints, so
	// columns added later with a default (attmissingval) deform to that default, not NULL.
	st->desc = CreateTupleDescCopyConstr(st->relation_desc);
	st->slot = MakeSingleTupleTableSlot(st->desc, &TTSOpsVirtual);
	st->econtext = CreateStandaloneExprContext();
	MemoryContextSwitchTo(old);
	flinfo->fn_extra = st;
	return st;
}

// Checks one row; returns the row to store (a new tuple when normalised) or nullptr when it has violations,
// then *detail is the violation list as JSON text.
// lint: postgres-zone
HeapTuple check_tuple(TriggerState *st, RowCheck &row, HeapTuple tuple, char **detail) {
	TupleTableSlot *slot = st->slot;
	ExecClearTuple(slot);
	heap_deform_tuple(tuple, st->desc, slot->tts_values, slot->tts_isnull);
	ExecStoreVirtualTuple(slot);
	row.values = slot->tts_values;
	row.nulls = slot->tts_isnull;
	row.slot = slot;
	row.econtext = st->econtext;
	check_row(row);
	if (row.violations.count > 0) {
		Jsonb *list = violations_jsonb(*row.rules, row.violations, &row);
		*detail = JsonbToCString(nullptr, &list->root, VARSIZE(list));
		return nullptr;
	}
	if (!row.modified)
		return tuple;
	HeapTuple result = heap_form_tuple(st->desc, row.values, row.nulls);
	result->t_data->t_ctid = tuple->t_data->t_ctid;
	result->t_self = tuple->t_self;
	result->t_tableOid = tuple->t_tableOid;
	return result;
}

int sqlstate_of(const Violations &list) {
	if (list.count != 1)
		return ERRCODE_CHECK_VIOLATION;
	switch (list.items[0].kind) {
	case Kind::NotNull: return ERRCODE_NOT_NULL_VIOLATION;
	case Kind::Lookup:
	case Kind::Parent:
	case Kind::Tenant: return ERRCODE_FOREIGN_KEY_VIOLATION;
	default: return ERRCODE_CHECK_VIOLATION;
	}
}

}  // namespace

}  // namespace vp::validate

VP_FUNCTION(vital_validate_row) {
	using namespace vp::validate;
	using vp::pg::pg_call;
	using vp::pg::UserError;
	if (!CALLED_AS_TRIGGER(fcinfo))
		throw UserError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED, "vital_validate_row() must be called as a trigger");
	auto *td = reinterpret_cast<TriggerData *>(fcinfo->context);
	if (!TRIGGER_FIRED_BEFORE(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
	    !(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		throw UserError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
		                "vital_validate_row() must be a BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger");
	bool update = TRIGGER_FIRED_BY_UPDATE(td->tg_event);
	HeapTuple tuple = update ? td->tg_newtuple : td->tg_trigtuple;
	if (!settings.enabled)
		return PointerGetDatum(tuple);

	Relation rel = td->tg_relation;
	auto *st = static_cast<TriggerState *>(fcinfo->flinfo->fn_extra);
	if (st == nullptr || st->relid != RelationGetRelid(rel) || st->relation_desc != RelationGetDescr(rel))
		st = pg_call([&] { return make_state(fcinfo->flinfo, rel); });
	Rules *rules;
	if (st->rules != nullptr && st->generation == rules_generation()) {
		rules = st->rules;
		rules->pins++;
	} else {
		rules = pg_call([&] { return acquire_rules(rel); });
		st->rules = rules;
		st->generation = rules_generation();
	}
	Pin pin(rules);

	RowCheck row{};
	row.rules = rules;
	row.mode = update ? Mode::Update : Mode::Insert;
	char *detail = nullptr;
	HeapTuple result = pg_call([&] { return check_tuple(st, row, tuple, &detail); });
	if (result != nullptr)
		return PointerGetDatum(result);

	const Violation &first = row.violations.items[0];
	int n = row.violations.count;
	UserError error(sqlstate_of(row.violations),
	                std::to_string(n) + (n == 1 ? " validation error on " : " validation errors on ") + rules->table,
	                detail, first.hint ? first.hint : "");
	error.schema = rules->schema;
	error.table = rules->table;
	if (first.column != InvalidAttrNumber)
		error.column = first.column_name;
	if (first.constraint != nullptr)
		error.constraint = first.constraint;
	throw error;
}
