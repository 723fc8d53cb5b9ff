// vital_summary_counts_child(): the statement trigger that keeps a child section's counters on INSERT and DELETE
// (attached by _vital_summary_counts_install, sql/5.1/071_summary_counts.sql; design in docs/summary.md,
// "Maintained counts"). The one-row INSERT of the API is the hot path: in PL/pgSQL it paid the language entry,
// SECURITY DEFINER's GUC save/restore and a separate guard statement before its own SQL (3× an INSERT without
// counters). Here the transition table is counted per persona in C++ and the deltas are applied by one kept
// plan — the same statement as _vital_summary_fold, with the guard folded in — run as the counters' owner.
// UPDATE, TRUNCATE, grandchildren and parents stay with _vital_summary_counts_trg() (PL/pgSQL).
#include <cstring>
#include <string>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/allocator.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/pg/spi.hpp"

extern "C" {
#include "catalog/pg_class.h"
#include "commands/trigger.h"
#include "executor/tuptable.h"
#include "utils/array.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/tuplestore.h"
#include "utils/uuid.h"
}

namespace vp::summary::maintenance {

namespace {

constexpr const char counts_table[] = "_vital_summary_counts";

// The fold: applies per-persona deltas ($2 ids, $3 deltas) to slot $1. At READ COMMITTED each delta is added in
// place to one of the persona's rows that can be locked *without waiting* (LIMIT 1 FOR UPDATE SKIP LOCKED, then
// an update by the row's id, so that the update re-finds the newest version of the locked row even when it was
// updated after the statement's snapshot); when every row of the persona is locked by other writers, or it has
// none, a row is appended. So writers never wait for each other here and each delta is applied exactly once (to
// the row it updated or the row it inserted). At REPEATABLE READ / SERIALIZABLE nothing is read or locked, the
// delta is appended (locking a row updated after the snapshot would fail with 40001). A negative delta for a
// persona that no longer exists (cascades) is not written (a scalar subquery: the generic plan would hash all
// of personas for a semi-join). With $4 (the trigger's table) nothing is written unless $4 is the section of
// slot $1, a child keyed by persona_id; the statement returns whether that guard held. %1$s = the schema.
constexpr const char fold_sql[] =
	"WITH g AS (SELECT WHERE $4 IS NULL"
	"               OR EXISTS (SELECT FROM %1$s._vital_summary_slots s"
	"                           WHERE s.slot OPERATOR(pg_catalog.=) $1 AND s.relname OPERATOR(pg_catalog.=) $4"
	"                             AND s.key_column OPERATOR(pg_catalog.=) 'persona_id' AND s.parent IS NULL)),"
	" d AS (SELECT x.persona_id, x.n::integer AS n"
	"         FROM ROWS FROM (pg_catalog.unnest($2), pg_catalog.unnest($3)) x(persona_id, n)"
	"        WHERE EXISTS (SELECT FROM g)"
	"          AND (x.n OPERATOR(pg_catalog.>) 0"
	"               OR (SELECT true FROM %1$s.personas p WHERE p.id OPERATOR(pg_catalog.=) x.persona_id LIMIT 1))),"
	" m AS (SELECT d.persona_id, d.n, l.rid FROM d"
	"        CROSS JOIN LATERAL (SELECT x.id AS rid FROM %1$s._vital_summary_counts x"
	"                             WHERE x.persona_id OPERATOR(pg_catalog.=) d.persona_id"
	"                               AND pg_catalog.current_setting('transaction_isolation')"
	"                                   OPERATOR(pg_catalog.=) 'read committed'"
	"                             LIMIT 1 FOR UPDATE SKIP LOCKED) l),"
	" u AS (UPDATE %1$s._vital_summary_counts c"
	"          SET counts[$1] = coalesce(c.counts[$1], 0) OPERATOR(pg_catalog.+) m.n"
	"         FROM m WHERE c.id OPERATOR(pg_catalog.=) m.rid RETURNING c.persona_id),"
	" i AS (INSERT INTO %1$s._vital_summary_counts (persona_id, counts)"
	"       SELECT d.persona_id,"
	"              pg_catalog.array_fill(0, ARRAY[$1 OPERATOR(pg_catalog.-) 1]) OPERATOR(pg_catalog.||) d.n"
	"         FROM d WHERE NOT EXISTS (SELECT FROM u WHERE u.persona_id OPERATOR(pg_catalog.=) d.persona_id)"
	"        ORDER BY d.persona_id RETURNING 1)"
	" SELECT EXISTS (SELECT FROM g)";

// The kept plan, per backend, for the schema it was prepared in (a re-created extension may live elsewhere).
struct FoldPlan {
	Oid schema = InvalidOid;
	SPIPlanPtr plan = nullptr;
};
FoldPlan fold_plan;

// Per statement (fn_extra, in fn_mcxt): what the first firing looked up.
struct StatementState {
	Oid relid;
	Oid schema;         // the extension's schema, which the table must be in
	Oid owner;          // owner of _vital_summary_counts: the deltas are written as this role
	AttrNumber attnum;  // persona_id in the transition table's rows
};

struct UuidLess {
	bool operator()(const pg_uuid_t &a, const pg_uuid_t &b) const noexcept {
		return std::memcmp(a.data, b.data, UUID_LEN) < 0;
	}
};
using Deltas = boost::container::flat_map<pg_uuid_t, int64, UuidLess, pg::McxtAllocator<std::pair<pg_uuid_t, int64>>>;

// Runs the fold as the counters' owner (like the RI triggers run their checks as the table owner): an API
// user may not read or write _vital_summary_counts. The restricted-operation flag keeps the statement from
// changing session state; the transaction abort restores the user should the statement fail.
class AsOwner {
public:
	explicit AsOwner(Oid owner) {
		GetUserIdAndSecContext(&user_, &context_);
		SetUserIdAndSecContext(owner, context_ | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
	}
	~AsOwner() { SetUserIdAndSecContext(user_, context_); }
	AsOwner(const AsOwner &) = delete;
	AsOwner &operator=(const AsOwner &) = delete;

private:
	Oid user_ = InvalidOid;
	int context_ = 0;
};

// lint: postgres-zone
StatementState *make_state(FmgrInfo *flinfo, Relation rel, const char *key, Oid schema) {
	AttrNumber attnum = get_attnum(RelationGetRelid(rel), key);
	if (attnum == InvalidAttrNumber || TupleDescAttr(RelationGetDescr(rel), attnum - 1)->atttypid != UUIDOID)
		ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
		                errmsg("vital_summary counter maintenance: %s has no uuid column \"%s\"",
		                       RelationGetRelationName(rel), key)));
	Oid counts = get_relname_relid(counts_table, schema);
	if (!OidIsValid(counts))
		ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE),
		                errmsg("vital_summary counter maintenance: %s is missing", counts_table)));
	HeapTuple tup = SearchSysCache1(RELOID, ObjectIdGetDatum(counts));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", counts);
	Oid owner = reinterpret_cast<Form_pg_class>(GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	auto *st = static_cast<StatementState *>(MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(StatementState)));
	st->relid = RelationGetRelid(rel);
	st->schema = schema;
	st->owner = owner;
	st->attnum = attnum;
	flinfo->fn_extra = st;
	return st;
}

