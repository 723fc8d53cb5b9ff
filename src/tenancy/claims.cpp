// request.jwt.claims for vital_tenant_ids (include/vital_persona/tenancy/identity.hpp): the caller (`sub`, a uuid
// string) and the active tenant (app_metadata.tenant_id), parsed once per distinct setting text and memoised.
#include <cstring>
#include <string>

#include "vital_persona/pg/entry.hpp"
#include "vital_persona/tenancy/identity.hpp"

extern "C" {
#include "utils/guc.h"
#include "utils/jsonb.h"
}

namespace vp::tenancy::identity {
namespace {

using vp::pg::pg_call;

// The parsed claims, keyed by their text: plain data in static storage (no constructor), the text in memo_context().
struct ClaimsMemo {
	bool valid;
	char *text;
	size_t len, cap;
	Claims claims;
};

ClaimsMemo memo;
// Largest request.jwt.claims accepted (bytes). Supabase/PostgREST payloads are well under 4 kB.
constexpr size_t max_claims_bytes = 64 * 1024;

int hexval(char c) {
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

// The PL/pgSQL version's test: s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'.
bool parse_uuid(const char *s, size_t len, pg_uuid_t *out) {
	if (len != 36)
		return false;
	int byte = 0;
	for (size_t i = 0; i < 36;) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
			i++;
			continue;
		}
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0 || i + 1 == 8 || i + 1 == 13 || i + 1 == 18 || i + 1 == 23)
			return false;
		out->data[byte++] = static_cast<unsigned char>(hi << 4 | lo);
		i += 2;
	}
	return byte == UUID_LEN;
}

bool string_uuid(const JsonbValue *v, pg_uuid_t *out) {
	return v->type == jbvString && parse_uuid(v->val.string.val, static_cast<size_t>(v->val.string.len), out);
}

// Parses the claims text (never empty here). Throws 22P02 when it is not JSON.
Claims parse_claims(const char *text) {
	Jsonb *jb = nullptr;
	try {
		jb = pg_call([&] { return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(text))); });
	} catch (const vp::pg::PgError &e) {
		std::string detail = e.edata && e.edata->message ? e.edata->message : "";
		if (e.edata && e.edata->detail)
			detail += std::string(" ") + e.edata->detail;
		throw vp::pg::UserError(ERRCODE_INVALID_TEXT_REPRESENTATION, "the setting request.jwt.claims is not valid JSON", detail,
		                        "It must hold the JSON payload of the verified JWT, as PostgREST sets it; leave it unset "
		                        "or empty for no caller.");
	}
	Claims c{};
	c.active = Active::None;
	if (!JB_ROOT_IS_OBJECT(jb))
		return c;
	JsonbValue v;
	if (pg_call([&] { return getKeyJsonValueFromContainer(&jb->root, "sub", 3, &v); }) != nullptr)
		c.has_uid = string_uuid(&v, &c.uid);
	JsonbValue app;
	if (pg_call([&] { return getKeyJsonValueFromContainer(&jb->root, "app_metadata", 12, &app); }) != nullptr &&
	    app.type == jbvBinary && JsonContainerIsObject(app.val.binary.data)) {
		JsonbValue t;
		if (pg_call([&] { return getKeyJsonValueFromContainer(app.val.binary.data, "tenant_id", 9, &t); }) != nullptr &&
		    t.type != jbvNull)
			c.active = string_uuid(&t, &c.active_id) ? Active::Tenant : Active::Malformed;
	}
	return c;
}

}  // namespace

const Claims &current_claims(const char *text) {
	size_t len = std::strlen(text);
	if (memo.valid && memo.len == len && std::memcmp(memo.text, text, len) == 0)
		return memo.claims;
	// Bounded work and memory: a JWT payload is a few hundred bytes to a few kB; a larger setting is refused
	// before it is parsed or memoised (the memo then holds at most max_claims_bytes + 1 bytes of text).
	if (len > max_claims_bytes)
		throw vp::pg::UserError(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "the setting request.jwt.claims is too large",
		                        "It has " + std::to_string(len) + " bytes; the limit is " +
		                            std::to_string(max_claims_bytes) + " bytes.",
		                        "Keep the JWT payload small: put large data in tables, not in the token's claims.");
	Claims parsed = parse_claims(text);
	MemoryContext context = memo_context();
	memo.valid = false;
	if (memo.cap < len + 1) {
		// Grow to the next power of two (at least 512), freeing the outgrown buffer: the memo keeps one buffer.
		size_t cap = 512;
		while (cap < len + 1)
			cap *= 2;
		char *old = memo.text;
		memo.text = nullptr;
		memo.cap = 0;
		memo.text = static_cast<char *>(pg_call([&] {
			if (old != nullptr)
				pfree(old);
			return MemoryContextAlloc(context, cap);
		}));
		memo.cap = cap;
	}
	std::memcpy(memo.text, text, len + 1);
	memo.len = len;
	memo.claims = parsed;
	memo.valid = true;
	return memo.claims;
}

const char *claims_setting() {
	const char *s = pg_call([] { return GetConfigOption("request.jwt.claims", true, false); });
	return s ? s : "";
}

}  // namespace vp::tenancy::identity
