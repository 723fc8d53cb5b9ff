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
