// Tenant isolation, part 1: vital_tenant_ids(min_role), the helper every generated policy calls as an
// initPlan (docs/security.md, sql/4.0/015_identity.sql).
//
// Semantics (identical to the former PL/pgSQL version):
//   * claims = the setting request.jwt.claims; unset or '' -> no caller; not JSON -> 22P02 (as the ::jsonb
//     cast raised before);
//   * caller = `sub` when it is a JSON string in the 8-4-4-4-12 hex form (either case), else none -> '{}';
//   * min_role must be viewer, editor, admin or owner (exact), else 22023 with a hint (checked after the
//     claims parse, as before);
//   * active tenant = app_metadata.tenant_id when app_metadata is an object with that key and the value is not
//     JSON null: a uuid string narrows to that tenant (among the memberships), anything else gives '{}';
//   * result = tenant_members.tenant_id where user_id = caller and rank(role) >= rank(min_role) [and
//     tenant_id = active], sorted, '{}' when none; user_metadata is never read.
//
// Why C++: the policies evaluate the helper once per table reference per statement (one initPlan each), so
// a statement reading 70 section tables runs it 70 times. The PL/pgSQL version cost ~10-40 us per call
// (claims parse, an SPI statement with executor start-up, SECURITY DEFINER and SET search_path switches).
// Here a call is a setting read, a strcmp and, on a memo miss, one btree probe.
//
// Access: a direct index scan on tenant_members (systable_beginscan with the caller's active snapshot).
// Row level security is applied by the query rewriter, so it does not apply to this scan: no recursion
// through tenant_members' own policies, and no SECURITY DEFINER needed (EXECUTE is what guards it: granted
// to authenticated, service_role and the extension owner, never PUBLIC/anon). Nothing is resolved through
// search_path: the table is found by name in the function's own schema, types and operators by OID.
//
// Memo (one entry per backend): the memberships of one caller are reused while the visible contents of
// tenant_members cannot have changed: same function (OID), local transaction id, current subtransaction id,
// and a snapshot with the same content (xmin, xmax, curcid, xip[], subxip[], suboverflowed,
// takenDuringRecovery). Argument: MVCC visibility (HeapTupleSatisfiesMVCC) is a function of exactly those
// snapshot fields plus the commit status of transactions the snapshot treats as finished (fixed forever) and
// our own transaction's state. A change committed by another session changes xip or xmax in the next
// snapshot; a change by our own transaction advances curcid (every writing command does); a rollback to a
// savepoint puts us in a new subtransaction (ids are never reused, and we never run again in an aborted
// one). So within one statement (all initPlans share the statement's snapshot) the lookup runs once, and
// across statements of one transaction it is reused only when nothing could have changed; a new transaction
// (a new PostgREST request) always looks again. (snapXactCompletionCount cannot serve as the key: the active
// snapshot is a copy, and CopySnapshot zeroes it.) Non-MVCC snapshots and parallel workers are not
// memoised. The parsed claims are memoised on their exact text.
#include <algorithm>
#include <cstring>
#include <string>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/entry.hpp"

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
#include "utils/array.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/uuid.h"
}

namespace {

using vp::pg::pg_call;

struct Membership {
	pg_uuid_t tenant;
	int rank;  // 1 viewer .. 4 owner; 0 = unknown role (never matches)
};

enum class Active { None, Tenant, Malformed };

struct Claims {
	bool has_uid;
	pg_uuid_t uid;
	Active active;
	pg_uuid_t active_id;
};

// The whole memo is plain data in static storage (no constructor) plus buffers in memo_context.
struct Memo {
	// parsed claims, keyed by their text
	bool claims_valid;
	char *claims_text;
	size_t claims_len, claims_cap;
	Claims claims;
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
// Largest request.jwt.claims accepted (bytes). Supabase/PostgREST payloads are well under 4 kB.
constexpr size_t max_claims_bytes = 64 * 1024;
MemoryContext memo_context = nullptr;
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

int rank_of(const char *s, size_t len) {
	static const char *const names[] = {"viewer", "editor", "admin", "owner"};
	for (int i = 0; i < 4; i++)
		if (std::strlen(names[i]) == len && std::memcmp(names[i], s, len) == 0)
			return i + 1;
	return 0;
}

int hexval(char c) {
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

// The PL/pgSQL version's test: s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'.
bool parse_uuid(const char *s, size_t len, pg_uuid_t *out) {
	if (len != 36)
		return false;
	int byte = 0;
	for (size_t i = 0; i < 36;) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
			i++;
			continue;
		}
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0 || i + 1 == 8 || i + 1 == 13 || i + 1 == 18 || i + 1 == 23)
			return false;
		out->data[byte++] = static_cast<unsigned char>(hi << 4 | lo);
		i += 2;
	}
	return byte == UUID_LEN;
}

