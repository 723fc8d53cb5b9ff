// Citus facts (docs/citus.md): whether a table is a Citus table, and the logical name of a shard. Both run in
// the PostgreSQL zone (callers wrap them in pg_call).
#include <cstring>

#include "vital_persona/catalog.hpp"

extern "C" {
#include "access/genam.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

namespace vp::catalog {

// lint: postgres-zone
bool is_citus_table(Oid relid) {
	Oid partition = get_relname_relid("pg_dist_partition", PG_CATALOG_NAMESPACE);
	if (!OidIsValid(partition))
		return false;
	Relation rel = table_open(partition, AccessShareLock);
	if (RelationGetDescr(rel)->natts < 1 || TupleDescAttr(RelationGetDescr(rel), 0)->atttypid != REGCLASSOID)
		ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("unexpected layout of pg_catalog.pg_dist_partition")));
	ScanKeyData key;
	ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(relid));
	Oid index = get_relname_relid("pg_dist_partition_logical_relid_index", PG_CATALOG_NAMESPACE);
	SysScanDesc scan = systable_beginscan(rel, index, OidIsValid(index), nullptr, 1, &key);
	bool found = HeapTupleIsValid(systable_getnext(scan));
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return found;
}

// lint: postgres-zone
char *logical_relname(Oid relid) {
	char *name = get_rel_name(relid);
	if (name == nullptr || !OidIsValid(get_relname_relid("pg_dist_partition", PG_CATALOG_NAMESPACE)))
		return name;
	size_t len = strlen(name), digits = 0;
	while (digits < len && name[len - 1 - digits] >= '0' && name[len - 1 - digits] <= '9')
		digits++;
	if (digits == 0 || digits + 1 >= len || name[len - 1 - digits] != '_')
		return name;
	char *base = pnstrdup(name, len - 1 - digits);
	Oid base_relid = get_relname_relid(base, get_rel_namespace(relid));
	if (OidIsValid(base_relid) && base_relid != relid && is_citus_table(base_relid))
		return base;
	pfree(base);
	return name;
}

}  // namespace vp::catalog
