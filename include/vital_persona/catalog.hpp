// Catalog facts every feature needs: where the extension lives, which tables it manages, and one
// shared hook for cache invalidation (relcache events, which ALTER TABLE, CREATE/DROP and the
// extension's own update scripts all send), so each feature can drop its per-backend cache.
#pragma once

#include <vector>

#include "vital_persona/pg/postgres.hpp"

namespace vp::catalog {

// OID of the schema vital_persona is installed in; throws UserError (55000) when the
// extension is not installed in this database. Cheap: one index lookup on pg_extension.
Oid extension_schema();

// THE definition of what vital_persona manages (docs/security.md "What the extension manages"). Everything
// that touches tables asks this: the RLS generator (preview/apply/audit), the validation dry run, the summary
// registry, and through the SQL function _vital_managed_tables() the finalize steps (_vital_member_tables).
//   member       a table (relkind r or p) that belongs to the extension (pg_depend 'e') in its schema;
//   registered   a plain table (relkind r) recorded in _vital_registered_sections by vital_register_section(),
//                found by schema and name and still owned by the role that registered it.
// A "tenant table" is a managed table with a tenant_id column; a "section" is a managed table whose foreign key
// references personas (src/summary/registry.cpp reads only managed tables). Any other table, in the
// extension's schema or elsewhere, is never touched.
struct ManagedTable {
	Oid relid;
	bool registered;
	bool has_tenant_id;
};
// Sorted by schema name, table name. Reads the registration table directly (no RLS, no privilege check) with a
// fresh snapshot, so a registration made earlier in the same transaction is seen.
std::vector<ManagedTable> managed_tables();
// Whether relid is managed; *registered tells which kind.
bool is_managed(Oid relid, bool *registered = nullptr);

// ---- Sections (src/catalog/sections.cpp) ------------------------------------------------------------------------
// THE definition of a section, what vital_summary counts per persona (docs/summary.md, "Which relations can be
// sections"):
//   child        a managed plain table (relkind r) with a foreign key to personas: a uuid column referencing
//                personas.id (the key column, usually persona_id);
//   grandchild   a managed plain table, no child itself, with such a foreign key to a child (the key column is the
//                parent-id column).
// Only plain tables: the summary scans sections with index_beginscan, which needs a table access method (a
// partitioned member, a foreign table or a view is never a section; issue 11). When a table has several such keys,
// the first by constraint name decides. The SQL side that installs the maintained counters
// (_vital_summary_counts_install, sql/4.0/071_summary_counts.sql, frozen) derives the member sections with the same
// rules, except that registered sections have no counters, that it also accepts a partitioned member table and that
// with several keys it takes the first by column name (the shipped schema has neither kind of table);
// test/pgtap/071_summary_counts.sql checks that both sides name the same sections, keys, parents and slots.
struct SectionTable {
	Oid relid;
	NameData name;          // relname
	Oid parent_relid;       // personas for a child, the child table for a grandchild
	int parent;             // index of the parent child in the list; -1 for a child
	AttrNumber key_attnum;  // the referencing uuid column
	bool tenant_fk;         // the key is validated, non-deferrable and composite with tenant_id -> (tenant_id, id)
	bool registered;        // a registered section (not a member table)
};
// Children first, then grandchildren, each by name. Runs a catalog query through SPI: the caller holds an SPI
// connection (vp::pg::Spi).
std::vector<SectionTable> sections(Oid personas);
// ---- end of sections ----------------------------------------------------------------------------------------------

// Citus: true when relid is a Citus table (a row in pg_catalog.pg_dist_partition: distributed, reference or
// Citus-local), false when Citus is not installed or the table is a plain one. Call inside pg_call (may raise).
// On such a table the local relation is an empty shell or one shard: features that read tables directly (not
// through the planner) must use SQL instead (docs/citus.md).
bool is_citus_table(Oid relid);

// The name a user knows a relation by: on a Citus node a shard `<table>_<shardid>` of a Citus table answers
// `<table>` (so messages from triggers running on shards name the logical table); otherwise get_rel_name().
// Palloc'd; nullptr when the relation does not exist. Call inside pg_call.
char *logical_relname(Oid relid);

// Invalidation subscribers. The callback runs inside PostgreSQL's invalidation processing:
// it must not throw, allocate or touch the catalog; it only marks caches stale.
// relid == InvalidOid means "everything may have changed".
using InvalidationCallback = void (*)(Oid relid);
void subscribe_relcache_invalidation(InvalidationCallback callback) noexcept;

}  // namespace vp::catalog
