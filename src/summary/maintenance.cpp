// vital_summary_counts_rows(): the statement trigger that keeps a section's counters on INSERT and DELETE, for
// children and grandchildren (attached by _vital_summary_counts_install, sql/5.1/071_summary_counts.sql; design and
// lock protocol in docs/summary.md, "Maintained counts" and "Concurrency"), and _vital_summary_fold. The one-row
// INSERT of the API is the hot path: in PL/pgSQL it paid the language entry, SECURITY DEFINER's GUC save/restore,
// a guard statement and (grandchildren) a statement built and planned per call before its own SQL. Here the
// transition table is counted in C++ and everything else runs as kept plans, as the counters' owner.
// UPDATE (moves), TRUNCATE and the parents' delete trigger stay with the PL/pgSQL functions.
#include <algorithm>
#include <cstring>
#include <string>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/allocator.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/pg/spi.hpp"

extern "C" {
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "commands/trigger.h"
#include "common/int.h"
#include "executor/executor.h"
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

// The fold: applies one persona's delta ($3) to slot $1, for each persona of the statement (in persona id order).
// At READ COMMITTED the delta is added in place to one of the persona's rows that can be locked *without waiting*
// (fold_update: LIMIT 1 FOR UPDATE SKIP LOCKED, then an update by the row's id, so that the update re-finds the
// newest version of the locked row even when it was updated after the statement's snapshot); when every row of the
// persona is locked by other writers, or it has none, a row is appended (fold_insert). So writers never wait for
// each other here and each delta is applied exactly once (to the row it updated or the row it inserted). At
// REPEATABLE READ / SERIALIZABLE nothing is read or locked, the delta is appended (locking a row updated after the
// snapshot would fail with 40001). A negative delta for a persona that no longer exists (cascades) is not written
// (fold_exists). Simple statements, one execution each: a single CTE doing all of it cost more to start than it
// did work. %1$s = the schema, quoted.
constexpr const char fold_update[] =
	"UPDATE %1$s._vital_summary_counts c SET counts[$1] = coalesce(c.counts[$1], 0) OPERATOR(pg_catalog.+) $3"
	" WHERE c.id OPERATOR(pg_catalog.=) (SELECT x.id FROM %1$s._vital_summary_counts x"
	"                                     WHERE x.persona_id OPERATOR(pg_catalog.=) $2 LIMIT 1 FOR UPDATE SKIP LOCKED)";
constexpr const char fold_insert[] =
	"INSERT INTO %1$s._vital_summary_counts (persona_id, counts)"
	" VALUES ($2, pg_catalog.array_fill(0, ARRAY[$1 OPERATOR(pg_catalog.-) 1]) OPERATOR(pg_catalog.||) $3)";
constexpr const char fold_exists[] = "SELECT FROM %1$s.personas p WHERE p.id OPERATOR(pg_catalog.=) $1 LIMIT 1";
// The trigger's guard: its table is the section of slot $1 with key column $3 and parent $4 ('' for a child).
constexpr const char guard_sql[] = "SELECT FROM %1$s._vital_summary_slots s"
								   " WHERE s.slot OPERATOR(pg_catalog.=) $1 AND s.relname OPERATOR(pg_catalog.=) $2"
								   "   AND s.key_column OPERATOR(pg_catalog.=) $3"
								   "   AND coalesce(s.parent, '') OPERATOR(pg_catalog.=) $4";

// A grandchild's parent by its key, for the persona it belongs to: FOR SHARE for new rows (a concurrent move of the
// parent is either committed and read, or waits for this transaction and then sees the row), without a lock for
// old rows (a mover waits for the deleted row; a parent already gone was subtracted by its delete trigger).
// %1$s = the schema, %2$s = the parent table, both quoted.
constexpr const char parent_sql[] = "SELECT q.persona_id FROM %1$s.%2$s q WHERE q.tenant_id OPERATOR(pg_catalog.=) $1 "
									"AND q.id OPERATOR(pg_catalog.=) $2";
constexpr const char parent_lock[] = " FOR SHARE";

// Kept plans, per backend, for the schema they were prepared in (a re-created extension may live elsewhere): the
// fold, and the parent lookups of the grandchildren (a handful of parents; a full cache starts over).
struct KeptPlan {
	Oid schema = InvalidOid;
	NameData parent = {};  // parent lookups: the parent table
	bool lock = false;     // parent lookups: FOR SHARE
	SPIPlanPtr plan = nullptr;
};
struct FoldPlans {
	Oid schema = InvalidOid;
	SPIPlanPtr update = nullptr, insert = nullptr, exists = nullptr, guard = nullptr;
};
FoldPlans fold_plans;

// Sections whose trigger arguments this backend has checked against _vital_summary_slots; forgotten on every
// relcache invalidation (the install re-creates every trigger, which invalidates the table's relcache entry).
struct Checked {
	Oid relid;
	int32 slot;
	NameData key_column;
	NameData parent;
};
constexpr int max_checked = 128;
Checked checked[max_checked];
int n_checked = 0;
bool invalidation_subscribed = false;
void forget_checked(Oid) { n_checked = 0; }
constexpr int max_parent_plans = 16;
KeptPlan parent_plans[max_parent_plans];
int n_parent_plans = 0;

// Per statement (fn_extra, in fn_mcxt): what the first firing looked up.
struct StatementState {
	Oid relid;
	Oid schema;           // the extension's schema, which the table must be in
	Oid owner;            // owner of _vital_summary_counts: the deltas are written as this role
	AttrNumber key;       // persona_id (child) or the parent key (grandchild) in the transition table's rows
	AttrNumber tenant;    // tenant_id (grandchild)
	NameData parent;      // grandchild: the parent table; "" for a child
	NameData key_column;  // the key column's name
};

struct UuidLess {
	bool operator()(const pg_uuid_t &a, const pg_uuid_t &b) const noexcept {
		return std::memcmp(a.data, b.data, UUID_LEN) < 0;
	}
};
using Deltas = boost::container::flat_map<pg_uuid_t, int64, UuidLess, pg::McxtAllocator<std::pair<pg_uuid_t, int64>>>;

// A row's key: (parent id, tenant) for a grandchild, (persona, nil) for a child. Ordered by id first: parents are
// locked in id order.
struct RowKey {
	pg_uuid_t id;
	pg_uuid_t tenant;
};
struct RowKeyLess {
	bool operator()(const RowKey &a, const RowKey &b) const noexcept {
		int c = std::memcmp(a.id.data, b.id.data, UUID_LEN);
		return c != 0 ? c < 0 : std::memcmp(a.tenant.data, b.tenant.data, UUID_LEN) < 0;
	}
};
using KeyCounts = boost::container::flat_map<RowKey, int64, RowKeyLess, pg::McxtAllocator<std::pair<RowKey, int64>>>;
using Delta = std::pair<pg_uuid_t, int64>;
using DeltaList = boost::container::vector<Delta, pg::McxtAllocator<Delta>>;

// Adds b to a, or throws 22003 (a sum of deltas passed to _vital_summary_fold can be anything).
int64 add_delta(int64 a, int64 b) {
	int64 sum;
	if (pg_add_s64_overflow(a, b, &sum))
		throw pg::UserError(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "a section counter delta is out of range");
	return sum;
}

// Sums the deltas per persona into `out` in O(n log n): sorted first, then appended in order (a flat_map insert
// in random order moves the elements behind it every time: quadratic on bulk statements).
void merge_deltas(DeltaList &list, Deltas &out) {
	UuidLess less;
	std::sort(list.begin(), list.end(), [&](const Delta &a, const Delta &b) { return less(a.first, b.first); });
	out.reserve(out.size() + list.size());
	for (std::size_t i = 0; i < list.size();) {
		pg::check_interrupts();
		std::size_t j = i;
		int64 sum = 0;
		for (; j < list.size() && !less(list[i].first, list[j].first); j++)
			sum = add_delta(sum, list[j].second);
		auto it = out.find(list[i].first);
		if (it != out.end())
			it->second = add_delta(it->second, sum);
		else
			out.emplace_hint(out.end(), list[i].first, sum);  // only when `out` was empty or ends before it
		i = j;
	}
}

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
AttrNumber uuid_column(Relation rel, const char *name) {
	AttrNumber attnum = get_attnum(RelationGetRelid(rel), name);
	if (attnum <= 0 || TupleDescAttr(RelationGetDescr(rel), attnum - 1)->atttypid != UUIDOID)
		ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
		                errmsg("vital_summary counter maintenance: %s has no uuid column \"%s\"",
		                       RelationGetRelationName(rel), name)));
	return attnum;
}

