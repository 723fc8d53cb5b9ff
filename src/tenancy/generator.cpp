// Tenant isolation: the Row Level Security generator (docs/security.md).
//
// Reads the tables vital_persona manages (vp::catalog::managed_tables: its member tables and the registered
// sections, never anything else), classifies them, builds the policy set and FORCE flag each one must have and
// the privileges of the allowlist, compares that with pg_policy (expressions normalised by pg_get_expr, never
// evaluated) / relacl / proacl and either reports the difference (vital_rls_preview, vital_rls_audit) or executes
// it (vital_rls_apply; vital_register_section for one table). Everything PostgreSQL is reached through SPI or pg_call.
//
//   kind     which tables                             policies (TO authenticated)
//   tenant   a `tenant_id` column                     select: member; insert/update: editor; delete: editor,
//                                                     personas: admin (a persona delete cascades to all sections)
//   tenants  `tenants` (keys on id)                   select: member; update: admin; delete: owner; no insert
//   users    `users` (home tenant_id)                 select: self or member; insert/delete: admin;
//                                                     update: admin, or self staying in a member tenant
//   members  `tenant_members`                         select: own rows or member; writes: admin, and only an
//                                                     owner may create/change/delete an owner membership
//   lookup   `lookup_*` without tenant_id             select: everyone authenticated; writes: none
//   other    any other member table                   RLS on and forced, no policy (deny), grants by the allowlist
//   registered  a custom section (any schema)         as tenant (delete: editor)
//   manual   comment contains `vital_persona:rls=manual`: left alone (reported by the audit)
#include <string>
#include <vector>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/pg/spi.hpp"

extern "C" {
#include "catalog/pg_proc.h"
#include "commands/event_trigger.h"
#include "commands/extension.h"
#include "nodes/nodeFuncs.h"
#include "catalog/pg_type.h"
#include "optimizer/optimizer.h"
#include "miscadmin.h"
#include "utils/guc.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/syscache.h"
#include "storage/lmgr.h"
#include "catalog/pg_class.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"
}

namespace {

using vp::pg::pg_call;
using vp::pg::Spi;

enum class Kind { Tenant, Tenants, Users, Members, Lookup, Other, Manual };

const char *kind_name(Kind k) {
	switch (k) {
	case Kind::Tenant: return "tenant";
	case Kind::Tenants: return "tenants";
	case Kind::Users: return "users";
	case Kind::Members: return "members";
	case Kind::Lookup: return "lookup";
	case Kind::Other: return "other";
	case Kind::Manual: return "manual";
	}
	return "?";
}


struct Roles {
	bool anon = false, authenticated = false, service = false;
	std::string extowner;  // quoted; empty when it needs no grant (superuser)
};

struct Table {
	Oid relid = InvalidOid;
	std::string name;   // unquoted relname
	std::string qname;  // schema-qualified, quoted
	Kind kind = Kind::Other;
	bool rls = false, force = false;
	bool registered = false;  // a custom section (vital_register_section), not a member of the extension
};

struct Policy {
	Oid relid = InvalidOid;
	std::string name;
	char cmd = '*';
	bool permissive = true;
	std::string roles;  // "authenticated" / "public" / "a,b"
	std::string qual, check;
	bool has_qual = false, has_check = false;
	std::string per_row_calls;  // names of non-immutable, row-independent calls outside a sub-select
	bool always_true = false;
};

struct ExpectedPolicy {
	std::string name;
	char cmd;
	std::string qual, check;  // canonical pg_get_expr form; empty = absent
};

struct Statement {
	std::string table;
	std::string sql;
};

struct Finding {
	std::string object, problem, detail;
};

struct Catalog {
	Oid schema = InvalidOid;
	std::string schema_q;
	std::string policy_role;  // "authenticated" when it exists, else "public"
	// Citus is installed in this database: policies use the function form (Citus refuses sub-selects in
	// policies of distributed and reference tables) and Citus shards in the schema are not the extension's.
	bool citus = false;
	Roles roles;
	bool schema_usage_auth = true, schema_usage_service = true;
	std::vector<Table> tables;
	std::vector<Policy> policies;
};

// ------------------------------------------------------------------ SPI helpers

// pg_get_expr prints a function without its schema when the schema is on search_path, so the policy comparison
// needs a fixed search_path whatever the function's own (vital_rls_apply is SECURITY DEFINER and pins
// pg_catalog, <extension schema>, pg_temp). Restored like a function's SET clause on every exit path.
class CatalogSearchPath {
public:
	CatalogSearchPath() {
		nest_ = pg_call([] {
			int nest = NewGUCNestLevel();
			(void)set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
			return nest;
		});
	}
	~CatalogSearchPath() { AtEOXact_GUC(true, nest_); }
	CatalogSearchPath(const CatalogSearchPath &) = delete;
	CatalogSearchPath &operator=(const CatalogSearchPath &) = delete;

private:
	int nest_ = 0;
};

std::string text_at(uint64 row, int col, bool *isnull = nullptr) {
	char *v = pg_call([&] { return SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col); });
	if (isnull)
		*isnull = (v == nullptr);
	return v ? std::string(v) : std::string();
}

bool bool_at(uint64 row, int col) {
	bool isnull = false;
	Datum d = Spi::value(row, col, &isnull);
	return !isnull && DatumGetBool(d);
}

Oid oid_at(uint64 row, int col) {
	bool isnull = false;
	Datum d = Spi::value(row, col, &isnull);
	return isnull ? InvalidOid : DatumGetObjectId(d);
}

