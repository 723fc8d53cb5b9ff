// Value conversion for the summary (include/vital_persona/summary/values.hpp). Postgres zone.
#include "vital_persona/summary/values.hpp"

extern "C" {
#include "utils/lsyscache.h"
}

namespace vp::summary::values {

const char *to_text(Datum d, Oid typid, MemoryContext cxt) {
	MemoryContext old = MemoryContextSwitchTo(cxt);
	const char *s;
	if (typid == TEXTOID || typid == VARCHAROID || typid == BPCHAROID)
		s = TextDatumGetCString(d);
	else {
		Oid out;
		bool varlena;
		getTypeOutputInfo(typid, &out, &varlena);
		s = OidOutputFunctionCall(out, d);
	}
	MemoryContextSwitchTo(old);
	return s;
}

Numeric ratio(int64 a, int64 b, int scale) {
	Datum q = DirectFunctionCall2(numeric_div, NumericGetDatum(int64_to_numeric(a)), NumericGetDatum(int64_to_numeric(b)));
	return DatumGetNumeric(DirectFunctionCall2(numeric_round, q, Int32GetDatum(scale)));
}

}  // namespace vp::summary::values
