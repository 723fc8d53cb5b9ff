// Tenant isolation, part 1: vital_tenant_ids(min_role), the helper every generated policy calls as an
// initPlan (docs/security.md, sql/4.0/015_identity.sql). The claims are read by claims.cpp, the memberships by
// memberships.cpp (include/vital_persona/tenancy/identity.hpp); this file holds the SQL-callable functions.
//
// Semantics (identical to the former PL/pgSQL version):
//   * claims = the setting request.jwt.claims; unset or '' -> no caller; not JSON -> 22P02 (as the ::jsonb
//     cast raised before);
//   * caller = `sub` when it is a JSON string in the 8-4-4-4-12 hex form (either case), else none -> '{}';
//   * min_role must be viewer, editor, admin or owner (exact; vp::catalog::Role, the one ranking), else 22023
//     with a hint (checked after the claims parse, as before);
//   * active tenant = app_metadata.tenant_id when app_metadata is an object with that key and the value is not
//     JSON null: a uuid string narrows to that tenant (among the memberships), anything else gives '{}';
//   * result = tenant_members.tenant_id where user_id = caller and rank(role) >= rank(min_role) [and
//     tenant_id = active], sorted, '{}' when none; user_metadata is never read.
//
// Why C++: the policies evaluate the helper once per table reference per statement (one initPlan each), so
// a statement reading 70 section tables runs it 70 times. The PL/pgSQL version cost ~10-40 us per call
// (claims parse, an SPI statement with executor start-up, SECURITY DEFINER and SET search_path switches).
// Here a call is a setting read, a strcmp and, on a memo miss, one btree probe.
//
// Access: a direct index scan on tenant_members (systable_beginscan with the caller's active snapshot).
// Row level security is applied by the query rewriter, so it does not apply to this scan: no recursion
// through tenant_members' own policies, and no SECURITY DEFINER needed (EXECUTE is what guards it: granted
// to authenticated, service_role and the extension owner, never PUBLIC/anon). Nothing is resolved through
// search_path: the table is found by name in the function's own schema, types and operators by OID.
//
// Memo (one entry per backend): the memberships of one caller are reused while the visible contents of
// tenant_members cannot have changed: same function (OID), local transaction id, current subtransaction id,
// and a snapshot with the same content (xmin, xmax, curcid, xip[], subxip[], suboverflowed,
// takenDuringRecovery). Argument: MVCC visibility (HeapTupleSatisfiesMVCC) is a function of exactly those
// snapshot fields plus the commit status of transactions the snapshot treats as finished (fixed forever) and
// our own transaction's state. A change committed by another session changes xip or xmax in the next
// snapshot; a change by our own transaction advances curcid (every writing command does); a rollback to a
// savepoint puts us in a new subtransaction (ids are never reused, and we never run again in an aborted
// one). So within one statement (all initPlans share the statement's snapshot) the lookup runs once, and
// across statements of one transaction it is reused only when nothing could have changed; a new transaction
// (a new PostgREST request) always looks again. (snapXactCompletionCount cannot serve as the key: the active
// snapshot is a copy, and CopySnapshot zeroes it.) Non-MVCC snapshots and parallel workers are not
// memoised. The parsed claims are memoised on their exact text.
#include <algorithm>
#include <cstring>
#include <string>

#include "vital_persona/catalog.hpp"
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/tenancy/identity.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/uuid.h"
}

using vp::pg::pg_call;
namespace identity = vp::tenancy::identity;

// vital_tenant_ids(min_role text DEFAULT 'viewer') RETURNS uuid[] (STABLE).
VP_FUNCTION(vital_tenant_ids) {
	const char *claims_text = identity::claims_setting();
	identity::Claims claims{};
	if (claims_text[0] != '\0')
		claims = identity::current_claims(claims_text);  // copied: the memo may be rebuilt below

	vp::catalog::Role min_role = vp::catalog::Role::Unknown;
	std::string role_arg;
	if (!PG_ARGISNULL(0)) {
		text *arg = pg_call([&] { return PG_GETARG_TEXT_PP(0); });
		role_arg.assign(VARDATA_ANY(arg), VARSIZE_ANY_EXHDR(arg));
		min_role = vp::catalog::parse_role(role_arg.data(), role_arg.size());
	}
	if (min_role == vp::catalog::Role::Unknown)
		throw vp::pg::UserError(ERRCODE_INVALID_PARAMETER_VALUE, "unknown tenant role \"" + role_arg + "\"", {},
		                        "Use one of: " + vp::catalog::role_names() + ".");
	if (!claims.has_uid || claims.active == identity::Active::Malformed)
		return PointerGetDatum(pg_call([] { return construct_empty_array(UUIDOID); }));

	Oid fn_oid = fcinfo->flinfo ? fcinfo->flinfo->fn_oid : InvalidOid;
	identity::Memberships members = identity::memberships_of(fn_oid, claims.uid);

	// Filter (rank, active tenant) and sort by tenant, as ORDER BY tenant_id did.
	Datum *elems = static_cast<Datum *>(pg_call([&] { return palloc(sizeof(Datum) * (members.count + 1)); }));
	int n = 0;
	for (int i = 0; i < members.count; i++) {
		const identity::Membership &m = members.items[i];
		if (!vp::catalog::at_least(m.role, min_role))
			continue;
		if (claims.active == identity::Active::Tenant && std::memcmp(&m.tenant, &claims.active_id, sizeof(pg_uuid_t)) != 0)
			continue;
		elems[n++] = UUIDPGetDatum(const_cast<pg_uuid_t *>(&m.tenant));
	}
	std::sort(elems, elems + n, [](Datum a, Datum b) { return std::memcmp(DatumGetUUIDP(a), DatumGetUUIDP(b), UUID_LEN) < 0; });
	// construct_array copies the 16-byte values out of the memo.
	return PointerGetDatum(pg_call([&] { return construct_array(elems, n, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR); }));
}

// vital_tenant_ids_memo_stats() -> (hits bigint, misses bigint): counters of this backend, for the tests.
VP_FUNCTION(vital_tenant_ids_memo_stats) {
	TupleDesc desc;
	if (pg_call([&] { return get_call_result_type(fcinfo, nullptr, &desc); }) != TYPEFUNC_COMPOSITE)
		throw vp::pg::UserError(ERRCODE_FEATURE_NOT_SUPPORTED, "vital_tenant_ids_memo_stats() must return a record");
	identity::MemoStats stats = identity::memo_stats();
	Datum values[2] = {Int64GetDatum(static_cast<int64>(stats.hits)), Int64GetDatum(static_cast<int64>(stats.misses))};
	bool nulls[2] = {false, false};
	return pg_call([&] {
		desc = BlessTupleDesc(desc);
		return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
	});
}
