// One call of vital_summary / vital_summaries / _vital_summary_modes: the per-call state, the result one persona's
// summary is built from, and the stages that fill them, one file each (docs/summary.md):
//   visibility.cpp  how each section may be read by the caller (direct scan, counter, SQL, no access)
//   scan.cpp        opening the relations, the direct btree scans and the RLS-respecting SQL fallback
//   counters.cpp    the maintained counters row (_vital_summary_counts)
//   rows.cpp        what one visible row contributes (count, ids for grandchildren, highlights, derived figures)
//   json.cpp        the jsonb result
//   entry.cpp       the SQL-callable functions that drive the stages
// Postgres zone throughout: every function declared here may raise and runs inside vp::pg::pg_call; everything is
// trivially destructible and palloc'd (the per-call context or the per-persona one).
#pragma once

#include "vital_persona/summary.hpp"

extern "C" {
#include "executor/tuptable.h"
#include "storage/buf.h"
#include "utils/relcache.h"
#include "utils/snapshot.h"
}

namespace vp::summary {

constexpr int top_n = 3;  // highlights per kind

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

// Everything one persona's summary is built from (palloc'd in the persona context, POD).
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

// Per-call state of the relations we read.
struct CallState {
	Registry *reg;
	MemoryContext cxt;       // results of the persona being summarised live here (reset between personas)
	MemoryContext call_cxt;  // the caller's context: per-call state (slots, arrays) lives here
	Mode *modes;
	Relation *heaps;
	Relation *indexes;
	TupleTableSlot **slots;
	Relation personas;
	Relation counts;  // _vital_summary_counts and its persona_id index (nullptr: no Counter mode)
	Relation counts_index;
	TupleTableSlot *counts_slot;
	Buffer vmbuf;
	Snapshot snapshot;
	pg_uuid_t tenant;  // tenant_id of the persona being summarised (from the probe)
};

namespace visibility {
// Sets cs.modes for the current user (after open_base, before open_sections).
void decide_modes(CallState &cs);
// The validated FK chain forces the row's tenant_id to equal its persona's tenant_id.
bool chain_ok(const Registry *r, const Section &s);
}  // namespace visibility

namespace scan {
// Locks personas and the counters table and allocates the per-call arrays (in the current context).
void open_base(CallState &cs);
// Opens and locks the sections read directly (after decide_modes).
void open_sections(CallState &cs);
// Releases slots, buffers and relations (locks are kept to end of transaction).
void close_all(CallState &cs);
// A slot for rel, kept for the whole call (created in cs.call_cxt).
TupleTableSlot *make_slot(CallState &cs, Relation rel);
// Counts every section for one persona into res, each in its mode (SPI connected).
void collect(CallState &cs, Result &res, const pg_uuid_t *persona);
}  // namespace scan

namespace counters {
// Counter-mode counts of one persona: the sum over its rows of _vital_summary_counts.
void read(CallState &cs, Result &res, const pg_uuid_t *persona);
}  // namespace counters

namespace rows {
// Feeds one visible row of section si (its id, the values of its role's columns) into res.
void add(CallState &cs, Result &res, int si, const pg_uuid_t &id, const Datum *v, const bool *nul);
}  // namespace rows

namespace json {
// The summary document of one persona.
Datum build(const CallState &cs, const Result &res);
// {section: "direct" | "counter" | "spi" | "no_access"} for _vital_summary_modes().
Datum modes(const CallState &cs);
}  // namespace json

}  // namespace vp::summary
