// vital_summary(uuid) / vital_summaries(uuid[]): the persona summary, built in C++.
//
// Per call: (1) an RLS-respecting cached SPI probe reads the persona row (NULL when it is not
// visible or does not exist); (2) every section is counted either by a direct btree scan (only
// when that provably returns what the caller's own SELECT would return: see decide_modes) or
// by a cached RLS-respecting SPI plan; (3) the jsonb is built with pushJsonbValue.
// Design and proof of visibility equivalence: docs/summary.md.
#include <algorithm>
#include <cstring>
#include <string>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/allocator.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/pg/spi.hpp"
#include "vital_persona/summary.hpp"
#include "vital_persona/version.hpp"

extern "C" {
#include "access/genam.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/visibilitymap.h"
#include "executor/tuptable.h"
#include "storage/bufmgr.h"
#include "utils/acl.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
}

namespace vp::summary {
namespace {

constexpr int top_n = 3;
constexpr long spi_batch_rows = 1000;  // rows per fetch of a section read through SQL

struct Item {
	int64 k1, k2;  // sort keys, ascending
	pg_uuid_t id;  // final tie-breaker: stable order
	const char *text;
	const char *label;  // goal_type / severity / evidence kind
	int64 num;          // priority / relevance
	bool num_null;
};

struct Top {
	int n;
	Item items[top_n];
};

struct IdList {
	int n, cap;
	pg_uuid_t *ids;
};

// Everything one persona's summary is built from (palloc'd in the call context, POD).
struct Result {
	Datum identity;  // jsonb object from the probe
	int64 *counts;
	bool *count_null;
	IdList *ids;  // ids of rows of sections that have grandchildren
	Top goals, pains, evidence;
	uint8 days, phases, quarters;
	int64 infl_sum, infl_n;
	bool evq_null;
	int64 evq;
};

// Per-call state of the relations we read (Postgres zone only).
struct CallState {
	Registry *reg;
	MemoryContext cxt;       // results of the persona being summarised live here (reset between personas)
	MemoryContext call_cxt;  // the caller's context: per-call state (slots, arrays) lives here
	Mode *modes;
	Relation *heaps;
	Relation *indexes;
	TupleTableSlot **slots;
	Relation personas;
	Relation counts;        // _vital_summary_counts and its primary key (nullptr: no Counter mode)
	Relation counts_index;
	TupleTableSlot *counts_slot;
	Buffer vmbuf;
	Snapshot snapshot;
	pg_uuid_t tenant;  // tenant_id of the persona being summarised (from the probe)
};

// ---- values ------------------------------------------------------------------------------

bool to_int64(Datum d, Oid typid, int64 *out) {
	switch (typid) {
	case INT2OID: *out = DatumGetInt16(d); return true;
	case INT4OID: *out = DatumGetInt32(d); return true;
	case INT8OID: *out = DatumGetInt64(d); return true;
	case NUMERICOID:
		*out = DatumGetInt64(DirectFunctionCall1(numeric_int8, DirectFunctionCall2(numeric_round, d, Int32GetDatum(0))));
		return true;
	default: return false;
	}
}

const char *to_text(Datum d, Oid typid, MemoryContext cxt) {
	MemoryContext old = MemoryContextSwitchTo(cxt);
	const char *s;
	if (typid == TEXTOID || typid == VARCHAROID || typid == BPCHAROID)
		s = TextDatumGetCString(d);
	else {
		Oid out;
		bool varlena;
		getTypeOutputInfo(typid, &out, &varlena);
		s = OidOutputFunctionCall(out, d);
	}
	MemoryContextSwitchTo(old);
	return s;
}

int ci_index(const char *s, const char *const *names, int n) {
	for (int i = 0; i < n; i++)
		if (pg_strcasecmp(s, names[i]) == 0)
			return i;
	return -1;
}

constexpr const char *severities[] = {"critical", "high", "medium", "low"};
constexpr const char *confidences[] = {"very_high", "high", "medium", "low"};
constexpr int confidence_score[] = {9, 7, 5, 3};
constexpr const char *days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr const char *phases[] = {"beginning", "mid", "end"};
constexpr const char *quarters[] = {"Q1", "Q2", "Q3", "Q4"};

// Position where (k1, k2, id) enters the top list, or -1; shifts the tail to make room.
int top_slot(Top &t, int64 k1, int64 k2, const pg_uuid_t &id) {
	int pos = t.n;
	while (pos > 0) {
		const Item &o = t.items[pos - 1];
		int c = o.k1 != k1 ? (o.k1 < k1 ? -1 : 1) : o.k2 != k2 ? (o.k2 < k2 ? -1 : 1) : std::memcmp(o.id.data, id.data, UUID_LEN);
		if (c <= 0)
			break;
		pos--;
	}
	if (pos >= top_n)
		return -1;
	int last = t.n < top_n ? t.n : top_n - 1;
	for (int i = last; i > pos; i--)
		t.items[i] = t.items[i - 1];
	if (t.n < top_n)
		t.n++;
	Item &it = t.items[pos];
	it = Item{};
	it.k1 = k1;
	it.k2 = k2;
	it.id = id;
	return pos;
}

// Feeds one visible row of section si into the result (Postgres zone).
void consume(CallState &cs, Result &res, int si, const pg_uuid_t &id, const Datum *v, const bool *nul) {
	const Section &s = cs.reg->sections[si];
	res.counts[si]++;
	if (s.has_children) {
		IdList &l = res.ids[si];
		if (l.n == l.cap) {
			l.cap = l.cap ? l.cap * 2 : 16;
			l.ids = static_cast<pg_uuid_t *>(l.ids ? repalloc(l.ids, sizeof(pg_uuid_t) * l.cap)
			                                       : MemoryContextAlloc(cs.cxt, sizeof(pg_uuid_t) * l.cap));
		}
		l.ids[l.n++] = id;
	}
	auto col_int = [&](int c, int64 *out) { return c < s.ncols && !nul[c] && to_int64(v[c], s.cols[c].typid, out); };
	auto col_text = [&](int c) -> const char * {
		return c < s.ncols && !nul[c] ? to_text(v[c], s.cols[c].typid, cs.cxt) : nullptr;
	};
	constexpr int64 last = PG_INT64_MAX;
	int64 a = 0, b = 0;
	switch (s.role) {
	case Role::Goals: {  // priority ascending (1 = highest), then sequence_order
		bool has_p = col_int(0, &a);
		if (!col_int(1, &b))
			b = last;
		int pos = top_slot(res.goals, has_p ? a : last, b, id);
		if (pos >= 0) {
			Item &it = res.goals.items[pos];
			it.text = col_text(2);
			it.label = col_text(3);
			it.num = a;
			it.num_null = !has_p;
		}
		break;
	}
	case Role::PainPoints: {  // severity critical > high > medium > low > other > null
		const char *sev = col_text(0);
		int rank = sev ? ci_index(sev, severities, 4) : 5;
		if (sev && rank < 0)
			rank = 4;
		if (!col_int(1, &b))
			b = last;
		int pos = top_slot(res.pains, rank, b, id);
		if (pos >= 0) {
			Item &it = res.pains.items[pos];
			it.text = col_text(2);
			if (it.text == nullptr)
				it.text = col_text(3);
			it.label = sev;
			it.num_null = true;
		}
		break;
	}
	case Role::EvidenceSources:
	case Role::Research:
	case Role::Reports:
	case Role::Opinions:
	case Role::CaseStudies:
	case Role::Statistics: {  // strongest evidence: score descending, then kind, then id
		bool has = false;
		if (s.role == Role::EvidenceSources) {
			const char *conf = col_text(0);
			int i = conf ? ci_index(conf, confidences, 4) : -1;
			has = i >= 0;
			a = has ? confidence_score[i] : 0;
		} else
			has = col_int(0, &a);
		int pos = top_slot(res.evidence, has ? -a : last, static_cast<int64>(s.role), id);
		if (pos >= 0) {
			Item &it = res.evidence.items[pos];
			it.text = col_text(1);
			if (it.text == nullptr)
				it.text = col_text(2);
			it.label = s.name;
			it.num = a;
			it.num_null = !has;
		}
		break;
	}
	case Role::WeekInLife:
	case Role::MonthInLife:
	case Role::YearInLife: {
		const char *t = col_text(0);
		if (t == nullptr)
			break;
		if (s.role == Role::WeekInLife) {
			int i = ci_index(t, days, 7);
			if (i >= 0) res.days |= 1 << i;
		} else if (s.role == Role::MonthInLife) {
			int i = ci_index(t, phases, 3);
			if (i >= 0) res.phases |= 1 << i;
		} else {
			int i = ci_index(t, quarters, 4);
			if (i >= 0) res.quarters |= 1 << i;
		}
		break;
	}
	case Role::InfluenceMap:
		if (col_int(0, &a)) {
			res.infl_sum += a;
			res.infl_n++;
		}
		break;
	case Role::EvidenceSummary:
		if (col_int(0, &a)) {
			res.evq = a;
			res.evq_null = false;
		}
		break;
	case Role::Stakeholder:
	case Role::None: break;
	}
}

// ---- visibility: which sections may be counted directly ----------------------------------

bool policy_applies(const PolicySig &p, Oid user) {
	for (int i = 0; i < p.nroles; i++)
		if (p.roles[i] == ACL_ID_PUBLIC || has_privs_of_role(user, p.roles[i]))
			return true;
	return false;
}

// Do the SELECT policies applying to `user` on a and on b form the same multiset of
// (permissive, USING text)?
bool same_policies(const PolicySig *a, int na, const PolicySig *b, int nb, Oid user) {
	bool used[64] = {};
	if (nb > 64)
		return false;
	int applicable_a = 0, applicable_b = 0;
	for (int j = 0; j < nb; j++)
		if (policy_applies(b[j], user))
			applicable_b++;
	for (int i = 0; i < na; i++) {
		if (!policy_applies(a[i], user))
			continue;
		applicable_a++;
		bool found = false;
		for (int j = 0; j < nb && !found; j++)
			if (!used[j] && b[j].permissive == a[i].permissive && std::strcmp(b[j].qual, a[i].qual) == 0 &&
			    policy_applies(b[j], user)) {
				used[j] = true;
				found = true;
			}
		if (!found)
			return false;
	}
	return applicable_a == applicable_b;
}

// Direct (index) counting of section s returns exactly the rows the caller's SELECT would
// return when the caller has SELECT on it and either RLS does not apply to the caller there, or
// (a) RLS applies on personas too and the persona row passed it, (b) the section's applicable
// SELECT policies equal the persona's and read only tenant_id, nothing volatile, and (c) a
// validated, non-deferrable FK chain forces the row's tenant_id to equal the persona's.
// Then each policy yields the same value on the row as on the persona row: visible.
// The validated FK chain forces the row's tenant_id to equal its persona's tenant_id.
bool chain_ok(const Registry *r, const Section &s) {
	return s.tenant_fk && (s.parent < 0 || r->sections[s.parent].tenant_fk);
}

void decide_modes(CallState &cs) {
	Registry *r = cs.reg;
	Oid user = GetUserId();
	if (r->distributed) {  // Citus: the local relations are shells; SQL sees the shards (RLS applies there)
		for (int i = 0; i < r->nsections; i++) {
			const Section &s = r->sections[i];
			bool access = pg_class_aclcheck(s.relid, user, ACL_SELECT) == ACLCHECK_OK &&
			              (s.parent < 0 || pg_class_aclcheck(r->sections[s.parent].relid, user, ACL_SELECT) == ACLCHECK_OK);
			cs.modes[i] = access ? Mode::Spi : Mode::NoAccess;
		}
		return;
	}
	int personas_rls = check_enable_rls(r->personas, InvalidOid, false);
	for (int i = 0; i < r->nsections; i++) {
		const Section &s = r->sections[i];
		Mode m;
		if (pg_class_aclcheck(s.relid, user, ACL_SELECT) != ACLCHECK_OK)
			m = Mode::NoAccess;
		else if (!OidIsValid(s.index_oid) && !(OidIsValid(s.tenant_index_oid) && chain_ok(r, s)))
			m = Mode::Spi;
		else {
			int rls = check_enable_rls(s.relid, InvalidOid, false);
			bool chain = chain_ok(r, s);
			if (rls != RLS_ENABLED)
				m = Mode::Direct;
			else if (personas_rls == RLS_ENABLED && chain && s.policies_simple && r->personas_simple &&
			         same_policies(s.policies, s.npolicies, r->persona_policies, r->n_persona_policies, user))
				m = Mode::Direct;
			else
				m = Mode::Spi;
		}
		if (s.parent >= 0) {  // counted through the parent: needs access to it as well
			Mode pm = cs.modes[s.parent];
			if (pm == Mode::NoAccess)
				m = Mode::NoAccess;
			else if (pm == Mode::Spi && m == Mode::Direct)
				m = Mode::Spi;
		}
		cs.modes[i] = m;
	}
	// Counter: a Direct section that feeds nothing but its count is read from the maintained row — the same
	// number the direct scan would return (the triggers count every row; Direct means every row is visible).
	// A parent stays scanned when a Direct grandchild still needs its ids.
	if (!OidIsValid(r->counts_rel))
		return;
	for (int i = 0; i < r->nsections; i++) {
		const Section &s = r->sections[i];
		if (cs.modes[i] == Mode::Direct && s.slot > 0 && (s.role == Role::None || s.role == Role::Stakeholder))
			cs.modes[i] = Mode::Counter;
	}
	for (int i = 0; i < r->nsections; i++) {
		const Section &s = r->sections[i];
		if (s.parent >= 0 && cs.modes[i] == Mode::Direct && cs.modes[s.parent] == Mode::Counter)
			cs.modes[s.parent] = Mode::Direct;
	}
}

// ---- relations ---------------------------------------------------------------------------

// Locks personas and the counters table (AccessShareLock, as a query would) and allocates the per-call arrays.
// Invalidations processed while locking mark the registry stale.
void open_base(CallState &cs) {
	Registry *r = cs.reg;
	int n = r->nsections;
	cs.personas = table_open(r->personas, AccessShareLock);
	if (OidIsValid(r->counts_rel)) {
		cs.counts = table_open(r->counts_rel, AccessShareLock);
		cs.counts_index = index_open(r->counts_index, AccessShareLock);
	}
	cs.heaps = static_cast<Relation *>(palloc0(sizeof(Relation) * (n + 1)));
	cs.indexes = static_cast<Relation *>(palloc0(sizeof(Relation) * (n + 1)));
	cs.slots = static_cast<TupleTableSlot **>(palloc0(sizeof(TupleTableSlot *) * (n + 1)));
	cs.modes = static_cast<Mode *>(palloc0(sizeof(Mode) * (n + 1)));
	cs.vmbuf = InvalidBuffer;
}

// Opens (and locks) the sections scanned directly. Sections read from the counters row are not opened: the
// counters table's lock covers what is read; SPI sections are locked by their query.
void open_sections(CallState &cs) {
	Registry *r = cs.reg;
	for (int i = 0; i < r->nsections; i++) {
		if (cs.modes[i] != Mode::Direct)
			continue;
		cs.heaps[i] = table_open(r->sections[i].relid, AccessShareLock);
		const Section &s = r->sections[i];
		// Prefer an index leading with the key; else (tenant_id, key), scanned with the persona's
		// tenant, which the FK chain makes equivalent (decide_modes requires the chain then).
		if (OidIsValid(s.index_oid))
			cs.indexes[i] = index_open(s.index_oid, AccessShareLock);
		else if (OidIsValid(s.tenant_index_oid) && chain_ok(r, s))
			cs.indexes[i] = index_open(s.tenant_index_oid, AccessShareLock);
	}
}

void close_all(CallState &cs) {
	if (cs.vmbuf != InvalidBuffer)
		ReleaseBuffer(cs.vmbuf);
	cs.vmbuf = InvalidBuffer;
	for (int i = 0; i < cs.reg->nsections; i++) {
		if (cs.slots[i])
			ExecDropSingleTupleTableSlot(cs.slots[i]);
		if (cs.indexes[i])
			index_close(cs.indexes[i], NoLock);  // locks are kept to end of transaction, as a query's
		if (cs.heaps[i])
			table_close(cs.heaps[i], NoLock);
	}
	if (cs.counts_slot)
		ExecDropSingleTupleTableSlot(cs.counts_slot);
	cs.counts_slot = nullptr;
	if (cs.counts_index)
		index_close(cs.counts_index, NoLock);
	if (cs.counts)
		table_close(cs.counts, NoLock);
	cs.counts = cs.counts_index = nullptr;
	table_close(cs.personas, NoLock);
}

// Slots are kept for the whole call: created in the call's context, not the per-persona one.
TupleTableSlot *make_slot(CallState &cs, Relation rel) {
	MemoryContext old = MemoryContextSwitchTo(cs.call_cxt);
	TupleTableSlot *slot = table_slot_create(rel, nullptr);
	MemoryContextSwitchTo(old);
	return slot;
}

// Element at slot (1-based, honouring the array's lower bound) of a one-dimensional int4 array, 0 when missing or NULL.
int64 count_element(ArrayType *arr, int slot) {
	if (arr == nullptr || ARR_NDIM(arr) != 1 || ARR_ELEMTYPE(arr) != INT4OID)
		return 0;
	const int nelems = ARR_DIMS(arr)[0];
	const int idx = slot - ARR_LBOUND(arr)[0];
	const bits8 *nulls = ARR_NULLBITMAP(arr);
	if (idx < 0 || idx >= nelems || (nulls != nullptr && !(nulls[idx / 8] & (1 << (idx % 8)))))
		return 0;
	int pos = idx;  // with a null bitmap, data holds only the non-null elements before idx
	if (nulls != nullptr) {
		pos = 0;
		for (int k = 0; k < idx; k++)
			if (nulls[k / 8] & (1 << (k % 8)))
				pos++;
	}
	return reinterpret_cast<const int32 *>(ARR_DATA_PTR(arr))[pos];
}

// Counter-mode counts: the sum over the persona's rows of _vital_summary_counts (per-statement deltas, usually
// folded into one row) under the statement snapshot (no row: all 0).
void read_counters(CallState &cs, Result &res, const pg_uuid_t *persona) {
	Registry *r = cs.reg;
	for (int i = 0; i < r->nsections; i++)
		if (cs.modes[i] == Mode::Counter)
			res.counts[i] = 0;
	if (cs.counts_slot == nullptr)
		cs.counts_slot = make_slot(cs, cs.counts);
	ScanKeyData skey;
	ScanKeyInit(&skey, 1, BTEqualStrategyNumber, F_UUID_EQ, UUIDPGetDatum(const_cast<pg_uuid_t *>(persona)));
	IndexScanDesc scan = index_beginscan(cs.counts, cs.counts_index, cs.snapshot, 1, 0);
	index_rescan(scan, &skey, 1, nullptr, 0);
	while (index_getnext_slot(scan, ForwardScanDirection, cs.counts_slot)) {
		CHECK_FOR_INTERRUPTS();
		bool isnull;
		Datum d = slot_getattr(cs.counts_slot, r->counts_attnum, &isnull);
		if (!isnull) {
			ArrayType *arr = DatumGetArrayTypeP(d);
			for (int i = 0; i < r->nsections; i++)
				if (cs.modes[i] == Mode::Counter)
					res.counts[i] += count_element(arr, r->sections[i].slot);
			if (reinterpret_cast<Pointer>(arr) != DatumGetPointer(d))
				pfree(arr);
		}
		ExecClearTuple(cs.counts_slot);
	}
	index_endscan(scan);
}

// Direct count of section si for one key value (persona id or parent id).
void scan_direct(CallState &cs, Result &res, int si, const pg_uuid_t *key) {
	const Section &s = cs.reg->sections[si];
	Relation heap = cs.heaps[si];
	bool need_values = s.ncols > 0 || s.has_children;
	ScanKeyData skey[2];
	int nkeys;
	if (OidIsValid(s.index_oid)) {
		ScanKeyInit(&skey[0], 1, BTEqualStrategyNumber, F_UUID_EQ, UUIDPGetDatum(const_cast<pg_uuid_t *>(key)));
		nkeys = 1;
	} else {
		ScanKeyInit(&skey[0], 1, BTEqualStrategyNumber, F_UUID_EQ, UUIDPGetDatum(&cs.tenant));
		ScanKeyInit(&skey[1], 2, BTEqualStrategyNumber, F_UUID_EQ, UUIDPGetDatum(const_cast<pg_uuid_t *>(key)));
		nkeys = 2;
	}
	IndexScanDesc scan = index_beginscan(heap, cs.indexes[si], cs.snapshot, nkeys, 0);
	index_rescan(scan, skey, nkeys, nullptr, 0);
	Datum v[max_role_columns];
	bool nul[max_role_columns];
	if (!need_values) {
		// Index-only style: all-visible heap pages need no visit (as nodeIndexonlyscan.c).
		if (cs.slots[si] == nullptr)
			cs.slots[si] = make_slot(cs, heap);
		ItemPointer tid;
		while ((tid = index_getnext_tid(scan, ForwardScanDirection)) != nullptr) {
			CHECK_FOR_INTERRUPTS();
			if (!VM_ALL_VISIBLE(heap, ItemPointerGetBlockNumber(tid), &cs.vmbuf)) {
				if (!index_fetch_heap(scan, cs.slots[si]))
					continue;
				ExecClearTuple(cs.slots[si]);
			}
			res.counts[si]++;
		}
	} else {
		if (cs.slots[si] == nullptr)
			cs.slots[si] = make_slot(cs, heap);
		TupleTableSlot *slot = cs.slots[si];
		while (index_getnext_slot(scan, ForwardScanDirection, slot)) {
			CHECK_FOR_INTERRUPTS();
			for (int c = 0; c < s.ncols; c++) {
				nul[c] = true;
				v[c] = 0;
				if (s.cols[c].attnum != InvalidAttrNumber)
					v[c] = slot_getattr(slot, s.cols[c].attnum, &nul[c]);
			}
			pg_uuid_t id{};
			bool idnull = true;
			if (s.id_attnum != InvalidAttrNumber) {
				Datum d = slot_getattr(slot, s.id_attnum, &idnull);
				if (!idnull)
					id = *DatumGetUUIDP(d);
			}
			consume(cs, res, si, id, v, nul);
		}
		ExecClearTuple(slot);
	}
	index_endscan(scan);
}

// RLS-respecting fallback through the section's cached plan (SPI is connected).
void scan_spi(CallState &cs, Result &res, int si, const pg_uuid_t *persona) {
	Section &s = cs.reg->sections[si];
	// SPI_prepare and the cursor calls return in SPI's procedure context, which SPI_finish deletes: without restoring the
	// caller's context, everything allocated after the first SPI section (the summary jsonb included) was freed
	// memory by the time it was returned (seen as "unknown type of jsonb container" when the result is copied).
	MemoryContext keep = CurrentMemoryContext;
	if (s.fallback_plan == nullptr) {
		Oid argtypes[2] = {UUIDOID, UUIDOID};
		SPIPlanPtr plan = SPI_prepare(s.fallback_sql, 2, argtypes);
		if (plan == nullptr)
			elog(ERROR, "vital_summary: SPI_prepare failed for %s: %s", s.name, SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		s.fallback_plan = plan;
	}
	// Read through a cursor in batches: memory stays bounded however many rows the persona has in the section
	// (consume() copies what it keeps). $1 persona, $2 its tenant (registry.cpp).
	Datum args[2] = {UUIDPGetDatum(const_cast<pg_uuid_t *>(persona)), UUIDPGetDatum(&cs.tenant)};
	Portal portal = SPI_cursor_open(nullptr, s.fallback_plan, args, nullptr, true);
	Datum v[max_role_columns];
	bool nul[max_role_columns];
	for (;;) {
		SPI_cursor_fetch(portal, true, spi_batch_rows);
		if (SPI_processed == 0)
			break;
		for (uint64 row = 0; row < SPI_processed; row++) {
			CHECK_FOR_INTERRUPTS();
			HeapTuple tup = SPI_tuptable->vals[row];
			bool idnull;
			Datum d = SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &idnull);
			pg_uuid_t id{};
			if (!idnull)
				id = *DatumGetUUIDP(d);
			for (int c = 0; c < s.ncols; c++)
				v[c] = SPI_getbinval(tup, SPI_tuptable->tupdesc, c + 2, &nul[c]);
			consume(cs, res, si, id, v, nul);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_freetuptable(SPI_tuptable);
	SPI_cursor_close(portal);
	MemoryContextSwitchTo(keep);
}

void collect(CallState &cs, Result &res, const pg_uuid_t *persona) {
	Registry *r = cs.reg;
	if (cs.counts != nullptr)
		read_counters(cs, res, persona);
	for (int i = 0; i < r->nsections; i++) {
		const Section &s = r->sections[i];
		switch (cs.modes[i]) {
		case Mode::NoAccess: res.count_null[i] = true; break;
		case Mode::Counter: break;  // read_counters
		case Mode::Spi: scan_spi(cs, res, i, persona); break;
		case Mode::Direct:
			if (s.parent < 0)
				scan_direct(cs, res, i, persona);
			else {
				const IdList &parents = res.ids[s.parent];
				for (int p = 0; p < parents.n; p++) {
					CHECK_FOR_INTERRUPTS();
					scan_direct(cs, res, i, &parents.ids[p]);
				}
			}
			break;
		}
	}
}

// ---- jsonb -------------------------------------------------------------------------------

void push_key(JsonbParseState **st, const char *k) {
	JsonbValue v;
	v.type = jbvString;
	v.val.string.val = const_cast<char *>(k);
	v.val.string.len = static_cast<int>(std::strlen(k));
	pushJsonbValue(st, WJB_KEY, &v);
}
JsonbValue str_value(const char *s) {
	JsonbValue v;
	if (s == nullptr) {
		v.type = jbvNull;
		return v;
	}
	v.type = jbvString;
	v.val.string.val = const_cast<char *>(s);
	v.val.string.len = static_cast<int>(std::strlen(s));
	return v;
}
JsonbValue num_value(Numeric n) {
	JsonbValue v;
	v.type = jbvNumeric;
	v.val.numeric = n;
	return v;
}
JsonbValue int_value(int64 i) { return num_value(int64_to_numeric(i)); }
JsonbValue null_value() {
	JsonbValue v;
	v.type = jbvNull;
	return v;
}
// round(a / b, scale) as numeric, exactly as SQL computes it.
Numeric ratio(int64 a, int64 b, int scale) {
	Datum q = DirectFunctionCall2(numeric_div, NumericGetDatum(int64_to_numeric(a)), NumericGetDatum(int64_to_numeric(b)));
	return DatumGetNumeric(DirectFunctionCall2(numeric_round, q, Int32GetDatum(scale)));
}
void kv(JsonbParseState **st, const char *k, JsonbValue v) {
	push_key(st, k);
	pushJsonbValue(st, WJB_VALUE, &v);
}
void push_names(JsonbParseState **st, const char *k, uint8 mask, const char *const *names, int n, bool present) {
	push_key(st, k);
	if (!present) {
		JsonbValue v = null_value();
		pushJsonbValue(st, WJB_VALUE, &v);
		return;
	}
	pushJsonbValue(st, WJB_BEGIN_ARRAY, nullptr);
	for (int i = 0; i < n; i++)
		if (mask & (1 << i)) {
			JsonbValue v = str_value(names[i]);
			pushJsonbValue(st, WJB_ELEM, &v);
		}
	pushJsonbValue(st, WJB_END_ARRAY, nullptr);
}
void push_top(JsonbParseState **st, const char *k, const Top &t, const char *label_key, const char *num_key) {
	push_key(st, k);
	pushJsonbValue(st, WJB_BEGIN_ARRAY, nullptr);
	for (int i = 0; i < t.n; i++) {
		const Item &it = t.items[i];
		pushJsonbValue(st, WJB_BEGIN_OBJECT, nullptr);
		kv(st, "id", str_value(DatumGetCString(DirectFunctionCall1(uuid_out, UUIDPGetDatum(const_cast<pg_uuid_t *>(&it.id))))));
		kv(st, "text", str_value(it.text));
		kv(st, label_key, str_value(it.label));
		if (num_key)
			kv(st, num_key, it.num_null ? null_value() : int_value(it.num));
		pushJsonbValue(st, WJB_END_OBJECT, nullptr);
	}
	pushJsonbValue(st, WJB_END_ARRAY, nullptr);
}

bool has_role(const Registry *r, Role role) {
	for (int i = 0; i < r->nsections; i++)
		if (r->sections[i].role == role)
			return true;
	return false;
}

Datum build_json(CallState &cs, Result &res) {
	Registry *r = cs.reg;
	JsonbParseState *st = nullptr;
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);

	push_key(&st, "persona");
	JsonbValue ident;
	Jsonb *ij = DatumGetJsonbP(res.identity);
	ident.type = jbvBinary;
	ident.val.binary.data = &ij->root;
	ident.val.binary.len = VARSIZE(ij) - VARHDRSZ;
	pushJsonbValue(&st, WJB_VALUE, &ident);

	int64 filled = 0, total = 0, evidence = 0, stakeholders = 0;
	bool any_evidence = false, any_stakeholder = false;
	push_key(&st, "sections");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	for (int i = 0; i < r->nsections; i++) {
		const Section &s = r->sections[i];
		kv(&st, s.name, res.count_null[i] ? null_value() : int_value(res.counts[i]));
		if (res.count_null[i])
			continue;
		total++;
		filled += res.counts[i] > 0;
		switch (s.role) {
		case Role::EvidenceSources: case Role::Research: case Role::Reports:
		case Role::Opinions: case Role::CaseStudies: case Role::Statistics:
			evidence += res.counts[i];
			any_evidence = true;
			break;
		case Role::Stakeholder:
			stakeholders += res.counts[i];
			any_stakeholder = true;
			break;
		default: break;
		}
	}
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "completeness");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	kv(&st, "filled_sections", int_value(filled));
	kv(&st, "total_sections", int_value(total));
	kv(&st, "ratio", total > 0 ? num_value(ratio(filled, total, 3)) : null_value());
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "evidence");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	kv(&st, "count", any_evidence ? int_value(evidence) : null_value());
	kv(&st, "quality_score", res.evq_null ? null_value() : int_value(res.evq));
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "stakeholders");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	kv(&st, "count", any_stakeholder ? int_value(stakeholders) : null_value());
	kv(&st, "influence_score", res.infl_n > 0 ? num_value(ratio(res.infl_sum, res.infl_n, 2)) : null_value());
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "time_coverage");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	push_names(&st, "days_of_week", res.days, days, 7, has_role(r, Role::WeekInLife));
	push_names(&st, "month_phases", res.phases, phases, 3, has_role(r, Role::MonthInLife));
	push_names(&st, "quarters", res.quarters, quarters, 4, has_role(r, Role::YearInLife));
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "highlights");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	push_top(&st, "goals", res.goals, "goal_type", "priority");
	push_top(&st, "pain_points", res.pains, "severity", nullptr);
	push_top(&st, "evidence", res.evidence, "source", "score");
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	push_key(&st, "version");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
	kv(&st, "extension", str_value(r->ext_version));
	kv(&st, "library", str_value(VP_LIBRARY_VERSION));
	pushJsonbValue(&st, WJB_END_OBJECT, nullptr);

	JsonbValue *out = pushJsonbValue(&st, WJB_END_OBJECT, nullptr);
	return JsonbPGetDatum(JsonbValueToJsonb(out));
}

