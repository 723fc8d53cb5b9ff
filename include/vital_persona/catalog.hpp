// Catalog facts every feature needs: where the extension lives, and one shared hook for
// cache invalidation (relcache events, which ALTER TABLE, CREATE/DROP and the extension's own
// update scripts all send), so each feature can drop its per-backend cache.
#pragma once

#include "vital_persona/pg/postgres.hpp"

namespace vp::catalog {

// OID of the schema vital_persona is installed in; throws UserError (55000) when the
// extension is not installed in this database. Cheap: one index lookup on pg_extension.
Oid extension_schema();

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
