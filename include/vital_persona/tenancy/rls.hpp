// Tenant isolation, part 2: the Row Level Security generator (docs/security.md), shared by src/tenancy/*.cpp.
//
// Reads the tables vital_persona manages (vp::catalog::managed_tables: its member tables and the registered
// sections, never anything else), classifies them, builds the policy set and FORCE flag each one must have and
// the privileges of the allowlist, compares that with pg_policy (expressions normalised by pg_get_expr, never
// evaluated) / relacl / proacl and either reports the difference (vital_rls_preview, vital_rls_audit) or executes
// it (vital_rls_apply; vital_register_section for one table). Everything PostgreSQL is reached through SPI or
// pg_call (docs/architecture.md).
//
//   src/tenancy/catalog_queries.cpp  SPI helpers; read_catalog(): tables, kinds, policies, roles
//   src/tenancy/expression.cpp       policy expression walker: per-row calls, structural truth
//   src/tenancy/policy_model.cpp     the policies each table kind must have (expected_policies)
//   src/tenancy/allowlist.cpp        THE privilege allowlist; relation, column and function grants
//   src/tenancy/generator.cpp        the diff (plan_tables), results; vital_rls_preview/apply/audit
//   src/tenancy/registration.cpp     vital_register_section / vital_unregister_section
#pragma once

#include <string>
#include <vector>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/postgres.hpp"

namespace vp::pg {
class Spi;
}

namespace vp::tenancy {

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
// (Table names come from vp::catalog: tenants_table, users_table, members_table, lookup_prefix.)
enum class Kind { Tenant, Tenants, Users, Members, Lookup, Other, Manual };
const char *kind_name(Kind k);

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

// ---------------------------------------------------------------- catalog_queries.cpp
// pg_get_expr prints a function without its schema when the schema is on search_path, so the policy comparison
// needs a fixed search_path whatever the function's own (vital_rls_apply is SECURITY DEFINER and pins
// pg_catalog, <extension schema>, pg_temp). Restored like a function's SET clause on every exit path.
class CatalogSearchPath {
public:
	CatalogSearchPath();
	~CatalogSearchPath();
	CatalogSearchPath(const CatalogSearchPath &) = delete;
	CatalogSearchPath &operator=(const CatalogSearchPath &) = delete;

private:
	int nest_ = 0;
};

// Column col (1-based) of row `row` of the last SPI result.
std::string text_at(uint64 row, int col, bool *isnull = nullptr);
bool bool_at(uint64 row, int col);
Oid oid_at(uint64 row, int col);
// Runs a catalog SELECT (not read-only: it must see what the current command created); throws on failure.
void select(pg::Spi &spi, const std::string &sql);
// Runs one statement; throws "statement failed: <sql>" on failure.
void run(pg::Spi &spi, const std::string &sql);
std::string quote_ident(const std::string &s);
std::string quote_literal(const std::string &s);
std::string schema_name_q(Oid schema);  // quoted name of a schema
// '{1,2,3}'::pg_catalog.oid[]
std::string oid_array(const std::vector<Oid> &oids);
// The managed tables (all, or only only_relid), classified, with their policies, and the roles that exist.
Catalog read_catalog(pg::Spi &spi, Oid only_relid = InvalidOid);

// ---------------------------------------------------------------- expression.cpp
// Inspects a stored policy expression (pg_node_tree text): per-row calls and constant truth, into p.
void analyse_expression(const std::string &tree, Policy &p);
// Whether a per_row_calls list names only the identity helpers (the Citus policy form calls them per row).
bool only_helpers(const std::string &calls);

// ---------------------------------------------------------------- policy_model.cpp
std::vector<ExpectedPolicy> expected_policies(const Catalog &cat, const Table &t);
const char *command_sql(char cmd);
std::string create_policy_sql(const Catalog &cat, const Table &t, const ExpectedPolicy &p);
std::string describe(const Policy &p);

// ---------------------------------------------------------------- allowlist.cpp
// Grants on every member relation by the allowlist, column privileges (none allowed).
void plan_relation_grants(pg::Spi &spi, const Catalog &cat, std::vector<Statement> &out, std::vector<Finding> *findings);
// Schema usage, EXECUTE on the extension's functions, search_path of SECURITY DEFINER functions.
void plan_functions(pg::Spi &spi, const Catalog &cat, std::vector<Statement> &out, std::vector<Finding> *findings);

// ---------------------------------------------------------------- generator.cpp
// Everything that must change for the tables in `cat` (statements), and what is wrong (findings).
void plan_tables(const Catalog &cat, std::vector<Statement> &out, std::vector<Finding> *findings);
// plan_tables, then relation grants and function grants: everything vital_rls_apply() runs.
std::vector<Statement> plan_all(pg::Spi &spi, const Catalog &cat, std::vector<Finding> *findings);
void execute_all(pg::Spi &spi, const std::vector<Statement> &statements);
// The set-returning result: (table, statement) rows or (object, problem, detail) rows.
void return_rows(FunctionCallInfo fcinfo, const std::vector<Statement> *statements, const std::vector<Finding> *findings);

}  // namespace vp::tenancy