// ---- driver ------------------------------------------------------------------------------

int depth = 0;
struct DepthGuard {
	DepthGuard() {
		if (depth > 0)
			throw pg::UserError(ERRCODE_INVALID_RECURSION, "vital_summary cannot be called recursively",
			                    "It was reached from a policy or function evaluated while a summary was being built.");
		depth++;
	}
	~DepthGuard() { depth--; }
};

using Emit = void (*)(void *arg, const pg_uuid_t *id, Datum summary, bool isnull);

// Summaries of ids[0..n) in order; emit() is called for each (isnull when not visible).
void summarize(const pg_uuid_t *ids, int n, Emit emit, void *arg) {
	using namespace vp::pg;
	DepthGuard depth_guard;
	MemoryContext callcxt = CurrentMemoryContext;
	// One persona's garbage (texts, result arrays, the jsonb once emitted) is dropped before the next: memory of
	// vital_summaries does not grow with the number of ids (the tuplestore spills to disk beyond work_mem).
	MemoryContext persona_cxt = callcxt;
	if (n > 1)
		persona_cxt = pg_call([&] {
			return AllocSetContextCreate(callcxt, "vital_summaries persona", ALLOCSET_DEFAULT_SIZES);
		});
	Spi spi;
	CallState cs{};
	cs.cxt = persona_cxt;
	cs.call_cxt = callcxt;
	for (int attempt = 0;; attempt++) {
		cs.reg = current(spi);
		pg_call([&] {
			MemoryContext old = MemoryContextSwitchTo(callcxt);
			open_base(cs);
			decide_modes(cs);
			open_sections(cs);
			MemoryContextSwitchTo(old);
		});
		if (!stale() || attempt == 3)
			break;
		pg_call([&] { close_all(cs); });  // DDL committed while we were locking: rebuild and retry
	}
	Registry *r = cs.reg;
	pg_call([&] {
		if (!ActiveSnapshotSet())
			elog(ERROR, "vital_summary: no active snapshot");
		cs.snapshot = GetActiveSnapshot();
	});
	if (r->probe_plan == nullptr) {
		Oid argtypes[1] = {UUIDOID};
		r->probe_plan = spi.prepare_kept(r->probe_sql, 1, argtypes);
	}
	const int ns = r->nsections;
	for (int k = 0; k < n; k++) {
		check_interrupts();
		const pg_uuid_t *id = &ids[k];
		Datum param = UUIDPGetDatum(const_cast<pg_uuid_t *>(id));
		spi.execute_plan(r->probe_plan, &param, nullptr, true, 1);
		if (Spi::processed() == 0) {
			pg_call([] { SPI_freetuptable(SPI_tuptable); });  // else each empty result stays until SPI_finish
			emit(arg, id, 0, true);
			continue;
		}
		Datum summary = pg_call([&] {
			MemoryContext old = MemoryContextSwitchTo(persona_cxt);
			Result *res = static_cast<Result *>(palloc0(sizeof(Result)));
			res->counts = static_cast<int64 *>(palloc0(sizeof(int64) * (ns + 1)));
			res->count_null = static_cast<bool *>(palloc0(sizeof(bool) * (ns + 1)));
			res->ids = static_cast<IdList *>(palloc0(sizeof(IdList) * (ns + 1)));
			res->evq_null = true;
			bool isnull;
			Datum t = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
			cs.tenant = isnull ? pg_uuid_t{} : *DatumGetUUIDP(t);
			res->identity = datumCopy(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull), false, -1);
			SPI_freetuptable(SPI_tuptable);
			collect(cs, *res, id);
			Datum d = build_json(cs, *res);
			MemoryContextSwitchTo(old);
			return d;
		});
		emit(arg, id, summary, false);  // the tuplestore copies it
		if (persona_cxt != callcxt)
			pg_call([&] { MemoryContextReset(persona_cxt); });
	}
	pg_call([&] { close_all(cs); });
	spi.finish();
}