void select(Spi &spi, const std::string &sql) {
	// Not read-only: a read-only SPI query keeps the caller's snapshot and would miss a table created by the
	// statement that fired the event trigger.
	int rc = spi.execute(sql.c_str(), false);
	if (rc != SPI_OK_SELECT)
		throw vp::pg::UserError(ERRCODE_INTERNAL_ERROR, "catalog query failed in the RLS generator");
}

std::string quote_ident(const std::string &s) { return pg_call([&] { return quote_identifier(s.c_str()); }); }

std::string cat_schema_q(Oid schema) {
	return pg_call([&] { return quote_identifier(get_namespace_name(schema)); });
}

bool is_manual_marker(const std::string &comment) { return comment.find("vital_persona:rls=manual") != std::string::npos; }

// ------------------------------------------------------------------ policy expression analysis

struct WalkState {
	char names[256];
	int found;
};

// Finds non-immutable function calls that use no column of the row and sit outside any sub-select:
// PostgreSQL evaluates those once per row, where `(SELECT f())` would be an initPlan run once.
bool find_per_row_calls(Node *node, void *context) {
	if (node == nullptr)
		return false;
	if (IsA(node, SubLink))
		return false;  // evaluated as an initPlan/subplan, not per row of the policy's table
	auto *state = static_cast<WalkState *>(context);
	Oid funcid = InvalidOid;
	List *args = NIL;
	if (IsA(node, FuncExpr)) {
		funcid = ((FuncExpr *)node)->funcid;
		args = ((FuncExpr *)node)->args;
	}
	if (OidIsValid(funcid) && func_volatile(funcid) != PROVOLATILE_IMMUTABLE && !contain_vars_of_level((Node *)args, 0)) {
		const char *name = get_func_name(funcid);
		size_t used = strlen(state->names);
		if (name && used + strlen(name) + 3 < sizeof(state->names)) {
			if (used)
				strcat(state->names, ", ");
			strcat(state->names, name);
		}
		state->found++;
		return false;
	}
	return expression_tree_walker(node, (bool (*)())find_per_row_calls, context);
}

// Whether a (deserialised, never evaluated) expression is the constant true, or an OR with such a branch.
bool structurally_true(Node *node) {
	if (node == nullptr)
		return false;
	if (IsA(node, Const)) {
		const Const *c = reinterpret_cast<const Const *>(node);
		return c->consttype == BOOLOID && !c->constisnull && DatumGetBool(c->constvalue);
	}
	if (IsA(node, BoolExpr) && reinterpret_cast<BoolExpr *>(node)->boolop == OR_EXPR) {
		ListCell *lc;
		foreach (lc, reinterpret_cast<BoolExpr *>(node)->args)
			if (structurally_true(static_cast<Node *>(lfirst(lc))))
				return true;
	}
	return false;
}

// Inspects a stored policy expression (pg_node_tree text): per-row calls and constant truth. Analysis only
// reads the node tree and the catalog (function volatility and names): it never evaluates, constant-folds or
// plans the expression, so a function in somebody's policy is never run by preview, apply or audit, whoever
// calls them (test/pgtap/056_rls_ownership.sql).
void analyse_expression(const std::string &tree, Policy &p) {
	if (tree.empty())
		return;
	WalkState state{};
	bool is_true = pg_call([&] {
		Node *node = (Node *)stringToNode(tree.c_str());
		find_per_row_calls(node, &state);
		return structurally_true(node);
	});
	if (state.found) {
		if (!p.per_row_calls.empty())
			p.per_row_calls += ", ";
		p.per_row_calls += state.names;
	}
	if (is_true)
		p.always_true = true;
}

// ------------------------------------------------------------------ reading the catalog

// Privileges of one grantee on c.relacl (0 = PUBLIC), as a sorted comma list.
std::string privs_sql(const std::string &grantee) {
	return "coalesce((SELECT string_agg(a.privilege_type, ',' ORDER BY a.privilege_type) FROM "
	       "pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) a WHERE a.grantee = " +
	       grantee + "), '')";
}

std::string oid_array(const std::vector<Oid> &oids) {
	std::string a = "'{";
	for (size_t i = 0; i < oids.size(); i++)
		a += (i ? "," : "") + std::to_string(oids[i]);
	return a + "}'::pg_catalog.oid[]";
}