bool string_uuid(const JsonbValue *v, pg_uuid_t *out) {
	return v->type == jbvString && parse_uuid(v->val.string.val, static_cast<size_t>(v->val.string.len), out);
}

// Parses the claims text (never empty here). Throws 22P02 when it is not JSON.
Claims parse_claims(const char *text) {
	Jsonb *jb = nullptr;
	try {
		jb = pg_call([&] { return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(text))); });
	} catch (const vp::pg::PgError &e) {
		std::string detail = e.edata && e.edata->message ? e.edata->message : "";
		if (e.edata && e.edata->detail)
			detail += std::string(" ") + e.edata->detail;
		throw vp::pg::UserError(ERRCODE_INVALID_TEXT_REPRESENTATION, "the setting request.jwt.claims is not valid JSON", detail,
		                        "It must hold the JSON payload of the verified JWT, as PostgREST sets it; leave it unset "
		                        "or empty for no caller.");
	}
	Claims c{};
	c.active = Active::None;
	if (!JB_ROOT_IS_OBJECT(jb))
		return c;
	JsonbValue v;
	if (pg_call([&] { return getKeyJsonValueFromContainer(&jb->root, "sub", 3, &v); }) != nullptr)
		c.has_uid = string_uuid(&v, &c.uid);
	JsonbValue app;
	if (pg_call([&] { return getKeyJsonValueFromContainer(&jb->root, "app_metadata", 12, &app); }) != nullptr &&
	    app.type == jbvBinary && JsonContainerIsObject(app.val.binary.data)) {
		JsonbValue t;
		if (pg_call([&] { return getKeyJsonValueFromContainer(app.val.binary.data, "tenant_id", 9, &t); }) != nullptr &&
		    t.type != jbvNull)
			c.active = string_uuid(&t, &c.active_id) ? Active::Tenant : Active::Malformed;
	}
	return c;
}

void ensure_memo_context() {
	if (memo_context != nullptr)
		return;
	memo_context = pg_call([] {
		return AllocSetContextCreate(CacheMemoryContext, "vital_persona tenant_ids memo", ALLOCSET_SMALL_SIZES);
	});
	vp::catalog::subscribe_relcache_invalidation(on_relcache_invalidation);
}

const Claims &current_claims(const char *text) {
	size_t len = std::strlen(text);
	if (memo.claims_valid && memo.claims_len == len && std::memcmp(memo.claims_text, text, len) == 0)
		return memo.claims;
	// Bounded work and memory: a JWT payload is a few hundred bytes to a few kB; a larger setting is refused
	// before it is parsed or memoised (the memo then holds at most max_claims_bytes + 1 bytes of text).
	if (len > max_claims_bytes)
		throw vp::pg::UserError(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "the setting request.jwt.claims is too large",
		                        "It has " + std::to_string(len) + " bytes; the limit is " +
		                            std::to_string(max_claims_bytes) + " bytes.",
		                        "Keep the JWT payload small: put large data in tables, not in the token's claims.");
	Claims parsed = parse_claims(text);
	ensure_memo_context();
	memo.claims_valid = false;
	if (memo.claims_cap < len + 1) {
		// Grow to the next power of two (at least 512), freeing the outgrown buffer: the memo keeps one buffer.
		size_t cap = 512;
		while (cap < len + 1)
			cap *= 2;
		char *old = memo.claims_text;
		memo.claims_text = nullptr;
		memo.claims_cap = 0;
		memo.claims_text = static_cast<char *>(pg_call([&] {
			if (old != nullptr)
				pfree(old);
			return MemoryContextAlloc(memo_context, cap);
		}));
		memo.claims_cap = cap;
	}
	std::memcpy(memo.claims_text, text, len + 1);
	memo.claims_len = len;
	memo.claims = parsed;
	memo.claims_valid = true;
	return memo.claims;
}

