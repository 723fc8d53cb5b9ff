// The caller's memberships for vital_tenant_ids (include/vital_persona/tenancy/identity.hpp): a direct index scan
// of tenant_members with the active snapshot, memoised while the snapshot's view of it cannot have changed (the
// argument is in src/tenancy/identity.cpp), and on Citus the node's local copy of the reference table.
#include <algorithm>
#include <cstring>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/tenancy/identity.hpp"

extern "C" {
#include "access/genam.h"
#include "access/parallel.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/pg_am.h"
#include "catalog/pg_index.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "storage/proc.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
}

namespace vp::tenancy::identity {
namespace {

using vp::pg::pg_call;

// The memberships memo: plain data in static storage (no constructor) plus buffers in the memo context
// (the claims memo is in claims.cpp).
struct Memo {
	// memberships of `uid`, keyed by the visibility of tenant_members
	bool members_valid;
	Oid fn_oid, relid;
	pg_uuid_t uid;
	LocalTransactionId lxid;
	SubTransactionId subxid;
	TransactionId xmin, xmax;
	CommandId curcid;
	bool suboverflowed, during_recovery;
	uint32 xcnt;
	int32 subxcnt;
	TransactionId *xip, *subxip;
	uint32 xip_cap;
	int32 subxip_cap;
	Membership *members;
	int nmembers, cap;
};

Memo memo;
MemoryContext context = nullptr;
uint64 memo_hits = 0, memo_misses = 0;  // vital_tenant_ids_memo_stats(), for the tests

// Citus: the local copy of tenant_members (see local_copy), cached per backend until a relcache invalidation of
// either relation (Citus invalidates a table's relcache when it distributes it or changes its placements).
Oid copy_base = InvalidOid, copy_relid = InvalidOid;

// Relcache invalidation of tenant_members (or of everything): drop the memberships. Only marks.
void on_relcache_invalidation(Oid relid) {
	if (relid == InvalidOid || relid == memo.relid)
		memo.members_valid = false;
	if (relid == InvalidOid || relid == copy_base || relid == copy_relid)
		copy_base = copy_relid = InvalidOid;
}

// Inside pg_call. On a Citus node tenant_members is a reference table (docs/citus.md): the table itself is an empty
// shell there, and every node holds a full copy, its one shard `tenant_members_<shardid>` (reference tables are
// replicated to every node in pg_dist_node, the coordinator included). Reading that copy keeps the helper a local
// index probe on every node, workers included, with no distributed query inside a policy. Returns relid itself
// when Citus is absent or the table is not distributed.
// lint: postgres-zone
Oid local_copy(Oid relid, Oid nsp, Snapshot snapshot) {
	if (relid == copy_base && OidIsValid(copy_relid))
		return copy_relid;
	Oid dist_shard = get_relname_relid("pg_dist_shard", PG_CATALOG_NAMESPACE);
	if (!OidIsValid(dist_shard))
		return relid;
	Relation rel = table_open(dist_shard, AccessShareLock);
	TupleDesc desc = RelationGetDescr(rel);
	if (desc->natts < 2 || TupleDescAttr(desc, 0)->atttypid != REGCLASSOID || TupleDescAttr(desc, 1)->atttypid != INT8OID)
		ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("unexpected layout of pg_catalog.pg_dist_shard")));
	ScanKeyData key;
	ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(relid));
	Oid index = get_relname_relid("pg_dist_shard_logical_relid_index", PG_CATALOG_NAMESPACE);
	SysScanDesc scan = systable_beginscan(rel, index, OidIsValid(index), snapshot, 1, &key);
	int64 shardid = 0;
	int shards = 0;
	HeapTuple tuple;
	while (HeapTupleIsValid(tuple = systable_getnext(scan))) {
		bool isnull;
		Datum d = heap_getattr(tuple, 2, desc, &isnull);
		if (!isnull)
			shardid = DatumGetInt64(d);
		shards++;
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	if (shards == 0)
		return relid;  // a plain table (Citus installed, extension not distributed)
	if (shards != 1)
		ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("tenant_members must be a Citus reference table"),
		                errdetail("It has %d shards; vital_tenant_ids reads the node's local copy of a reference table.", shards),
		                errhint("Distribute the extension with vital_distribute() (docs/citus.md).")));
	char name[NAMEDATALEN * 2];
	snprintf(name, sizeof(name), "%s_" INT64_FORMAT, get_rel_name(relid), shardid);
	Oid copy = get_relname_relid(name, nsp);
	if (!OidIsValid(copy))
		ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
		                errmsg("this node has no local copy of the reference table tenant_members"),
		                errdetail("Shard %s is not placed on this node.", name),
		                errhint("On the coordinator, SELECT citus_set_coordinator_host(<host>, <port>) so that reference "
		                        "tables are replicated to it (docs/citus.md).")));
	copy_base = relid;
	copy_relid = copy;
	return copy;
}