// The tables to manage come from vp::catalog::managed_tables() (src/catalog.cpp), never from "every table of the
// schema": a table of the application that merely shares the schema (public!) is not read, changed or reported.
Catalog read_catalog(Spi &spi, Oid only_relid = InvalidOid) {
	Catalog cat;
	cat.schema = vp::catalog::extension_schema();
	const char *nsp = pg_call([&] { return get_namespace_name(cat.schema); });
	cat.schema_q = quote_ident(nsp ? nsp : "");
	std::string schema_oid = std::to_string(cat.schema);

	select(spi,
	       "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'anon'),"
	       "       EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'authenticated'),"
	       "       EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'service_role'),"
	       "       (SELECT CASE WHEN r.rolsuper THEN NULL ELSE pg_catalog.quote_ident(r.rolname) END"
	       "          FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_roles r ON r.oid = e.extowner"
	       "         WHERE e.extname = 'vital_persona'),"
	       "       EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus')");
	cat.roles.anon = bool_at(0, 1);
	cat.citus = bool_at(0, 5);
	cat.roles.authenticated = bool_at(0, 2);
	cat.roles.service = bool_at(0, 3);
	cat.roles.extowner = text_at(0, 4);
	cat.policy_role = cat.roles.authenticated ? "authenticated" : "public";

	if (cat.roles.authenticated || cat.roles.service) {
		select(spi, "SELECT " +
		                std::string(cat.roles.authenticated ? "pg_catalog.has_schema_privilege('authenticated', " + schema_oid + "::oid, 'USAGE')"
		                                                    : "true") +
		                ", " +
		                (cat.roles.service ? "pg_catalog.has_schema_privilege('service_role', " + schema_oid + "::oid, 'USAGE')"
		                                   : std::string("true")));
		cat.schema_usage_auth = bool_at(0, 1);
		cat.schema_usage_service = bool_at(0, 2);
	}

	std::vector<Oid> relids, registered;
	for (const vp::catalog::ManagedTable &m : vp::catalog::managed_tables()) {
		if (OidIsValid(only_relid) && m.relid != only_relid)
			continue;
		relids.push_back(m.relid);
		if (m.registered)
			registered.push_back(m.relid);
	}
	const std::string managed = oid_array(relids);
	select(spi,
	       "SELECT c.oid, c.relname::text, pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||)"
	       "       pg_catalog.quote_ident(c.relname), c.relrowsecurity, c.relforcerowsecurity,"
	       "       EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'"
	       "               AND a.attnum > 0 AND NOT a.attisdropped),"
	       "       coalesce(pg_catalog.obj_description(c.oid, 'pg_class'), ''),"
	       "       c.oid = ANY (" + oid_array(registered) + ")"
	       "  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
	       " WHERE c.oid = ANY (" + managed + ")"
	       " ORDER BY n.nspname, c.relname");
	uint64 n = Spi::processed();
	for (uint64 i = 0; i < n; i++) {
		vp::pg::check_interrupts();
		Table t;
		t.relid = oid_at(i, 1);
		t.name = text_at(i, 2);
		t.qname = text_at(i, 3);
		t.rls = bool_at(i, 4);
		t.force = bool_at(i, 5);
		bool has_tenant = bool_at(i, 6);
		std::string comment = text_at(i, 7);
		t.registered = bool_at(i, 8);
		if (is_manual_marker(comment))
			t.kind = Kind::Manual;
		else if (t.registered)
			t.kind = Kind::Tenant;  // registration requires tenant_id and the foreign key to personas
		else if (t.name == "tenants")
			t.kind = Kind::Tenants;
		else if (t.name == "users" && has_tenant)
			t.kind = Kind::Users;
		else if (t.name == "tenant_members" && has_tenant)
			t.kind = Kind::Members;
		else if (has_tenant)
			t.kind = Kind::Tenant;
		else if (t.name.rfind("lookup_", 0) == 0)
			t.kind = Kind::Lookup;
		else
			t.kind = Kind::Other;
		cat.tables.push_back(std::move(t));
	}

	select(spi,
	       "SELECT p.polrelid, p.polname::text, p.polcmd::text, p.polpermissive,"
	       "       pg_catalog.array_to_string(ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE r::pg_catalog.regrole::text END"
	       "                                        FROM pg_catalog.unnest(p.polroles) r ORDER BY 1), ','),"
	       "       pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid),"
	       "       p.polqual::text, p.polwithcheck::text"
	       "  FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid"
	       " WHERE c.oid = ANY (" + managed + ")"
	       " ORDER BY c.relname, p.polname");
	n = Spi::processed();
	for (uint64 i = 0; i < n; i++) {
		vp::pg::check_interrupts();
		Policy p;
		p.relid = oid_at(i, 1);
		p.name = text_at(i, 2);
		std::string cmd = text_at(i, 3);
		p.cmd = cmd.empty() ? '*' : cmd[0];
		p.permissive = bool_at(i, 4);
		p.roles = text_at(i, 5);
		bool null_qual = false, null_check = false;
		p.qual = text_at(i, 6, &null_qual);
		p.check = text_at(i, 7, &null_check);
		p.has_qual = !null_qual;
		p.has_check = !null_check;
		std::string qual_tree = text_at(i, 8), check_tree = text_at(i, 9);
		analyse_expression(qual_tree, p);
		analyse_expression(check_tree, p);
		// A permissive write policy without any condition lets every row through.
		if (p.permissive && ((p.cmd == 'a' && !p.has_check) || (p.cmd != 'a' && !p.has_qual && !p.has_check)))
			p.always_true = true;
		cat.policies.push_back(std::move(p));
	}
	return cat;
}

// ------------------------------------------------------------------ the expected state

// Canonical (pg_get_expr) forms, so a policy created from them reads back identical.
// Single node: the sub-select makes the helper an initPlan, evaluated once per statement. Citus refuses sub-selects
// in policies, so with Citus installed the helper is called directly (STABLE, memoised per statement in the backend:
// the per-row cost is a memo hit, measured in bench/citus/).
std::string ids(const Catalog &cat, const char *min_role) {
	if (cat.citus)
		return cat.schema_q + ".vital_tenant_ids('" + min_role + "'::text)";
	return std::string("( SELECT ") + cat.schema_q + ".vital_tenant_ids('" + min_role + "'::text) AS vital_tenant_ids)::uuid[]";
}
std::string in_tenants(const Catalog &cat, const char *column, const char *min_role) {
	return std::string("(") + column + " = ANY (" + ids(cat, min_role) + "))";
}
std::string uid(const Catalog &cat) {
	if (cat.citus)
		return cat.schema_q + ".vital_uid()";
	return "( SELECT " + cat.schema_q + ".vital_uid() AS vital_uid)";
}

