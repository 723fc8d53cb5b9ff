// The SQL-callable functions of the summary: vital_summary(uuid), vital_summaries(uuid[]), _vital_summary_modes()
// and vital_summary_invalidate() (C symbols referenced by the released SQL scripts: names and signatures never
// change), plus the test hook vital_summary_sections() (not installed: test/pgtap/071_summary_counts.sql creates it).
//
// Per call: (1) an RLS-respecting cached SPI probe reads the persona row (NULL when it is not visible or does not
// exist); (2) every section is counted in the mode visibility.cpp decides: a direct btree scan or the maintained
// counter (only when that provably returns what the caller's own SELECT would return) or a cached RLS-respecting SPI
// plan (scan.cpp, counters.cpp, rows.cpp); (3) the jsonb is built (json.cpp). Design and proof: docs/summary.md.
// C++ zone: PostgreSQL is called only through pg_call / Spi; the stages run inside pg_call.
#include <algorithm>
#include <cstring>
#include <string>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/allocator.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/pg/spi.hpp"
#include "vital_persona/summary/call.hpp"

extern "C" {
#include "utils/array.h"
#include "utils/datum.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"
}

namespace vp::summary {
namespace {

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
			scan::open_base(cs);
			visibility::decide_modes(cs);
			scan::open_sections(cs);
			MemoryContextSwitchTo(old);
		});
		if (!stale() || attempt == 3)
			break;
		pg_call([&] { scan::close_all(cs); });  // DDL committed while we were locking: rebuild and retry
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
			scan::collect(cs, *res, id);
			Datum d = json::build(cs, *res);
			MemoryContextSwitchTo(old);
			return d;
		});
		emit(arg, id, summary, false);  // the tuplestore copies it
		if (persona_cxt != callcxt)
			pg_call([&] { MemoryContextReset(persona_cxt); });
	}
	pg_call([&] { scan::close_all(cs); });
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
// ("direct", "counter", "spi" or "no_access"). Diagnostic for tests and docs; revoked from PUBLIC.
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
		scan::open_base(cs);
		visibility::decide_modes(cs);
		Datum result = json::modes(cs);
		scan::close_all(cs);
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
		Oid rel = get_relname_relid(vp::catalog::personas_table, schema);
		if (OidIsValid(rel))
			CacheInvalidateRelcacheByRelid(rel);
	});
	PG_RETURN_VOID();
}

// Test hook, not installed (test/pgtap/071_summary_counts.sql creates it as the superuser inside its
// transaction): the sections of the registry as the C++ side sees them, TABLE (relname text, key_column text,
// parent text, slot integer, registered boolean), in registry order. test/pgtap/071_summary_counts.sql compares them
// with the slots the SQL side (_vital_summary_counts_install) derived: both must name the same sections.
VP_FUNCTION(vital_summary_sections) {
	using namespace vp::pg;
	Spi spi;
	vp::summary::Registry *r = vp::summary::current(spi);
	pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
	auto *rsinfo = reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo);
	for (int i = 0; i < r->nsections; i++) {
		const vp::summary::Section &s = r->sections[i];
		pg_call([&] {
			const char *parent = s.parent >= 0 ? r->sections[s.parent].name : nullptr;
			Datum values[5] = {CStringGetTextDatum(s.name), CStringGetTextDatum(get_attname(s.relid, s.key_attnum, false)),
			                   parent ? CStringGetTextDatum(parent) : (Datum)0, Int32GetDatum(s.slot),
			                   BoolGetDatum(s.registered)};
			bool nulls[5] = {false, false, parent == nullptr, false, false};
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		});
	}
	spi.finish();
	return (Datum)0;
}
