#include "vital_persona/catalog.hpp"

#include "vital_persona/pg/entry.hpp"

extern "C" {
#include "access/genam.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

namespace vp::catalog {
namespace {

constexpr int max_subscribers = 8;
InvalidationCallback subscribers[max_subscribers] = {};  // constant-initialised
int subscriber_count = 0;
bool relcache_hook_registered = false;

// pg_extension.extnamespace of an extension (get_extension_schema() is static before PG16).
Oid schema_of_extension(Oid ext) {
	Relation rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyData key;
	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(ext));
	SysScanDesc scan = systable_beginscan(rel, ExtensionOidIndexId, true, nullptr, 1, &key);
	HeapTuple tuple = systable_getnext(scan);
	Oid schema = HeapTupleIsValid(tuple) ? ((Form_pg_extension)GETSTRUCT(tuple))->extnamespace : InvalidOid;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return schema;
}

void dispatch_relcache(Datum, Oid relid) {
	for (int i = 0; i < subscriber_count; i++)
		subscribers[i](relid);
}

}  // namespace

Oid extension_schema() {
	Oid schema = pg::pg_call([] {
		Oid ext = get_extension_oid("vital_persona", true);
		return OidIsValid(ext) ? schema_of_extension(ext) : InvalidOid;
	});
	if (!OidIsValid(schema))
		throw pg::UserError(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
		                    "extension \"vital_persona\" is not installed in this database", {},
		                    "Run CREATE EXTENSION vital_persona first.");
	return schema;
}

void subscribe_relcache_invalidation(InvalidationCallback callback) noexcept {
	for (int i = 0; i < subscriber_count; i++)
		if (subscribers[i] == callback)
			return;
	if (subscriber_count < max_subscribers)
		subscribers[subscriber_count++] = callback;
	if (!relcache_hook_registered) {
		// Registration only appends to a fixed array inside PostgreSQL; it cannot fail here.
		CacheRegisterRelcacheCallback(dispatch_relcache, (Datum)0);
		relcache_hook_registered = true;
	}
}

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
