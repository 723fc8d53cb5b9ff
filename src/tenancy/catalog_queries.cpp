// The RLS generator's catalog queries (include/vital_persona/tenancy/rls.hpp): SPI helpers and read_catalog(),
// which reads the managed tables (vp::catalog::managed_tables, never "every table of the schema"), classifies
// them by kind, and reads their policies (analysed by expression.cpp, never evaluated).
#include <string>
#include <vector>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/pg/spi.hpp"
#include "vital_persona/tenancy/rls.hpp"

extern "C" {
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
}

namespace vp::tenancy {

using pg::pg_call;
using pg::Spi;

CatalogSearchPath::CatalogSearchPath() {
	nest_ = pg_call([] {
		int nest = NewGUCNestLevel();
		(void)set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
		return nest;
	});
}
CatalogSearchPath::~CatalogSearchPath() { AtEOXact_GUC(true, nest_); }

std::string text_at(uint64 row, int col, bool *isnull) {
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

std::string quote_literal(const std::string &s) { return pg_call([&] { return quote_literal_cstr(s.c_str()); }); }

std::string schema_name_q(Oid schema) {
	return pg_call([&] { return quote_identifier(get_namespace_name(schema)); });
}

void run(Spi &spi, const std::string &sql) {
	pg::check_interrupts();
	if (spi.execute(sql.c_str(), false) < 0)
		throw pg::UserError(ERRCODE_INTERNAL_ERROR, "statement failed: " + sql);
}

namespace {

bool is_manual_marker(const std::string &comment) { return comment.find("vital_persona:rls=manual") != std::string::npos; }

bool starts_with(const std::string &s, const char *prefix) { return s.rfind(prefix, 0) == 0; }

// The kind of a managed table (include/vital_persona/tenancy/rls.hpp), from the catalog's vocabulary.
Kind classify(const Table &t, bool has_tenant, const std::string &comment) {
	namespace c = vp::catalog;
	if (is_manual_marker(comment))
		return Kind::Manual;
	if (t.registered)
		return Kind::Tenant;  // registration requires tenant_id and the foreign key to personas
	if (t.name == c::tenants_table)
		return Kind::Tenants;
	if (t.name == c::users_table && has_tenant)
		return Kind::Users;
	if (t.name == c::members_table && has_tenant)
		return Kind::Members;
	if (has_tenant)
		return Kind::Tenant;
	if (starts_with(t.name, c::lookup_prefix))
		return Kind::Lookup;
	return Kind::Other;
}

}  // namespace

std::string oid_array(const std::vector<Oid> &oids) {
	std::string a = "'{";
	for (size_t i = 0; i < oids.size(); i++)
		a += (i ? "," : "") + std::to_string(oids[i]);
	return a + "}'::pg_catalog.oid[]";
}

// The tables to manage come from vp::catalog::managed_tables() (src/catalog/tables.cpp), never from "every table of the
// schema": a table of the application that merely shares the schema (public!) is not read, changed or reported.
Catalog read_catalog(Spi &spi, Oid only_relid) {
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
	       "         WHERE e.extname = " + quote_literal(vp::catalog::extension_name) + "),"
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

	std::vector<vp::catalog::ManagedTable> managed_tables;
	std::vector<Oid> relids;
	for (const vp::catalog::ManagedTable &m : vp::catalog::managed_tables()) {
		if (OidIsValid(only_relid) && m.relid != only_relid)
			continue;
		relids.push_back(m.relid);
		managed_tables.push_back(m);
	}
	const std::string managed = oid_array(relids);
	select(spi,
	       "SELECT c.oid, c.relname::text, pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||)"
	       "       pg_catalog.quote_ident(c.relname), c.relrowsecurity, c.relforcerowsecurity,"
	       "       coalesce(pg_catalog.obj_description(c.oid, 'pg_class'), '')"
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
		std::string comment = text_at(i, 6);
		// Registered and tenant table: the catalog's answers (vp::catalog::ManagedTable), not re-derived here.
		bool has_tenant = false;
		for (const vp::catalog::ManagedTable &m : managed_tables)
			if (m.relid == t.relid) {
				t.registered = m.registered;
				has_tenant = vp::catalog::is_tenant_table(m);
			}
		t.kind = classify(t, has_tenant, comment);
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

}  // namespace vp::tenancy