// lint: postgres-zone
StatementState *make_state(FmgrInfo *flinfo, Relation rel, const char *key, const char *parent, Oid schema) {
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
	st->key = uuid_column(rel, key);
	st->tenant = parent[0] != '\0' ? uuid_column(rel, vp::catalog::tenant_column) : InvalidAttrNumber;
	namestrcpy(&st->parent, parent);
	namestrcpy(&st->key_column, key);
	flinfo->fn_extra = st;
	return st;
}

// The key of every row of the transition table (NULL keys left out: such a row counts nowhere), in a palloc'd
// array. A private read pointer, so other triggers reading the same transition table are not disturbed.
// lint: postgres-zone
RowKey *row_keys(Tuplestorestate *rows, TupleDesc desc, const StatementState *st, int *count) {
	TupleTableSlot *slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	int ptr = tuplestore_alloc_read_pointer(rows, EXEC_FLAG_REWIND);  // rescan asserts REWIND
	tuplestore_select_read_pointer(rows, ptr);
	tuplestore_rescan(rows);
	int n = 0, size = 8;
	auto *keys = static_cast<RowKey *>(palloc(sizeof(RowKey) * size));
	while (tuplestore_gettupleslot(rows, true, false, slot)) {
		CHECK_FOR_INTERRUPTS();
		bool isnull, tenant_null = false;
		Datum d = slot_getattr(slot, st->key, &isnull);
		Datum t = st->tenant != InvalidAttrNumber ? slot_getattr(slot, st->tenant, &tenant_null) : Datum(0);
		if (isnull || tenant_null)
			continue;
		if (n == size) {
			size *= 2;
			keys = static_cast<RowKey *>(repalloc(keys, sizeof(RowKey) * size));
		}
		keys[n].id = *DatumGetUUIDP(d);
		if (st->tenant != InvalidAttrNumber)
			keys[n].tenant = *DatumGetUUIDP(t);
		else
			std::memset(keys[n].tenant.data, 0, UUID_LEN);
		n++;
	}
	ExecDropSingleTupleTableSlot(slot);
	*count = n;
	return keys;
}

