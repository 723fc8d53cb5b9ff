// The entry guard: every SQL-callable C++ function runs through vp::pg::entry().
// Two zones: inside the try block only C++ exceptions travel; ereport() is called only
// after the try/catch has ended and no C++ object is alive in this frame.
#include <cstring>
#include <new>
#include <stdexcept>

#include "vital_persona/pg/entry.hpp"

namespace vp::pg {
namespace {

MemoryContext current_entry_context = nullptr;  // plain pointer: no static constructor

enum class Failure { None, Postgres, User, Interrupt, OutOfMemory, Cpp };

// Everything the guard keeps of a caught exception: trivially destructible, no C++ heap.
struct Outcome {
	Failure kind = Failure::None;
	ErrorData *edata = nullptr;  // Failure::Postgres
	int sqlstate = 0;
	const char *message = nullptr;  // palloc'd copies (nullptr when empty or out of memory)
	const char *detail = nullptr;
	const char *hint = nullptr;
	const char *schema = nullptr;
	const char *table = nullptr;
	const char *column = nullptr;
	const char *constraint = nullptr;
	char fallback[256] = {0};  // used when even the copy cannot be allocated
};

// Copies s without ever raising: returns nullptr for empty input or when memory is exhausted.
const char *copy_text(const char *s, std::size_t len) noexcept {
	if (s == nullptr || len == 0)
		return nullptr;
	char *p = static_cast<char *>(
		MemoryContextAllocExtended(current_entry_context ? current_entry_context : CurrentMemoryContext, len + 1,
	                               MCXT_ALLOC_NO_OOM));
	if (p == nullptr)
		return nullptr;
	std::memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
const char *copy_text(const std::string &s) noexcept { return copy_text(s.data(), s.size()); }

void remember_what(Outcome &out, const char *what) noexcept {
	if (what == nullptr)
		what = "unknown exception";
	std::strncpy(out.fallback, what, sizeof(out.fallback) - 1);
	out.message = copy_text(what, std::strlen(what));
}

[[noreturn]] void raise(const Outcome &out, const char *function_name) {
	switch (out.kind) {
	case Failure::Postgres: ReThrowError(out.edata);  // original SQLSTATE, message, detail, hint and fields
	case Failure::User:
		ereport(ERROR, (errcode(out.sqlstate), errmsg_internal("%s", out.message ? out.message : out.fallback),
		                out.detail ? errdetail_internal("%s", out.detail) : 0, out.hint ? errhint("%s", out.hint) : 0,
		                out.schema ? err_generic_string(PG_DIAG_SCHEMA_NAME, out.schema) : 0,
		                out.table ? err_generic_string(PG_DIAG_TABLE_NAME, out.table) : 0,
		                out.column ? err_generic_string(PG_DIAG_COLUMN_NAME, out.column) : 0,
		                out.constraint ? err_generic_string(PG_DIAG_CONSTRAINT_NAME, out.constraint) : 0));
		break;
	case Failure::Interrupt:
		CHECK_FOR_INTERRUPTS();
		ereport(ERROR, (errcode(ERRCODE_QUERY_CANCELED), errmsg("canceling statement in %s", function_name)));
		break;
	case Failure::OutOfMemory:
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory in %s", function_name)));
		break;
	case Failure::Cpp:
		ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
		                errmsg("C++ exception in %s: %s", function_name, out.message ? out.message : out.fallback)));
		break;
	case Failure::None: break;
	}
	pg_unreachable();
}

}  // namespace

MemoryContext entry_context() noexcept { return current_entry_context ? current_entry_context : CurrentMemoryContext; }

ErrorData *take_error(MemoryContext caller) noexcept {
	MemoryContextSwitchTo(entry_context());
	ErrorData *edata = CopyErrorData();
	FlushErrorState();
	MemoryContextSwitchTo(caller);
	return edata;
}

Datum entry(FunctionCallInfo fcinfo, const char *function_name, Impl impl) noexcept {
	MemoryContext outer = current_entry_context;  // entry points can nest through SQL
	current_entry_context = CurrentMemoryContext;
	Outcome out;
	try {
		Datum result = impl(fcinfo);
		current_entry_context = outer;
		return result;
	} catch (const PgError &e) {
		out.kind = Failure::Postgres;
		out.edata = e.edata;
	} catch (const UserError &e) {
		out.kind = Failure::User;
		out.sqlstate = e.sqlstate;
		remember_what(out, e.message.c_str());
		out.detail = copy_text(e.detail);
		out.hint = copy_text(e.hint);
		out.schema = copy_text(e.schema);
		out.table = copy_text(e.table);
		out.column = copy_text(e.column);
		out.constraint = copy_text(e.constraint);
	} catch (const Interrupted &) {
		out.kind = Failure::Interrupt;
	} catch (const std::bad_alloc &) {
		out.kind = Failure::OutOfMemory;
	} catch (const std::exception &e) {
		out.kind = Failure::Cpp;
		remember_what(out, e.what());
	} catch (...) {
		out.kind = Failure::Cpp;
		remember_what(out, "unknown exception");
	}
	// The catch scope has ended: no exception is in flight and no C++ object is alive here.
	current_entry_context = outer;
	raise(out, function_name);
}

}  // namespace vp::pg

// Boost.Container reports misuse through these (BOOST_CONTAINER_USER_DEFINED_THROW_CALLBACKS):
// as C++ exceptions, which the guard turns into PostgreSQL errors.
namespace boost::container {
void throw_bad_alloc() { throw std::bad_alloc(); }
void throw_out_of_range(const char *what) { throw std::out_of_range(what); }
void throw_length_error(const char *what) { throw std::length_error(what); }
void throw_logic_error(const char *what) { throw std::logic_error(what); }
void throw_runtime_error(const char *what) { throw std::runtime_error(what); }
}  // namespace boost::container