struct SingleOut {
	Datum value;
	bool isnull;
};
void emit_single(void *arg, const pg_uuid_t *, Datum summary, bool isnull) {
	auto *o = static_cast<SingleOut *>(arg);
	o->value = summary;
	o->isnull = isnull;
}

struct SetOut {
	ReturnSetInfo *rsinfo;
};
void emit_row(void *arg, const pg_uuid_t *id, Datum summary, bool isnull) {
	if (isnull)
		return;  // invisible and missing personas are simply absent, as in a SELECT under RLS
	auto *o = static_cast<SetOut *>(arg);
	Datum values[2] = {UUIDPGetDatum(const_cast<pg_uuid_t *>(id)), summary};
	bool nulls[2] = {false, false};
	pg::pg_call([&] { tuplestore_putvalues(o->rsinfo->setResult, o->rsinfo->setDesc, values, nulls); });
}

}  // namespace
}  // namespace vp::summary

// vital_summary(persona_id uuid) RETURNS jsonb (STRICT): NULL when the persona does not exist
// or the caller cannot see it.
VP_FUNCTION(vital_summary) {
	pg_uuid_t *id = PG_GETARG_UUID_P(0);
	vp::summary::SingleOut out{0, true};
	vp::summary::summarize(id, 1, vp::summary::emit_single, &out);
	if (out.isnull)
		PG_RETURN_NULL();
	return out.value;
}