// lint: postgres-zone
SPIPlanPtr prepare_kept(const char *format, const char *schema, int nargs, Oid *types) {
	char *sql = psprintf(format, schema);
	// A generic plan, always: the plan cache would otherwise re-plan these statements on every execution while it
	// compares custom plans with the generic one, which is never worse here.
	SPIPlanPtr plan = SPI_prepare_cursor(sql, nargs, types, CURSOR_OPT_GENERIC_PLAN);
	if (plan == nullptr)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	SPI_keepplan(plan);
	pfree(sql);
	return plan;
}

// lint: postgres-zone
const FoldPlans *prepare_fold(Oid schema) {
	if (fold_plans.update != nullptr && fold_plans.schema == schema)
		return &fold_plans;
	for (SPIPlanPtr p : {fold_plans.update, fold_plans.insert, fold_plans.exists, fold_plans.guard})
		if (p != nullptr)
			SPI_freeplan(p);
	fold_plans = FoldPlans{};
	const char *name = quote_identifier(get_namespace_name(schema));
	Oid slot_delta[3] = {INT4OID, UUIDOID, INT4OID};
	Oid persona[1] = {UUIDOID};
	Oid guard[4] = {INT4OID, TEXTOID, TEXTOID, TEXTOID};
	fold_plans.exists = prepare_kept(fold_exists, name, 1, persona);
	fold_plans.insert = prepare_kept(fold_insert, name, 3, slot_delta);
	fold_plans.guard = prepare_kept(guard_sql, name, 4, guard);
	fold_plans.update = prepare_kept(fold_update, name, 3, slot_delta);  // last: its presence marks the set ready
	fold_plans.schema = schema;
	return &fold_plans;
}

