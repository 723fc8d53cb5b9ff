// The C++ <-> PostgreSQL boundary.
//
//  * VP_FUNCTION(name) defines a SQL-callable function (or trigger). Its body is C++: it may
//    throw, own std::string/containers, and must call PostgreSQL only through pg_call().
//  * pg_call(fn) runs PostgreSQL code that may ereport(ERROR); the error is caught with
//    PG_TRY, copied, and rethrown as vp::pg::PgError once PostgreSQL's error stack is restored.
//  * The entry guard catches every C++ exception, keeps only POD copies of what it needs,
//    lets the catch scope end and only then raises the PostgreSQL error (ReThrowError for a
//    PgError, so the original SQLSTATE and fields survive).
//
// See docs/architecture.md for the rules and for how to add a function.
#pragma once

#include <type_traits>
#include <utility>

#include "vital_persona/pg/error.hpp"
#include "vital_persona/pg/postgres.hpp"

namespace vp::pg {

using Impl = Datum (*)(FunctionCallInfo fcinfo);

// Runs impl under the guard; never throws, never returns on error (raises ERROR).
Datum entry(FunctionCallInfo fcinfo, const char *function_name, Impl impl) noexcept;

// Memory context the running entry point was called in. Error copies live there, so they
// survive SPI_finish and stay valid until the error is raised.
MemoryContext entry_context() noexcept;

// Copies the current PostgreSQL error (inside PG_CATCH) and clears PostgreSQL's error state.
[[nodiscard]] ErrorData *take_error(MemoryContext caller) noexcept;

// Calls fn() with PostgreSQL errors converted to PgError. fn must not own objects with
// non-trivial destructors (a longjmp would skip them): build strings before the call.
template <class F>
auto pg_call(F &&fn) -> decltype(fn()) {
	using R = decltype(fn());
	MemoryContext caller = CurrentMemoryContext;
	ErrorData *volatile error = nullptr;
	if constexpr (std::is_void_v<R>) {
		PG_TRY();
		{ fn(); }
		PG_CATCH();
		{ error = take_error(caller); }
		PG_END_TRY();
		if (error)
			throw PgError{error};
	} else {
		static_assert(std::is_scalar_v<R>, "pg_call returns Datum, pointers or scalars only");
		volatile R result{};  // assigned between setjmp and a possible longjmp
		PG_TRY();
		{ result = fn(); }
		PG_CATCH();
		{ error = take_error(caller); }
		PG_END_TRY();
		if (error)
			throw PgError{error};
		return result;
	}
}

// Long C++ loops call this: it throws Interrupted when a cancel/terminate is pending, so the
// guard can unwind C++ first and then let PostgreSQL process the interrupt. Every other pending
// interrupt is serviced here and the loop goes on: InterruptPending is also set by a ProcSignalBarrier
// (DROP DATABASE anywhere in the cluster emits one), a memory-context log request and the like, which
// must not end the statement (test/shell/benign_interrupts.sh). Should servicing raise after all, pg_call
// turns the error into PgError and the C++ frames unwind before it is re-thrown.
inline void check_interrupts() {
	if (unlikely(INTERRUPTS_PENDING_CONDITION())) {
		if (QueryCancelPending || ProcDiePending) {
			if (INTERRUPTS_CAN_BE_PROCESSED())
				throw Interrupted{};
			return;  // held off (HOLD_INTERRUPTS, critical section): PostgreSQL acts on it when the holdoff ends
		}
		pg_call([] { CHECK_FOR_INTERRUPTS(); });
	}
}

}  // namespace vp::pg

// Defines the SQL-callable C function `name` (C linkage, V1 calling convention) whose C++ body
// follows the macro. Example:
//   VP_FUNCTION(vital_persona_version) { return CStringGetTextDatum("5.0"); }
#define VP_FUNCTION(name)                                                              \
	static Datum name##_impl(FunctionCallInfo fcinfo);                                 \
	extern "C" {                                                                       \
	PGDLLEXPORT Datum name(PG_FUNCTION_ARGS);                                          \
	PG_FUNCTION_INFO_V1(name);                                                         \
	Datum name(PG_FUNCTION_ARGS) { return vp::pg::entry(fcinfo, #name, name##_impl); } \
	}                                                                                  \
	static Datum name##_impl(FunctionCallInfo fcinfo)
