// Reading sections for vital_summary: opening and locking the relations a call reads, the direct btree scans
// (index-only style where no column is needed: all-visible heap pages are not visited, as nodeIndexonlyscan.c does;
// otherwise columns come from the slot with slot_getattr, which deforms the tuple once) and the RLS-respecting SQL
// fallback read through a cursor. Which of them a section gets is visibility.cpp's decision.
// Postgres zone (the hot loops): call inside pg_call.
// lint: postgres-zone-file (PostgreSQL-zone helpers, called only inside pg_call)
#include "vital_persona/summary/call.hpp"

extern "C" {
#include "access/genam.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/visibilitymap.h"
#include "storage/bufmgr.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"
}

namespace vp::summary::scan {
namespace {

constexpr long spi_batch_rows = 1000;  // rows per fetch of a section read through SQL

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
			rows::add(cs, res, si, id, v, nul);
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
	// (rows::add copies what it keeps). $1 persona, $2 its tenant (registry.cpp).
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
			rows::add(cs, res, si, id, v, nul);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_freetuptable(SPI_tuptable);
	SPI_cursor_close(portal);
	MemoryContextSwitchTo(keep);
}

}  // namespace

// AccessShareLock, as a query would; invalidations processed while locking mark the registry stale.
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

// Only Direct sections are opened: for Counter sections the counters table's lock covers what is read, SPI
// sections are locked by their query.
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
		else if (OidIsValid(s.tenant_index_oid) && visibility::chain_ok(r, s))
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

// Created in the call's context, not the per-persona one.
TupleTableSlot *make_slot(CallState &cs, Relation rel) {
	MemoryContext old = MemoryContextSwitchTo(cs.call_cxt);
	TupleTableSlot *slot = table_slot_create(rel, nullptr);
	MemoryContextSwitchTo(old);
	return slot;
}

void collect(CallState &cs, Result &res, const pg_uuid_t *persona) {
	Registry *r = cs.reg;
	if (cs.counts != nullptr)
		counters::read(cs, res, persona);
	for (int i = 0; i < r->nsections; i++) {
		const Section &s = r->sections[i];
		switch (cs.modes[i]) {
		case Mode::NoAccess: res.count_null[i] = true; break;
		case Mode::Counter: break;  // counters::read
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

}  // namespace vp::summary::scan