// Inside pg_call: reads every tenant_members row of `uid` visible to `snapshot` into memo.members.
// Plain C: no object with a destructor lives here. Returns the relation's OID.
// lint: postgres-zone
Oid scan_memberships(Oid fn_oid, const pg_uuid_t *uid, Snapshot snapshot) {
	Oid nsp = get_func_namespace(fn_oid);
	Oid relid = OidIsValid(nsp) ? get_relname_relid(vp::catalog::members_table, nsp) : InvalidOid;
	if (!OidIsValid(relid))
		ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE), errmsg("table tenant_members not found next to vital_tenant_ids()")));
	relid = local_copy(relid, nsp, snapshot);
	Relation rel = table_open(relid, AccessShareLock);
	if (rel->rd_rel->relkind != RELKIND_RELATION)  // systable_beginscan needs a plain table (issue 11)
		ereport(ERROR, (errcode(ERRCODE_WRONG_OBJECT_TYPE), errmsg("tenant_members is not a plain table"),
		                errdetail("Its relkind is '%c'.", rel->rd_rel->relkind)));
	TupleDesc desc = RelationGetDescr(rel);
	AttrNumber att_tenant = InvalidAttrNumber, att_user = InvalidAttrNumber, att_role = InvalidAttrNumber;
	for (int i = 0; i < desc->natts; i++) {
		Form_pg_attribute a = TupleDescAttr(desc, i);
		if (a->attisdropped)
			continue;
		if (strcmp(NameStr(a->attname), vp::catalog::tenant_column) == 0 && a->atttypid == UUIDOID)
			att_tenant = a->attnum;
		else if (strcmp(NameStr(a->attname), "user_id") == 0 && a->atttypid == UUIDOID)
			att_user = a->attnum;
		else if (strcmp(NameStr(a->attname), "role") == 0 && a->atttypid == TEXTOID)
			att_role = a->attnum;
	}
	if (att_tenant == InvalidAttrNumber || att_user == InvalidAttrNumber || att_role == InvalidAttrNumber)
		ereport(ERROR, (errcode(ERRCODE_UNDEFINED_COLUMN),
		                errmsg("tenant_members lacks tenant_id uuid, user_id uuid or role text")));
	// A valid, non-partial btree index whose first column is user_id (idx_tenant_members_user_id); without one
	// the scan reads the heap with the same key (correct, slower).
	Oid index = InvalidOid;
	List *indexes = RelationGetIndexList(rel);
	ListCell *lc;
	foreach (lc, indexes) {
		Relation ir = index_open(lfirst_oid(lc), AccessShareLock);
		Form_pg_index ix = ir->rd_index;
		bool fits = ir->rd_rel->relkind == RELKIND_INDEX && ir->rd_rel->relam == BTREE_AM_OID && ix->indisvalid &&
		            ix->indnkeyatts >= 1 && ix->indkey.values[0] == att_user && heap_attisnull(ir->rd_indextuple, Anum_pg_index_indpred, nullptr);
		index_close(ir, AccessShareLock);
		if (fits) {
			index = lfirst_oid(lc);
			break;
		}
	}
	list_free(indexes);

	ScanKeyData key;
	ScanKeyInit(&key, att_user, BTEqualStrategyNumber, F_UUID_EQ, UUIDPGetDatum(uid));
	SysScanDesc scan = systable_beginscan(rel, index, OidIsValid(index), snapshot, 1, &key);
	memo.nmembers = 0;
	HeapTuple tuple;
	while (HeapTupleIsValid(tuple = systable_getnext(scan))) {
		CHECK_FOR_INTERRUPTS();  // Postgres zone (inside pg_call): a cancel becomes a PgError
		bool null_tenant, null_role;
		Datum tenant = heap_getattr(tuple, att_tenant, desc, &null_tenant);
		Datum role = heap_getattr(tuple, att_role, desc, &null_role);
		if (null_tenant || null_role)
			continue;
		if (memo.nmembers == memo.cap) {
			int cap = memo.cap ? memo.cap * 2 : 16;
			memo.members = static_cast<Membership *>(
				memo.members ? repalloc(memo.members, sizeof(Membership) * cap) : MemoryContextAlloc(context, sizeof(Membership) * cap));
			memo.cap = cap;
		}
		text *t = DatumGetTextPP(role);
		Membership *m = &memo.members[memo.nmembers++];
		memcpy(m->tenant.data, DatumGetUUIDP(tenant)->data, UUID_LEN);
		m->role = vp::catalog::parse_role(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		if ((Pointer)t != DatumGetPointer(role))
			pfree(t);
	}
	systable_endscan(scan);
	table_close(rel, NoLock);  // keep the lock to the end of the transaction, like a query would
	// The buffer follows the current caller: one who belongs to thousands of tenants does not leave it large.
	if (memo.cap > 1024 && memo.nmembers < memo.cap / 4) {
		int cap = memo.nmembers * 2 > 16 ? memo.nmembers * 2 : 16;
		memo.members = static_cast<Membership *>(repalloc(memo.members, sizeof(Membership) * cap));
		memo.cap = cap;
	}
	return relid;
}

