// The policy model of the RLS generator (include/vital_persona/tenancy/rls.hpp): which policies each kind of
// table must have, in the canonical form pg_get_expr prints, so a policy created from them reads back identical.
// Role thresholds are vp::catalog::Role (the one ranking, src/catalog/roles.cpp).
#include <string>
#include <vector>

#include "vital_persona/catalog.hpp"
#include "vital_persona/tenancy/rls.hpp"

namespace vp::tenancy {

using catalog::Role;

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

namespace {

// Canonical (pg_get_expr) forms, so a policy created from them reads back identical.
// Single node: the sub-select makes the helper an initPlan, evaluated once per statement. Citus refuses sub-selects
// in policies, so with Citus installed the helper is called directly (STABLE, memoised per statement in the backend:
// the per-row cost is a memo hit, measured in bench/citus/).
std::string ids(const Catalog &cat, Role min_role) {
	if (cat.citus)
		return cat.schema_q + ".vital_tenant_ids('" + catalog::role_name(min_role) + "'::text)";
	return "( SELECT " + cat.schema_q + ".vital_tenant_ids('" + catalog::role_name(min_role) + "'::text) AS vital_tenant_ids)::uuid[]";
}
std::string in_tenants(const Catalog &cat, const char *column, Role min_role) {
	return std::string("(") + column + " = ANY (" + ids(cat, min_role) + "))";
}
std::string uid(const Catalog &cat) {
	if (cat.citus)
		return cat.schema_q + ".vital_uid()";
	return "( SELECT " + cat.schema_q + ".vital_uid() AS vital_uid)";
}

}  // namespace

std::vector<ExpectedPolicy> expected_policies(const Catalog &cat, const Table &t) {
	std::vector<ExpectedPolicy> e;
	switch (t.kind) {
	case Kind::Tenant: {
		std::string member = in_tenants(cat, catalog::tenant_column, Role::Viewer);
		std::string editor = in_tenants(cat, catalog::tenant_column, Role::Editor);
		std::string deleter = t.name == catalog::personas_table && !t.registered ? in_tenants(cat, catalog::tenant_column, Role::Admin) : editor;
		e.push_back({"vital_select", 'r', member, ""});
		e.push_back({"vital_insert", 'a', "", editor});
		e.push_back({"vital_update", 'w', editor, editor});
		e.push_back({"vital_delete", 'd', deleter, ""});
		break;
	}
	case Kind::Tenants: {
		std::string admin = in_tenants(cat, "id", Role::Admin);
		e.push_back({"vital_select", 'r', in_tenants(cat, "id", Role::Viewer), ""});
		e.push_back({"vital_update", 'w', admin, admin});
		e.push_back({"vital_delete", 'd', in_tenants(cat, "id", Role::Owner), ""});
		break;
	}
	case Kind::Users: {
		std::string self = "(id = " + uid(cat) + ")";
		std::string admin = in_tenants(cat, catalog::tenant_column, Role::Admin);
		e.push_back({"vital_select", 'r', "(" + self + " OR " + in_tenants(cat, catalog::tenant_column, Role::Viewer) + ")", ""});
		e.push_back({"vital_insert", 'a', "", admin});
		e.push_back({"vital_update", 'w', "(" + self + " OR " + admin + ")",
		             "((" + self + " AND " + in_tenants(cat, catalog::tenant_column, Role::Viewer) + ") OR " + admin + ")"});
		e.push_back({"vital_delete", 'd', admin, ""});
		break;
	}
	case Kind::Members: {
		std::string manage = "(" + in_tenants(cat, catalog::tenant_column, Role::Admin) + " AND ((role <> '" + catalog::role_name(Role::Owner) + "'::text) OR " +
		                     in_tenants(cat, catalog::tenant_column, Role::Owner) + "))";
		e.push_back({"vital_select", 'r', "((user_id = " + uid(cat) + ") OR " + in_tenants(cat, catalog::tenant_column, Role::Viewer) + ")", ""});
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
}  // namespace vp::tenancy
