// THE privilege allowlist (docs/security.md "Privilege allowlist") and the grant half of the RLS generator
// (include/vital_persona/tenancy/rls.hpp): what PUBLIC, anon, authenticated, service_role and the extension owner
// may hold on the extension's relations and functions (its members: vp::catalog::member_relations/functions).
// vital_rls_apply() (run at the end of every install and update script, sql/finalize/99_privileges.sql) revokes
// everything else, whatever default privileges granted; vital_rls_audit() reports every deviation. Nobody but the
// table owner keeps TRIGGER, REFERENCES or TRUNCATE on a member table (a user trigger would run inside the
// extension's SECURITY DEFINER maintenance), and no column-level privilege is kept.
#include <string>
#include <vector>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/pg/spi.hpp"
#include "vital_persona/tenancy/rls.hpp"

namespace vp::tenancy {

using pg::Spi;

namespace {

constexpr const char *siud = "DELETE,INSERT,SELECT,UPDATE";

struct RelationGrant {
	const char *name;
	const char *authenticated, *service_role;
};
// Member relations whose grants are not given by their kind.
constexpr RelationGrant relation_allowlist[] = {
	{"_vital_summary_counts", "", siud},  // derived counters: service_role repairs (vital_summary_rebuild_counts)
	{"_vital_summary_slots", "", siud},
	{catalog::registrations_table, "", "SELECT"},  // service_role reads it for the drift report; nobody writes it but the extension
	{"persona_summary", "", ""},  // materialized view: ignores RLS, never readable by API roles
	{"persona_summary_live", "SELECT", "SELECT"},  // security_invoker view
};

enum : unsigned { to_authenticated = 1, to_service_role = 2 };
struct FunctionGrant {
	const char *name;
	unsigned roles;
};
// Every non-trigger function of the extension, by name (all overloads). The extension owner may execute every
// one; PUBLIC and anon none. Trigger and event trigger functions: nobody (they need no EXECUTE).
constexpr FunctionGrant function_allowlist[] = {
	{"vital_persona_version", to_authenticated | to_service_role},
	{"vital_jwt_claims", to_authenticated | to_service_role},  // the policies call these three
	{"vital_uid", to_authenticated | to_service_role},
	{"vital_tenant_ids", to_authenticated | to_service_role},
	{"vital_tenant_ids_memo_stats", 0},
	{"vital_rls_preview", 0},
	{"vital_rls_apply", 0},
	{"vital_rls_audit", 0},
	{"vital_register_section", 0},
	{"vital_unregister_section", 0},
	{"_vital_managed_tables", 0},
	{"_vital_member_tables", 0},
	{"immutable_array_to_text", to_authenticated | to_service_role},
	{"vital_validate", to_authenticated | to_service_role},
	{"vital_summary", to_authenticated | to_service_role},
	{"vital_summaries", to_authenticated | to_service_role},
	{"_vital_summary_invalidate", 0},
	{"_vital_summary_modes", 0},
	{"_vital_summary_apply_sql", 0},
	{"_vital_summary_counts_install", 0},
	{"vital_summary_rebuild_counts", to_service_role},
	{"vital_summary_check_counts", to_service_role},  // counters drift check and compaction (issue 12)
	{"vital_summary_compact_counts", to_service_role},
	{"vital_table_kinds", 0},  // Citus (docs/citus.md): the owner distributes
	{"vital_distribute", 0},
	{"vital_citus_request", to_authenticated | to_service_role},  // PostgREST pre-request function on Citus
	{"vital_seed_spec_sql", to_service_role},
	{"vital_seed_is_spec", to_service_role},
	{"vital_seed_personas", to_service_role},
	{"get_persona_time_perspective", to_authenticated | to_service_role},
	{"stakeholder_influence_level_points", to_authenticated | to_service_role},
	{"calculate_stakeholder_influence_score", to_authenticated | to_service_role},
	{"get_persona_stakeholder_ecosystem", to_authenticated | to_service_role},
	{"calculate_evidence_quality_score", to_authenticated | to_service_role},
	{"evidence_summary_compute", to_authenticated | to_service_role},
	{"get_persona_evidence_portfolio", to_authenticated | to_service_role},
	{"recompute_persona_evidence_summary", 0},
	{"refresh_persona_summary", to_service_role},
	// schema registry (docs/registry.md): the drift report is SECURITY INVOKER, so service_role also needs
	// its internal helpers; they only read the catalog and the shipped registry
	{"vital_schema_drift", to_service_role},
	{"_vital_schema_facts", to_service_role},
	{"_vital_schema_registry", to_service_role},
	{"_vital_schema_diff", to_service_role},
	{"_vital_schema_drift_severity", to_service_role},
	// counters maintenance (docs/summary.md) is SECURITY INVOKER too: the helpers it calls as service_role
	{"_vital_summary_fold", to_service_role},
	{"_vital_summary_deltas_sql", to_service_role},
	{"_vital_summary_actual_sql", to_service_role},
};

const FunctionGrant *function_grant(const std::string &name) {
	static constexpr FunctionGrant internal{"_vital_*", 0};
	for (const auto &g : function_allowlist)
		if (name == g.name)
			return &g;
	if (name.rfind("_vital_", 0) == 0)
		return &internal;  // internals (leading _vital_): nobody but the owner, by rule
	return nullptr;
}

// Privileges a role may hold on a member relation ("" = none). role: authenticated, service_role, extowner.
std::string allowed_relation_privileges(const Table *t, const std::string &name, char relkind, const std::string &role) {
	if (role == "extowner") {
		// The registration record decides which foreign tables the (superuser) generator manages: only the
		// extension's own code writes it, through vital_register_section's ownership check.
		if (name == catalog::registrations_table)
			return "";
		return relkind == 'r' || relkind == 'p' ? siud : relkind == 'v' || relkind == 'm' ? "SELECT" : "";
	}
	for (const auto &g : relation_allowlist)
		if (name == g.name)
			return role == "authenticated" ? g.authenticated : g.service_role;
	if (t == nullptr)
		return "";
	switch (t->kind) {
	case Kind::Tenant:
	case Kind::Users:
	case Kind::Members: return siud;
	case Kind::Tenants: return role == "authenticated" ? "DELETE,SELECT,UPDATE" : siud;
	case Kind::Lookup: return role == "authenticated" ? "SELECT" : siud;
	default: return "";
	}
}

std::string privilege_list(const std::string &csv) {
	std::string privs;
	for (char ch : csv)
		privs += ch == ',' ? std::string(", ") : std::string(1, ch);
	return privs;
}

void plan_grant(std::vector<Statement> &out, std::vector<Finding> *findings, const std::string &name, const std::string &qname,
                const std::string &grantee, const std::string &actual, const std::string &expected) {
	if (actual == expected)
		return;
	out.push_back({name, "REVOKE ALL ON TABLE " + qname + " FROM " + grantee});
	if (!expected.empty())
		out.push_back({name, "GRANT " + privilege_list(expected) + " ON TABLE " + qname + " TO " + grantee});
	if (findings)
		findings->push_back({name, "grant_differs", grantee + " holds {" + actual + "}, expected {" + expected + "}"});
}

// Privileges of one grantee on c.relacl (0 = PUBLIC), as a sorted comma list.
std::string privs_sql(const std::string &grantee) {
	return "coalesce((SELECT string_agg(a.privilege_type, ',' ORDER BY a.privilege_type) FROM "
	       "pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) a WHERE a.grantee = " +
	       grantee + "), '')";
}

}  // namespace

// Grants on every member relation (tables, views, materialized views, sequences) by the allowlist. Registered
// sections are the user's tables: their grants are the user's business.
void plan_relation_grants(Spi &spi, const Catalog &cat, std::vector<Statement> &out, std::vector<Finding> *findings) {
	const std::string members = oid_array(catalog::member_relations());
	std::string anon = cat.roles.anon ? "'anon'::pg_catalog.regrole" : "NULL";
	std::string auth = cat.roles.authenticated ? "'authenticated'::pg_catalog.regrole" : "NULL";
	std::string service = cat.roles.service ? "'service_role'::pg_catalog.regrole" : "NULL";
	std::string owner = cat.roles.extowner.empty() ? "NULL" : "'" + cat.roles.extowner + "'::pg_catalog.regrole";
	// Other grantees (not the owner, not the five above) holding TRIGGER, REFERENCES or TRUNCATE.
	std::string others = "coalesce((SELECT pg_catalog.string_agg(DISTINCT pg_catalog.quote_ident(r.rolname), ',')"
	                     " FROM pg_catalog.aclexplode(c.relacl) a JOIN pg_catalog.pg_roles r ON r.oid = a.grantee"
	                     " WHERE a.grantee <> c.relowner AND a.grantee <> 0"
	                     "   AND a.grantee IS DISTINCT FROM " + anon + " AND a.grantee IS DISTINCT FROM " + auth +
	                     "   AND a.grantee IS DISTINCT FROM " + service + " AND a.grantee IS DISTINCT FROM " + owner +
	                     "   AND a.privilege_type = ANY ('{TRIGGER,REFERENCES,TRUNCATE}'::text[])), '')";
	select(spi, "SELECT c.oid, c.relname::text, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),"
	            "       c.relkind::text, " + privs_sql("0") + ", " + privs_sql(anon) + ", " + privs_sql(auth) + ", " +
	                privs_sql(service) + ", " + privs_sql(owner) + ", " + others +
	                "  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
	                " WHERE c.oid = ANY (" + members + ") AND c.relkind = ANY ('{r,p,v,m,S,f}'::\"char\"[])"
	                " ORDER BY c.relname");
	struct Row {
		Oid relid;
		std::string name, qname, relkind, pub, anon, auth, service, owner, others;
	};
	std::vector<Row> rows;
	uint64 n = Spi::processed();
	for (uint64 i = 0; i < n; i++)
		rows.push_back({oid_at(i, 1), text_at(i, 2), text_at(i, 3), text_at(i, 4), text_at(i, 5), text_at(i, 6), text_at(i, 7),
		                text_at(i, 8), text_at(i, 9), text_at(i, 10)});
	for (const Row &r : rows) {
		vp::pg::check_interrupts();
		const Table *t = nullptr;
		for (const Table &x : cat.tables)
			if (x.relid == r.relid)
				t = &x;
		if (t != nullptr && t->kind == Kind::Manual)
			continue;
		char relkind = r.relkind.empty() ? 'r' : r.relkind[0];
		plan_grant(out, findings, r.name, r.qname, "PUBLIC", r.pub, "");
		if (cat.roles.anon)
			plan_grant(out, findings, r.name, r.qname, "anon", r.anon, "");
		if (cat.roles.authenticated)
			plan_grant(out, findings, r.name, r.qname, "authenticated", r.auth,
			           allowed_relation_privileges(t, r.name, relkind, "authenticated"));
		if (cat.roles.service)
			plan_grant(out, findings, r.name, r.qname, "service_role", r.service,
			           allowed_relation_privileges(t, r.name, relkind, "service_role"));
		// The extension owner (Supabase: postgres, not a superuser) reads and writes, nothing more.
		if (!cat.roles.extowner.empty())
			plan_grant(out, findings, r.name, r.qname, cat.roles.extowner, r.owner,
			           allowed_relation_privileges(t, r.name, relkind, "extowner"));
		if (!r.others.empty()) {
			out.push_back({r.name, "REVOKE TRIGGER, REFERENCES, TRUNCATE ON TABLE " + r.qname + " FROM " + r.others});
			if (findings)
				findings->push_back({r.name, "grant_differs", r.others + " hold TRIGGER, REFERENCES or TRUNCATE (only the owner may)"});
		}
	}
	// Column privileges: none are allowed on member relations (REFERENCES or UPDATE on a column would bypass the
	// table-level allowlist).
	select(spi, "SELECT c.relname::text, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),"
	            "       pg_catalog.quote_ident(a.attname), CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(r.rolname) END,"
	            "       pg_catalog.string_agg(x.privilege_type, ',' ORDER BY x.privilege_type)"
	            "  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
	            "  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attacl IS NOT NULL"
	            "  CROSS JOIN LATERAL pg_catalog.aclexplode(a.attacl) x"
	            "  LEFT JOIN pg_catalog.pg_roles r ON r.oid = x.grantee"
	            " WHERE c.oid = ANY (" + members + ") AND x.grantee <> c.relowner"
	            " GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4");
	n = Spi::processed();
	for (uint64 i = 0; i < n; i++) {
		std::string name = text_at(i, 1), qname = text_at(i, 2), column = text_at(i, 3), grantee = text_at(i, 4), privs = text_at(i, 5);
		out.push_back({name, "REVOKE ALL (" + column + ") ON TABLE " + qname + " FROM " + grantee});
		if (findings)
			findings->push_back({name, "column_grant", grantee + " holds {" + privs + "} on column " + column});
	}
}

// Schema usage, EXECUTE grants on the extension's functions by the allowlist, and the search_path of every
// SECURITY DEFINER function (apply and audit).
void plan_functions(Spi &spi, const Catalog &cat, std::vector<Statement> &out, std::vector<Finding> *findings) {
	if (cat.roles.authenticated && !cat.schema_usage_auth)
		out.push_back({"", "GRANT USAGE ON SCHEMA " + cat.schema_q + " TO authenticated"});
	if (cat.roles.service && !cat.schema_usage_service)
		out.push_back({"", "GRANT USAGE ON SCHEMA " + cat.schema_q + " TO service_role"});
	if (findings && ((cat.roles.authenticated && !cat.schema_usage_auth) || (cat.roles.service && !cat.schema_usage_service)))
		findings->push_back({"", "schema_usage_missing", "the API roles cannot reach " + cat.schema_q});

	auto direct = [](const std::string &role) {
		return "EXISTS (SELECT 1 FROM pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a"
		       " WHERE a.privilege_type = 'EXECUTE' AND a.grantee = " +
		       role + ")";
	};
	// Any path (membership, PUBLIC) by which an API role can execute the function.
	auto reachable = [](const char *role) {
		return std::string("pg_catalog.has_function_privilege('") + role + "', p.oid, 'EXECUTE')";
	};
	const std::string pinned = "search_path=pg_catalog, " + cat.schema_q + ", pg_temp";
	select(spi, "SELECT p.oid::pg_catalog.regprocedure::text, p.proname::text, p.prosecdef,"
	            "       p.prorettype IN ('pg_catalog.trigger'::pg_catalog.regtype, 'pg_catalog.event_trigger'::pg_catalog.regtype), " +
	                direct("0") + ", " + (cat.roles.anon ? direct("'anon'::pg_catalog.regrole") : "false") + ", " +
	                (cat.roles.authenticated ? direct("'authenticated'::pg_catalog.regrole") : "false") + ", " +
	                (cat.roles.service ? direct("'service_role'::pg_catalog.regrole") : "false") + ", " +
	                (cat.roles.extowner.empty() ? std::string("true") : direct("'" + cat.roles.extowner + "'::pg_catalog.regrole")) + ", " +
	                (cat.roles.anon ? reachable("anon") : "false") + " OR " +
	                (cat.roles.authenticated ? reachable("authenticated") : "false") + ", "
	                "       coalesce((SELECT c FROM pg_catalog.unnest(p.proconfig) c WHERE c LIKE 'search_path=%'), '')"
	                "  FROM pg_catalog.pg_proc p WHERE p.oid = ANY (" + oid_array(catalog::member_functions()) + ")"
	                " ORDER BY 1");
	uint64 n = Spi::processed();
	for (uint64 i = 0; i < n; i++) {
		vp::pg::check_interrupts();
		std::string sig = text_at(i, 1), name = text_at(i, 2), search_path = text_at(i, 11);
		bool definer = bool_at(i, 3), trigger = bool_at(i, 4), is_public = bool_at(i, 5), is_anon = bool_at(i, 6),
		     is_auth = bool_at(i, 7), is_service = bool_at(i, 8), is_owner = bool_at(i, 9), api_reachable = bool_at(i, 10);
		// regprocedure prints the schema when it is not on search_path (pg_catalog, pg_temp here): always.
		std::string fn = "FUNCTION " + sig;
		const FunctionGrant *grant = trigger ? nullptr : function_grant(name);
		unsigned allowed = grant ? grant->roles : 0;
		bool want_auth = (allowed & to_authenticated) != 0, want_service = (allowed & to_service_role) != 0;
		if (!trigger && grant == nullptr && findings)
			findings->push_back({sig, "function_not_in_allowlist", "no API role may execute it until it is added to the allowlist (src/tenancy/allowlist.cpp)"});
		if (is_public) {
			out.push_back({"", "REVOKE EXECUTE ON " + fn + " FROM PUBLIC"});
			if (findings)
				findings->push_back({sig, definer ? "definer_executable_by_public" : "function_executable_by_public",
				                     "EXECUTE is granted to PUBLIC (anon included)"});
		}
		if (is_anon) {
			out.push_back({"", "REVOKE EXECUTE ON " + fn + " FROM anon"});
			if (findings)
				findings->push_back({sig, "function_executable_by_anon", "EXECUTE is granted to anon"});
		}
		if (cat.roles.authenticated && is_auth != want_auth) {
			out.push_back({"", (want_auth ? "GRANT EXECUTE ON " + fn + " TO " : "REVOKE EXECUTE ON " + fn + " FROM ") + "authenticated"});
			if (findings)
				findings->push_back({sig, want_auth ? "execute_missing" : "execute_not_allowed",
				                     std::string("authenticated ") + (want_auth ? "lacks" : "holds") + " EXECUTE"});
		}
		if (cat.roles.service && is_service != want_service) {
			out.push_back({"", (want_service ? "GRANT EXECUTE ON " + fn + " TO " : "REVOKE EXECUTE ON " + fn + " FROM ") + "service_role"});
			if (findings)
				findings->push_back({sig, want_service ? "execute_missing" : "execute_not_allowed",
				                     std::string("service_role ") + (want_service ? "lacks" : "holds") + " EXECUTE"});
		}
		if (!trigger && !is_owner && !cat.roles.extowner.empty())
			out.push_back({"", "GRANT EXECUTE ON " + fn + " TO " + cat.roles.extowner});
		if (definer && search_path != pinned) {
			out.push_back({"", "ALTER " + fn + " SET search_path = pg_catalog, " + cat.schema_q + ", pg_temp"});
			if (findings)
				findings->push_back({sig, "definer_search_path", "SECURITY DEFINER with " + (search_path.empty() ? std::string("no search_path") : search_path) +
				                                                     ", expected " + pinned});
		}
		// Through role membership, which apply cannot repair: reported only.
		if (definer && api_reachable && !is_public && !is_anon && !(is_auth && !want_auth) && findings)
			findings->push_back({sig, "definer_executable_by_api", "anon or authenticated can execute this SECURITY DEFINER function"});
	}
}

}  // namespace vp::tenancy
