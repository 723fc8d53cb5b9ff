// The section registry of vital_summary: for each section (vp::catalog::sections(), src/catalog/sections.cpp) how
// to count it (index, maintained counter slot, SQL fallback), which of its columns feed highlights and derived
// figures (vocabulary.cpp), and its SELECT policies (visibility.cpp). Discovered from the catalog (no table list is
// compiled in), cached per backend in a child of CacheMemoryContext, and rebuilt after any relcache invalidation of
// a watched relation (ALTER TABLE, CREATE/DROP POLICY, new child tables, ALTER EXTENSION UPDATE).
#include <string>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/allocator.hpp"
#include "vital_persona/pg/spi.hpp"
#include "vital_persona/summary.hpp"
#include "vital_persona/summary/vocabulary.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
}

namespace vp::summary {
namespace {

Registry *registry = nullptr;  // constant-initialised; lives in registry->cxt
bool registry_stale = true;
bool subscribed = false;
bool building = false;  // an invalidation during a build makes the new registry stale at once

// Relcache callback: never throws, allocates or reads the catalog; only marks stale.
void on_relcache(Oid relid) {
	if (building) {
		registry_stale = true;
		return;
	}
	if (registry == nullptr || registry_stale)
		return;
	if (!OidIsValid(relid)) {
		registry_stale = true;
		return;
	}
	for (int i = 0; i < registry->nwatched; i++)
		if (registry->watched[i] == relid) {
			registry_stale = true;
			return;
		}
}

char *cache_strdup(MemoryContext cxt, const std::string &s) {
	return pg::pg_call([&] { return MemoryContextStrdup(cxt, s.c_str()); });
}

std::string quote_ident(const char *s) { return pg::pg_call([&] { return quote_identifier(s); }); }

// Catalog query: per section ($1 relids, $2 key columns, in the same order) the btree index the direct scan uses: one
// leading with the key column (one scan key), else one on (tenant_id, key, ...) (two scan keys, usable when the
// tenant FK chain holds; visibility.cpp). Plain default-opclass btrees without predicate or expressions, valid and
// ready; the one with the fewest columns (then the oldest) wins. 0 when there is none: the section is read by SQL.
constexpr const char *index_query = R"SQL(
SELECT coalesce((SELECT i.indexrelid FROM pg_index i
                 JOIN pg_class ic ON ic.oid = i.indexrelid
                 JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'btree'
                 JOIN pg_opclass opc ON opc.oid = i.indclass[0] AND opc.opcdefault
                 WHERE i.indrelid = s.relid AND i.indkey[0] = s.key AND i.indpred IS NULL
                   AND i.indexprs IS NULL AND i.indisvalid AND i.indisready AND i.indislive
                 ORDER BY i.indnatts, i.indexrelid LIMIT 1), 0) AS index_oid,
       coalesce((SELECT i.indexrelid FROM pg_index i
                 JOIN pg_class ic ON ic.oid = i.indexrelid
                 JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'btree'
                 JOIN pg_attribute t ON t.attrelid = s.relid AND t.attnum = i.indkey[0] AND t.attname = 'tenant_id'
                   AND t.atttypid = 'uuid'::regtype
                 JOIN pg_opclass opc0 ON opc0.oid = i.indclass[0] AND opc0.opcdefault
                 JOIN pg_opclass opc1 ON opc1.oid = i.indclass[1] AND opc1.opcdefault
                 WHERE i.indrelid = s.relid AND i.indnatts >= 2 AND i.indkey[1] = s.key AND i.indpred IS NULL
                   AND i.indexprs IS NULL AND i.indisvalid AND i.indisready AND i.indislive
                 ORDER BY i.indnatts, i.indexrelid LIMIT 1), 0) AS tenant_index_oid
FROM unnest($1::oid[], $2::int2[]) WITH ORDINALITY s(relid, key, n)
ORDER BY s.n
)SQL";

void free_plans(Registry *r) {
	if (r == nullptr)
		return;
	if (r->probe_plan)
		SPI_freeplan(r->probe_plan);
	r->probe_plan = nullptr;
	for (int i = 0; i < r->nsections; i++)
		if (r->sections[i].fallback_plan) {
			SPI_freeplan(r->sections[i].fallback_plan);
			r->sections[i].fallback_plan = nullptr;
		}
}

// Copies a text result column into cxt (nullptr for NULL).
const char *text_col(uint64 row, int col, MemoryContext cxt) {
	bool isnull;
	Datum v = pg::Spi::value(row, col, &isnull);
	if (isnull)
		return nullptr;
	return pg::pg_call([&] {
		MemoryContext old = MemoryContextSwitchTo(cxt);
		char *s = TextDatumGetCString(v);
		MemoryContextSwitchTo(old);
		return s;
	});
}

// Builds a fresh registry (caller holds an SPI connection). On error nothing is leaked: the
// new context is deleted and the old registry stays in place (still marked stale).
Registry *build(pg::Spi &spi) {
	using namespace vp::pg;
	Oid schema = catalog::extension_schema();
	MemoryContext cxt = pg_call([] {
		return AllocSetContextCreate(CacheMemoryContext, "vital_summary registry", ALLOCSET_SMALL_SIZES);
	});
	struct ContextGuard {
		MemoryContext cxt;
		~ContextGuard() {
			if (cxt)
				MemoryContextDelete(cxt);
		}
	} guard{cxt};

	Registry *r = pg_call([&] { return static_cast<Registry *>(MemoryContextAllocZero(cxt, sizeof(Registry))); });
	r->cxt = cxt;
	r->schema = schema;
	r->personas = pg_call([&] { return get_relname_relid(vp::catalog::personas_table, schema); });
	if (!OidIsValid(r->personas))
		throw UserError(ERRCODE_UNDEFINED_TABLE, "vital_summary: table \"personas\" not found in the extension schema",
		                {}, "The extension is installed partially; run ALTER EXTENSION vital_persona UPDATE.");
	r->personas_tenant_attnum = pg_call([&] { return get_attnum(r->personas, vp::catalog::tenant_column); });
	const std::string schema_name = pg_call([&] { return get_namespace_name(schema); });
	const std::string qschema = quote_ident(schema_name.c_str());

	spi.execute("SELECT oid, extversion FROM pg_catalog.pg_extension WHERE extname = 'vital_persona'", true, 1);
	if (Spi::processed() != 1)
		throw UserError(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, "extension \"vital_persona\" is not installed");
	bool isnull;
	Oid ext_oid = DatumGetObjectId(Spi::value(0, 1, &isnull));
	r->ext_version = text_col(0, 2, cxt);

	(void)ext_oid;
	// Which tables are sections is the catalog module's definition (children, then grandchildren); the registry adds
	// how to read each one: its index, its role's columns, its policies.
	const std::vector<catalog::SectionTable> order = catalog::sections(r->personas);
	const size_t n = order.size();
	auto relids = make_small_vector<SmallVector<Datum, 96>>();
	auto keys = make_small_vector<SmallVector<Datum, 96>>();
	for (const auto &f : order) {
		relids.push_back(ObjectIdGetDatum(f.relid));
		keys.push_back(Int16GetDatum(f.key_attnum));
	}
	Oid argtypes[2] = {OIDARRAYOID, INT2ARRAYOID};
	pg_call([&] {
		Datum args[2] = {
			PointerGetDatum(construct_array(relids.data(), static_cast<int>(n), OIDOID, sizeof(Oid), true, TYPALIGN_INT)),
			PointerGetDatum(construct_array(keys.data(), static_cast<int>(n), INT2OID, sizeof(int16), true, TYPALIGN_SHORT))};
		if (SPI_execute_with_args(index_query, 2, argtypes, args, nullptr, true, 0) != SPI_OK_SELECT || SPI_processed != n)
			elog(ERROR, "vital_summary: catalog query for section indexes failed");
	});

	r->nsections = static_cast<int>(n);
	r->sections = pg_call([&] { return static_cast<Section *>(MemoryContextAllocZero(cxt, sizeof(Section) * (n + 1))); });
	r->watched = pg_call([&] { return static_cast<Oid *>(MemoryContextAllocZero(cxt, sizeof(Oid) * (3 * n + 2))); });
	r->watched[r->nwatched++] = r->personas;

	for (size_t i = 0; i < n; i++) {
		check_interrupts();  // a build reads the catalog of every section: ~ms, but cancellable between sections
		const catalog::SectionTable &f = order[i];
		Section &s = r->sections[i];
		s.name = pg_call([&] { return MemoryContextStrdup(cxt, NameStr(f.name)); });
		s.relid = f.relid;
		s.index_oid = DatumGetObjectId(Spi::value(i, 1, &isnull));
		s.tenant_index_oid = DatumGetObjectId(Spi::value(i, 2, &isnull));
		s.key_attnum = f.key_attnum;
		s.tenant_fk = f.tenant_fk;
		s.registered = f.registered;
		s.parent = f.parent;
		if (s.parent >= 0)
			r->sections[s.parent].has_children = true;
		// "id" is read as a uuid (highlights, grandchild keys): a column of another type is not read at all.
		s.id_attnum = pg_call([&] {
			AttrNumber a = get_attnum(f.relid, "id");
			return a != InvalidAttrNumber && get_atttype(f.relid, a) == UUIDOID ? a : InvalidAttrNumber;
		});
		s.tenant_attnum = pg_call([&] { return get_attnum(f.relid, vp::catalog::tenant_column); });
		// a registered (custom) section is counted only, whatever its name
		const vocabulary::RoleSpec *spec = f.registered ? nullptr : vocabulary::spec_for(s.name);
		s.role = spec ? spec->role : Role::None;
		s.ncols = 0;
		if (spec)
			for (const char *col : spec->cols) {
				if (col == nullptr)
					break;
				ColRef &c = s.cols[s.ncols++];
				c.attnum = pg_call([&] { return get_attnum(f.relid, col); });
				c.typid = c.attnum == InvalidAttrNumber ? InvalidOid : pg_call([&] { return get_atttype(f.relid, c.attnum); });
			}
		pg_call([&] {
			visibility::load_policies(f.relid, s.tenant_attnum, cxt, &s.policies, &s.npolicies, &s.policies_simple);
		});
		r->watched[r->nwatched++] = f.relid;
		if (OidIsValid(s.index_oid))
			r->watched[r->nwatched++] = s.index_oid;
		if (OidIsValid(s.tenant_index_oid))
			r->watched[r->nwatched++] = s.tenant_index_oid;
	}
	// Citus (docs/citus.md): the local personas and sections are empty shells (or one shard), so nothing is read
	// directly; every section is counted by its SQL, which carries the persona's tenant_id and is router-planned.
	r->distributed = pg_call([&] { return vp::catalog::is_citus_table(r->personas); });
	// Maintained counters (sql/4.0/071_summary_counts.sql): slot per section, relation and its primary key.
	r->counts_rel = pg_call([&] { return get_relname_relid("_vital_summary_counts", schema); });
	if (OidIsValid(r->counts_rel)) {
		r->counts_attnum = pg_call([&] { return get_attnum(r->counts_rel, "counts"); });
		// the btree on persona_id (rows are per-statement deltas: no unique key, the reader sums them)
		r->counts_index = pg_call([&] { return get_relname_relid("_vital_summary_counts_persona", schema); });
		for (int i = 0; i < r->nsections; i++)
			r->sections[i].slot = pg_call([&] { return counters::maintained_slot(r->sections[i].relid, r->sections[i].has_children); });
		for (int i = 0; i < r->nsections; i++)  // a grandchild's count also needs its parent's delete trigger
			if (r->sections[i].parent >= 0 && r->sections[r->sections[i].parent].slot <= 0)
				r->sections[i].slot = 0;
		for (int i = 0; i < r->nsections; i++)
			if (r->sections[i].slot < 0)
				r->sections[i].slot = -r->sections[i].slot;
		if (!OidIsValid(r->counts_index) || r->counts_attnum == InvalidAttrNumber)
			r->counts_rel = InvalidOid;
		else {
			r->watched[r->nwatched++] = r->counts_rel;
		}
	}
	pg_call([&] {
		visibility::load_policies(r->personas, r->personas_tenant_attnum, cxt, &r->persona_policies, &r->n_persona_policies,
		              &r->personas_simple);
	});

	// RLS-respecting SQL: the persona probe and, per section, the fallback used when counting
	// through the index is not provably what the caller would see.
	std::string probe = "SELECT p.tenant_id, pg_catalog.jsonb_build_object(";
	bool first = true;
	int nidentity;
	const char *const *identity = vocabulary::identity_columns(&nidentity);
	for (int k = 0; k < nidentity; k++) {
		const char *col = identity[k];
		if (pg_call([&] { return get_attnum(r->personas, col); }) == InvalidAttrNumber)
			continue;
		probe += first ? "" : ", ";
		probe += "'" + std::string(col) + "', p." + quote_ident(col);
		first = false;
	}
	probe += ") FROM " + qschema + ".personas p WHERE p.id = $1";
	r->probe_sql = cache_strdup(cxt, probe);

	for (int i = 0; i < r->nsections; i++) {
		check_interrupts();
		Section &s = r->sections[i];
		const std::string key = pg_call([&] { return get_attname(s.relid, s.key_attnum, false); });
		std::string cols;
		for (int c = 0; c < s.ncols; c++) {
			if (s.cols[c].attnum == InvalidAttrNumber) {
				cols += ", NULL::text";
				continue;
			}
			cols += ", t." + quote_ident(pg_call([&] { return get_attname(s.relid, s.cols[c].attnum, false); }));
		}
		// $1 = persona id, $2 = the persona's tenant_id (from the probe). The tenant predicate changes nothing on a
		// single node (the composite foreign keys force the row's tenant_id to the persona's) and makes the query
		// router-planned on Citus (one shard group).
		const bool tenant = s.tenant_attnum != InvalidAttrNumber;
		std::string sql;
		// A registered section may live in another schema: qualify each table by its own.
		auto qualified = [&](Oid relid, const char *name) {
			const std::string nsp = pg_call([&] { return get_namespace_name(get_rel_namespace(relid)); });
			return quote_ident(nsp.c_str()) + "." + quote_ident(name);
		};
		const std::string id = s.id_attnum != InvalidAttrNumber ? "t.id" : "NULL::pg_catalog.uuid";
		if (s.parent < 0) {
			sql = "SELECT " + id + cols + " FROM " + qualified(s.relid, s.name) + " t WHERE t." + quote_ident(key.c_str()) +
			      " OPERATOR(pg_catalog.=) $1" + (tenant ? " AND t.tenant_id OPERATOR(pg_catalog.=) $2" : "");
		} else {
			const Section &p = r->sections[s.parent];
			const bool ptenant = tenant && p.tenant_attnum != InvalidAttrNumber;
			const std::string pkey = pg_call([&] { return get_attname(p.relid, p.key_attnum, false); });
			sql = "SELECT " + id + cols + " FROM " + qualified(s.relid, s.name) + " t JOIN " + qualified(p.relid, p.name) +
			      " p ON p.id OPERATOR(pg_catalog.=) t." + quote_ident(key.c_str()) +
			      (ptenant ? " AND p.tenant_id OPERATOR(pg_catalog.=) t.tenant_id" : "") + " WHERE p." +
			      quote_ident(pkey.c_str()) + " OPERATOR(pg_catalog.=) $1" +
			      (ptenant ? " AND p.tenant_id OPERATOR(pg_catalog.=) $2" : "");
		}
		s.fallback_sql = cache_strdup(cxt, sql);
	}
	guard.cxt = nullptr;  // success: the registry owns the context now
	return r;
}

}  // namespace

Registry *current(pg::Spi &spi) {
	if (!subscribed) {
		catalog::subscribe_relcache_invalidation(on_relcache);
		subscribed = true;
	}
	if (registry != nullptr && !registry_stale)
		return registry;
	Registry *old = registry;
	registry_stale = false;  // invalidations arriving during the build mark the new one stale
	Registry *fresh;
	building = true;
	try {
		fresh = build(spi);
	} catch (...) {
		building = false;
		registry_stale = true;
		throw;
	}
	building = false;
	free_plans(old);
	if (old)
		MemoryContextDelete(old->cxt);
	registry = fresh;
	return registry;
}

bool stale() { return registry_stale; }
void mark_stale() { registry_stale = true; }

}  // namespace vp::summary