// Inside pg_call: reads every tenant_members row of `uid` visible to `snapshot` into memo.members.
// Plain C: no object with a destructor lives here. Returns the relation's OID.
Oid scan_memberships(Oid fn_oid, const pg_uuid_t *uid, Snapshot snapshot) {
	Oid nsp = get_func_namespace(fn_oid);
	Oid relid = OidIsValid(nsp) ? get_relname_relid("tenant_members", nsp) : InvalidOid;
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
		if (strcmp(NameStr(a->attname), "tenant_id") == 0 && a->atttypid == UUIDOID)
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
				memo.members ? repalloc(memo.members, sizeof(Membership) * cap) : MemoryContextAlloc(memo_context, sizeof(Membership) * cap));
			memo.cap = cap;
		}
		text *t = DatumGetTextPP(role);
		Membership *m = &memo.members[memo.nmembers++];
		memcpy(m->tenant.data, DatumGetUUIDP(tenant)->data, UUID_LEN);
		m->rank = rank_of(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
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

// A new buffer of cap elements in memo_context; frees the outgrown one (old, may be nullptr).
TransactionId *regrow(TransactionId *old, size_t cap) {
	return static_cast<TransactionId *>(pg_call([&] {
		if (old != nullptr)
			pfree(old);
		return MemoryContextAlloc(memo_context, sizeof(TransactionId) * cap);
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

const char *claims_setting() {
	const char *s = pg_call([] { return GetConfigOption("request.jwt.claims", true, false); });
	return s ? s : "";
}

}  // namespace

// vital_tenant_ids(min_role text DEFAULT 'viewer') RETURNS uuid[] (STABLE).
VP_FUNCTION(vital_tenant_ids) {
	const char *claims_text = claims_setting();
	Claims claims{};
	if (claims_text[0] != '\0')
		claims = current_claims(claims_text);  // copied: the memo may be rebuilt below

	int min_rank = 0;
	std::string role_name;
	if (!PG_ARGISNULL(0)) {
		text *arg = pg_call([&] { return PG_GETARG_TEXT_PP(0); });
		role_name.assign(VARDATA_ANY(arg), VARSIZE_ANY_EXHDR(arg));
		min_rank = rank_of(role_name.data(), role_name.size());
	}
	if (min_rank == 0)
		throw vp::pg::UserError(ERRCODE_INVALID_PARAMETER_VALUE, "unknown tenant role \"" + role_name + "\"", {},
		                        "Use one of: viewer, editor, admin, owner.");
	if (!claims.has_uid || claims.active == Active::Malformed)
		return PointerGetDatum(pg_call([] { return construct_empty_array(UUIDOID); }));

	Oid fn_oid = fcinfo->flinfo ? fcinfo->flinfo->fn_oid : InvalidOid;
	Snapshot snapshot = pg_call([] { return ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot(); });
	bool memoisable = snapshot->snapshot_type == SNAPSHOT_MVCC && !IsParallelWorker() && OidIsValid(fn_oid);
#if PG_VERSION_NUM >= 170000
	LocalTransactionId lxid = MyProc->vxid.lxid;  // PG17 moved it into the virtual transaction id
#else
	LocalTransactionId lxid = MyProc->lxid;
#endif
	SubTransactionId subxid = GetCurrentSubTransactionId();
	if (memoisable && memo.members_valid && memo.fn_oid == fn_oid && std::memcmp(&memo.uid, &claims.uid, sizeof(pg_uuid_t)) == 0 &&
	    memo.lxid == lxid && memo.subxid == subxid && same_snapshot(snapshot)) {
		memo_hits++;
	} else {
		memo_misses++;
		ensure_memo_context();
		memo.members_valid = false;
		memo.relid = pg_call([&] { return scan_memberships(fn_oid, &claims.uid, snapshot); });
		if (memoisable) {
			memo.fn_oid = fn_oid;
			memo.uid = claims.uid;
			memo.lxid = lxid;
			memo.subxid = subxid;
			remember_snapshot(snapshot);
			memo.members_valid = true;
		}
	}

	// Filter (rank, active tenant) and sort by tenant, as ORDER BY tenant_id did.
	Datum *elems = static_cast<Datum *>(pg_call([&] { return palloc(sizeof(Datum) * (memo.nmembers + 1)); }));
	int n = 0;
	for (int i = 0; i < memo.nmembers; i++) {
		const Membership &m = memo.members[i];
		if (m.rank < min_rank)
			continue;
		if (claims.active == Active::Tenant && std::memcmp(&m.tenant, &claims.active_id, sizeof(pg_uuid_t)) != 0)
			continue;
		elems[n++] = UUIDPGetDatum(const_cast<pg_uuid_t *>(&m.tenant));
	}
	std::sort(elems, elems + n, [](Datum a, Datum b) { return std::memcmp(DatumGetUUIDP(a), DatumGetUUIDP(b), UUID_LEN) < 0; });
	// construct_array copies the 16-byte values out of the memo.
	return PointerGetDatum(pg_call([&] { return construct_array(elems, n, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR); }));
}

// vital_tenant_ids_memo_stats() -> (hits bigint, misses bigint): counters of this backend, for the tests.
VP_FUNCTION(vital_tenant_ids_memo_stats) {
	TupleDesc desc;
	if (pg_call([&] { return get_call_result_type(fcinfo, nullptr, &desc); }) != TYPEFUNC_COMPOSITE)
		throw vp::pg::UserError(ERRCODE_FEATURE_NOT_SUPPORTED, "vital_tenant_ids_memo_stats() must return a record");
	Datum values[2] = {Int64GetDatum(static_cast<int64>(memo_hits)), Int64GetDatum(static_cast<int64>(memo_misses))};
	bool nulls[2] = {false, false};
	return pg_call([&] {
		desc = BlessTupleDesc(desc);
		return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
	});
}
