#include "vital_persona/catalog.hpp"

#include "vital_persona/pg/entry.hpp"

extern "C" {
#include "commands/extension.h"
#include "utils/inval.h"
}

namespace vp::catalog {
namespace {

constexpr int max_subscribers = 8;
InvalidationCallback subscribers[max_subscribers] = {};  // constant-initialised
int subscriber_count = 0;
bool relcache_hook_registered = false;

void dispatch_relcache(Datum, Oid relid) {
	for (int i = 0; i < subscriber_count; i++)
		subscribers[i](relid);
}

}  // namespace

Oid extension_schema() {
	Oid schema = pg::pg_call([] {
		Oid ext = get_extension_oid("vital_persona", true);
		return OidIsValid(ext) ? get_extension_schema(ext) : InvalidOid;
	});
	if (!OidIsValid(schema))
		throw pg::UserError(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
		                    "extension \"vital_persona\" is not installed in this database", {},
		                    "Run CREATE EXTENSION vital_persona first.");
	return schema;
}

void subscribe_relcache_invalidation(InvalidationCallback callback) noexcept {
	for (int i = 0; i < subscriber_count; i++)
		if (subscribers[i] == callback)
			return;
	if (subscriber_count < max_subscribers)
		subscribers[subscriber_count++] = callback;
	if (!relcache_hook_registered) {
		// Registration only appends to a fixed array inside PostgreSQL; it cannot fail here.
		CacheRegisterRelcacheCallback(dispatch_relcache, (Datum)0);
		relcache_hook_registered = true;
	}
}

}  // namespace vp::catalog