std::vector<ExpectedPolicy> expected_policies(const Catalog &cat, const Table &t) {
	std::vector<ExpectedPolicy> e;
	switch (t.kind) {
	case Kind::Tenant: {
		std::string member = in_tenants(cat, "tenant_id", "viewer");
		std::string editor = in_tenants(cat, "tenant_id", "editor");
		std::string deleter = t.name == "personas" && !t.registered ? in_tenants(cat, "tenant_id", "admin") : editor;
		e.push_back({"vital_select", 'r', member, ""});
		e.push_back({"vital_insert", 'a', "", editor});
		e.push_back({"vital_update", 'w', editor, editor});
		e.push_back({"vital_delete", 'd', deleter, ""});
		break;
	}
	case Kind::Tenants: {
		std::string admin = in_tenants(cat, "id", "admin");
		e.push_back({"vital_select", 'r', in_tenants(cat, "id", "viewer"), ""});
		e.push_back({"vital_update", 'w', admin, admin});
		e.push_back({"vital_delete", 'd', in_tenants(cat, "id", "owner"), ""});
		break;
	}
	case Kind::Users: {
		std::string self = "(id = " + uid(cat) + ")";
		std::string admin = in_tenants(cat, "tenant_id", "admin");
		e.push_back({"vital_select", 'r', "(" + self + " OR " + in_tenants(cat, "tenant_id", "viewer") + ")", ""});
		e.push_back({"vital_insert", 'a', "", admin});
		e.push_back({"vital_update", 'w', "(" + self + " OR " + admin + ")",
		             "((" + self + " AND " + in_tenants(cat, "tenant_id", "viewer") + ") OR " + admin + ")"});
		e.push_back({"vital_delete", 'd', admin, ""});
		break;
	}
	case Kind::Members: {
		std::string manage = "(" + in_tenants(cat, "tenant_id", "admin") + " AND ((role <> 'owner'::text) OR " +
		                     in_tenants(cat, "tenant_id", "owner") + "))";
		e.push_back({"vital_select", 'r', "((user_id = " + uid(cat) + ") OR " + in_tenants(cat, "tenant_id", "viewer") + ")", ""});
		e.push_back({"vital_insert", 'a', "", manage});
		e.push_back({"vital_update", 'w', manage, manage});
		e.push_back({"vital_delete", 'd', manage, ""});
		break;
	}
	case Kind::Lookup:
		e.push_back({"vital_select", 'r', "true", ""});
		break;
	case Kind::Other:
	case Kind::Manual:
		break;
	}
	return e;
}

const char *command_sql(char cmd) {
	switch (cmd) {
	case 'r': return "SELECT";
	case 'a': return "INSERT";
	case 'w': return "UPDATE";
	case 'd': return "DELETE";
	default: return "ALL";
	}
}

std::string create_policy_sql(const Catalog &cat, const Table &t, const ExpectedPolicy &p) {
	std::string sql = "CREATE POLICY " + quote_ident(p.name) + " ON " + t.qname + " AS PERMISSIVE FOR " + command_sql(p.cmd) + " TO " +
	                  cat.policy_role;
	if (!p.qual.empty())
		sql += " USING (" + p.qual + ")";
	if (!p.check.empty())
		sql += " WITH CHECK (" + p.check + ")";
	return sql;
}

std::string describe(const Policy &p) {
	return std::string(command_sql(p.cmd)) + (p.permissive ? "" : " RESTRICTIVE") + " TO " + p.roles +
	       (p.has_qual ? " USING " + p.qual : "") + (p.has_check ? " WITH CHECK " + p.check : "");
}

// ------------------------------------------------------------------ the privilege allowlist
// THE allowlist (docs/security.md "Privilege allowlist"): what PUBLIC, anon, authenticated, service_role and
// the extension owner may hold on the extension's relations and functions. vital_rls_apply() (run at the end of
// every install and update script, sql/finalize/99_privileges.sql) revokes everything else, whatever default
// privileges granted; vital_rls_audit() reports every deviation. Nobody but the table owner keeps TRIGGER,
// REFERENCES or TRUNCATE on a member table (a user trigger would run inside the extension's SECURITY DEFINER
// maintenance), and no column-level privilege is kept.

constexpr const char *siud = "DELETE,INSERT,SELECT,UPDATE";

struct RelationGrant {
	const char *name;
	const char *authenticated, *service_role;
};
// Member relations whose grants are not given by their kind.
constexpr RelationGrant relation_allowlist[] = {
	{"_vital_summary_counts", "", siud},  // derived counters: service_role repairs (vital_summary_rebuild_counts)
	{"_vital_summary_slots", "", siud},
	{"_vital_registered_sections", "", "SELECT"},  // service_role reads it for the drift report; nobody writes it but the extension
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
		if (name == "_vital_registered_sections")
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

// Grants on every member relation (tables, views, materialized views, sequences) by the allowlist. Registered
// sections are the user's tables: their grants are the user's business.
void plan_relation_grants(Spi &spi, const Catalog &cat, std::vector<Statement> &out, std::vector<Finding> *findings) {
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
	                "  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid"
	                "       AND d.objsubid = 0 AND d.deptype = 'e'"
	                "  JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'"
	                " WHERE c.relkind = ANY ('{r,p,v,m,S,f}'::\"char\"[])"
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
	            "  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid"
	            "       AND d.objsubid = 0 AND d.deptype = 'e'"
	            "  JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'"
	            "  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attacl IS NOT NULL"
	            "  CROSS JOIN LATERAL pg_catalog.aclexplode(a.attacl) x"
	            "  LEFT JOIN pg_catalog.pg_roles r ON r.oid = x.grantee"
	            " WHERE x.grantee <> c.relowner"
	            " GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4");
	n = Spi::processed();
	for (uint64 i = 0; i < n; i++) {
		std::string name = text_at(i, 1), qname = text_at(i, 2), column = text_at(i, 3), grantee = text_at(i, 4), privs = text_at(i, 5);
		out.push_back({name, "REVOKE ALL (" + column + ") ON TABLE " + qname + " FROM " + grantee});
		if (findings)
			findings->push_back({name, "column_grant", grantee + " holds {" + privs + "} on column " + column});
	}
}