// lint: postgres-zone
SPIPlanPtr prepare_parent(Oid schema, const NameData &parent, bool lock) {
	for (int i = 0; i < n_parent_plans; i++)
		if (parent_plans[i].schema == schema && parent_plans[i].lock == lock &&
		    std::strcmp(NameStr(parent_plans[i].parent), NameStr(parent)) == 0)
			return parent_plans[i].plan;
	if (n_parent_plans == max_parent_plans) {
		for (int i = 0; i < n_parent_plans; i++)
			SPI_freeplan(parent_plans[i].plan);
		n_parent_plans = 0;
	}
	char *sql = psprintf("%s%s", parent_sql, lock ? parent_lock : "");
	char *text = psprintf(sql, quote_identifier(get_namespace_name(schema)), quote_identifier(NameStr(parent)));
	Oid types[2] = {UUIDOID, UUIDOID};
	SPIPlanPtr plan = SPI_prepare_cursor(text, 2, types, CURSOR_OPT_GENERIC_PLAN);
	if (plan == nullptr)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	SPI_keepplan(plan);
	KeptPlan &k = parent_plans[n_parent_plans++];
	k.schema = schema;
	k.parent = parent;
	k.lock = lock;
	k.plan = plan;
	pfree(text);
	pfree(sql);
	return plan;
}

// The trigger's table, for the guard.
struct Guard {
	Oid relid;
	const char *relname;
	const char *key_column;
	const char *parent;
};

// Whether the trigger's table is the section of its slot, key and parent (checked once per backend and table).
bool guard_holds(pg::Spi &spi, Oid schema, int32 slot, const Guard &guard) {
	for (int i = 0; i < n_checked; i++)
		if (checked[i].relid == guard.relid && checked[i].slot == slot &&
		    std::strcmp(NameStr(checked[i].key_column), guard.key_column) == 0 &&
		    std::strcmp(NameStr(checked[i].parent), guard.parent) == 0)
			return true;
	if (!invalidation_subscribed)
		invalidation_subscribed = vp::catalog::subscribe_relcache_invalidation(forget_checked);
	const FoldPlans *plans = pg::pg_call([&] { return prepare_fold(schema); });
	Datum args[4];
	args[0] = Int32GetDatum(slot);
	args[1] = pg::pg_call([&] { return CStringGetTextDatum(guard.relname); });
	args[2] = pg::pg_call([&] { return CStringGetTextDatum(guard.key_column); });
	args[3] = pg::pg_call([&] { return CStringGetTextDatum(guard.parent); });
	spi.execute_plan(plans->guard, args, nullptr, true, 1);
	bool holds = pg::Spi::processed() == 1;
	pg::Spi::free_result();
	if (!holds || !invalidation_subscribed)
		return holds;  // not remembered when no invalidation would ever clear it
	if (n_checked == max_checked)
		n_checked = 0;
	Checked &c = checked[n_checked];
	c.relid = guard.relid;
	c.slot = slot;
	pg::pg_call([&] {
		namestrcpy(&c.key_column, guard.key_column);
		namestrcpy(&c.parent, guard.parent);
	});
	n_checked++;
	return true;
}

