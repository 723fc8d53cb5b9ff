// Tenant isolation: the Row Level Security generator (docs/security.md).
//
// Reads the tables of the extension's schema from the catalog, classifies them, builds the policy set,
// FORCE flag and grants each one must have, compares that with pg_policy / relacl (expressions normalised by
// pg_get_expr) and either reports the difference (vital_rls_preview, vital_rls_audit) or executes it
// (vital_rls_apply, and vital_rls_event_trigger for tables created later). Everything PostgreSQL is reached
// through SPI or pg_call.
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
//   other    anything else                            RLS on and forced, no policy (deny), grants untouched
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
#include "optimizer/optimizer.h"
#include "utils/guc.h"
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

const char *const all_privileges = "DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE";

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
	bool owner_is_superuser = false;
	std::string priv_public, priv_anon, priv_auth, priv_service, priv_extowner;  // "A,B,C" sorted
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

// Inspects a stored policy expression (pg_node_tree text): per-row calls and constant truth.
void analyse_expression(const std::string &tree, Policy &p) {
	if (tree.empty())
		return;
	WalkState state{};
	bool is_true = pg_call([&] {
		Node *node = (Node *)stringToNode(tree.c_str());
		find_per_row_calls(node, &state);
		Node *folded = eval_const_expressions(nullptr, (Node *)copyObjectImpl(node));
		return IsA(folded, Const) && !((Const *)folded)->constisnull && DatumGetBool(((Const *)folded)->constvalue);
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
std::string privs_sql(const char *grantee) {
	return std::string("coalesce((SELECT string_agg(a.privilege_type, ',' ORDER BY a.privilege_type) FROM "
	                   "pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) a WHERE a.grantee = ") +
	       grantee + "), '')";
}

// On a Citus node the schema also holds shards: `<member table>_<shard id>`, created by Citus (not members of the
// extension), which carry the policies Citus copies from the coordinator's table. The generator, the audit and the
// event trigger leave them alone. (A non-member table named like a member plus "_<digits>" is therefore skipped on
// a Citus node: docs/citus.md.)
std::string not_a_shard(const Catalog &cat) {
	if (!cat.citus)
		return "";
	return " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class m"
	       "   JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = m.oid"
	       "    AND d.deptype = 'e'"
	       "   JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'"
	       "  WHERE m.relnamespace = c.relnamespace AND m.oid <> c.oid"
	       "    AND pg_catalog.starts_with(c.relname::text, m.relname::text || '_')"
	       "    AND pg_catalog.substr(c.relname::text, pg_catalog.length(m.relname::text) + 2) ~ '^[0-9]+$'"
	       "    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d2 WHERE d2.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
	       "                     AND d2.objid = c.oid AND d2.deptype = 'e'))";
}

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

	std::string role_oid_anon = cat.roles.anon ? "'anon'::pg_catalog.regrole" : "NULL";
	std::string role_oid_auth = cat.roles.authenticated ? "'authenticated'::pg_catalog.regrole" : "NULL";
	std::string role_oid_service = cat.roles.service ? "'service_role'::pg_catalog.regrole" : "NULL";
	std::string role_oid_owner = "(SELECT e.extowner FROM pg_catalog.pg_extension e WHERE e.extname = 'vital_persona')";
	select(spi,
	       "SELECT c.oid, c.relname::text, c.relrowsecurity, c.relforcerowsecurity,"
	       "       EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'"
	       "               AND a.attnum > 0 AND NOT a.attisdropped),"
	       "       coalesce(pg_catalog.obj_description(c.oid, 'pg_class'), ''),"
	       "       (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid = c.relowner),"
	       "       " + privs_sql("0") + ", " + privs_sql(role_oid_anon.c_str()) + ", " + privs_sql(role_oid_auth.c_str()) + ", " +
	           privs_sql(role_oid_service.c_str()) + ", " + privs_sql(role_oid_owner.c_str()) +
	           "  FROM pg_catalog.pg_class c"
	           " WHERE c.relnamespace = " + schema_oid + "::oid AND c.relkind IN ('r', 'p')" + not_a_shard(cat) +
	           (OidIsValid(only_relid) ? " AND c.oid = " + std::to_string(only_relid) + "::oid" : std::string()) +
	           " ORDER BY c.relname");
	uint64 n = Spi::processed();
	for (uint64 i = 0; i < n; i++) {
		vp::pg::check_interrupts();
		Table t;
		t.relid = oid_at(i, 1);
		t.name = text_at(i, 2);
		t.qname = cat.schema_q + "." + quote_ident(t.name);
		t.rls = bool_at(i, 3);
		t.force = bool_at(i, 4);
		bool has_tenant = bool_at(i, 5);
		std::string comment = text_at(i, 6);
		t.owner_is_superuser = bool_at(i, 7);
		t.priv_public = text_at(i, 8);
		t.priv_anon = text_at(i, 9);
		t.priv_auth = text_at(i, 10);
		t.priv_service = text_at(i, 11);
		t.priv_extowner = text_at(i, 12);
		if (is_manual_marker(comment))
			t.kind = Kind::Manual;
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
	       " WHERE c.relnamespace = " + schema_oid + "::oid" + not_a_shard(cat) +
	           (OidIsValid(only_relid) ? " AND c.oid = " + std::to_string(only_relid) + "::oid" : std::string()) +
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
		std::string deleter = t.name == "personas" ? in_tenants(cat, "tenant_id", "admin") : editor;
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

bool managed(Kind k) { return k != Kind::Other && k != Kind::Manual; }

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

// Grants one role must hold on a table of this kind ("" = none).
std::string expected_privileges(Kind k, const char *role) {
	std::string r = role;
	if (r == "service_role" || r == "extowner")
		return all_privileges;
	if (r == "authenticated") {
		switch (k) {
		case Kind::Tenant:
		case Kind::Users:
		case Kind::Members: return "DELETE,INSERT,SELECT,UPDATE";
		case Kind::Tenants: return "DELETE,SELECT,UPDATE";
		case Kind::Lookup: return "SELECT";
		default: return "";
		}
	}
	return "";  // PUBLIC, anon
}

void plan_grant(std::vector<Statement> &out, std::vector<Finding> *findings, const Table &t, const std::string &grantee,
                const std::string &actual, const std::string &expected) {
	if (actual == expected)
		return;
	out.push_back({t.name, "REVOKE ALL ON TABLE " + t.qname + " FROM " + grantee});
	if (!expected.empty()) {
		std::string privs;
		for (size_t i = 0; i < expected.size(); i++)
			privs += expected[i] == ',' ? std::string(", ") : std::string(1, expected[i]);
		out.push_back({t.name, "GRANT " + privs + " ON TABLE " + t.qname + " TO " + grantee});
	}
	if (findings)
		findings->push_back({t.name, "grant_differs",
		                     grantee + " holds {" + actual + "}, expected {" + expected + "}"});
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
		if (!managed(t.kind))
			continue;
		plan_grant(out, findings, t, "PUBLIC", t.priv_public, "");
		if (cat.roles.anon)
			plan_grant(out, findings, t, "anon", t.priv_anon, "");
		if (cat.roles.authenticated)
			plan_grant(out, findings, t, "authenticated", t.priv_auth, expected_privileges(t.kind, "authenticated"));
		if (cat.roles.service)
			plan_grant(out, findings, t, "service_role", t.priv_service, expected_privileges(t.kind, "service_role"));
		// The extension owner (Supabase: postgres, not a superuser) keeps full access to tables the bootstrap
		// superuser owns; when it owns the table itself its default privileges already match.
		if (!cat.roles.extowner.empty())
			plan_grant(out, findings, t, cat.roles.extowner, t.priv_extowner, expected_privileges(t.kind, "extowner"));
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

// Schema usage and EXECUTE grants on the extension's functions (apply and audit only, not the event trigger).
void plan_functions(Spi &spi, const Catalog &cat, std::vector<Statement> &out, std::vector<Finding> *findings) {
	if (cat.roles.authenticated && !cat.schema_usage_auth)
		out.push_back({"", "GRANT USAGE ON SCHEMA " + cat.schema_q + " TO authenticated"});
	if (cat.roles.service && !cat.schema_usage_service)
		out.push_back({"", "GRANT USAGE ON SCHEMA " + cat.schema_q + " TO service_role"});
	if (findings && ((cat.roles.authenticated && !cat.schema_usage_auth) || (cat.roles.service && !cat.schema_usage_service)))
		findings->push_back({"", "schema_usage_missing", "the API roles cannot reach " + cat.schema_q});

	auto direct = [](const char *role) {
		return std::string("EXISTS (SELECT 1 FROM pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a"
		                   " WHERE a.privilege_type = 'EXECUTE' AND a.grantee = ") +
		       role + ")";
	};
	select(spi, "SELECT p.oid::pg_catalog.regprocedure::text, p.proname::text, p.prosecdef,"
	            "       p.prorettype IN ('pg_catalog.trigger'::pg_catalog.regtype, 'pg_catalog.event_trigger'::pg_catalog.regtype), " +
	                direct("0") + ", " + (cat.roles.anon ? direct("'anon'::pg_catalog.regrole") : "false") + ", " +
	                (cat.roles.authenticated ? direct("'authenticated'::pg_catalog.regrole") : "true") + ", " +
	                (cat.roles.service ? direct("'service_role'::pg_catalog.regrole") : "true") + ", " +
	                (cat.roles.extowner.empty() ? std::string("true") : direct(("'" + cat.roles.extowner + "'::pg_catalog.regrole").c_str())) +
	                "  FROM pg_catalog.pg_proc p"
	                "  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid AND d.deptype = 'e'"
	                "  JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'"
	                " ORDER BY 1");
	uint64 n = Spi::processed();
	for (uint64 i = 0; i < n; i++) {
		std::string sig = text_at(i, 1), name = text_at(i, 2);
		bool definer = bool_at(i, 3), trigger = bool_at(i, 4), is_public = bool_at(i, 5), is_anon = bool_at(i, 6),
		     is_auth = bool_at(i, 7), is_service = bool_at(i, 8), is_owner = bool_at(i, 9);
		// regprocedure prints the schema when it is not on search_path (pg_catalog, pg_temp here): always.
		std::string fn = "FUNCTION " + sig;
		bool helper = name == "vital_tenant_ids" || name == "vital_uid" || name == "vital_jwt_claims";
		bool open_by_default = is_public && !definer && !trigger;
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
		if (helper || open_by_default) {
			if (!is_auth)
				out.push_back({"", "GRANT EXECUTE ON " + fn + " TO authenticated"});
			if (!is_service)
				out.push_back({"", "GRANT EXECUTE ON " + fn + " TO service_role"});
			if (!is_owner && !cat.roles.extowner.empty())
				out.push_back({"", "GRANT EXECUTE ON " + fn + " TO " + cat.roles.extowner});
			if (findings && helper && (!is_auth || !is_service))
				findings->push_back({sig, "helper_not_executable", "authenticated and service_role need EXECUTE for the policies"});
		}
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
	std::vector<Finding> findings;
	{
		Spi spi;
		Catalog cat = read_catalog(spi);
		(void)plan_all(spi, cat, &findings);
	}
	return_rows(fcinfo, nullptr, &findings);
	return (Datum)0;
}

// Event trigger (ddl_command_end, CREATE TABLE): a new table with tenant_id in the extension's schema gets
// RLS, the generated policies and grants at once. Opt out for one statement or session with
// SET vital_persona.rls_auto = off (then mark the table with the comment vital_persona:rls=manual so that
// vital_rls_apply() leaves it alone too).
VP_FUNCTION(vital_rls_event_trigger) {
	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		throw vp::pg::UserError(ERRCODE_E_R_I_E_EVENT_TRIGGER_PROTOCOL_VIOLATED,
		                        "vital_rls_event_trigger() must be called as an event trigger");
	if (creating_extension)
		return (Datum)0;  // the extension scripts apply the generator themselves (finalize)
	const char *setting = pg_call([] { return GetConfigOption("vital_persona.rls_auto", true, false); });
	if (setting != nullptr) {
		bool enabled = true;
		if (pg_call([&] { return parse_bool(setting, &enabled); }) && !enabled)
			return (Datum)0;
	}
	Spi spi;
	Oid schema = vp::catalog::extension_schema();
	select(spi, "SELECT DISTINCT objid FROM pg_catalog.pg_event_trigger_ddl_commands()"
	            " WHERE classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND object_type = 'table'");
	std::vector<Oid> relids;
	uint64 n = Spi::processed();
	for (uint64 i = 0; i < n; i++)
		relids.push_back(oid_at(i, 1));
	for (Oid relid : relids) {
		Oid nsp = pg_call([&] { return get_rel_namespace(relid); });
		if (nsp != schema)
			continue;
		Catalog cat = read_catalog(spi, relid);
			if (cat.tables.empty() || cat.tables[0].kind != Kind::Tenant)
			continue;
		std::vector<Statement> statements;
		plan_tables(cat, statements, nullptr);
		execute_all(spi, statements);
	}
	return (Datum)0;
}
