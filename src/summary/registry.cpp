// The section registry of vital_summary: which tables hang off personas, how to count them,
// which of their columns feed highlights and derived figures, and their SELECT policies.
// Discovered from the catalog (no table list is compiled in), cached per backend in a child
// of CacheMemoryContext, and rebuilt after any relcache invalidation of a watched relation
// (ALTER TABLE, CREATE/DROP POLICY, new child tables, ALTER EXTENSION UPDATE).
#include <cstring>
#include <string>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/allocator.hpp"
#include "vital_persona/pg/spi.hpp"
#include "vital_persona/summary.hpp"

extern "C" {
#include "access/table.h"
#include "catalog/pg_type.h"
#include "optimizer/optimizer.h"
#include "rewrite/rowsecurity.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/ruleutils.h"
#include "commands/trigger.h"
#include "utils/builtins.h"
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

struct RoleSpec {
	const char *table;
	Role role;
	const char *cols[max_role_columns];
};

// Columns each role reads, in the order the collector expects them (missing ones read as NULL).
constexpr RoleSpec role_specs[] = {
	{"persona_goals", Role::Goals, {"priority", "sequence_order", "goal_text", "goal_type"}},
	{"persona_pain_points", Role::PainPoints,
	 {"severity", "sequence_order", "pain_description", "pain_point_text", "pain_category"}},
	{"persona_evidence_sources", Role::EvidenceSources, {"confidence_level", "citation", "key_finding", "source_type"}},
	{"persona_public_research", Role::Research, {"relevance_score", "research_title"}},
	{"persona_industry_reports", Role::Reports, {"relevance_score", "report_title"}},
	{"persona_expert_opinions", Role::Opinions, {"relevance_score", "topic_area", "expert_name"}},
	{"persona_case_studies", Role::CaseStudies, {"relevance_score", "case_study_title"}},
	{"persona_supporting_statistics", Role::Statistics, {"relevance_score", "statistic_name"}},
	{"persona_week_in_life", Role::WeekInLife, {"day_of_week"}},
	{"persona_month_in_life", Role::MonthInLife, {"month_phase"}},
	{"persona_year_in_life", Role::YearInLife, {"quarter"}},
	{"persona_stakeholder_influence_map", Role::InfluenceMap, {"overall_influence_score"}},
	{"persona_evidence_summary", Role::EvidenceSummary, {"evidence_quality_score"}},
	{"persona_internal_stakeholders", Role::Stakeholder, {}},
	{"persona_external_stakeholders", Role::Stakeholder, {}},
	{"persona_vendor_relationships", Role::Stakeholder, {}},
	{"persona_customer_relationships", Role::Stakeholder, {}},
	{"persona_regulatory_stakeholders", Role::Stakeholder, {}},
	{"persona_industry_relationships", Role::Stakeholder, {}},
};

// Identity fields of the persona, in output order; those the table lacks are left out.
constexpr const char *identity_columns[] = {
	"id", "tenant_id", "name", "slug", "title", "tagline", "one_liner", "role_slug", "function_slug",
	"department_slug", "seniority_level", "years_of_experience", "organization_type", "typical_organization_size",
	"geographic_scope", "persona_type", "segment", "archetype", "persona_number", "is_active",
	"validation_status", "created_at", "updated_at", "deleted_at",
};

const RoleSpec *spec_for(const char *table) {
	for (const auto &s : role_specs)
		if (std::strcmp(s.table, table) == 0)
			return &s;
	return nullptr;
}

// Postgres zone: the SELECT-relevant policies of rel, deparsed; *simple stays true only if every
// USING expression reads no column but tenant_id (at any sublink depth) and calls nothing volatile.
void load_policies(Oid relid, AttrNumber tenant_attnum, MemoryContext cxt, PolicySig **out, int *n, bool *simple) {
	*out = nullptr;
	*n = 0;
	*simple = true;
	Relation rel = table_open(relid, AccessShareLock);
	if (rel->rd_rsdesc != nullptr) {
		List *dpcontext = deparse_context_for(RelationGetRelationName(rel), relid);
		int cap = list_length(rel->rd_rsdesc->policies);
		PolicySig *arr = static_cast<PolicySig *>(MemoryContextAllocZero(cxt, sizeof(PolicySig) * (cap > 0 ? cap : 1)));
		*out = arr;
		ListCell *lc;
		foreach (lc, rel->rd_rsdesc->policies) {
			RowSecurityPolicy *p = static_cast<RowSecurityPolicy *>(lfirst(lc));
			if (p->polcmd != ACL_SELECT_CHR && p->polcmd != '*')
				continue;
			PolicySig *s = &arr[(*n)++];
			s->cmd = p->polcmd;
			s->permissive = p->permissive;
			Datum *elems;
			int nelems;
			deconstruct_array(p->roles, OIDOID, sizeof(Oid), true, TYPALIGN_INT, &elems, nullptr, &nelems);
			s->nroles = nelems;
			s->roles = static_cast<Oid *>(MemoryContextAlloc(cxt, sizeof(Oid) * (nelems > 0 ? nelems : 1)));
			for (int i = 0; i < nelems; i++)
				s->roles[i] = DatumGetObjectId(elems[i]);
			if (p->qual == nullptr) {
				s->qual = "";
				continue;
			}
			s->qual = MemoryContextStrdup(cxt, deparse_expression(reinterpret_cast<Node *>(p->qual), dpcontext, false, false));
			List *vars = pull_vars_of_level(reinterpret_cast<Node *>(p->qual), 0);
			ListCell *vc;
			foreach (vc, vars) {
				Node *v = static_cast<Node *>(lfirst(vc));
				if (!IsA(v, Var) || reinterpret_cast<Var *>(v)->varattno != tenant_attnum || tenant_attnum == InvalidAttrNumber)
					*simple = false;
			}
			if (contain_volatile_functions(reinterpret_cast<Node *>(p->qual)))
				*simple = false;
		}
	}
	table_close(rel, AccessShareLock);
}

// Postgres zone: the slot of relid in _vital_summary_counts.counts, read from its maintenance triggers (created
// by _vital_summary_counts_install): all four statement triggers must exist, be enabled and agree on the slot,
// and a parent of grandchildren must also have the row trigger. Otherwise 0 (not maintained: count by scan).
// Returns -slot for a parent whose row trigger is missing (its own count is fine, its grandchildren's are not).
// Trigger changes (DROP/DISABLE TRIGGER) invalidate the relcache, so the registry follows them.
int maintained_slot(Oid relid, bool is_parent) {
	static const char *const names[] = {"vital_summary_counts_ins", "vital_summary_counts_del", "vital_summary_counts_upd",
	                                    "vital_summary_counts_trunc"};
	Relation rel = table_open(relid, AccessShareLock);
	int slot = 0, found = 0;
	bool parent_trigger = false, ok = true;
	if (rel->trigdesc != nullptr)
		for (int t = 0; t < rel->trigdesc->numtriggers; t++) {
			const Trigger &tg = rel->trigdesc->triggers[t];
			if (std::strcmp(tg.tgname, "A_vital_summary_counts_parent_del") == 0) {
				parent_trigger = tg.tgenabled != TRIGGER_DISABLED;
				continue;
			}
			for (const char *n : names)
				if (std::strcmp(tg.tgname, n) == 0) {
					int s = tg.tgnargs >= 1 ? pg_strtoint32(tg.tgargs[0]) : 0;
					if (tg.tgenabled == TRIGGER_DISABLED || s <= 0 || (slot != 0 && s != slot))
						ok = false;
					slot = s;
					found++;
				}
		}
	table_close(rel, AccessShareLock);
	if (!ok || found != 4)
		return 0;
	return is_parent && !parent_trigger ? -slot : slot;
}

char *cache_strdup(MemoryContext cxt, const std::string &s) {
	return pg::pg_call([&] { return MemoryContextStrdup(cxt, s.c_str()); });
}

std::string quote_ident(const char *s) { return pg::pg_call([&] { return quote_identifier(s); }); }

// Catalog query: every foreign key of an extension member table in the extension schema whose
// referenced columns include "id", with the referencing column, the tenant-chain property and
// the best btree index leading with the referencing column.
// Only plain tables (relkind 'r') can be sections: the summary scans them with index_beginscan,
// which needs a table access method. A partitioned table (its "index" is a partitioned index
// without storage), a foreign table or a view is never a section, even when it is a member with a
// foreign key to personas (issue 11: a partitioned member crashed the backend).
constexpr const char *fk_query = R"SQL(
SELECT con.conrelid, c.relname::text, con.confrelid, k.attnum,
       (cardinality(con.conkey) = 2 AND con.convalidated AND NOT con.condeferrable
        AND EXISTS (SELECT 1 FROM unnest(con.conkey, con.confkey) u(a, b)
                    JOIN pg_attribute x ON x.attrelid = con.conrelid AND x.attnum = u.a
                    JOIN pg_attribute y ON y.attrelid = con.confrelid AND y.attnum = u.b
                    WHERE x.attname = 'tenant_id' AND y.attname = 'tenant_id')) AS tenant_fk,
       coalesce((SELECT i.indexrelid FROM pg_index i
                 JOIN pg_class ic ON ic.oid = i.indexrelid
                 JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'btree'
                 JOIN pg_opclass opc ON opc.oid = i.indclass[0] AND opc.opcdefault
                 WHERE i.indrelid = con.conrelid AND i.indkey[0] = k.attnum AND i.indpred IS NULL
                   AND i.indexprs IS NULL AND i.indisvalid AND i.indisready AND i.indislive
                 ORDER BY i.indnatts, i.indexrelid LIMIT 1), 0) AS index_oid,
       coalesce((SELECT i.indexrelid FROM pg_index i
                 JOIN pg_class ic ON ic.oid = i.indexrelid
                 JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'btree'
                 JOIN pg_attribute t ON t.attrelid = con.conrelid AND t.attnum = i.indkey[0] AND t.attname = 'tenant_id'
                   AND t.atttypid = 'uuid'::regtype
                 JOIN pg_opclass opc0 ON opc0.oid = i.indclass[0] AND opc0.opcdefault
                 JOIN pg_opclass opc1 ON opc1.oid = i.indclass[1] AND opc1.opcdefault
                 WHERE i.indrelid = con.conrelid AND i.indnatts >= 2 AND i.indkey[1] = k.attnum AND i.indpred IS NULL
                   AND i.indexprs IS NULL AND i.indisvalid AND i.indisready AND i.indislive
                 ORDER BY i.indnatts, i.indexrelid LIMIT 1), 0) AS tenant_index_oid
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid AND c.relkind = 'r'
CROSS JOIN LATERAL (SELECT a.attnum FROM unnest(con.conkey, con.confkey) u(a, b)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.a
                    JOIN pg_attribute r ON r.attrelid = con.confrelid AND r.attnum = u.b
                    WHERE r.attname = 'id' AND a.atttypid = 'uuid'::regtype) k
WHERE con.contype = 'f' AND c.relnamespace = $1 AND con.conrelid <> con.confrelid
  AND EXISTS (SELECT 1 FROM pg_depend d
              WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
                AND d.refclassid = 'pg_extension'::regclass AND d.refobjid = $2)
ORDER BY c.relname, con.conname
)SQL";