bool same_snapshot(Snapshot snap) {
	return memo.xmin == snap->xmin && memo.xmax == snap->xmax && memo.curcid == snap->curcid &&
	       memo.suboverflowed == snap->suboverflowed && memo.during_recovery == snap->takenDuringRecovery &&
	       memo.xcnt == snap->xcnt && memo.subxcnt == snap->subxcnt &&
	       (snap->xcnt == 0 || std::memcmp(memo.xip, snap->xip, sizeof(TransactionId) * snap->xcnt) == 0) &&
	       (snap->subxcnt <= 0 || std::memcmp(memo.subxip, snap->subxip, sizeof(TransactionId) * snap->subxcnt) == 0);
}

// A new buffer of cap elements in the memo context; frees the outgrown one (old, may be nullptr).
TransactionId *regrow(TransactionId *old, size_t cap) {
	return static_cast<TransactionId *>(pg_call([&] {
		if (old != nullptr)
			pfree(old);
		return MemoryContextAlloc(context, sizeof(TransactionId) * cap);
	}));
}

void remember_snapshot(Snapshot snap) {
	// Sizes are bounded by the server (GetMaxSnapshotXidCount / SubxidCount); outgrown buffers are freed.
	if (memo.xip_cap < snap->xcnt) {
		uint32 cap = std::max<uint32>(snap->xcnt, 64);
		TransactionId *old = memo.xip;
		memo.xip = nullptr;
		memo.xip_cap = 0;
		memo.xip = regrow(old, cap);
		memo.xip_cap = cap;
	}
	if (snap->subxcnt > 0 && memo.subxip_cap < snap->subxcnt) {
		int32 cap = std::max<int32>(snap->subxcnt, 64);
		TransactionId *old = memo.subxip;
		memo.subxip = nullptr;
		memo.subxip_cap = 0;
		memo.subxip = regrow(old, cap);
		memo.subxip_cap = cap;
	}
	memo.xmin = snap->xmin;
	memo.xmax = snap->xmax;
	memo.curcid = snap->curcid;
	memo.suboverflowed = snap->suboverflowed;
	memo.during_recovery = snap->takenDuringRecovery;
	memo.xcnt = snap->xcnt;
	memo.subxcnt = snap->subxcnt;
	if (snap->xcnt)
		std::memcpy(memo.xip, snap->xip, sizeof(TransactionId) * snap->xcnt);
	if (snap->subxcnt > 0)
		std::memcpy(memo.subxip, snap->subxip, sizeof(TransactionId) * snap->subxcnt);
}

}  // namespace

MemoryContext memo_context() {
	if (context != nullptr)
		return context;
	context = pg_call([] {
		return AllocSetContextCreate(CacheMemoryContext, "vital_persona tenant_ids memo", ALLOCSET_SMALL_SIZES);
	});
	vp::catalog::subscribe_relcache_invalidation(on_relcache_invalidation);
	return context;
}

Memberships memberships_of(Oid fn_oid, const pg_uuid_t &uid) {
	Snapshot snapshot = pg_call([] { return ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot(); });
	bool memoisable = snapshot->snapshot_type == SNAPSHOT_MVCC && !IsParallelWorker() && OidIsValid(fn_oid);
#if PG_VERSION_NUM >= 170000
	LocalTransactionId lxid = MyProc->vxid.lxid;  // PG17 moved it into the virtual transaction id
#else
	LocalTransactionId lxid = MyProc->lxid;
#endif
	SubTransactionId subxid = GetCurrentSubTransactionId();
	if (memoisable && memo.members_valid && memo.fn_oid == fn_oid && std::memcmp(&memo.uid, &uid, sizeof(pg_uuid_t)) == 0 &&
	    memo.lxid == lxid && memo.subxid == subxid && same_snapshot(snapshot)) {
		memo_hits++;
	} else {
		memo_misses++;
		(void)memo_context();
		memo.members_valid = false;
		memo.relid = pg_call([&] { return scan_memberships(fn_oid, &uid, snapshot); });
		if (memoisable) {
			memo.fn_oid = fn_oid;
			memo.uid = uid;
			memo.lxid = lxid;
			memo.subxid = subxid;
			remember_snapshot(snapshot);
			memo.members_valid = true;
		}
	}
	return Memberships{memo.members, memo.nmembers};
}

MemoStats memo_stats() { return MemoStats{memo_hits, memo_misses}; }

}  // namespace vp::tenancy::identity
