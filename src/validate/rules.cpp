// A table's declared rules, compiled from the catalog once per backend and kept until the table (or a table
// it references) changes: NOT NULL columns, CHECK constraints (planned and initialised as ExprStates, as
// ExecRelCheck does), single-column foreign keys to lookup_* tables, and composite (tenant_id, <x>_id)
// foreign keys to parents (the tenant consistency rule). Postgres zone: called inside pg_call.
// lint: postgres-zone-file
#include <cstring>
#include <utility>

#include "vital_persona/catalog.hpp"
#include "vital_persona/validate.hpp"

extern "C" {
#include "access/table.h"
#include "catalog/pg_constraint.h"
#include "executor/executor.h"
#include "nodes/nodeFuncs.h"
#include "nodes/readfuncs.h"
#include "optimizer/optimizer.h"
#include "rewrite/rewriteHandler.h"
#include "utils/array.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/ruleutils.h"
#include "utils/syscache.h"
}

namespace vp::validate {
namespace {

MemoryContext cache_context = nullptr;  // child of CacheMemoryContext
Rules *cached = nullptr;                // singly linked list (a few dozen tables at most)
uint64 generation = 1;

// Invalidation callback: marks, never allocates or raises.
void on_relcache_invalidation(Oid relid) {
	bool touched = false;
	for (Rules *r = cached; r != nullptr; r = r->next) {
		bool hit = !OidIsValid(relid) || r->relid == relid;
		for (int i = 0; !hit && i < r->ndepends; i++)
			hit = r->depends[i] == relid;
		if (hit && !r->stale) {
			r->stale = true;
			touched = true;
		}
	}
	if (touched)
		generation++;
}

void free_rules(Rules *r) {
	for (int i = 0; i < r->nparents; i++)
		if (r->parents[i].plan != nullptr)
			SPI_freeplan(r->parents[i].plan);
	MemoryContextDelete(r->context);
}

// CHECK (col IN ('A', 'B')) / CHECK (col = 'A') on text: the allowed spellings.
// "op value" for `column op constant` (or `constant op column`, mirrored), the only comparison shape we
// put into words; nullptr otherwise. PostgreSQL zone: called while compiling, inside pg_call.
const char *describe_comparison(Node *node, AttrNumber *column) {
	if (!IsA(node, OpExpr) || list_length(castNode(OpExpr, node)->args) != 2)
		return nullptr;
	OpExpr *op = castNode(OpExpr, node);
	Node *left = strip_implicit_coercions(static_cast<Node *>(linitial(op->args)));
	Node *right = strip_implicit_coercions(static_cast<Node *>(lsecond(op->args)));
	bool mirrored = IsA(left, Const) && IsA(right, Var);
	if (mirrored)
		std::swap(left, right);
	if (!IsA(left, Var) || !IsA(right, Const) || castNode(Const, right)->constisnull)
		return nullptr;
	const char *name = get_opname(op->opno);
	static const char *const ops[][2] = {{">=", "<="}, {">", "<"}, {"<=", ">="}, {"<", ">"}, {"=", "="}, {"<>", "<>"}};
	const char *words = nullptr;
	for (const auto &pair : ops)
		if (name != nullptr && std::strcmp(name, pair[0]) == 0)
			words = mirrored ? pair[1] : pair[0];
	if (words == nullptr)
		return nullptr;
	Const *value = castNode(Const, right);
	Oid output;
	bool varlena;
	getTypeOutputInfo(value->consttype, &output, &varlena);
	*column = castNode(Var, left)->varattno;
	return psprintf("%s %s", words, OidOutputFunctionCall(output, value->constvalue));
}

// Puts simple range checks into words ("between 0 and 24", ">= 0"), for messages and hints; other
// shapes keep their SQL text.
void describe_range(CheckRule &check, Node *expr) {
	AttrNumber column = InvalidAttrNumber;
	if (const char *one = describe_comparison(expr, &column)) {
		check.range_words = one;
		return;
	}
	if (!is_andclause(expr) || list_length(castNode(BoolExpr, expr)->args) != 2)
		return;
	AttrNumber c1 = InvalidAttrNumber, c2 = InvalidAttrNumber;
	const char *low = describe_comparison(static_cast<Node *>(linitial(castNode(BoolExpr, expr)->args)), &c1);
	const char *high = describe_comparison(static_cast<Node *>(lsecond(castNode(BoolExpr, expr)->args)), &c2);
	if (low == nullptr || high == nullptr || c1 != c2)
		return;
	if (std::strncmp(low, ">= ", 3) == 0 && std::strncmp(high, "<= ", 3) == 0)
		check.range_words = psprintf("between %s and %s", low + 3, high + 3);
	else
		check.range_words = psprintf("%s and %s", low, high);
}

void detect_enumeration(CheckRule &check, Node *expr) {
	check.enum_column = InvalidAttrNumber;
	Node *left = nullptr, *right = nullptr;
	Oid opno = InvalidOid;
	if (IsA(expr, ScalarArrayOpExpr)) {
		auto *saop = reinterpret_cast<ScalarArrayOpExpr *>(expr);
		if (!saop->useOr || list_length(saop->args) != 2)
			return;
		left = static_cast<Node *>(linitial(saop->args));
		right = static_cast<Node *>(lsecond(saop->args));
		opno = saop->opno;
	} else if (IsA(expr, OpExpr)) {
		auto *op = reinterpret_cast<OpExpr *>(expr);
		if (list_length(op->args) != 2)
			return;
		left = static_cast<Node *>(linitial(op->args));
		right = static_cast<Node *>(lsecond(op->args));
		opno = op->opno;
	} else {
		return;
	}
	while (left != nullptr && IsA(left, RelabelType))
		left = reinterpret_cast<Node *>(reinterpret_cast<RelabelType *>(left)->arg);
	if (left == nullptr || !IsA(left, Var) || right == nullptr || !IsA(right, Const))
		return;
	auto *var = reinterpret_cast<Var *>(left);
	auto *c = reinterpret_cast<Const *>(right);
	if (var->varattno <= 0 || c->constisnull || get_opcode(opno) != F_TEXTEQ)
		return;
	if (IsA(expr, OpExpr)) {
		if (c->consttype != TEXTOID)
			return;
		check.enum_values = static_cast<const char **>(palloc(sizeof(char *)));
		check.enum_values[0] = TextDatumGetCString(c->constvalue);
		check.nenum = 1;
	} else {
		if (c->consttype != TEXTARRAYOID)
			return;
		Datum *elems;
		bool *elem_nulls;
		int n;
		deconstruct_array(DatumGetArrayTypeP(c->constvalue), TEXTOID, -1, false, TYPALIGN_INT, &elems, &elem_nulls, &n);
		check.enum_values = static_cast<const char **>(palloc(sizeof(char *) * (n > 0 ? n : 1)));
		check.nenum = 0;
		for (int i = 0; i < n; i++)
			if (!elem_nulls[i])
				check.enum_values[check.nenum++] = TextDatumGetCString(elems[i]);
	}
	check.enum_column = var->varattno;
}

// pg_constraint.conindid: for a foreign key, the referenced table's unique index (get_constraint_index()
// answers only for unique/primary/exclusion constraints).
Oid constraint_index(Oid conoid) {
	HeapTuple tuple = SearchSysCache1(CONSTROID, ObjectIdGetDatum(conoid));
	if (!HeapTupleIsValid(tuple))
		return InvalidOid;
	Oid index = ((Form_pg_constraint)GETSTRUCT(tuple))->conindid;
	ReleaseSysCache(tuple);
	return index;
}

void add_depend(Rules *r, Oid relid, int capacity) {
	for (int i = 0; i < r->ndepends; i++)
		if (r->depends[i] == relid)
			return;
	if (r->ndepends < capacity)
		r->depends[r->ndepends++] = relid;
}

void compile_into(Rules *r, Relation rel) {
	TupleDesc desc = RelationGetDescr(rel);
	r->relid = RelationGetRelid(rel);
	r->schema = pstrdup(get_namespace_name(RelationGetNamespace(rel)));
	r->table = vp::catalog::logical_relname(RelationGetRelid(rel));  // Citus: the table, not the shard
	r->natts = desc->natts;
	r->columns = static_cast<Column *>(palloc0(sizeof(Column) * (desc->natts > 0 ? desc->natts : 1)));
	r->tenant_column = InvalidAttrNumber;

	for (int i = 0; i < desc->natts; i++) {
		Form_pg_attribute att = TupleDescAttr(desc, i);
		Column &col = r->columns[i];
		if (att->attisdropped)
			continue;
		col.name = pstrdup(NameStr(att->attname));
		col.type = att->atttypid;
		col.typmod = att->atttypmod;
		col.typlen = att->attlen;
		col.byval = att->attbyval;
		col.not_null = att->attnotnull;
		col.generated = att->attgenerated != '\0';
		col.has_default = att->atthasdef && !col.generated;
		Oid base = getBaseType(att->atttypid);
		col.text_like = base == TEXTOID || base == VARCHAROID;
		getTypeInputInfo(att->atttypid, &col.input_fn, &col.input_param);
		bool varlena;
		getTypeOutputInfo(att->atttypid, &col.output_fn, &varlena);
		if (col.has_default) {
			Node *def = build_column_default(rel, i + 1);
			if (def != nullptr && !contain_volatile_functions(def))
				col.default_expr = expression_planner(reinterpret_cast<Expr *>(def));
		}
		if (std::strcmp(col.name, vp::catalog::tenant_column) == 0)
			r->tenant_column = static_cast<AttrNumber>(i + 1);
	}

	// CHECK constraints, in the relcache's order (by name): ExecRelCheck's way, but collecting failures.
	TupleConstr *constr = desc->constr;
	int ncheck = constr != nullptr ? constr->num_check : 0;
	r->checks = static_cast<CheckRule *>(palloc0(sizeof(CheckRule) * (ncheck > 0 ? ncheck : 1)));
	List *dpcontext = deparse_context_for(r->table, r->relid);
	for (int i = 0; i < ncheck; i++) {
#if PG_VERSION_NUM >= 180000
		if (!constr->check[i].ccenforced)  // NOT ENFORCED constraints are not checked by the executor either
			continue;
#endif
		CheckRule &check = r->checks[r->nchecks++];
		check.name = pstrdup(constr->check[i].ccname);
		Node *expr = static_cast<Node *>(stringToNode(constr->check[i].ccbin));
		check.expr_text = deparse_expression(expr, dpcontext, false, false);
		describe_range(check, expr);
		Bitmapset *atts = nullptr;
		pull_varattnos(expr, 1, &atts);
		check.columns = static_cast<AttrNumber *>(palloc(sizeof(AttrNumber) * (bms_num_members(atts) + 1)));
		int member = -1;
		while ((member = bms_next_member(atts, member)) >= 0) {
			AttrNumber attnum = static_cast<AttrNumber>(member + FirstLowInvalidHeapAttributeNumber);
			if (attnum > 0)
				check.columns[check.ncolumns++] = attnum;
		}
		Expr *planned = expression_planner(reinterpret_cast<Expr *>(expr));  // folds ARRAY[...] into a Const
		detect_enumeration(check, reinterpret_cast<Node *>(planned));
		check.state = ExecInitExpr(planned, nullptr);
	}

	// Foreign keys: lookups and parents.
	List *fkeys = RelationGetFKeyList(rel);
	int nfk = list_length(fkeys);
	r->lookups = static_cast<LookupRule *>(palloc0(sizeof(LookupRule) * (nfk > 0 ? nfk : 1)));
	r->parents = static_cast<ParentRule *>(palloc0(sizeof(ParentRule) * (nfk > 0 ? nfk : 1)));
	r->depends = static_cast<Oid *>(palloc0(sizeof(Oid) * (nfk > 0 ? nfk : 1)));
	ListCell *lc;
	foreach (lc, fkeys) {
		auto *fk = static_cast<ForeignKeyCacheInfo *>(lfirst(lc));
		char *ref_name = vp::catalog::logical_relname(fk->confrelid);
		if (ref_name == nullptr)
			continue;
		// A foreign key to a partitioned table is also cloned into one constraint per partition: checking against
		// one partition would report values stored in the others as missing. Such keys are left to PostgreSQL's
		// own check (a partitioned table itself is skipped for lookups below: it cannot be probed by index).
		if (get_rel_relispartition(fk->confrelid))
			continue;
		bool ref_has_tenant = get_attnum(fk->confrelid, vp::catalog::tenant_column) != InvalidAttrNumber;
		if (fk->nkeys == 1 && !ref_has_tenant && std::strncmp(ref_name, vp::catalog::lookup_prefix, sizeof(vp::catalog::lookup_prefix) - 1) == 0) {
			// Global reference data: probed through its unique index (no RLS concern: not tenant data).
			LookupRule &l = r->lookups[r->nlookups];
			l.name = get_constraint_name(fk->conoid);
			l.column = fk->conkey[0];
			l.ref_rel = fk->confrelid;
			l.ref_index = constraint_index(fk->conoid);
			l.ref_table = ref_name;
			l.ref_column = get_attname(fk->confrelid, fk->confkey[0], false);
			l.eq_proc = get_opcode(fk->conpfeqop[0]);
			Oid left_type, right_type;
			op_input_types(fk->conpfeqop[0], &left_type, &right_type);
			l.subtype = left_type == right_type ? InvalidOid : right_type;
			// probe_lookup scans the table through the index directly: only a plain table with a real btree index
			// (a partitioned table has no storage and its index is partitioned; issue 11). Others are left to the
			// foreign key itself.
			if (!OidIsValid(l.ref_index) || !RegProcedureIsValid(l.eq_proc) ||
			    get_rel_relkind(l.ref_rel) != RELKIND_RELATION || get_rel_relkind(l.ref_index) != RELKIND_INDEX)
				continue;
			r->nlookups++;
			add_depend(r, fk->confrelid, nfk);
		} else if (fk->nkeys == 2 && ref_has_tenant && r->tenant_column != InvalidAttrNumber) {
			int t = fk->conkey[0] == r->tenant_column ? 0 : (fk->conkey[1] == r->tenant_column ? 1 : -1);
			if (t < 0)
				continue;
			int o = 1 - t;
			char *ref_tenant = get_attname(fk->confrelid, fk->confkey[t], false);
			if (std::strcmp(ref_tenant, vp::catalog::tenant_column) != 0)
				continue;
			ParentRule &p = r->parents[r->nparents++];
			p.name = get_constraint_name(fk->conoid);
			p.column = fk->conkey[o];
			p.parent_rel = fk->confrelid;
			p.parent_table = ref_name;
			p.arg_type = TupleDescAttr(desc, fk->conkey[o] - 1)->atttypid;
			p.query = psprintf("SELECT %s FROM %s.%s WHERE %s OPERATOR(pg_catalog.=) $1", quote_identifier(ref_tenant),
			                   quote_identifier(get_namespace_name(get_rel_namespace(fk->confrelid))),
			                   quote_identifier(get_rel_name(fk->confrelid)),  // the relation itself (on Citus: the colocated shard)
			                   quote_identifier(get_attname(fk->confrelid, fk->confkey[o], false)));
			add_depend(r, fk->confrelid, nfk);
		}
	}
	// The parent named persona_id (if any) comes first: it is the one tenant_id is filled from.
	for (int i = 1; i < r->nparents; i++)
		if (std::strcmp(r->columns[r->parents[i].column - 1].name, "persona_id") == 0) {
			ParentRule tmp = r->parents[0];
			r->parents[0] = r->parents[i];
			r->parents[i] = tmp;
		}
}

Rules *compile(Relation rel) {
	MemoryContext cxt = AllocSetContextCreate(cache_context, "vital_persona validation rules", ALLOCSET_SMALL_SIZES);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	Rules *r = static_cast<Rules *>(palloc0(sizeof(Rules)));
	r->context = cxt;
	// Linked before compiling, so an invalidation that arrives while we read the catalog marks it stale.
	r->relid = RelationGetRelid(rel);
	r->next = cached;
	cached = r;
	PG_TRY();
	{
		compile_into(r, rel);
		MemoryContextSetIdentifier(cxt, r->table);
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(old);
		for (Rules **link = &cached; *link != nullptr; link = &(*link)->next)
			if (*link == r) {
				*link = r->next;
				break;
			}
		MemoryContextDelete(cxt);
		PG_RE_THROW();
	}
	PG_END_TRY();
	MemoryContextSwitchTo(old);
	return r;
}

}  // namespace

uint64 rules_generation() { return generation; }

Rules *acquire_rules(Relation rel) {
	if (cache_context == nullptr) {
		cache_context = AllocSetContextCreate(CacheMemoryContext, "vital_persona validation", ALLOCSET_DEFAULT_SIZES);
		vp::catalog::subscribe_relcache_invalidation(on_relcache_invalidation);
	}
	Oid relid = RelationGetRelid(rel);
	Rules **link = &cached;
	for (Rules *r = cached; r != nullptr; link = &r->next, r = r->next) {
		if (r->relid != relid)
			continue;
		if (!r->stale) {
			r->pins++;
			return r;
		}
		*link = r->next;  // unlink the stale entry; free it now unless someone still uses it
		if (r->pins > 0)
			r->orphan = true;
		else
			free_rules(r);
		break;
	}
	Rules *fresh = compile(rel);
	fresh->pins = 1;
	return fresh;
}

void release_rules(Rules *rules) {
	if (rules == nullptr)
		return;
	if (--rules->pins == 0 && rules->orphan) {
		for (int i = 0; i < rules->nparents; i++)
			rules->parents[i].plan = nullptr;  // SPI_freeplan may raise: leave the kept plan (rare, small)
		MemoryContextDelete(rules->context);
	}
}

}  // namespace vp::validate