// vital_summaries(persona_ids uuid[]) RETURNS TABLE (persona_id uuid, summary jsonb): one row per
// distinct visible persona, in the order of first appearance in the array.
VP_FUNCTION(vital_summaries) {
	using namespace vp::pg;
	ArrayType *arr = pg_call([&] { return PG_GETARG_ARRAYTYPE_P(0); });
	// Bounded work: the element count is checked before anything proportional to it is done.
	const int total = pg_call([&] { return ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr)); });
	if (total > vp::summary::max_summaries_ids)
		throw UserError(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "vital_summaries: too many persona ids",
		                "The array has " + std::to_string(total) + " elements; the limit is " +
		                    std::to_string(vp::summary::max_summaries_ids) + ".",
		                "Request the summaries in pages of at most " + std::to_string(vp::summary::max_summaries_ids) +
		                    " ids.");
	Datum *elems;
	bool *nulls;
	int n;
	pg_call([&] {
		InitMaterializedSRF(fcinfo, 0);
		deconstruct_array(arr, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR, &elems, &nulls, &n);
	});
	// Distinct ids in the order of their first appearance, in O(n log n): sort (id, position), keep the first
	// position of each id, then walk the positions in order.
	struct Entry {
		pg_uuid_t id;
		int pos;
	};
	auto entries = make_small_vector<SmallVector<Entry, 64>>();
	entries.reserve(static_cast<size_t>(n));
	for (int i = 0; i < n; i++)
		if (!nulls[i])
			entries.push_back(Entry{*DatumGetUUIDP(elems[i]), i});
	std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
		int c = std::memcmp(a.id.data, b.id.data, UUID_LEN);
		return c != 0 ? c < 0 : a.pos < b.pos;
	});
	bool *first = pg_call([&] { return static_cast<bool *>(palloc0(sizeof(bool) * (n + 1))); });
	for (size_t k = 0; k < entries.size(); k++)
		if (k == 0 || std::memcmp(entries[k - 1].id.data, entries[k].id.data, UUID_LEN) != 0)
			first[entries[k].pos] = true;
	pg_uuid_t *ids = pg_call([&] { return static_cast<pg_uuid_t *>(palloc(sizeof(pg_uuid_t) * (n + 1))); });
	int m = 0;
	for (int i = 0; i < n; i++)
		if (first[i])
			ids[m++] = *DatumGetUUIDP(elems[i]);
	vp::summary::SetOut out{reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo)};
	vp::summary::summarize(ids, m, vp::summary::emit_row, &out);
	return (Datum)0;
}

