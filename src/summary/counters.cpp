// The maintained counters of vital_summary (sql/4.0/071_summary_counts.sql; docs/summary.md "Maintained counts"):
// which slot of _vital_summary_counts.counts holds a section's count (read from its maintenance triggers when the
// registry is built) and, per call, the counts of the sections in Counter mode, summed over the persona's rows.
// Postgres zone: call inside pg_call.
#include <cstring>

#include "vital_persona/summary/call.hpp"

extern "C" {
#include "access/genam.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "commands/trigger.h"
#include "utils/array.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"
}

namespace vp::summary::counters {
namespace {

// Element `slot` (a SQL subscript: honours the array's lower bound) of a one-dimensional int4[] value, read in place;
// 0 when the element is missing or NULL, which is what coalesce(counts[slot], 0) gives in SQL.
// Decoded by hand, isolated here: deconstruct_array would palloc two arrays per counters row, array_get_element walks
// a general subscript per element. The layout is utils/array.h's: after the header, the dimensions and the lower
// bounds comes an optional null bitmap (bit k set = element k is NOT null, the convention of heap tuples) and then
// the data of the non-null elements only; int4 is fixed-length and 4-byte aligned, so the data is a plain int32
// array and element idx is data[number of non-null elements before idx]. Anything the counter triggers never write
// (another type, more dimensions) reads as 0. Tested with NULL elements and a lower bound other than 1
// (test/pgtap/071_summary_counts.sql).
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

}  // namespace

// (summary.hpp) The slot of relid in _vital_summary_counts.counts, read from its maintenance triggers (created
// by _vital_summary_counts_install): all four statement triggers must exist, be enabled and agree on the slot,
// and a parent of grandchildren must also have the row trigger. Otherwise 0 (not maintained: count by scan).
// Returns -slot for a parent whose row trigger is missing (its own count is fine, its grandchildren's are not).
// Trigger changes (DROP/DISABLE TRIGGER) invalidate the relcache, so the registry follows them.
// lint: postgres-zone
int maintained_slot(Oid relid, bool is_parent) {
	static const char *const names[] = {"vital_summary_counts_ins", "vital_summary_counts_del", "vital_summary_counts_upd",
	                                    "vital_summary_counts_trunc"};
	Relation rel = table_open(relid, AccessShareLock);
	int slot = 0, found = 0;
	bool parent_trigger = false, ok = true;
	if (rel->trigdesc != nullptr)
		for (int t = 0; t < rel->trigdesc->numtriggers; t++) {
			const Trigger &tg = rel->trigdesc->triggers[t];
			if (std::strcmp(tg.tgname, "A_vital_summary_counts_parent_del") == 0) {
				parent_trigger = tg.tgenabled != TRIGGER_DISABLED;
				continue;
			}
			for (const char *n : names)
				if (std::strcmp(tg.tgname, n) == 0) {
					int s = tg.tgnargs >= 1 ? pg_strtoint32(tg.tgargs[0]) : 0;
					if (tg.tgenabled == TRIGGER_DISABLED || s <= 0 || (slot != 0 && s != slot))
						ok = false;
					slot = s;
					found++;
				}
		}
	table_close(rel, AccessShareLock);
	if (!ok || found != 4)
		return 0;
	return is_parent && !parent_trigger ? -slot : slot;
}

// (call.hpp) The sum over the persona's rows of _vital_summary_counts (per-statement deltas, usually
// folded into one row) under the statement snapshot (no row: all 0).
// lint: postgres-zone
void read(CallState &cs, Result &res, const pg_uuid_t *persona) {
	Registry *r = cs.reg;
	for (int i = 0; i < r->nsections; i++)
		if (cs.modes[i] == Mode::Counter)
			res.counts[i] = 0;
	if (cs.counts_slot == nullptr)
		cs.counts_slot = scan::make_slot(cs, cs.counts);
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

}  // namespace vp::summary::counters
