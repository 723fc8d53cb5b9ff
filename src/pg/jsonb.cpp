// jsonb building helpers (include/vital_persona/pg/jsonb.hpp). Postgres zone: call inside pg_call.
// lint: postgres-zone-file (PostgreSQL-zone helpers, called only inside pg_call)
#include "vital_persona/pg/jsonb.hpp"

namespace vp::pg::jsonb {

JsonbValue binary_value(Jsonb *doc) {
	JsonbValue v;
	v.type = jbvBinary;
	v.val.binary.data = &doc->root;
	v.val.binary.len = VARSIZE(doc) - VARHDRSZ;
	return v;
}

void push_key(JsonbParseState **state, const char *key) {
	JsonbValue v = string_value(key);
	pushJsonbValue(state, WJB_KEY, &v);
}

void push_value(JsonbParseState **state, JsonbValue value, JsonbIteratorToken token) {
	pushJsonbValue(state, token, &value);
}

void push_pair(JsonbParseState **state, const char *key, JsonbValue value) {
	push_key(state, key);
	pushJsonbValue(state, WJB_VALUE, &value);
}

Datum finish(JsonbParseState **state, JsonbIteratorToken end) {
	JsonbValue *root = pushJsonbValue(state, end, nullptr);
	return JsonbPGetDatum(JsonbValueToJsonb(root));
}

}  // namespace vp::pg::jsonb