// The persona of every row of the transition table (NULL keys left out), in a palloc'd array. A private read
// pointer, so other triggers reading the same transition table are not disturbed.
// lint: postgres-zone
pg_uuid_t *persona_keys(Tuplestorestate *rows, TupleDesc desc, AttrNumber attnum, int *count) {
	TupleTableSlot *slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	int ptr = tuplestore_alloc_read_pointer(rows, 0);
	tuplestore_select_read_pointer(rows, ptr);
	tuplestore_rescan(rows);
	int n = 0, size = 8;
	auto *keys = static_cast<pg_uuid_t *>(palloc(sizeof(pg_uuid_t) * size));
	while (tuplestore_gettupleslot(rows, true, false, slot)) {
		CHECK_FOR_INTERRUPTS();
		bool isnull;
		Datum d = slot_getattr(slot, attnum, &isnull);
		if (isnull)
			continue;
		if (n == size) {
			size *= 2;
			keys = static_cast<pg_uuid_t *>(repalloc(keys, sizeof(pg_uuid_t) * size));
		}
		keys[n++] = *DatumGetUUIDP(d);
	}
	ExecDropSingleTupleTableSlot(slot);
	*count = n;
	return keys;
}

// lint: postgres-zone
SPIPlanPtr prepare_fold(Oid schema) {
	if (fold_plan.plan != nullptr && fold_plan.schema == schema)
		return fold_plan.plan;
	char *sql = psprintf(fold_sql, quote_identifier(get_namespace_name(schema)));
	Oid types[4] = {INT4OID, UUIDARRAYOID, INT8ARRAYOID, TEXTOID};
	// A generic plan, always: the plan cache would otherwise re-plan this statement (~2 ms) on every execution
	// while it compares custom plans with the generic one, which is never worse here.
	SPIPlanPtr plan = SPI_prepare_cursor(sql, 4, types, CURSOR_OPT_GENERIC_PLAN);
	if (plan == nullptr)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	SPI_keepplan(plan);
	if (fold_plan.plan != nullptr)
		SPI_freeplan(fold_plan.plan);
	fold_plan.schema = schema;
	fold_plan.plan = plan;
	pfree(sql);
	return plan;
}

