// Value conversion for the summary: column values of any integer/numeric/text type to what the summary computes
// with (int64, C strings), and derived figures as numeric exactly as SQL would round them. Postgres zone (may
// raise: numeric conversion, output functions, palloc): call inside pg_call. The per-row helpers are inline, as they
// were when the summary was one file: the row loop calls them for every highlight column.
#pragma once

#include "vital_persona/pg/postgres.hpp"

extern "C" {
#include "utils/lsyscache.h"
#include "utils/numeric.h"
}

namespace vp::summary::values {

// An integer (int2/int4/int8) or a numeric (rounded to an integer) as int64; false for any other type.
// lint: postgres-zone
inline bool to_int64(Datum d, Oid typid, int64 *out) {
	switch (typid) {
	case INT2OID: *out = DatumGetInt16(d); return true;
	case INT4OID: *out = DatumGetInt32(d); return true;
	case INT8OID: *out = DatumGetInt64(d); return true;
	case NUMERICOID:
		*out = DatumGetInt64(DirectFunctionCall1(numeric_int8, DirectFunctionCall2(numeric_round, d, Int32GetDatum(0))));
		return true;
	default: return false;
	}
}

// The value as text (text types directly, others through their output function), palloc'd in cxt.
// lint: postgres-zone
inline const char *to_text(Datum d, Oid typid, MemoryContext cxt) {
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

// Position of s in names[0..n) ignoring case, -1 when absent.
inline int ci_index(const char *s, const char *const *names, int n) {
	for (int i = 0; i < n; i++)
		if (pg_strcasecmp(s, names[i]) == 0)
			return i;
	return -1;
}

// round(a / b, scale) as numeric, exactly as SQL computes it.
Numeric ratio(int64 a, int64 b, int scale);

}  // namespace vp::summary::values
