// SPI from C++: every call that can raise goes through pg_call(), so a failing statement
// comes back as vp::pg::PgError with its original SQLSTATE and fields.
#pragma once

#include "vital_persona/pg/entry.hpp"

namespace vp::pg {

class Spi {
public:
	Spi() {
		pg_call([] {
			if (SPI_connect() != SPI_OK_CONNECT)
				elog(ERROR, "SPI_connect failed");
		});
		connected_ = true;
	}
	// SPI_finish never raises; on an error path the transaction abort would clean up as well.
	~Spi() {
		if (connected_)
			SPI_finish();
	}
	Spi(const Spi &) = delete;
	Spi &operator=(const Spi &) = delete;

	// Ends the connection explicitly (frees SPI memory: copy results out before).
	void finish() {
		connected_ = false;
		pg_call([] { SPI_finish(); });
	}

	int execute(const char *sql, bool read_only = false, long count = 0) {
		return pg_call([&] { return SPI_execute(sql, read_only, count); });
	}

	int execute_plan(SPIPlanPtr plan, Datum *values, const char *nulls, bool read_only = false, long count = 0) {
		return pg_call([&] { return SPI_execute_plan(plan, values, nulls, read_only, count); });
	}

	// Prepares and keeps a plan for the life of the backend (caller owns invalidation).
	SPIPlanPtr prepare_kept(const char *sql, int nargs, Oid *argtypes) {
		return pg_call([&] {
			SPIPlanPtr plan = SPI_prepare(sql, nargs, argtypes);
			if (plan == nullptr)
				elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
			SPI_keepplan(plan);
			return plan;
		});
	}

	static uint64 processed() { return SPI_processed; }
	// Frees the last result's tuple table now (each SELECT's lives in its own context until SPI_finish otherwise:
	// a loop of lookups would hold one 8 kB block per execution).
	static void free_result() {
		pg_call([] {
			if (SPI_tuptable != nullptr)
				SPI_freetuptable(SPI_tuptable);
		});
	}
	static SPITupleTable *tuples() { return SPI_tuptable; }

	// Value of column `col` (1-based) in row `row` of the last result.
	static Datum value(uint64 row, int col, bool *isnull) {
		return pg_call([&] { return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, isnull); });
	}

private:
	bool connected_ = false;
};

}  // namespace vp::pg
