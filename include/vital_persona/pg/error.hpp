// Errors of the C++ zone. They never reach PostgreSQL as C++ exceptions: the entry guard
// (entry.hpp) catches them and raises a PostgreSQL error once every C++ scope has ended.
#pragma once

#include <exception>
#include <string>

#include "vital_persona/pg/postgres.hpp"

namespace vp::pg {

// A PostgreSQL error caught by pg_call(): the copied ErrorData keeps SQLSTATE, message,
// detail, hint, context and the schema/table/column/constraint fields. The guard re-raises it.
struct PgError {
	ErrorData *edata;  // palloc'd in the entry guard's memory context; trivially destructible
};

// An error we raise ourselves, with everything a client needs to act on it.
struct UserError : std::exception {
	int sqlstate;  // MAKE_SQLSTATE(...) / ERRCODE_*
	std::string message;
	std::string detail;
	std::string hint;
	std::string schema;
	std::string table;
	std::string column;
	std::string constraint;

	UserError(int sqlstate, std::string message, std::string detail = {}, std::string hint = {})
		: sqlstate(sqlstate), message(std::move(message)), detail(std::move(detail)), hint(std::move(hint)) {}
	const char *what() const noexcept override { return message.c_str(); }
};

// Thrown by check_interrupts() when a cancel or termination is pending; the guard then lets
// PostgreSQL process the interrupt (CHECK_FOR_INTERRUPTS) after the C++ frames are gone.
struct Interrupted {};

}  // namespace vp::pg
