// vital_summary: per-backend registry of the persona's sections (which tables are sections is
// vp::catalog::sections(), src/catalog/sections.cpp; how to read them is decided here) and the
// building blocks src/summary/registry.cpp assembles it from. The per-call side is in
// include/vital_persona/summary/call.hpp.
//
// Everything here is trivially destructible and lives in palloc memory: the registry in a child
// of CacheMemoryContext (dropped on relcache invalidation), per-call results in the caller's
// memory context. See docs/summary.md for the design and the visibility argument.
#pragma once

#include "vital_persona/pg/postgres.hpp"

extern "C" {
#include "utils/uuid.h"
}

namespace vp::pg {
class Spi;
}

namespace vp::summary {

// What a section contributes beyond its count (highlights, derived figures).
enum class Role : uint8 {
	None,
	Goals,            // persona_goals: highlights by priority
	PainPoints,       // persona_pain_points: highlights by severity
	EvidenceSources,  // 4.0 evidence (confidence level)
	Research,         // 5.0 evidence tables (relevance_score)
	Reports,
	Opinions,
	CaseStudies,
	Statistics,
	WeekInLife,       // time-perspective coverage
	MonthInLife,
	YearInLife,
	InfluenceMap,     // stakeholder influence score
	EvidenceSummary,  // evidence quality score (5.0)
	Stakeholder,      // counted into the stakeholder total
};

constexpr int max_role_columns = 6;

// Largest array vital_summaries accepts (elements, NULLs and duplicates included): 54000 beyond it.
// docs/summary.md "Limits".
constexpr int max_summaries_ids = 10000;

struct ColRef {
	AttrNumber attnum;  // InvalidAttrNumber when the column does not exist
	Oid typid;
};

// A policy as it applies to SELECT, reduced to what the equivalence check compares.
struct PolicySig {
	char cmd;          // polcmd: 'r' (SELECT) or '*' (ALL); others are dropped at load time
	bool permissive;
	int nroles;
	Oid *roles;        // ACL_ID_PUBLIC (0) means PUBLIC
	const char *qual;  // deparsed USING expression (column names, not attnums)
};

// How a section is read during one call (decided per call: ACL and RLS depend on the role).
// Counter: Direct, and the count is read from the maintained counters row (_vital_summary_counts) instead of
// scanning the section (the section feeds no highlight/derived figure and has a slot).
enum class Mode : uint8 { NoAccess, Direct, Spi, Counter };

struct Section {
	const char *name;          // table name, the key in "sections"
	Oid relid;
	Oid index_oid;             // btree index whose first column is key_attnum (InvalidOid: none)
	Oid tenant_index_oid;      // btree index on (tenant_id, key_attnum, ...): usable with the tenant FK chain
	AttrNumber key_attnum;     // persona_id, or the parent-id column of a grandchild
	AttrNumber id_attnum;      // "id", read when this section is the parent of a grandchild
	AttrNumber tenant_attnum;  // "tenant_id"
	int parent;                // index of the parent section for grandchildren, -1 for children
	bool tenant_fk;            // validated, non-deferrable FK (tenant_id, key) -> parent (tenant_id, id)
	bool has_children;         // some grandchild hangs off this section
	bool policies_simple;      // every SELECT policy reads only tenant_id, nothing volatile
	bool registered;           // a registered (custom) section, not a member table: counted only
	int slot;                  // element of _vital_summary_counts.counts (1-based); 0: not maintained
	Role role;
	int ncols;
	ColRef cols[max_role_columns];
	int npolicies;
	PolicySig *policies;
	const char *fallback_sql;  // RLS-respecting SQL for Mode::Spi
	SPIPlanPtr fallback_plan;  // prepared lazily, kept
};

struct Registry {
	MemoryContext cxt;
	Oid schema;
	Oid personas;
	AttrNumber personas_tenant_attnum;
	bool personas_simple;
	int n_persona_policies;
	PolicySig *persona_policies;
	const char *ext_version;
	const char *probe_sql;
	SPIPlanPtr probe_plan;
	bool distributed;          // personas is a Citus table: every section through (tenant-routed) SQL
	Oid counts_rel;            // _vital_summary_counts (InvalidOid: not installed)
	Oid counts_index;          // its primary key (persona_id)
	AttrNumber counts_attnum;  // "counts"
	int nsections;
	Section *sections;  // children first (alphabetical), then grandchildren
	int nwatched;
	Oid *watched;       // relids whose invalidation makes the registry stale
};

// Returns the current registry, rebuilding it when stale. Needs an SPI connection (it runs
// catalog queries). The result stays valid until the next call of current().
Registry *current(pg::Spi &spi);
// True when an invalidation arrived since the registry was built.
bool stale();
// Called when invalidation arrives while a call holds locks: forces a rebuild next time.
void mark_stale();

// Building blocks of the registry (Postgres zone: call inside pg_call).
namespace visibility {
// The SELECT-relevant policies of relid, deparsed into cxt; *simple stays true only if every USING expression
// reads no column but tenant_id (at any sublink depth) and calls nothing volatile (src/summary/visibility.cpp).
void load_policies(Oid relid, AttrNumber tenant_attnum, MemoryContext cxt, PolicySig **out, int *n, bool *simple);
}  // namespace visibility
namespace counters {
// The slot of relid in _vital_summary_counts.counts read from its maintenance triggers; 0 when not maintained,
// -slot for a parent whose row trigger is missing (src/summary/counters.cpp).
int maintained_slot(Oid relid, bool is_parent);
}  // namespace counters

}  // namespace vp::summary