// Applies the deltas on an open SPI connection, as the current user (see fold_update).
void fold(pg::Spi &spi, Oid schema, int32 slot, const Deltas &deltas) {
	const FoldPlans *plans = pg::pg_call([&] { return prepare_fold(schema); });
	bool in_place = !IsolationUsesXactSnapshot();
	for (const auto &[id, n] : deltas) {
		pg::check_interrupts();
		if (n == 0)
			continue;
		if (n > PG_INT32_MAX || n < -PG_INT32_MAX)
			throw pg::UserError(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "a section counter delta is out of range");
		Datum args[3] = {Int32GetDatum(slot), UUIDPGetDatum(const_cast<pg_uuid_t *>(&id)),
		                 Int32GetDatum(static_cast<int32>(n))};
		if (n < 0) {
			spi.execute_plan(plans->exists, &args[1], nullptr, false, 1);
			bool gone = pg::Spi::processed() == 0;
			pg::Spi::free_result();
			if (gone)
				continue;  // the persona is gone (a cascade): its counter rows go with it
		}
		if (in_place) {
			spi.execute_plan(plans->update, args, nullptr, false, 0);
			if (pg::Spi::processed() == 1)
				continue;
		}
		spi.execute_plan(plans->insert, args, nullptr, false, 0);
	}
}

// Grandchildren: the persona of each parent (in parent id order), each row counted on it; a parent that is gone
// counts nowhere (see parent_sql).
void resolve_parents(pg::Spi &spi, const StatementState *st, bool lock, const KeyCounts &rows, int64 sign,
                     Deltas &deltas) {
	SPIPlanPtr plan = pg::pg_call([&] { return prepare_parent(st->schema, st->parent, lock); });
	DeltaList found{pg::McxtAllocator<Delta>(CurrentMemoryContext)};
	found.reserve(rows.size());
	for (const auto &[key, n] : rows) {
		pg::check_interrupts();
		Datum args[2] = {UUIDPGetDatum(const_cast<pg_uuid_t *>(&key.tenant)),
		                 UUIDPGetDatum(const_cast<pg_uuid_t *>(&key.id))};
		spi.execute_plan(plan, args, nullptr, false, 1);  // not read-only: a new snapshot, as the proofs assume
		bool isnull = true;
		if (pg::Spi::processed() == 1) {
			Datum persona = pg::Spi::value(0, 1, &isnull);
			if (!isnull)
				found.emplace_back(*DatumGetUUIDP(persona), sign * n);
		}
		pg::Spi::free_result();
	}
	merge_deltas(found, deltas);
}

}  // namespace

}  // namespace vp::summary::maintenance

// _vital_summary_fold(slot, ids uuid[], deltas bigint[]): the fold for the PL/pgSQL trigger paths (UPDATE, the
// parents' delete trigger), as the caller (those triggers are SECURITY DEFINER; service_role may call it too).
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
	DeltaList list{vp::pg::McxtAllocator<Delta>(CurrentMemoryContext)};
	list.reserve(nids);
	for (int i = 0; i < nids; i++)
		if (!id_nulls[i] && !n_nulls[i])
			list.emplace_back(*DatumGetUUIDP(id_values[i]), DatumGetInt64(n_values[i]));
	Deltas deltas{vp::pg::McxtAllocator<std::pair<pg_uuid_t, int64>>(CurrentMemoryContext)};
	merge_deltas(list, deltas);
	if (std::none_of(deltas.begin(), deltas.end(), [](const auto &d) { return d.second != 0; }))
		return PointerGetDatum(nullptr);
	Oid schema = pg_call([&] { return get_func_namespace(fcinfo->flinfo->fn_oid); });
	vp::pg::Spi spi;
	fold(spi, schema, slot, deltas);
	spi.finish();
	return PointerGetDatum(nullptr);
}