// lint: postgres-zone
Datum build_array(const Deltas &deltas, bool ids) {
	int n = static_cast<int>(deltas.size());
	Datum *elems = static_cast<Datum *>(palloc(sizeof(Datum) * (n > 0 ? n : 1)));
	int i = 0;
	for (const auto &[id, delta] : deltas)
		elems[i++] = ids ? UUIDPGetDatum(const_cast<pg_uuid_t *>(&id)) : Int64GetDatum(delta);
	ArrayType *a = ids ? construct_array(elems, n, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR)
	                   : construct_array(elems, n, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	return PointerGetDatum(a);
}

// Runs the fold as `owner` (InvalidOid: as the caller); false when the guard of $4 did not hold.
bool apply(Oid schema, Oid owner, int32 slot, const Deltas &deltas, const char *relname) {
	pg::Spi spi;
	SPIPlanPtr plan = pg::pg_call([&] { return prepare_fold(schema); });
	Datum args[4];
	char nulls[5] = "   n";
	args[0] = Int32GetDatum(slot);
	args[1] = pg::pg_call([&] { return build_array(deltas, true); });
	args[2] = pg::pg_call([&] { return build_array(deltas, false); });
	args[3] = relname ? pg::pg_call([&] { return CStringGetTextDatum(relname); }) : Datum(0);
	if (relname)
		nulls[3] = ' ';
	bool guarded = false;
	{
		AsOwner as_owner(OidIsValid(owner) ? owner : GetUserId());
		spi.execute_plan(plan, args, nulls, false, 1);
		bool isnull = true;
		if (pg::Spi::processed() == 1)
			guarded = DatumGetBool(pg::Spi::value(0, 1, &isnull)) && !isnull;
	}
	spi.finish();
	return guarded;
}

}  // namespace

}  // namespace vp::summary::maintenance

