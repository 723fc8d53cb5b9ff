// THE owner of catalog knowledge (issue 15; like timescaledb's extension_constants): what the extension is
// called, which tables it manages (member tables, registered sections), which of them are tenant tables, which
// tables have a fixed role by name, the tenant role ranking, and one shared hook for cache invalidation
// (relcache events, which ALTER TABLE, CREATE/DROP and the extension's own update scripts all send), so each
// feature can drop its per-backend cache. C++ code asks vp::catalog instead of re-deriving any of this.
// Where the frozen SQL still carries the same knowledge, and which tests tie the two together:
// docs/architecture.md "Catalog knowledge".
//   src/catalog/tables.cpp        extension schema, managed tables, member relations/functions, _vital_managed_tables()
//   src/catalog/roles.cpp         tenant roles and their ranking
//   src/catalog/citus.cpp         Citus tables and shard names
//   src/catalog/invalidation.cpp  relcache invalidation fan-out
//   src/catalog/sections.cpp      sections: what vital_summary counts (its own block below)
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "vital_persona/pg/postgres.hpp"

namespace vp::catalog {

// ---------------------------------------------------------------- names
// The extension, and the member tables and columns whose role is fixed by name (sql/4.0/010_foundation.sql,
// sql/4.0/020_common.sql). The RLS generator classifies tables by these, vital_tenant_ids() reads memberships
// from members_table, vital_register_section() links sections to personas_table.
constexpr const char extension_name[] = "vital_persona";
constexpr const char tenants_table[] = "tenants";         // one row per tenant, keyed by id
constexpr const char users_table[] = "users";             // global identities, with a home tenant_id
constexpr const char members_table[] = "tenant_members";  // (tenant_id, user_id, role): who may act where, as what
constexpr const char personas_table[] = "personas";       // the root every section hangs off
constexpr const char registrations_table[] = "_vital_registered_sections";  // custom sections (vital_register_section)
constexpr const char tenant_column[] = "tenant_id";  // a managed table with it is a "tenant table"
constexpr const char lookup_prefix[] = "lookup_";    // shared vocabularies: lookup_* without tenant_id

// ---------------------------------------------------------------- tenant roles
// tenant_members.role, ranked: each role has the rights of every role below it. The SQL CHECK role_allowed and
// the default 'viewer' (frozen 4.0 scripts) say the same; test/pgtap/059_catalog_knowledge.sql ties them.
enum class Role : int { Unknown = 0, Viewer = 1, Editor = 2, Admin = 3, Owner = 4 };
constexpr Role tenant_roles[] = {Role::Viewer, Role::Editor, Role::Admin, Role::Owner};  // rank order
// "viewer", "editor", "admin", "owner"; "" for Unknown.
const char *role_name(Role role) noexcept;
// The role named exactly (case matters) by s[0..len); Unknown for anything else.
Role parse_role(const char *s, std::size_t len) noexcept;
// 1 (viewer) .. 4 (owner); 0 for Unknown, which therefore never satisfies a minimum.
constexpr int rank(Role role) noexcept { return static_cast<int>(role); }
// Whether a member holding `held` has at least `minimum` (an Unknown minimum is never met).
constexpr bool at_least(Role held, Role minimum) noexcept {
	return minimum != Role::Unknown && rank(held) >= rank(minimum);
}
// The role names in rank order, joined by ", " (error hints).
std::string role_names();

// ---------------------------------------------------------------- the extension and its tables
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
// A tenant table: a managed table with a tenant_id column (ManagedTable::has_tenant_id).
inline bool is_tenant_table(const ManagedTable &t) { return t.has_tenant_id; }

// Every relation (any relkind, any schema: tables, views, materialized views, sequences, ...) and every function
// that is a member of the extension (pg_depend deptype 'e'), unsorted: what the privilege allowlist covers.
// Member tables (above) are the member relations of relkind r/p in the extension's schema.
std::vector<Oid> member_relations();
std::vector<Oid> member_functions();

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
// Returns false when every slot is taken (the callback will never run: the caller must not cache).
using InvalidationCallback = void (*)(Oid relid);
bool subscribe_relcache_invalidation(InvalidationCallback callback) noexcept;

}  // namespace vp::catalog