VP_FUNCTION(vital_summary_counts_rows) {
	using namespace vp::summary::maintenance;
	using vp::pg::pg_call;
	using vp::pg::UserError;
	if (!CALLED_AS_TRIGGER(fcinfo))
		throw UserError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
		                "vital_summary_counts_rows() must be called as a trigger");
	auto *td = reinterpret_cast<TriggerData *>(fcinfo->context);
	bool insert = TRIGGER_FIRED_BY_INSERT(td->tg_event);
	Tuplestorestate *rows = insert ? td->tg_newtable : td->tg_oldtable;
	const Trigger *tg = td->tg_trigger;
	if (!TRIGGER_FIRED_AFTER(td->tg_event) || !TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) ||
	    !(insert || TRIGGER_FIRED_BY_DELETE(td->tg_event)) || rows == nullptr || tg->tgnargs != 3)
		throw UserError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
		                "vital_summary_counts_rows() must be an AFTER INSERT or DELETE ... FOR EACH STATEMENT trigger "
		                "with a transition table and the arguments (slot, key column, parent table or '')");
	int32 slot = pg_call([&] { return pg_strtoint32(tg->tgargs[0]); });
	Relation rel = td->tg_relation;

	auto *st = static_cast<StatementState *>(fcinfo->flinfo->fn_extra);
	if (st == nullptr || st->relid != RelationGetRelid(rel)) {
		// the trigger function's own schema, which the extension created it in (a syscache lookup; the extension's
		// pg_extension row would be an index scan on every statement)
		Oid schema = pg_call([&] { return get_func_namespace(fcinfo->flinfo->fn_oid); });
		if (pg_call([&] { return RelationGetNamespace(rel); }) != schema)
			throw UserError(ERRCODE_INSUFFICIENT_PRIVILEGE,
			                "vital_summary counter maintenance fired for a table outside the extension's schema", {},
			                "Only the extension attaches these trigger functions.");
		st = pg_call([&] { return make_state(fcinfo->flinfo, rel, tg->tgargs[1], tg->tgargs[2], schema); });
	}
	bool grandchild = NameStr(st->parent)[0] != '\0';
	int64 sign = insert ? 1 : -1;

	int nkeys = 0;
	RowKey *keys = pg_call([&] { return row_keys(rows, RelationGetDescr(rel), st, &nkeys); });
	if (nkeys == 0)
		return PointerGetDatum(nullptr);
	// Sorted, then counted in runs: parents in id order (the lock order), each map filled in key order.
	RowKeyLess less;
	std::sort(keys, keys + nkeys, less);
	Deltas deltas{vp::pg::McxtAllocator<std::pair<pg_uuid_t, int64>>(CurrentMemoryContext)};
	KeyCounts parents{vp::pg::McxtAllocator<std::pair<RowKey, int64>>(CurrentMemoryContext)};
	for (int i = 0; i < nkeys;) {
		vp::pg::check_interrupts();
		int j = i + 1;
		while (j < nkeys && !less(keys[i], keys[j]))
			j++;
		if (grandchild)
			parents.emplace_hint(parents.end(), keys[i], j - i);
		else  // a child's keys carry no tenant: one run per persona
			deltas.emplace_hint(deltas.end(), keys[i].id, sign * (j - i));
		i = j;
	}

	Guard guard{st->relid, RelationGetRelationName(rel), NameStr(st->key_column), NameStr(st->parent)};
	bool guarded;
	vp::pg::Spi spi;
	{
		AsOwner as_owner(st->owner);
		guarded = guard_holds(spi, st->schema, slot, guard);
		if (guarded) {
			if (grandchild)
				resolve_parents(spi, st, insert, parents, sign, deltas);
			fold(spi, st->schema, slot, deltas);
		}
	}
	spi.finish();
	if (!guarded)
		throw UserError(ERRCODE_INSUFFICIENT_PRIVILEGE,
		                "vital_summary counter maintenance fired for a table that is not the section of its slot", {},
		                "Only the extension attaches these trigger functions.");
	return PointerGetDatum(nullptr);
}