// The Citus policy form calls the identity helpers per row by design (see ids()); anything else still counts.
bool only_helpers(const std::string &calls) {
	size_t start = 0;
	while (start <= calls.size()) {
		size_t end = calls.find(", ", start);
		std::string name = calls.substr(start, end == std::string::npos ? std::string::npos : end - start);
		if (name != "vital_tenant_ids" && name != "vital_uid")
			return false;
		if (end == std::string::npos)
			break;
		start = end + 2;
	}
	return true;
}

// Everything that must change for the tables in `cat` (statements), and what is wrong (findings).
void plan_tables(const Catalog &cat, std::vector<Statement> &out, std::vector<Finding> *findings) {
	for (const Table &t : cat.tables) {
		vp::pg::check_interrupts();
		if (t.kind == Kind::Manual) {
			if (findings)
				findings->push_back({t.name, "opted_out", "comment carries vital_persona:rls=manual; the generator leaves it alone"});
			continue;
		}
		if (!t.rls) {
			out.push_back({t.name, "ALTER TABLE " + t.qname + " ENABLE ROW LEVEL SECURITY"});
			if (findings)
				findings->push_back({t.name, "rls_disabled", std::string("row level security is off on a ") + kind_name(t.kind) + " table"});
		}
		if (!t.force) {
			out.push_back({t.name, "ALTER TABLE " + t.qname + " FORCE ROW LEVEL SECURITY"});
			if (findings)
				findings->push_back({t.name, "rls_not_forced", "the table owner is not subject to the policies"});
		}
		std::vector<ExpectedPolicy> expected = expected_policies(cat, t);
		for (const ExpectedPolicy &e : expected) {
			const Policy *actual = nullptr;
			for (const Policy &p : cat.policies)
				if (p.relid == t.relid && p.name == e.name)
					actual = &p;
			if (actual == nullptr) {
				out.push_back({t.name, create_policy_sql(cat, t, e)});
				if (findings)
					findings->push_back({t.name, "policy_missing", e.name + " (" + command_sql(e.cmd) + ")"});
				continue;
			}
			bool same = actual->cmd == e.cmd && actual->permissive && actual->roles == cat.policy_role &&
			            actual->has_qual == !e.qual.empty() && actual->has_check == !e.check.empty() &&
			            (e.qual.empty() || actual->qual == e.qual) && (e.check.empty() || actual->check == e.check);
			if (!same) {
				out.push_back({t.name, "DROP POLICY " + quote_ident(e.name) + " ON " + t.qname});
				out.push_back({t.name, create_policy_sql(cat, t, e)});
				if (findings)
					findings->push_back({t.name, "policy_differs", e.name + " is " + describe(*actual)});
			}
		}
		for (const Policy &p : cat.policies) {
			if (p.relid != t.relid)
				continue;
			bool known = false;
			for (const ExpectedPolicy &e : expected)
				known = known || e.name == p.name;
			if (!known) {
				out.push_back({t.name, "DROP POLICY " + quote_ident(p.name) + " ON " + t.qname});
				if (findings)
					findings->push_back({t.name, "policy_extra", p.name + ": " + describe(p)});
			}
		}
	}
	// Policy quality, on every table of the schema (including opted-out ones: the audit still reports them).
	if (findings) {
		for (const Policy &p : cat.policies) {
			const Table *t = nullptr;
			for (const Table &x : cat.tables)
				if (x.relid == p.relid)
					t = &x;
			if (t == nullptr)
				continue;
			if (!p.per_row_calls.empty() && !(cat.citus && only_helpers(p.per_row_calls)))
				findings->push_back({t->name, "per_row_call",
				                     p.name + " calls " + p.per_row_calls + " once per row; wrap it as (SELECT …)"});
			if (p.always_true && !(t->kind == Kind::Lookup && p.cmd == 'r'))
				findings->push_back({t->name, "always_true", p.name + " (" + command_sql(p.cmd) + ") lets every row through"});
		}
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
	                "  FROM pg_catalog.pg_proc p"
	                "  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid AND d.deptype = 'e'"
	                "  JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'"
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
			findings->push_back({sig, "function_not_in_allowlist", "no API role may execute it until it is added to the allowlist (src/rls.cpp)"});
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

// ------------------------------------------------------------------ results

void return_rows(FunctionCallInfo fcinfo, const std::vector<Statement> *statements, const std::vector<Finding> *findings) {
	pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
	auto *rsinfo = reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo);
	auto put = [&](const std::string *a, const std::string *b, const std::string *c) {
		Datum values[3];
		bool nulls[3] = {false, false, false};
		const std::string *cols[3] = {a, b, c};
		int ncols = c ? 3 : 2;
		for (int i = 0; i < ncols; i++) {
			nulls[i] = cols[i]->empty();
			const char *s = cols[i]->c_str();
			values[i] = nulls[i] ? (Datum)0 : pg_call([&] { return CStringGetTextDatum(s); });
		}
		pg_call([&] { tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls); });
	};
	if (statements)
		for (const Statement &s : *statements)
			put(&s.table, &s.sql, nullptr);
	if (findings)
		for (const Finding &f : *findings)
			put(&f.object, &f.problem, &f.detail);
}

std::vector<Statement> plan_all(Spi &spi, const Catalog &cat, std::vector<Finding> *findings) {
	std::vector<Statement> statements;
	plan_tables(cat, statements, findings);
	plan_relation_grants(spi, cat, statements, findings);
	plan_functions(spi, cat, statements, findings);
	return statements;
}

void execute_all(Spi &spi, const std::vector<Statement> &statements) {
	for (const Statement &s : statements) {
		vp::pg::check_interrupts();
		int rc = spi.execute(s.sql.c_str(), false);
		if (rc < 0)
			throw vp::pg::UserError(ERRCODE_INTERNAL_ERROR, "RLS generator statement failed: " + s.sql);
	}
}

}  // namespace

