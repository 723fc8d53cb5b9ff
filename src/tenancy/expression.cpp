// Policy expression analysis for the RLS generator (include/vital_persona/tenancy/rls.hpp): a walker over a
// stored policy's node tree that finds per-row calls and structural truth. It only reads the node tree and the
// catalog (function volatility and names): it never evaluates, constant-folds or plans the expression.
#include <cstring>
#include <string>

#include "vital_persona/pg/entry.hpp"
#include "vital_persona/tenancy/rls.hpp"

extern "C" {
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "utils/lsyscache.h"
}

namespace vp::tenancy {

using pg::pg_call;
namespace {

struct WalkState {
	char names[256];
	int found;
};

// Finds non-immutable function calls that use no column of the row and sit outside any sub-select:
// PostgreSQL evaluates those once per row, where `(SELECT f())` would be an initPlan run once.
// lint: postgres-zone
bool find_per_row_calls(Node *node, void *context) {
	if (node == nullptr)
		return false;
	if (IsA(node, SubLink))
		return false;  // evaluated as an initPlan/subplan, not per row of the policy's table
	auto *state = static_cast<WalkState *>(context);
	Oid funcid = InvalidOid;
	List *args = NIL;
	if (IsA(node, FuncExpr)) {
		funcid = ((FuncExpr *)node)->funcid;
		args = ((FuncExpr *)node)->args;
	}
	if (OidIsValid(funcid) && func_volatile(funcid) != PROVOLATILE_IMMUTABLE && !contain_vars_of_level((Node *)args, 0)) {
		const char *name = get_func_name(funcid);
		size_t used = strlen(state->names);
		if (name && used + strlen(name) + 3 < sizeof(state->names)) {
			if (used)
				strcat(state->names, ", ");
			strcat(state->names, name);
		}
		state->found++;
		return false;
	}
	return expression_tree_walker(node, (bool (*)())find_per_row_calls, context);
}

// Whether a (deserialised, never evaluated) expression is the constant true, or an OR with such a branch.
bool structurally_true(Node *node) {
	if (node == nullptr)
		return false;
	if (IsA(node, Const)) {
		const Const *c = reinterpret_cast<const Const *>(node);
		return c->consttype == BOOLOID && !c->constisnull && DatumGetBool(c->constvalue);
	}
	if (IsA(node, BoolExpr) && reinterpret_cast<BoolExpr *>(node)->boolop == OR_EXPR) {
		ListCell *lc;
		foreach (lc, reinterpret_cast<BoolExpr *>(node)->args)
			if (structurally_true(static_cast<Node *>(lfirst(lc))))
				return true;
	}
	return false;
}

}  // namespace

// Inspects a stored policy expression (pg_node_tree text): per-row calls and constant truth. Analysis only
// reads the node tree and the catalog (function volatility and names): it never evaluates, constant-folds or
// plans the expression, so a function in somebody's policy is never run by preview, apply or audit, whoever
// calls them (test/shell/trust_boundary.sh plants such a function in an application policy).
void analyse_expression(const std::string &tree, Policy &p) {
	if (tree.empty())
		return;
	WalkState state{};
	bool is_true = pg_call([&] {
		Node *node = (Node *)stringToNode(tree.c_str());
		find_per_row_calls(node, &state);
		return structurally_true(node);
	});
	if (state.found) {
		if (!p.per_row_calls.empty())
			p.per_row_calls += ", ";
		p.per_row_calls += state.names;
	}
	if (is_true)
		p.always_true = true;
}

// The Citus policy form calls the identity helpers per row by design (see ids()); anything else still counts.
bool only_helpers(const std::string &calls) {
	size_t start = 0;
	while (start <= calls.size()) {
		size_t end = calls.find(", ", start);
		std::string name = calls.substr(start, end == std::string::npos ? std::string::npos : end - start);
		if (name != "vital_tenant_ids" && name != "vital_uid")
			return false;
		if (end == std::string::npos)
			break;
		start = end + 2;
	}
	return true;
}

}  // namespace vp::tenancy
