// The extension and the tables it manages (include/vital_persona/catalog.hpp): its schema, its member tables and
// registered sections (the one definition), its member relations and functions, and _vital_managed_tables().
#include "vital_persona/catalog.hpp"

#include <algorithm>
#include <string>

#include "vital_persona/pg/entry.hpp"

extern "C" {
#include "access/genam.h"
#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/tuplestore.h"
}

namespace vp::catalog {
namespace {

// pg_extension.extnamespace of an extension (get_extension_schema() is static before PG16).
// lint: postgres-zone
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

// Postgres zone: appends relid to the palloc'd array (*out, *n, *cap).
// lint: postgres-zone
void push_relid(Oid **out, int *n, int *cap, Oid relid, bool **flags, bool registered) {
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*out = *out ? static_cast<Oid *>(repalloc(*out, sizeof(Oid) * *cap))
		            : static_cast<Oid *>(palloc(sizeof(Oid) * *cap));
		*flags = *flags ? static_cast<bool *>(repalloc(*flags, sizeof(bool) * *cap))
		                : static_cast<bool *>(palloc(sizeof(bool) * *cap));
	}
	(*out)[*n] = relid;
	(*flags)[*n] = registered;
	(*n)++;
}

// Postgres zone: objids of the extension's members of one catalog (pg_depend deptype 'e', objsubid 0).
// lint: postgres-zone
void collect_members(Oid ext, Oid classid, Oid **out, int *n) {
	int cap = 0;
	bool *unused = nullptr;
	*out = nullptr;
	*n = 0;
	Relation dep = table_open(DependRelationId, AccessShareLock);
	ScanKeyData keys[2];
	ScanKeyInit(&keys[0], Anum_pg_depend_refclassid, BTEqualStrategyNumber, F_OIDEQ,
	            ObjectIdGetDatum(ExtensionRelationId));
	ScanKeyInit(&keys[1], Anum_pg_depend_refobjid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(ext));
	SysScanDesc scan = systable_beginscan(dep, DependReferenceIndexId, true, nullptr, 2, keys);
	HeapTuple tuple;
	while (HeapTupleIsValid(tuple = systable_getnext(scan))) {
		auto *d = (Form_pg_depend)GETSTRUCT(tuple);
		if (d->classid == classid && d->objsubid == 0 && d->deptype == DEPENDENCY_EXTENSION)
			push_relid(out, n, &cap, d->objid, &unused, false);
	}
	systable_endscan(scan);
	table_close(dep, AccessShareLock);
	if (unused)
		pfree(unused);
}

// Postgres zone: member tables (pg_depend 'e' rows of the extension for pg_class objects of relkind r/p in
// the extension's schema), then registered sections (rows of _vital_registered_sections whose schema.table
// resolves to a plain table owned by the recorded owner).
// lint: postgres-zone
void collect_managed(Oid ext, Oid schema, Oid **out, bool **registered, int *n) {
	int cap = 0;
	*out = nullptr;
	*registered = nullptr;
	*n = 0;
	Oid *members;
	int nmembers;
	collect_members(ext, RelationRelationId, &members, &nmembers);
	for (int i = 0; i < nmembers; i++) {
		char kind = get_rel_relkind(members[i]);
		if ((kind == RELKIND_RELATION || kind == RELKIND_PARTITIONED_TABLE) && get_rel_namespace(members[i]) == schema)
			push_relid(out, n, &cap, members[i], registered, false);
	}
	if (members)
		pfree(members);

	Oid regrel = get_relname_relid(registrations_table, schema);
	if (!OidIsValid(regrel))
		return;  // an install script before 020_common.sql
	Relation rel = table_open(regrel, AccessShareLock);
	TupleDesc desc = RelationGetDescr(rel);
	AttrNumber a_schema = get_attnum(regrel, "section_schema");
	AttrNumber a_table = get_attnum(regrel, "section_table");
	AttrNumber a_owner = get_attnum(regrel, "section_owner");
	if (a_schema == InvalidAttrNumber || a_table == InvalidAttrNumber || a_owner == InvalidAttrNumber)
		elog(ERROR, "vital_persona: _vital_registered_sections lacks its columns");
	Snapshot snapshot = RegisterSnapshot(GetLatestSnapshot());
	TableScanDesc hscan = table_beginscan(rel, snapshot, 0, nullptr);
	HeapTuple tuple;
	while (HeapTupleIsValid(tuple = heap_getnext(hscan, ForwardScanDirection))) {
		CHECK_FOR_INTERRUPTS();
		bool n1, n2, n3;
		Datum vs = heap_getattr(tuple, a_schema, desc, &n1);
		Datum vt = heap_getattr(tuple, a_table, desc, &n2);
		Datum vo = heap_getattr(tuple, a_owner, desc, &n3);
		if (n1 || n2 || n3)
			continue;
		Oid nsp = get_namespace_oid(NameStr(*DatumGetName(vs)), true);
		if (!OidIsValid(nsp))
			continue;
		Oid relid = get_relname_relid(NameStr(*DatumGetName(vt)), nsp);
		if (!OidIsValid(relid) || get_rel_relkind(relid) != RELKIND_RELATION)
			continue;
		HeapTuple ct = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
		if (!HeapTupleIsValid(ct))
			continue;
		Oid owner = ((Form_pg_class)GETSTRUCT(ct))->relowner;
		ReleaseSysCache(ct);
		Oid recorded = get_role_oid(NameStr(*DatumGetName(vo)), true);
		if (owner != recorded || getExtensionOfObject(RelationRelationId, relid) == ext)
			continue;
		push_relid(out, n, &cap, relid, registered, true);
	}
	table_endscan(hscan);
	UnregisterSnapshot(snapshot);
	table_close(rel, AccessShareLock);
}

std::vector<Oid> members_of(Oid classid) {
	(void)extension_schema();  // the same error as every other question when the extension is missing
	Oid *oids = nullptr;
	int n = 0;
	pg::pg_call([&] { collect_members(get_extension_oid(extension_name, false), classid, &oids, &n); });
	std::vector<Oid> out(oids, oids + n);
	pg::pg_call([&] {
		if (oids)
			pfree(oids);
	});
	return out;
}

}  // namespace

