// vital_selftest(kind, sql): exercises the C++ <-> PostgreSQL boundary on demand, so the test
// suite can prove that every kind of failure comes back as a clean PostgreSQL error and that
// C++ destructors ran. EXECUTE is revoked from PUBLIC (a diagnostic for the extension owner).
#include <stdexcept>
#include <string>
#include <vector>

#include "vital_persona/pg/allocator.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/pg/spi.hpp"

namespace {

long live_objects = 0;  // constant-initialised: no static constructor

// Counts its live instances: a non-zero count after an error means a destructor was skipped.
struct Tracked {
	std::string payload;
	Tracked() : payload(64, 'x') { ++live_objects; }
	Tracked(const Tracked &o) : payload(o.payload) { ++live_objects; }
	~Tracked() { --live_objects; }
};

void fail(const std::string &kind, const char *sql) {
	using namespace vp::pg;
	if (kind == "pg_error") {
		// A PostgreSQL input function raising 22P02 from inside C++.
		pg_call([] { return DirectFunctionCall1(int4in, CStringGetDatum("not-a-number")); });
	} else if (kind == "spi_error") {
		if (sql == nullptr)
			throw UserError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "spi_error needs a SQL statement");
		Spi spi;
		spi.execute(sql);
	} else if (kind == "user_error") {
		UserError e(ERRCODE_INVALID_PARAMETER_VALUE, "selftest user error", "the detail", "the hint");
		e.schema = "selftest_schema";
		e.table = "selftest_table";
		e.column = "selftest_column";
		e.constraint = "selftest_constraint";
		throw e;
	} else if (kind == "cpp_exception") {
		throw std::runtime_error("selftest runtime_error");
	} else if (kind == "bad_alloc") {
		McxtAllocator<Datum> allocator;
		(void)allocator.allocate(MaxAllocSize);  // more than palloc allows: bad_array_new_length
	} else if (kind == "out_of_range") {
		FlatMap<int, int> m{McxtAllocator<std::pair<int, int>>()};
		m.emplace(1, 1);
		(void)m.at(2);  // boost's throw callback -> std::out_of_range
	} else {
		throw UserError(ERRCODE_INVALID_PARAMETER_VALUE, "unknown selftest kind \"" + kind + "\"", {},
		                "Use one of: ok, live_objects, pg_error, spi_error, user_error, cpp_exception, "
		                "bad_alloc, out_of_range.");
	}
}

}  // namespace

VP_FUNCTION(vital_selftest) {
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	// Detoasting and palloc can raise: both arguments are read before any C++ object exists.
	const char *kind_arg = vp::pg::pg_call([&] { return text_to_cstring(PG_GETARG_TEXT_PP(0)); });
	const char *sql = PG_ARGISNULL(1) ? nullptr : vp::pg::pg_call([&] { return text_to_cstring(PG_GETARG_TEXT_PP(1)); });
	std::string kind = kind_arg;
	if (kind == "ok")
		return vp::pg::pg_call([] { return CStringGetTextDatum("ok"); });
	if (kind == "live_objects") {
		const long count = live_objects;
		return vp::pg::pg_call([count] { return CStringGetTextDatum(psprintf("%ld", count)); });
	}

	// Live C++ objects on the stack, in a std::vector and in a palloc-backed small_vector that
	// spills to the heap: all must be destroyed while the error travels to PostgreSQL.
	Tracked on_stack;
	std::vector<Tracked> in_vector(3);
	auto spilled = vp::pg::make_small_vector<vp::pg::SmallVector<Tracked *, 2>>();
	std::vector<Tracked> owners(4);
	for (auto &t : owners)
		spilled.push_back(&t);
	fail(kind, sql);
	return vp::pg::pg_call([] { return CStringGetTextDatum("no error"); });
}
