// vital_summary_counts_rows(): the statement trigger that keeps a section's counters on INSERT and DELETE, for
// children and grandchildren (attached by _vital_summary_counts_install, sql/5.1/071_summary_counts.sql; design and
// lock protocol in docs/summary.md, "Maintained counts" and "Concurrency"), and _vital_summary_fold. The one-row
// INSERT of the API is the hot path: in PL/pgSQL it paid the language entry, SECURITY DEFINER's GUC save/restore,
// a guard statement and (grandchildren) a statement built and planned per call before its own SQL. Here the
// transition table is counted in C++ and everything else runs as kept plans, as the counters' owner.
// UPDATE (moves), TRUNCATE and the parents' delete trigger stay with the PL/pgSQL functions.
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
// slot $1 with key column $5 and parent $6 ('' for a child); the statement returns whether that guard held.
// %1$s = the schema.
constexpr const char fold_sql[] =
	"WITH g AS (SELECT WHERE $4 IS NULL"
	"               OR EXISTS (SELECT FROM %1$s._vital_summary_slots s"
	"                           WHERE s.slot OPERATOR(pg_catalog.=) $1 AND s.relname OPERATOR(pg_catalog.=) $4"
	"                             AND s.key_column OPERATOR(pg_catalog.=) $5"
	"                             AND coalesce(s.parent, '') OPERATOR(pg_catalog.=) $6)),"
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
KeptPlan fold_plan;
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
	if (attnum == InvalidAttrNumber || TupleDescAttr(RelationGetDescr(rel), attnum - 1)->atttypid != UUIDOID)
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
	int ptr = tuplestore_alloc_read_pointer(rows, 0);
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
SPIPlanPtr prepare_fold(Oid schema) {
	if (fold_plan.plan != nullptr && fold_plan.schema == schema)
		return fold_plan.plan;
	char *sql = psprintf(fold_sql, quote_identifier(get_namespace_name(schema)));
	Oid types[6] = {INT4OID, UUIDARRAYOID, INT8ARRAYOID, TEXTOID, TEXTOID, TEXTOID};
	// A generic plan, always: the plan cache would otherwise re-plan this statement (~2 ms) on every execution
	// while it compares custom plans with the generic one, which is never worse here.
	SPIPlanPtr plan = SPI_prepare_cursor(sql, 6, types, CURSOR_OPT_GENERIC_PLAN);
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

// The trigger's table, for the fold's guard.
struct Guard {
	const char *relname;
	const char *key_column;
	const char *parent;
};

// Runs the fold on an open SPI connection, as the current user; false when the guard did not hold.
bool fold(pg::Spi &spi, Oid schema, int32 slot, const Deltas &deltas, const Guard *guard) {
	SPIPlanPtr plan = pg::pg_call([&] { return prepare_fold(schema); });
	Datum args[6] = {};
	char nulls[7] = "   nnn";
	args[0] = Int32GetDatum(slot);
	args[1] = pg::pg_call([&] { return build_array(deltas, true); });
	args[2] = pg::pg_call([&] { return build_array(deltas, false); });
	if (guard != nullptr) {
		args[3] = pg::pg_call([&] { return CStringGetTextDatum(guard->relname); });
		args[4] = pg::pg_call([&] { return CStringGetTextDatum(guard->key_column); });
		args[5] = pg::pg_call([&] { return CStringGetTextDatum(guard->parent); });
		nulls[3] = nulls[4] = nulls[5] = ' ';
	}
	spi.execute_plan(plan, args, nulls, false, 1);
	bool isnull = true;
	return pg::Spi::processed() == 1 && DatumGetBool(pg::Spi::value(0, 1, &isnull)) && !isnull;
}

// Grandchildren: the persona of each parent (in parent id order), each row counted on it; a parent that is gone
// counts nowhere (see parent_sql).
void resolve_parents(pg::Spi &spi, const StatementState *st, bool lock, const KeyCounts &rows, int64 sign,
                     Deltas &deltas) {
	SPIPlanPtr plan = pg::pg_call([&] { return prepare_parent(st->schema, st->parent, lock); });
	for (const auto &[key, n] : rows) {
		pg::check_interrupts();
		Datum args[2] = {UUIDPGetDatum(const_cast<pg_uuid_t *>(&key.tenant)),
		                 UUIDPGetDatum(const_cast<pg_uuid_t *>(&key.id))};
		spi.execute_plan(plan, args, nullptr, false, 1);  // not read-only: a new snapshot, as the proofs assume
		bool isnull = true;
		if (pg::Spi::processed() != 1)
			continue;
		Datum persona = pg::Spi::value(0, 1, &isnull);
		if (!isnull)
			deltas[*DatumGetUUIDP(persona)] += sign * n;
	}
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
	Deltas deltas{vp::pg::McxtAllocator<std::pair<pg_uuid_t, int64>>(CurrentMemoryContext)};
	for (int i = 0; i < nids; i++) {
		vp::pg::check_interrupts();
		if (!id_nulls[i] && !n_nulls[i])
			deltas[*DatumGetUUIDP(id_values[i])] += DatumGetInt64(n_values[i]);
	}
	for (auto it = deltas.begin(); it != deltas.end();)
		it = it->second == 0 ? deltas.erase(it) : it + 1;
	if (deltas.empty())
		return PointerGetDatum(nullptr);
	Oid schema = pg_call([&] { return get_func_namespace(fcinfo->flinfo->fn_oid); });
	vp::pg::Spi spi;
	fold(spi, schema, slot, deltas, nullptr);
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
		Oid schema = vp::catalog::extension_schema();
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
	Deltas deltas{vp::pg::McxtAllocator<std::pair<pg_uuid_t, int64>>(CurrentMemoryContext)};
	KeyCounts parents{vp::pg::McxtAllocator<std::pair<RowKey, int64>>(CurrentMemoryContext)};
	for (int i = 0; i < nkeys; i++) {
		vp::pg::check_interrupts();
		if (grandchild)
			parents[keys[i]] += 1;
		else
			deltas[keys[i].id] += sign;
	}

	Guard guard{RelationGetRelationName(rel), NameStr(st->key_column), NameStr(st->parent)};
	bool guarded = true;
	vp::pg::Spi spi;
	{
		AsOwner as_owner(st->owner);
		if (grandchild)
			resolve_parents(spi, st, insert, parents, sign, deltas);
		if (!deltas.empty())
			guarded = fold(spi, st->schema, slot, deltas, &guard);
	}
	spi.finish();
	if (!guarded)
		throw UserError(ERRCODE_INSUFFICIENT_PRIVILEGE,
		                "vital_summary counter maintenance fired for a table that is not the section of its slot", {},
		                "Only the extension attaches these trigger functions.");
	return PointerGetDatum(nullptr);
}
