// Tenant isolation, part 1: who is calling and in which tenants (vital_tenant_ids, the helper every generated
// policy calls). Shared by
//   src/tenancy/identity.cpp     the SQL-callable functions vital_tenant_ids, vital_tenant_ids_memo_stats
//   src/tenancy/claims.cpp       request.jwt.claims: read, parse, validate, memoised on their text
//   src/tenancy/memberships.cpp  the caller's memberships: index scan of tenant_members, the snapshot-keyed memo,
//                                the Citus local copy
// The semantics and the memo's correctness argument are in src/tenancy/identity.cpp.
#pragma once

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/postgres.hpp"

extern "C" {
#include "utils/uuid.h"
}

namespace vp::tenancy::identity {

// ---------------------------------------------------------------- claims.cpp
// app_metadata.tenant_id: absent (or JSON null), a uuid string, or anything else (matches no tenant).
enum class Active { None, Tenant, Malformed };

struct Claims {
	bool has_uid;  // `sub` is a uuid string
	pg_uuid_t uid;
	Active active;
	pg_uuid_t active_id;
};

// The setting request.jwt.claims; "" when unset.
const char *claims_setting();
// The parsed claims of a non-empty setting text, memoised on the exact text (valid until the next call).
// Throws 22P02 when it is not JSON, 54000 when it is larger than the limit.
const Claims &current_claims(const char *text);

// ---------------------------------------------------------------- memberships.cpp
struct Membership {
	pg_uuid_t tenant;
	catalog::Role role;  // Unknown for a role the catalog does not know (never satisfies a minimum)
};

struct Memberships {
	const Membership *items;  // in the memo: valid until the next call
	int count;
};

// Every membership of uid in tenant_members (the table next to the function fn_oid), as the active snapshot
// sees it; memoised while that view cannot have changed.
Memberships memberships_of(Oid fn_oid, const pg_uuid_t &uid);

// The context that holds the memo (claims and memberships): a child of CacheMemoryContext, created on first
// use, which also subscribes the memo to relcache invalidation.
MemoryContext memo_context();

// Counters of this backend (vital_tenant_ids_memo_stats(), for the tests).
struct MemoStats {
	uint64 hits, misses;
};
MemoStats memo_stats();

}  // namespace vp::tenancy::identity