// vital_rls_preview(): the statements vital_rls_apply() would run now (a dry run; empty when in sync).
VP_FUNCTION(vital_rls_preview) {
	CatalogSearchPath fixed_search_path;
	std::vector<Statement> statements;
	{
		Spi spi;
		Catalog cat = read_catalog(spi);
		statements = plan_all(spi, cat, nullptr);
	}
	return_rows(fcinfo, &statements, nullptr);
	return (Datum)0;
}

// vital_rls_apply(): brings every table of the schema to the generated state; returns what it ran.
VP_FUNCTION(vital_rls_apply) {
	CatalogSearchPath fixed_search_path;
	std::vector<Statement> statements;
	{
		Spi spi;
		Catalog cat = read_catalog(spi);
		statements = plan_all(spi, cat, nullptr);
		execute_all(spi, statements);
	}
	return_rows(fcinfo, &statements, nullptr);
	return (Datum)0;
}

// vital_rls_audit(): every difference from the generated state, plus policy-quality problems.
VP_FUNCTION(vital_rls_audit) {
	CatalogSearchPath fixed_search_path;
	std::vector<Finding> findings;
	{
		Spi spi;
		Catalog cat = read_catalog(spi);
		(void)plan_all(spi, cat, &findings);
	}
	return_rows(fcinfo, nullptr, &findings);
	return (Datum)0;
}

// ------------------------------------------------------------------ custom sections