// _vital_summary_fold(slot, ids uuid[], deltas bigint[]): the fold for the PL/pgSQL trigger paths (UPDATE,
// grandchildren, parents), as the caller (those triggers are SECURITY DEFINER; service_role may call it too).
VP_FUNCTION(vital_summary_fold) {
	using namespace vp::summary::maintenance;
	using vp::pg::pg_call;
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return PointerGetDatum(nullptr);
	int32 slot = PG_GETARG_INT32(0);
	if (slot < 1)
		throw vp::pg::UserError(ERRCODE_INVALID_PARAMETER_VALUE, "the slot of a section counter is 1 or more");
	ArrayType *ids = pg_call([&] { return PG_GETARG_ARRAYTYPE_P(1); });
	ArrayType *ns = pg_call([&] { return PG_GETARG_ARRAYTYPE_P(2); });
	Datum *id_values = nullptr, *n_values = nullptr;
	bool *id_nulls = nullptr, *n_nulls = nullptr;
	int nids = 0, nns = 0;
	pg_call([&] {
		deconstruct_array(ids, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR, &id_values, &id_nulls, &nids);
		deconstruct_array(ns, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &n_values, &n_nulls, &nns);
	});
	if (nids != nns)
		throw vp::pg::UserError(ERRCODE_ARRAY_SUBSCRIPT_ERROR, "the persona ids and their deltas differ in length");
	Deltas deltas{vp::pg::McxtAllocator<std::pair<pg_uuid_t, int64>>(CurrentMemoryContext)};
	for (int i = 0; i < nids; i++) {
		vp::pg::check_interrupts();
		if (!id_nulls[i] && !n_nulls[i])
			deltas[*DatumGetUUIDP(id_values[i])] += DatumGetInt64(n_values[i]);
	}
	for (auto it = deltas.begin(); it != deltas.end();)
		it = it->second == 0 ? deltas.erase(it) : it + 1;
	if (!deltas.empty()) {
		Oid schema = pg_call([&] { return get_func_namespace(fcinfo->flinfo->fn_oid); });
		apply(schema, InvalidOid, slot, deltas, nullptr);
	}
	return PointerGetDatum(nullptr);
}

VP_FUNCTION(vital_summary_counts_child) {
	using namespace vp::summary::maintenance;
	using vp::pg::pg_call;
	using vp::pg::UserError;
	if (!CALLED_AS_TRIGGER(fcinfo))
		throw UserError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
		                "vital_summary_counts_child() must be called as a trigger");
	auto *td = reinterpret_cast<TriggerData *>(fcinfo->context);
	bool insert = TRIGGER_FIRED_BY_INSERT(td->tg_event);
	Tuplestorestate *rows = insert ? td->tg_newtable : td->tg_oldtable;
	const Trigger *tg = td->tg_trigger;
	if (!TRIGGER_FIRED_AFTER(td->tg_event) || !TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) ||
	    !(insert || TRIGGER_FIRED_BY_DELETE(td->tg_event)) || rows == nullptr || tg->tgnargs != 3 ||
	    std::strcmp(tg->tgargs[2], "") != 0)
		throw UserError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
		                "vital_summary_counts_child() must be an AFTER INSERT or DELETE ... FOR EACH STATEMENT trigger "
		                "with a transition table and the arguments (slot, key column, '')");
	int32 slot = pg_call([&] { return pg_strtoint32(tg->tgargs[0]); });
	Relation rel = td->tg_relation;

	auto *st = static_cast<StatementState *>(fcinfo->flinfo->fn_extra);
	if (st == nullptr || st->relid != RelationGetRelid(rel)) {
		Oid schema = vp::catalog::extension_schema();
		if (pg_call([&] { return RelationGetNamespace(rel); }) != schema)
			throw UserError(ERRCODE_INSUFFICIENT_PRIVILEGE,
			                std::string(
								"vital_summary counter maintenance fired for a table outside the extension's schema"),
			                {}, "Only the extension attaches these trigger functions.");
		st = pg_call([&] { return make_state(fcinfo->flinfo, rel, tg->tgargs[1], schema); });
	}

	int nkeys = 0;
	pg_uuid_t *keys = pg_call([&] { return persona_keys(rows, RelationGetDescr(rel), st->attnum, &nkeys); });
	Deltas deltas{vp::pg::McxtAllocator<std::pair<pg_uuid_t, int64>>(CurrentMemoryContext)};
	for (int i = 0; i < nkeys; i++) {
		vp::pg::check_interrupts();
		deltas[keys[i]] += insert ? 1 : -1;
	}
	if (deltas.empty())
		return PointerGetDatum(nullptr);

	bool guarded = apply(st->schema, st->owner, slot, deltas, RelationGetRelationName(rel));
	if (!guarded)
		throw UserError(ERRCODE_INSUFFICIENT_PRIVILEGE,
		                "vital_summary counter maintenance fired for a table that is not the section of its slot", {},
		                "Only the extension attaches these trigger functions.");
	return PointerGetDatum(nullptr);
}
