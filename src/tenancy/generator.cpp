// Tenant isolation: the Row Level Security generator (docs/security.md; the pieces are listed in
// include/vital_persona/tenancy/rls.hpp). This file holds the diff — what must change so that every managed table
// has RLS enabled and forced and exactly the policies its kind must have (policy_model.cpp), plus the grants of the
// allowlist (allowlist.cpp) — and the SQL-callable entry points that report it (vital_rls_preview,
// vital_rls_audit) or execute it (vital_rls_apply).
#include <string>
#include <vector>

#include "vital_persona/pg/entry.hpp"
#include "vital_persona/pg/spi.hpp"
#include "vital_persona/tenancy/rls.hpp"

extern "C" {
#include "utils/builtins.h"
#include "utils/tuplestore.h"
}

namespace vp::tenancy {

using pg::pg_call;
using pg::Spi;

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

}  // namespace vp::tenancy

using namespace vp::tenancy;
using vp::pg::Spi;

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

