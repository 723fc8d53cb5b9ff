// Value conversion for the summary (include/vital_persona/summary/values.hpp): the out-of-line part (the per-row
// conversions are inline in the header). Postgres zone.
#include "vital_persona/summary/values.hpp"

namespace vp::summary::values {

// lint: postgres-zone
Numeric ratio(int64 a, int64 b, int scale) {
	Datum q = DirectFunctionCall2(numeric_div, NumericGetDatum(int64_to_numeric(a)), NumericGetDatum(int64_to_numeric(b)));
	return DatumGetNumeric(DirectFunctionCall2(numeric_round, q, Int32GetDatum(scale)));
}

}  // namespace vp::summary::values