Oid extension_schema() {
	Oid schema = pg::pg_call([] {
		Oid ext = get_extension_oid(extension_name, true);
		return OidIsValid(ext) ? schema_of_extension(ext) : InvalidOid;
	});
	if (!OidIsValid(schema))
		throw pg::UserError(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
		                    "extension \"vital_persona\" is not installed in this database", {},
		                    "Run CREATE EXTENSION vital_persona first.");
	return schema;
}

std::vector<ManagedTable> managed_tables() {
	Oid schema = extension_schema();
	Oid *relids = nullptr;
	bool *registered = nullptr;
	int n = 0;
	pg::pg_call([&] { collect_managed(get_extension_oid(extension_name, false), schema, &relids, &registered, &n); });
	struct Named {
		ManagedTable t;
		std::string schema, name;
	};
	std::vector<Named> named;
	named.reserve(n);
	for (int i = 0; i < n; i++) {
		pg::check_interrupts();
		Oid relid = relids[i];
		Named x{{relid, registered[i], false}, {}, {}};
		const char *nsp = nullptr, *rel = nullptr;
		pg::pg_call([&] {
			nsp = get_namespace_name(get_rel_namespace(relid));
			rel = get_rel_name(relid);
			x.t.has_tenant_id = get_attnum(relid, tenant_column) != InvalidAttrNumber;
		});
		x.schema = nsp ? nsp : "";
		x.name = rel ? rel : "";
		named.push_back(std::move(x));
	}
	pg::pg_call([&] {
		if (relids)
			pfree(relids);
		if (registered)
			pfree(registered);
	});
	std::sort(named.begin(), named.end(), [](const Named &a, const Named &b) {
		return a.schema != b.schema ? a.schema < b.schema : a.name < b.name;
	});
	std::vector<ManagedTable> out;
	out.reserve(named.size());
	for (const Named &x : named)
		out.push_back(x.t);
	return out;
}

bool is_managed(Oid relid, bool *registered) {
	// Fast path for member tables (one pg_depend lookup): the same rule as collect_managed().
	Oid schema = extension_schema();
	bool member = pg::pg_call([&] {
		char kind = get_rel_relkind(relid);
		return (kind == RELKIND_RELATION || kind == RELKIND_PARTITIONED_TABLE) && get_rel_namespace(relid) == schema &&
		       getExtensionOfObject(RelationRelationId, relid) == get_extension_oid(extension_name, false);
	});
	if (member) {
		if (registered)
			*registered = false;
		return true;
	}
	for (const ManagedTable &t : managed_tables())
		if (t.relid == relid && t.registered) {
			if (registered)
				*registered = true;
			return true;
		}
	return false;
}

std::vector<Oid> member_relations() { return members_of(RelationRelationId); }

std::vector<Oid> member_functions() { return members_of(ProcedureRelationId); }

}  // namespace vp::catalog

// _vital_managed_tables() → (tbl regclass, registered boolean, has_tenant_id boolean): the same list for SQL
// (the finalize steps, through _vital_member_tables). Executable by the extension owner only.
VP_FUNCTION(vital_managed_tables) {
	std::vector<vp::catalog::ManagedTable> tables = vp::catalog::managed_tables();
	vp::pg::pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
	auto *rsinfo = reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo);
	for (const auto &t : tables) {
		Datum values[3] = {ObjectIdGetDatum(t.relid), BoolGetDatum(t.registered), BoolGetDatum(t.has_tenant_id)};
		bool nulls[3] = {false, false, false};
		vp::pg::pg_call([&] { tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls); });
	}
	return (Datum)0;
}