namespace {

// Runs the fixed statements of (un)registration as the owner of _vital_registered_sections (the role that ran the
// install script: the bootstrap superuser for a trusted install), like PostgreSQL's own maintenance switches to
// a table's owner: SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION, restored on every exit path.
// The caller's right to do this was checked before (it owns the table).
class AsExtensionOwner {
public:
	explicit AsExtensionOwner(Oid owner) {
		GetUserIdAndSecContext(&saved_user_, &saved_context_);
		SetUserIdAndSecContext(owner, saved_context_ | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
	}
	~AsExtensionOwner() { SetUserIdAndSecContext(saved_user_, saved_context_); }
	AsExtensionOwner(const AsExtensionOwner &) = delete;
	AsExtensionOwner &operator=(const AsExtensionOwner &) = delete;

private:
	Oid saved_user_ = InvalidOid;
	int saved_context_ = 0;
};

struct SectionFacts {
	std::string schema, name, qname, owner;
	char relkind = 0;
	char persistence = 0;
	bool owned_by_caller = false;
	bool rls = false, force = false;
	bool member = false, registered = false;
	bool tenant_uuid = false, persona_uuid = false, has_id = false;
	bool has_fk = false, has_trigger = false;
	int policies = 0;
	bool name_taken = false;  // a member table of the same name (summary keys are table names)
};

SectionFacts section_facts(Spi &spi, Oid relid, Oid registry_owner) {
	(void)registry_owner;
	SectionFacts f;
	bool exists = pg_call([&] { return SearchSysCacheExists1(RELOID, ObjectIdGetDatum(relid)); });
	if (!exists)
		throw vp::pg::UserError(ERRCODE_UNDEFINED_TABLE, "relation with OID " + std::to_string(relid) + " does not exist");
	bool registered = false;
	f.member = vp::catalog::is_managed(relid, &registered) && !registered;
	f.registered = registered;
	Oid schema = vp::catalog::extension_schema();
	const std::string rel = std::to_string(relid);
	select(spi,
	       "SELECT n.nspname::text, c.relname::text, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),"
	       "       c.relkind::text, c.relpersistence::text, c.relrowsecurity, c.relforcerowsecurity, r.rolname::text,"
	       "       EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'"
	       "               AND a.atttypid = 'pg_catalog.uuid'::pg_catalog.regtype AND a.attnum > 0 AND NOT a.attisdropped),"
	       "       EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'persona_id'"
	       "               AND a.atttypid = 'pg_catalog.uuid'::pg_catalog.regtype AND a.attnum > 0 AND NOT a.attisdropped),"
	       "       EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'id'"
	       "               AND a.attnum > 0 AND NOT a.attisdropped),"
	       // a foreign key exactly (tenant_id, persona_id) -> personas (tenant_id, id), in either column order
	       "       EXISTS (SELECT FROM pg_catalog.pg_constraint k"
	       "               JOIN pg_catalog.pg_class pc ON pc.oid = k.confrelid AND pc.relname = 'personas' AND pc.relnamespace = " +
	           std::to_string(schema) + "::oid"
	       "               WHERE k.conrelid = c.oid AND k.contype = 'f' AND pg_catalog.cardinality(k.conkey) = 2"
	       "                 AND (SELECT pg_catalog.array_agg(x.attname::text || '>' || y.attname::text ORDER BY 1)"
	       "                        FROM ROWS FROM (pg_catalog.unnest(k.conkey), pg_catalog.unnest(k.confkey)) u(a, b)"
	       "                        JOIN pg_catalog.pg_attribute x ON x.attrelid = k.conrelid AND x.attnum = u.a"
	       "                        JOIN pg_catalog.pg_attribute y ON y.attrelid = k.confrelid AND y.attnum = u.b)"
	       "                     = '{persona_id>id,tenant_id>tenant_id}'::text[]),"
	       "       EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'vital_validate_row'),"
	       "       (SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid),"
	       "       pg_catalog.pg_has_role(c.relowner, 'USAGE'),"
	       "       EXISTS (SELECT FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid"
	       "                 AND e.extname = 'vital_persona' JOIN pg_catalog.pg_class m ON m.oid = d.objid"
	       "               WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'e'"
	       "                 AND m.relname = c.relname AND m.oid <> c.oid)"
	       "  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
	       "  JOIN pg_catalog.pg_roles r ON r.oid = c.relowner WHERE c.oid = " + rel + "::oid");
	f.schema = text_at(0, 1);
	f.name = text_at(0, 2);
	f.qname = text_at(0, 3);
	std::string kind = text_at(0, 4), persistence = text_at(0, 5);
	f.relkind = kind.empty() ? 0 : kind[0];
	f.persistence = persistence.empty() ? 0 : persistence[0];
	f.rls = bool_at(0, 6);
	f.force = bool_at(0, 7);
	f.owner = text_at(0, 8);
	f.tenant_uuid = bool_at(0, 9);
	f.persona_uuid = bool_at(0, 10);
	f.has_id = bool_at(0, 11);
	f.has_fk = bool_at(0, 12);
	f.has_trigger = bool_at(0, 13);
	bool null_count = false;
	f.policies = static_cast<int>(DatumGetInt32(Spi::value(0, 14, &null_count)));
	f.owned_by_caller = bool_at(0, 15);
	f.name_taken = bool_at(0, 16);
	return f;
}

Oid registry_owner(Oid schema) {
	return pg_call([&] {
		Oid rel = get_relname_relid("_vital_registered_sections", schema);
		if (!OidIsValid(rel))
			elog(ERROR, "vital_persona: _vital_registered_sections is missing; run ALTER EXTENSION vital_persona UPDATE");
		HeapTuple t = SearchSysCache1(RELOID, ObjectIdGetDatum(rel));
		Oid owner = ((Form_pg_class)GETSTRUCT(t))->relowner;
		ReleaseSysCache(t);
		return owner;
	});
}

std::string literal(const std::string &s) { return pg_call([&] { return quote_literal_cstr(s.c_str()); }); }

void run(Spi &spi, const std::string &sql) {
	vp::pg::check_interrupts();
	if (spi.execute(sql.c_str(), false) < 0)
		throw vp::pg::UserError(ERRCODE_INTERNAL_ERROR, "statement failed: " + sql);
}

// Every backend rebuilds its vital_summary registry (it watches personas).
void invalidate_summary(Oid schema) {
	pg_call([&] {
		Oid personas = get_relname_relid("personas", schema);
		if (OidIsValid(personas))
			CacheInvalidateRelcacheByRelid(personas);
	});
}

void require_owner(const SectionFacts &f) {
	if (!f.owned_by_caller)
		throw vp::pg::UserError(ERRCODE_INSUFFICIENT_PRIVILEGE, "must be owner of table " + f.name,
		                        "Only a member of the table's owner role (" + f.owner + ") may register or unregister it.");
}

}  // namespace

// vital_register_section(section regclass): a user's own table becomes a custom section: RLS enabled and forced
// with the generated tenant policies, the validation trigger, the foreign key (tenant_id, persona_id) ->
// personas (tenant_id, id) ON DELETE CASCADE when it has none, and a count in vital_summary. Recorded in
// _vital_registered_sections (dumped), with what unregistering must restore. Idempotent for a registered table.
VP_FUNCTION(vital_register_section) {
	using vp::pg::UserError;
	if (PG_ARGISNULL(0))
		throw UserError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "vital_register_section: section must not be NULL");
	Oid relid = PG_GETARG_OID(0);
	Oid schema = vp::catalog::extension_schema();
	Oid owner = registry_owner(schema);
	std::vector<Statement> statements;
	CatalogSearchPath fixed_search_path;
	{
		Spi spi;
		// One registration at a time (and none while another session unregisters).
		{
			AsExtensionOwner as_owner(owner);
			run(spi, "LOCK TABLE " + cat_schema_q(schema) + "._vital_registered_sections IN SHARE ROW EXCLUSIVE MODE");
		}
		SectionFacts f = section_facts(spi, relid, owner);  // as the caller: pg_has_role() checks the caller
		require_owner(f);
		// Only now (the caller owns it) lock the table, so that what was checked is what gets changed: the
		// statements below name it by schema and name. Then check again under the lock.
		pg_call([&] { LockRelationOid(relid, AccessExclusiveLock); });
		f = section_facts(spi, relid, owner);
		require_owner(f);
		if (f.member)
			throw UserError(ERRCODE_WRONG_OBJECT_TYPE, "\"" + f.name + "\" is a table of vital_persona itself",
			                "Member tables are managed by the extension already.");
		if (f.relkind == RELKIND_PARTITIONED_TABLE)
			throw UserError(ERRCODE_WRONG_OBJECT_TYPE, "cannot register partitioned table \"" + f.name + "\" as a section",
			                "vital_summary counts a section by scanning it, which a partitioned table cannot be.",
			                "Use a plain table, or register each partition separately.");
		if (f.relkind != RELKIND_RELATION)
			throw UserError(ERRCODE_WRONG_OBJECT_TYPE, "\"" + f.name + "\" is not a table", {}, "Only plain tables can be sections.");
		if (f.persistence == RELPERSISTENCE_TEMP)
			throw UserError(ERRCODE_WRONG_OBJECT_TYPE, "cannot register temporary table \"" + f.name + "\" as a section");
		if (!f.tenant_uuid || !f.persona_uuid || !f.has_id)
			throw UserError(ERRCODE_UNDEFINED_COLUMN, "table \"" + f.name + "\" cannot be a section",
			                "A section needs the columns id, tenant_id uuid and persona_id uuid.",
			                "Add them, then register the table again.");
		if (f.name_taken)
			throw UserError(ERRCODE_DUPLICATE_OBJECT, "a table of vital_persona is already named \"" + f.name + "\"",
			                "vital_summary reports sections by table name.", "Rename the table.");
		if (!f.registered && f.policies > 0)
			throw UserError(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, "table \"" + f.name + "\" already has row level security policies",
			                "A section gets exactly the generated tenant policies; others would be dropped.",
			                "Drop its policies first, then register it.");
		{
			AsExtensionOwner as_owner(owner);
			select(spi, "SELECT 1 FROM " + cat_schema_q(schema) + "._vital_registered_sections WHERE section_table = " +
			                literal(f.name) + " AND section_schema <> " + literal(f.schema));
			if (Spi::processed() > 0)
				throw UserError(ERRCODE_DUPLICATE_OBJECT, "a section named \"" + f.name + "\" is already registered from another schema",
				                "vital_summary reports sections by table name.", "Rename the table.");
			if (!f.registered) {
				// A stale record (its table was dropped, or changed owner) describes another table's past: replace it.
				run(spi, "DELETE FROM " + cat_schema_q(schema) + "._vital_registered_sections WHERE section_schema = " +
				             literal(f.schema) + " AND section_table = " + literal(f.name));
				run(spi, "INSERT INTO " + cat_schema_q(schema) + "._vital_registered_sections (section_schema, section_table,"
				         " section_owner, added_foreign_key, had_row_security, had_forced_row_security, had_validation_trigger)"
				         " VALUES (" + literal(f.schema) + ", " + literal(f.name) + ", " + literal(f.owner) + ", " +
				         (f.has_fk ? "false" : "true") + ", " + (f.rls ? "true" : "false") + ", " + (f.force ? "true" : "false") +
				         ", " + (f.has_trigger ? "true" : "false") + ")");
			}
			if (!f.has_fk)
				run(spi, "ALTER TABLE " + f.qname + " ADD CONSTRAINT vital_section_persona_fk FOREIGN KEY (tenant_id, persona_id)"
				         " REFERENCES " + cat_schema_q(schema) + ".personas (tenant_id, id) ON DELETE CASCADE");
			if (!f.has_trigger)
				run(spi, "CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON " + f.qname +
				         " FOR EACH ROW EXECUTE FUNCTION " + cat_schema_q(schema) + ".vital_validate_row()");
			Catalog cat = read_catalog(spi, relid);
			if (cat.tables.empty() || !cat.tables[0].registered)
				throw UserError(ERRCODE_INTERNAL_ERROR, "vital_register_section: the registration of \"" + f.name + "\" is not visible");
			plan_tables(cat, statements, nullptr);
			execute_all(spi, statements);
		}
		invalidate_summary(schema);
	}
	return_rows(fcinfo, &statements, nullptr);
	return (Datum)0;
}