struct FkRow {
	Oid relid;
	const char *relname;  // in the build context
	Oid confrelid;
	AttrNumber key;
	bool tenant_fk;
	Oid index;
	Oid tenant_index;
};

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
	r->personas = pg_call([&] { return get_relname_relid("personas", schema); });
	if (!OidIsValid(r->personas))
		throw UserError(ERRCODE_UNDEFINED_TABLE, "vital_summary: table \"personas\" not found in the extension schema",
		                {}, "The extension is installed partially; run ALTER EXTENSION vital_persona UPDATE.");
	r->personas_tenant_attnum = pg_call([&] { return get_attnum(r->personas, "tenant_id"); });
	const std::string schema_name = pg_call([&] { return get_namespace_name(schema); });
	const std::string qschema = quote_ident(schema_name.c_str());

	spi.execute("SELECT oid, extversion FROM pg_catalog.pg_extension WHERE extname = 'vital_persona'", true, 1);
	if (Spi::processed() != 1)
		throw UserError(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, "extension \"vital_persona\" is not installed");
	bool isnull;
	Oid ext_oid = DatumGetObjectId(Spi::value(0, 1, &isnull));
	r->ext_version = text_col(0, 2, cxt);

	// Foreign keys of member tables, then children (-> personas) and grandchildren (-> a child).
	Oid argtypes[2] = {OIDOID, OIDOID};
	Datum args[2] = {ObjectIdGetDatum(schema), ObjectIdGetDatum(ext_oid)};
	pg_call([&] {
		if (SPI_execute_with_args(fk_query, 2, argtypes, args, nullptr, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "vital_summary: catalog query failed");
	});
	uint64 nfk = Spi::processed();
	auto rows = make_small_vector<SmallVector<FkRow, 96>>();
	rows.reserve(nfk);
	for (uint64 i = 0; i < nfk; i++) {
		FkRow f{};
		f.relid = DatumGetObjectId(Spi::value(i, 1, &isnull));
		f.relname = text_col(i, 2, cxt);
		f.confrelid = DatumGetObjectId(Spi::value(i, 3, &isnull));
		f.key = DatumGetInt16(Spi::value(i, 4, &isnull));
		f.tenant_fk = DatumGetBool(Spi::value(i, 5, &isnull));
		f.index = DatumGetObjectId(Spi::value(i, 6, &isnull));
		f.tenant_index = DatumGetObjectId(Spi::value(i, 7, &isnull));
		rows.push_back(f);
	}

	FlatMap<Oid, int> index_of{McxtAllocator<std::pair<Oid, int>>()};
	auto order = make_small_vector<SmallVector<FkRow, 96>>();
	for (const FkRow &f : rows)  // children
		if (f.confrelid == r->personas && index_of.find(f.relid) == index_of.end()) {
			index_of.emplace(f.relid, static_cast<int>(order.size()));
			order.push_back(f);
		}
	const size_t nchildren = order.size();
	for (const FkRow &f : rows)  // grandchildren: reference a child, are no child themselves
		if (index_of.find(f.relid) == index_of.end()) {
			auto parent = index_of.find(f.confrelid);
			if (parent != index_of.end() && static_cast<size_t>(parent->second) < nchildren) {
				index_of.emplace(f.relid, static_cast<int>(order.size()));
				order.push_back(f);
			}
		}

	r->nsections = static_cast<int>(order.size());
	r->sections = pg_call([&] {
		return static_cast<Section *>(MemoryContextAllocZero(cxt, sizeof(Section) * (order.size() + 1)));
	});
	r->watched = pg_call([&] { return static_cast<Oid *>(MemoryContextAllocZero(cxt, sizeof(Oid) * (3 * order.size() + 2))); });
	r->watched[r->nwatched++] = r->personas;

	for (size_t i = 0; i < order.size(); i++) {
		check_interrupts();  // a build reads the catalog of every section: ~ms, but cancellable between sections
		const FkRow &f = order[i];
		Section &s = r->sections[i];
		s.name = f.relname;
		s.relid = f.relid;
		s.index_oid = f.index;
		s.tenant_index_oid = f.tenant_index;
		s.key_attnum = f.key;
		s.tenant_fk = f.tenant_fk;
		s.parent = i < nchildren ? -1 : index_of.find(f.confrelid)->second;
		if (s.parent >= 0)
			r->sections[s.parent].has_children = true;
		// "id" is read as a uuid (highlights, grandchild keys): a column of another type is not read at all.
		s.id_attnum = pg_call([&] {
			AttrNumber a = get_attnum(f.relid, "id");
			return a != InvalidAttrNumber && get_atttype(f.relid, a) == UUIDOID ? a : InvalidAttrNumber;
		});
		s.tenant_attnum = pg_call([&] { return get_attnum(f.relid, "tenant_id"); });
		const RoleSpec *spec = spec_for(f.relname);
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
		pg_call([&] { load_policies(f.relid, s.tenant_attnum, cxt, &s.policies, &s.npolicies, &s.policies_simple); });
		r->watched[r->nwatched++] = f.relid;
		if (OidIsValid(f.index))
			r->watched[r->nwatched++] = f.index;
		if (OidIsValid(f.tenant_index))
			r->watched[r->nwatched++] = f.tenant_index;
	}
	// Maintained counters (sql/4.0/071_summary_counts.sql): slot per section, relation and its primary key.
	r->counts_rel = pg_call([&] { return get_relname_relid("_vital_summary_counts", schema); });
	if (OidIsValid(r->counts_rel)) {
		r->counts_attnum = pg_call([&] { return get_attnum(r->counts_rel, "counts"); });
		r->counts_index = pg_call([&] {
			Relation rel = table_open(r->counts_rel, AccessShareLock);
			Oid pk = RelationGetPrimaryKeyIndex(rel);
			table_close(rel, AccessShareLock);
			return pk;
		});
		for (int i = 0; i < r->nsections; i++)
			r->sections[i].slot = pg_call([&] { return maintained_slot(r->sections[i].relid, r->sections[i].has_children); });
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
		load_policies(r->personas, r->personas_tenant_attnum, cxt, &r->persona_policies, &r->n_persona_policies,
		              &r->personas_simple);
	});

	// RLS-respecting SQL: the persona probe and, per section, the fallback used when counting
	// through the index is not provably what the caller would see.
	std::string probe = "SELECT p.tenant_id, pg_catalog.jsonb_build_object(";
	bool first = true;
	for (const char *col : identity_columns) {
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
		std::string sql;
		const std::string id = s.id_attnum != InvalidAttrNumber ? "t.id" : "NULL::pg_catalog.uuid";
		if (s.parent < 0) {
			sql = "SELECT " + id + cols + " FROM " + qschema + "." + quote_ident(s.name) + " t WHERE t." + quote_ident(key.c_str()) +
			      " = $1";
		} else {
			const Section &p = r->sections[s.parent];
			const std::string pkey = pg_call([&] { return get_attname(p.relid, p.key_attnum, false); });
			sql = "SELECT " + id + cols + " FROM " + qschema + "." + quote_ident(s.name) + " t JOIN " + qschema + "." +
			      quote_ident(p.name) + " p ON p.id = t." + quote_ident(key.c_str()) + " WHERE p." + quote_ident(pkey.c_str()) +
			      " = $1";
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
