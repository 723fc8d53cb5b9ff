// Section discovery: which managed tables are sections of a persona (include/vital_persona/catalog.hpp,
// "Sections"). One catalog query over the foreign keys of the managed tables, then children (-> personas) and
// grandchildren (-> a child, no child themselves). The summary registry (src/summary/registry.cpp) asks this.
#include <cstring>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/allocator.hpp"
#include "vital_persona/pg/spi.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "utils/array.h"
}

namespace vp::catalog {
namespace {

// Every foreign key of a managed table ($1) from a uuid column to a column "id" of another table, with the
// tenant-chain property: the key is (tenant_id, <key>) -> (tenant_id, id), validated and not deferrable, so it forces
// the row's tenant_id to equal the referenced row's. Plain tables (relkind 'r') only (see catalog.hpp).
constexpr const char *fk_query = R"SQL(
SELECT con.conrelid, c.relname, con.confrelid, k.attnum,
       (cardinality(con.conkey) = 2 AND con.convalidated AND NOT con.condeferrable
        AND EXISTS (SELECT 1 FROM unnest(con.conkey, con.confkey) u(a, b)
                    JOIN pg_attribute x ON x.attrelid = con.conrelid AND x.attnum = u.a
                    JOIN pg_attribute y ON y.attrelid = con.confrelid AND y.attnum = u.b
                    WHERE x.attname = 'tenant_id' AND y.attname = 'tenant_id')) AS tenant_fk
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid AND c.relkind = 'r'
CROSS JOIN LATERAL (SELECT a.attnum FROM unnest(con.conkey, con.confkey) u(a, b)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.a
                    JOIN pg_attribute r ON r.attrelid = con.confrelid AND r.attnum = u.b
                    WHERE r.attname = 'id' AND a.atttypid = 'uuid'::regtype) k
WHERE con.contype = 'f' AND con.conrelid = ANY ($1) AND con.conrelid <> con.confrelid
ORDER BY c.relname, con.conname
)SQL";

}  // namespace

std::vector<SectionTable> sections(Oid personas) {
	using namespace vp::pg;
	std::vector<ManagedTable> managed = managed_tables();
	auto managed_oids = make_small_vector<SmallVector<Datum, 96>>();
	for (const auto &m : managed)
		managed_oids.push_back(ObjectIdGetDatum(m.relid));
	Oid argtypes[1] = {OIDARRAYOID};
	pg_call([&] {
		ArrayType *arr = construct_array(managed_oids.data(), static_cast<int>(managed_oids.size()), OIDOID, sizeof(Oid), true,
		                                 TYPALIGN_INT);
		Datum args[1] = {PointerGetDatum(arr)};
		if (SPI_execute_with_args(fk_query, 1, argtypes, args, nullptr, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "vital_persona: catalog query for sections failed");
	});
	const uint64 nfk = Spi::processed();
	std::vector<SectionTable> rows;
	rows.reserve(nfk);
	bool isnull;
	for (uint64 i = 0; i < nfk; i++) {
		SectionTable f{};
		f.relid = DatumGetObjectId(Spi::value(i, 1, &isnull));
		f.name = *DatumGetName(Spi::value(i, 2, &isnull));  // copied: the result is freed with SPI's memory
		f.parent_relid = DatumGetObjectId(Spi::value(i, 3, &isnull));
		f.key_attnum = DatumGetInt16(Spi::value(i, 4, &isnull));
		f.tenant_fk = DatumGetBool(Spi::value(i, 5, &isnull));
		f.parent = -1;
		for (const auto &m : managed)
			f.registered = f.registered || (m.relid == f.relid && m.registered);
		rows.push_back(f);
	}
	pg_call([] { SPI_freetuptable(SPI_tuptable); });

	// Children: the first foreign key (by constraint name) to personas of each table.
	FlatMap<Oid, int> index_of{McxtAllocator<std::pair<Oid, int>>()};
	std::vector<SectionTable> out;
	for (const SectionTable &f : rows)
		if (f.parent_relid == personas && index_of.find(f.relid) == index_of.end()) {
			index_of.emplace(f.relid, static_cast<int>(out.size()));
			out.push_back(f);
		}
	// Grandchildren: reference a child, are no child themselves.
	const size_t nchildren = out.size();
	for (const SectionTable &f : rows)
		if (index_of.find(f.relid) == index_of.end()) {
			auto parent = index_of.find(f.parent_relid);
			if (parent != index_of.end() && static_cast<size_t>(parent->second) < nchildren) {
				index_of.emplace(f.relid, static_cast<int>(out.size()));
				out.push_back(f);
				out.back().parent = parent->second;
			}
		}
	return out;
}

}  // namespace vp::catalog
