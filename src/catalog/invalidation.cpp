// One relcache invalidation callback for the whole library, fanned out to the features' subscribers
// (include/vital_persona/catalog.hpp). PostgreSQL offers a fixed number of callback slots per backend.
#include "vital_persona/catalog.hpp"

extern "C" {
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

bool subscribe_relcache_invalidation(InvalidationCallback callback) noexcept {
	bool subscribed = false;
	for (int i = 0; i < subscriber_count; i++)
		if (subscribers[i] == callback)
			subscribed = true;
	if (!subscribed && subscriber_count < max_subscribers) {
		subscribers[subscriber_count++] = callback;
		subscribed = true;
	}
	if (!relcache_hook_registered) {
		// Registration only appends to a fixed array inside PostgreSQL; it cannot fail here.
		// lint: cannot-raise: appends to a fixed array (FATAL, not ERROR, when full)
		CacheRegisterRelcacheCallback(dispatch_relcache, (Datum)0);
		relcache_hook_registered = true;
	}
	return subscribed;
}

}  // namespace vp::catalog