// vital_unregister_section(section regclass): reverses vital_register_section exactly: drops the generated
// policies, and the validation trigger and foreign key when registration added them, restores the RLS flags the
// table had, deletes the record.
VP_FUNCTION(vital_unregister_section) {
	using vp::pg::UserError;
	if (PG_ARGISNULL(0))
		throw UserError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "vital_unregister_section: section must not be NULL");
	Oid relid = PG_GETARG_OID(0);
	Oid schema = vp::catalog::extension_schema();
	Oid owner = registry_owner(schema);
	std::vector<Statement> statements;
	{
		Spi spi;
		{
			AsExtensionOwner as_owner(owner);
			run(spi, "LOCK TABLE " + cat_schema_q(schema) + "._vital_registered_sections IN SHARE ROW EXCLUSIVE MODE");
		}
		SectionFacts f = section_facts(spi, relid, owner);  // as the caller: pg_has_role() checks the caller
		require_owner(f);
		// Only now (the caller owns it) lock the table, so that what was checked is what gets changed: the
		// statements below name it by schema and name. Then check again under the lock.
		pg_call([&] { LockRelationOid(relid, AccessExclusiveLock); });
		f = section_facts(spi, relid, owner);
		require_owner(f);
		AsExtensionOwner as_owner(owner);
		select(spi, "SELECT added_foreign_key, had_row_security, had_forced_row_security, had_validation_trigger"
		            "  FROM " + cat_schema_q(schema) + "._vital_registered_sections"
		            " WHERE section_schema = " + literal(f.schema) + " AND section_table = " + literal(f.name));
		if (Spi::processed() != 1)
			throw UserError(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, "table \"" + f.name + "\" is not a registered section",
			                {}, "vital_register_section() registers it.");
		bool added_fk = bool_at(0, 1), had_rls = bool_at(0, 2), had_force = bool_at(0, 3), had_trigger = bool_at(0, 4);
		for (const char *policy : {"vital_select", "vital_insert", "vital_update", "vital_delete"})
			statements.push_back({f.name, "DROP POLICY IF EXISTS " + std::string(policy) + " ON " + f.qname});
		if (!had_trigger)
			statements.push_back({f.name, "DROP TRIGGER IF EXISTS vital_validate_row ON " + f.qname});
		if (added_fk)
			statements.push_back({f.name, "ALTER TABLE " + f.qname + " DROP CONSTRAINT IF EXISTS vital_section_persona_fk"});
		if (!had_force && f.force)
			statements.push_back({f.name, "ALTER TABLE " + f.qname + " NO FORCE ROW LEVEL SECURITY"});
		if (!had_rls && f.rls)
			statements.push_back({f.name, "ALTER TABLE " + f.qname + " DISABLE ROW LEVEL SECURITY"});
		execute_all(spi, statements);
		run(spi, "DELETE FROM " + cat_schema_q(schema) + "._vital_registered_sections WHERE section_schema = " +
		             literal(f.schema) + " AND section_table = " + literal(f.name));
		invalidate_summary(schema);
	}
	return_rows(fcinfo, &statements, nullptr);
	return (Datum)0;
}
