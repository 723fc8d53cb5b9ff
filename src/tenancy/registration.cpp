// Custom sections (docs/sections.md): vital_register_section() makes a user's own table a section of
// vital_persona (RLS with the generated tenant policies, the validation trigger, the foreign key to personas, a
// count in vital_summary); vital_unregister_section() reverses it exactly. Both share one prologue
// (lock_section): lock the registrations, check the caller owns the table, lock it, check again.
#include <string>
#include <vector>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/pg/spi.hpp"
#include "vital_persona/tenancy/rls.hpp"

extern "C" {
#include "catalog/pg_class.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
}

namespace vp::tenancy {
namespace {

using pg::pg_call;
using pg::Spi;

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

// What registration checks about relid, read as the caller (pg_has_role() checks the caller).
SectionFacts section_facts(Spi &spi, Oid relid) {
	SectionFacts f;
	bool exists = pg_call([&] { return SearchSysCacheExists1(RELOID, ObjectIdGetDatum(relid)); });
	if (!exists)
		throw vp::pg::UserError(ERRCODE_UNDEFINED_TABLE, "relation with OID " + std::to_string(relid) + " does not exist");
	bool registered = false;
	f.member = vp::catalog::is_managed(relid, &registered) && !registered;
	f.registered = registered;
	Oid schema = vp::catalog::extension_schema();
	const std::string rel = std::to_string(relid);
	const std::string members = oid_array(vp::catalog::member_relations());
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
	       "               JOIN pg_catalog.pg_class pc ON pc.oid = k.confrelid AND pc.relname = " + quote_literal(vp::catalog::personas_table) +
	       "                    AND pc.relnamespace = " +
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
	       "       EXISTS (SELECT FROM pg_catalog.pg_class m WHERE m.oid = ANY (" + members + ")"
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

// The owner of _vital_registered_sections: the role (un)registration acts as (AsExtensionOwner).
Oid registry_owner(Oid schema) {
	return pg_call([&] {
		Oid rel = get_relname_relid(vp::catalog::registrations_table, schema);
		if (!OidIsValid(rel))
			elog(ERROR, "vital_persona: _vital_registered_sections is missing; run ALTER EXTENSION vital_persona UPDATE");
		HeapTuple t = SearchSysCache1(RELOID, ObjectIdGetDatum(rel));
		Oid owner = ((Form_pg_class)GETSTRUCT(t))->relowner;
		ReleaseSysCache(t);
		return owner;
	});
}

// Every backend rebuilds its vital_summary registry (it watches personas).
void invalidate_summary(Oid schema) {
	pg_call([&] {
		Oid personas = get_relname_relid(vp::catalog::personas_table, schema);
		if (OidIsValid(personas))
			CacheInvalidateRelcacheByRelid(personas);
	});
}

void require_owner(const SectionFacts &f) {
	if (!f.owned_by_caller)
		throw vp::pg::UserError(ERRCODE_INSUFFICIENT_PRIVILEGE, "must be owner of table " + f.name,
		                        "Only a member of the table's owner role (" + f.owner + ") may register or unregister it.");
}

// The prologue both entry points share. The section argument, the extension's schema and the owner of the
// registrations are resolved by the constructor (before any SPI connection); lock() then takes, in this order,
// the registrations lock (one (un)registration at a time), checks that the caller owns the table, locks the
// table, and checks again under the lock, so that what was checked is what gets changed: the statements name it
// by schema and name.
struct Section {
	Oid relid = InvalidOid;
	Oid schema = InvalidOid;
	Oid owner = InvalidOid;  // of _vital_registered_sections
	std::string registrations;  // its qualified, quoted name

	Section(FunctionCallInfo fcinfo, const char *function) {
		if (PG_ARGISNULL(0))
			throw vp::pg::UserError(ERRCODE_NULL_VALUE_NOT_ALLOWED, std::string(function) + ": section must not be NULL");
		relid = PG_GETARG_OID(0);
		schema = vp::catalog::extension_schema();
		owner = registry_owner(schema);
	}

	SectionFacts lock(Spi &spi) {
		registrations = schema_name_q(schema) + "." + quote_ident(vp::catalog::registrations_table);
		{
			AsExtensionOwner as_owner(owner);
			run(spi, "LOCK TABLE " + registrations + " IN SHARE ROW EXCLUSIVE MODE");
		}
		SectionFacts f = section_facts(spi, relid);  // as the caller: pg_has_role() checks the caller
		require_owner(f);
		pg_call([&] { LockRelationOid(relid, AccessExclusiveLock); });
		f = section_facts(spi, relid);
		require_owner(f);
		return f;
	}

	// "WHERE section_schema = ... AND section_table = ..." for the record of f.
	static std::string record_of(const SectionFacts &f) {
		return " WHERE section_schema = " + quote_literal(f.schema) + " AND section_table = " + quote_literal(f.name);
	}
};

}  // namespace
}  // namespace vp::tenancy

using namespace vp::tenancy;
using vp::pg::Spi;

// vital_register_section(section regclass): a user's own table becomes a custom section: RLS enabled and forced
// with the generated tenant policies, the validation trigger, the foreign key (tenant_id, persona_id) ->
// personas (tenant_id, id) ON DELETE CASCADE when it has none, and a count in vital_summary. Recorded in
// _vital_registered_sections (dumped), with what unregistering must restore. Idempotent for a registered table.
VP_FUNCTION(vital_register_section) {
	using vp::pg::UserError;
	Section section(fcinfo, "vital_register_section");
	const std::string schema_q = schema_name_q(section.schema);
	std::vector<Statement> statements;
	CatalogSearchPath fixed_search_path;
	{
		Spi spi;
		SectionFacts f = section.lock(spi);
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
			AsExtensionOwner as_owner(section.owner);
			select(spi, "SELECT 1 FROM " + section.registrations + " WHERE section_table = " + quote_literal(f.name) +
			                " AND section_schema <> " + quote_literal(f.schema));
			if (Spi::processed() > 0)
				throw UserError(ERRCODE_DUPLICATE_OBJECT, "a section named \"" + f.name + "\" is already registered from another schema",
				                "vital_summary reports sections by table name.", "Rename the table.");
			if (!f.registered) {
				// A stale record (its table was dropped, or changed owner) describes another table's past: replace it.
				run(spi, "DELETE FROM " + section.registrations + Section::record_of(f));
				run(spi, "INSERT INTO " + section.registrations + " (section_schema, section_table,"
				         " section_owner, added_foreign_key, had_row_security, had_forced_row_security, had_validation_trigger)"
				         " VALUES (" + quote_literal(f.schema) + ", " + quote_literal(f.name) + ", " + quote_literal(f.owner) + ", " +
				         (f.has_fk ? "false" : "true") + ", " + (f.rls ? "true" : "false") + ", " + (f.force ? "true" : "false") +
				         ", " + (f.has_trigger ? "true" : "false") + ")");
			}
			if (!f.has_fk)
				run(spi, "ALTER TABLE " + f.qname + " ADD CONSTRAINT vital_section_persona_fk FOREIGN KEY (tenant_id, persona_id)"
				         " REFERENCES " + schema_q + "." + quote_ident(vp::catalog::personas_table) + " (tenant_id, id) ON DELETE CASCADE");
			if (!f.has_trigger)
				run(spi, "CREATE TRIGGER vital_validate_row BEFORE INSERT OR UPDATE ON " + f.qname +
				         " FOR EACH ROW EXECUTE FUNCTION " + schema_q + ".vital_validate_row()");
			Catalog cat = read_catalog(spi, section.relid);
			if (cat.tables.empty() || !cat.tables[0].registered)
				throw UserError(ERRCODE_INTERNAL_ERROR, "vital_register_section: the registration of \"" + f.name + "\" is not visible");
			plan_tables(cat, statements, nullptr);
			execute_all(spi, statements);
		}
		invalidate_summary(section.schema);
	}
	return_rows(fcinfo, &statements, nullptr);
	return (Datum)0;
}

// vital_unregister_section(section regclass): reverses vital_register_section exactly: drops the generated
// policies, and the validation trigger and foreign key when registration added them, restores the RLS flags the
// table had, deletes the record.
VP_FUNCTION(vital_unregister_section) {
	using vp::pg::UserError;
	Section section(fcinfo, "vital_unregister_section");
	std::vector<Statement> statements;
	{
		Spi spi;
		SectionFacts f = section.lock(spi);
		AsExtensionOwner as_owner(section.owner);
		select(spi, "SELECT added_foreign_key, had_row_security, had_forced_row_security, had_validation_trigger"
		            "  FROM " + section.registrations + Section::record_of(f));
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
		run(spi, "DELETE FROM " + section.registrations + Section::record_of(f));
		invalidate_summary(section.schema);
	}
	return_rows(fcinfo, &statements, nullptr);
	return (Datum)0;
}
