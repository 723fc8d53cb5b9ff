// The visibility proof of vital_summary (docs/summary.md "Visibility"): for each section, whether the caller may have
// it read directly (a btree scan in C++ that bypasses the executor, or the maintained counter) because that provably
// returns exactly the rows the caller's own SELECT would return under RLS; otherwise through RLS-respecting SQL, or
// not at all without SELECT privilege. The policy model it compares is loaded here too (for the registry).
// Postgres zone: call inside pg_call.
#include <cstring>

#include "vital_persona/summary/call.hpp"
#include "vital_persona/summary/vocabulary.hpp"

extern "C" {
#include "access/table.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "optimizer/optimizer.h"
#include "rewrite/rowsecurity.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/ruleutils.h"
}

namespace vp::summary::visibility {
namespace {

bool policy_applies(const PolicySig &p, Oid user) {
	for (int i = 0; i < p.nroles; i++)
		if (p.roles[i] == ACL_ID_PUBLIC || has_privs_of_role(user, p.roles[i]))
			return true;
	return false;
}

// Do the SELECT policies applying to `user` on a and on b form the same multiset of
// (permissive, USING text)?
bool same_policies(const PolicySig *a, int na, const PolicySig *b, int nb, Oid user) {
	bool used[64] = {};
	if (nb > 64)
		return false;
	int applicable_a = 0, applicable_b = 0;
	for (int j = 0; j < nb; j++)
		if (policy_applies(b[j], user))
			applicable_b++;
	for (int i = 0; i < na; i++) {
		if (!policy_applies(a[i], user))
			continue;
		applicable_a++;
		bool found = false;
		for (int j = 0; j < nb && !found; j++)
			if (!used[j] && b[j].permissive == a[i].permissive && std::strcmp(b[j].qual, a[i].qual) == 0 &&
			    policy_applies(b[j], user)) {
				used[j] = true;
				found = true;
			}
		if (!found)
			return false;
	}
	return applicable_a == applicable_b;
}

}  // namespace

// (summary.hpp) Reads rel->rd_rsdesc, the policies as the relcache holds them.
// lint: postgres-zone
void load_policies(Oid relid, AttrNumber tenant_attnum, MemoryContext cxt, PolicySig **out, int *n, bool *simple) {
	*out = nullptr;
	*n = 0;
	*simple = true;
	Relation rel = table_open(relid, AccessShareLock);
	if (rel->rd_rsdesc != nullptr) {
		List *dpcontext = deparse_context_for(RelationGetRelationName(rel), relid);
		int cap = list_length(rel->rd_rsdesc->policies);
		PolicySig *arr = static_cast<PolicySig *>(MemoryContextAllocZero(cxt, sizeof(PolicySig) * (cap > 0 ? cap : 1)));
		*out = arr;
		ListCell *lc;
		foreach (lc, rel->rd_rsdesc->policies) {
			RowSecurityPolicy *p = static_cast<RowSecurityPolicy *>(lfirst(lc));
			if (p->polcmd != ACL_SELECT_CHR && p->polcmd != '*')
				continue;
			PolicySig *s = &arr[(*n)++];
			s->cmd = p->polcmd;
			s->permissive = p->permissive;
			Datum *elems;
			int nelems;
			deconstruct_array(p->roles, OIDOID, sizeof(Oid), true, TYPALIGN_INT, &elems, nullptr, &nelems);
			s->nroles = nelems;
			s->roles = static_cast<Oid *>(MemoryContextAlloc(cxt, sizeof(Oid) * (nelems > 0 ? nelems : 1)));
			for (int i = 0; i < nelems; i++)
				s->roles[i] = DatumGetObjectId(elems[i]);
			if (p->qual == nullptr) {
				s->qual = "";
				continue;
			}
			s->qual = MemoryContextStrdup(cxt, deparse_expression(reinterpret_cast<Node *>(p->qual), dpcontext, false, false));
			List *vars = pull_vars_of_level(reinterpret_cast<Node *>(p->qual), 0);
			ListCell *vc;
			foreach (vc, vars) {
				Node *v = static_cast<Node *>(lfirst(vc));
				if (!IsA(v, Var) || reinterpret_cast<Var *>(v)->varattno != tenant_attnum || tenant_attnum == InvalidAttrNumber)
					*simple = false;
			}
			if (contain_volatile_functions(reinterpret_cast<Node *>(p->qual)))
				*simple = false;
		}
	}
	table_close(rel, AccessShareLock);
}

// The validated FK chain forces the row's tenant_id to equal its persona's tenant_id.
bool chain_ok(const Registry *r, const Section &s) {
	return s.tenant_fk && (s.parent < 0 || r->sections[s.parent].tenant_fk);
}

// Direct (index) counting of section s returns exactly the rows the caller's SELECT would
// return when the caller has SELECT on it and either RLS does not apply to the caller there, or
// (a) RLS applies on personas too and the persona row passed it, (b) the section's applicable
// SELECT policies equal the persona's and read only tenant_id, nothing volatile, and (c) a
// validated, non-deferrable FK chain forces the row's tenant_id to equal the persona's.
// Then each policy yields the same value on the row as on the persona row: visible.
// lint: postgres-zone
void decide_modes(CallState &cs) {
	Registry *r = cs.reg;
	Oid user = GetUserId();
	if (r->distributed) {  // Citus: the local relations are shells; SQL sees the shards (RLS applies there)
		for (int i = 0; i < r->nsections; i++) {
			const Section &s = r->sections[i];
			bool access = pg_class_aclcheck(s.relid, user, ACL_SELECT) == ACLCHECK_OK &&
			              (s.parent < 0 || pg_class_aclcheck(r->sections[s.parent].relid, user, ACL_SELECT) == ACLCHECK_OK);
			cs.modes[i] = access ? Mode::Spi : Mode::NoAccess;
		}
		return;
	}
	int personas_rls = check_enable_rls(r->personas, InvalidOid, false);
	for (int i = 0; i < r->nsections; i++) {
		const Section &s = r->sections[i];
		Mode m;
		if (pg_class_aclcheck(s.relid, user, ACL_SELECT) != ACLCHECK_OK)
			m = Mode::NoAccess;
		else if (!OidIsValid(s.index_oid) && !(OidIsValid(s.tenant_index_oid) && chain_ok(r, s)))
			m = Mode::Spi;
		else {
			int rls = check_enable_rls(s.relid, InvalidOid, false);
			bool chain = chain_ok(r, s);
			if (rls != RLS_ENABLED)
				m = Mode::Direct;
			else if (personas_rls == RLS_ENABLED && chain && s.policies_simple && r->personas_simple &&
			         same_policies(s.policies, s.npolicies, r->persona_policies, r->n_persona_policies, user))
				m = Mode::Direct;
			else
				m = Mode::Spi;
		}
		if (s.parent >= 0) {  // counted through the parent: needs access to it as well
			Mode pm = cs.modes[s.parent];
			if (pm == Mode::NoAccess)
				m = Mode::NoAccess;
			else if (pm == Mode::Spi && m == Mode::Direct)
				m = Mode::Spi;
		}
		cs.modes[i] = m;
	}
	// Counter: a Direct section that feeds nothing but its count is read from the maintained row — the same
	// number the direct scan would return (the triggers count every row; Direct means every row is visible).
	// A parent stays scanned when a Direct grandchild still needs its ids.
	if (!OidIsValid(r->counts_rel))
		return;
	for (int i = 0; i < r->nsections; i++) {
		const Section &s = r->sections[i];
		if (cs.modes[i] == Mode::Direct && s.slot > 0 && vocabulary::count_only(s.role))
			cs.modes[i] = Mode::Counter;
	}
	for (int i = 0; i < r->nsections; i++) {
		const Section &s = r->sections[i];
		if (s.parent >= 0 && cs.modes[i] == Mode::Direct && cs.modes[s.parent] == Mode::Counter)
			cs.modes[s.parent] = Mode::Direct;
	}
}

}  // namespace vp::summary::visibility