// _vital_summary_modes(): how each section would be read for the current role right now
// ("direct", "spi" or "no_access"). Diagnostic for tests and docs; revoked from PUBLIC.
VP_FUNCTION(vital_summary_modes) {
	using namespace vp::pg;
	using namespace vp::summary;
	MemoryContext callcxt = CurrentMemoryContext;
	Spi spi;
	CallState cs{};
	cs.cxt = callcxt;
	cs.call_cxt = callcxt;
	cs.reg = current(spi);
	Datum d = pg_call([&] {
		MemoryContext old = MemoryContextSwitchTo(callcxt);
		open_base(cs);
		decide_modes(cs);
		JsonbParseState *st = nullptr;
		pushJsonbValue(&st, WJB_BEGIN_OBJECT, nullptr);
		for (int i = 0; i < cs.reg->nsections; i++)
			kv(&st, cs.reg->sections[i].name,
			   str_value(cs.modes[i] == Mode::Direct    ? "direct"
			             : cs.modes[i] == Mode::Counter ? "counter"
			             : cs.modes[i] == Mode::Spi     ? "spi"
			                                            : "no_access"));
		JsonbValue *out = pushJsonbValue(&st, WJB_END_OBJECT, nullptr);
		Datum result = JsonbPGetDatum(JsonbValueToJsonb(out));
		close_all(cs);
		MemoryContextSwitchTo(old);
		return result;
	});
	spi.finish();
	return d;
}

// Broadcasts a relcache invalidation on personas so every backend rebuilds its registry and
// plans (called at the end of every install and update script).
VP_FUNCTION(vital_summary_invalidate) {
	using namespace vp::pg;
	Oid schema = vp::catalog::extension_schema();
	pg_call([&] {
		Oid rel = get_relname_relid("personas", schema);
		if (OidIsValid(rel))
			CacheInvalidateRelcacheByRelid(rel);
	});
	PG_RETURN_VOID();
}
