// Building jsonb with PostgreSQL's own API (pushJsonbValue), shared by every feature that returns jsonb: the
// summary (src/summary/json.cpp) and the validation report (src/validate/report.cpp).
//
// Postgres zone: pushJsonbValue and the numeric conversions palloc and may raise (out of memory), so every function
// here is called inside vp::pg::pg_call. The value constructors are inline (the summary builds ~80 values per
// persona); strings are referenced, not copied: they must live until the jsonb is built.
#pragma once

#include <cstring>

#include "vital_persona/pg/postgres.hpp"

extern "C" {
#include "utils/jsonb.h"
#include "utils/numeric.h"
}

namespace vp::pg::jsonb {

inline JsonbValue null_value() {
	JsonbValue v;
	v.type = jbvNull;
	return v;
}

// A JSON string; nullptr gives JSON null.
inline JsonbValue string_value(const char *s) {
	if (s == nullptr)
		return null_value();
	JsonbValue v;
	v.type = jbvString;
	v.val.string.val = const_cast<char *>(s);
	v.val.string.len = static_cast<int>(std::strlen(s));
	return v;
}

inline JsonbValue numeric_value(Numeric n) {
	JsonbValue v;
	v.type = jbvNumeric;
	v.val.numeric = n;
	return v;
}

// int64_to_numeric pallocs: Postgres zone.
// lint: postgres-zone
inline JsonbValue int_value(int64 i) { return numeric_value(int64_to_numeric(i)); }

// An existing jsonb document embedded as a value (not copied).
JsonbValue binary_value(Jsonb *doc);

// Object key.
void push_key(JsonbParseState **state, const char *key);
// A scalar as an object value (WJB_VALUE) or an array element (WJB_ELEM).
void push_value(JsonbParseState **state, JsonbValue value, JsonbIteratorToken token = WJB_VALUE);
// "key": value.
void push_pair(JsonbParseState **state, const char *key, JsonbValue value);
// A string (nullptr: null) as an object value or an array element.
inline void push_string(JsonbParseState **state, const char *s, JsonbIteratorToken token = WJB_VALUE) {
	push_value(state, string_value(s), token);
}
// Ends the outermost container (WJB_END_OBJECT or WJB_END_ARRAY) and returns the document as a Datum.
Datum finish(JsonbParseState **state, JsonbIteratorToken end);

}  // namespace vp::pg::jsonb
