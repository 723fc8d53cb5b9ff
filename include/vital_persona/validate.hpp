// Constraint-aware validation (docs/validation.md).
//
//   rules   (src/validate/rules.cpp)   a table's declared rules compiled from the catalog, cached per backend
//   check   (src/validate/check.cpp)   one row against those rules: normalisation + every violation
//   report  (src/validate/report.cpp)  violations -> jsonb (DETAIL of the error, result of vital_validate)
//   trigger (src/validate/trigger.cpp) the BEFORE INSERT OR UPDATE row trigger, the settings
//   dry run (src/validate/dry_run.cpp) vital_validate(regclass, jsonb)
//
// Two zones (docs/architecture.md): the row checker and the compiler are Postgres-zone code (C-style, only
// trivially destructible data, palloc memory, may ereport) and always run inside one vp::pg::pg_call; the
// entry points are C++ and turn the result into a UserError.
#pragma once

#include "vital_persona/pg/postgres.hpp"

extern "C" {
#include "access/attnum.h"
#include "nodes/execnodes.h"
#include "utils/jsonb.h"
#include "utils/relcache.h"
}

namespace vp::validate {

// ---------------------------------------------------------------- settings (GUCs, defined in init())
struct Settings {
	bool enabled;      // vital_persona.validation
	bool fill_tenant;  // vital_persona.validation_fill_tenant
	bool trim;         // vital_persona.validation_trim_text
	bool fix_case;     // vital_persona.validation_fix_case
};
extern Settings settings;
void init();  // from _PG_init

// ---------------------------------------------------------------- compiled rules of one table
struct Column {
	const char *name;  // nullptr for dropped columns
	Oid type;
	int32 typmod;
	Oid input_fn, input_param, output_fn;
	int16 typlen;
	bool byval;
	bool not_null;
	bool generated;  // GENERATED ALWAYS AS ... STORED: computed after BEFORE triggers
	bool has_default;
	bool text_like;      // text / varchar: trimmed
	Expr *default_expr;  // planned default when it is not volatile (dry run only), else nullptr
};

struct CheckRule {
	const char *name;
	ExprState *state;         // ExecInitExpr(expression_planner(ccbin)), cache lifetime
	const char *expr_text;    // deparsed expression
	const char *range_words;  // "between 0 and 24", ">= 0" for simple comparisons of one column, else nullptr
	// The same comparisons, structured (test/support/fill.sql reads them through vital_validation_rules):
	// `column op value` with op one of >= > <= < = <>, the constant in its type's output form.
	AttrNumber range_column;  // InvalidAttrNumber when range_words is nullptr
	const char *bound_ops[2];
	const char *bound_values[2];
	int nbounds;
	AttrNumber *columns;  // referenced columns (attnum order)
	int ncolumns;
	// Enumerations: CHECK (col IN ('A','B',...)) on a text column.
	AttrNumber enum_column;  // InvalidAttrNumber when not an enumeration
	const char **enum_values;
	int nenum;
};

// Single-column foreign key to a global table (no tenant_id): checked by an index probe.
struct LookupRule {
	const char *name;
	AttrNumber column;
	Oid ref_rel, ref_index;
	const char *ref_table, *ref_column;
	RegProcedure eq_proc;
	Oid subtype;  // right-hand type of the cross-type equality, InvalidOid when the same type
	Oid collation;
};

// Composite foreign key (tenant_id, <x>_id) -> parent (tenant_id, id): the tenant consistency rule. The query is
// fully qualified (schema, OPERATOR(pg_catalog.=)): it does not depend on the caller's search_path.
struct ParentRule {
	const char *name;
	AttrNumber column;  // <x>_id in this table
	Oid parent_rel;
	const char *parent_table;
	const char *query;  // SELECT <tenant> FROM parent WHERE <id> = $1
	Oid arg_type;
	SPIPlanPtr plan;  // prepared lazily, kept (SPI_keepplan); freed when the rules are dropped
};

struct Rules {
	Oid relid;
	const char *schema, *table;
	MemoryContext context;  // owns everything below (child of the validation cache context)
	int natts;
	Column *columns;  // [natts], index attnum - 1
	CheckRule *checks;
	int nchecks;
	LookupRule *lookups;
	int nlookups;
	ParentRule *parents;
	int nparents;
	AttrNumber tenant_column;  // InvalidAttrNumber when the table has no tenant_id
	Oid *depends;              // other relations whose change invalidates these rules
	int ndepends;
	// cache bookkeeping
	Rules *next;
	bool stale;
	bool orphan;  // replaced while pinned: deleted when the last pin goes
	int pins;
};

// Returns the current rules of rel (compiling them when missing or stale) and pins them. Postgres zone.
Rules *acquire_rules(Relation rel);
void release_rules(Rules *rules);  // never raises
uint64 rules_generation();         // bumped by every invalidation that touched a cached table

// RAII pin for the C++ zone.
class Pin {
public:
	explicit Pin(Rules *r) : rules_(r) {}
	~Pin() { release_rules(rules_); }
	Pin(const Pin &) = delete;
	Pin &operator=(const Pin &) = delete;

private:
	Rules *rules_;
};

// ---------------------------------------------------------------- violations
enum class Kind : uint8 { NotNull, Check, Lookup, Parent, Tenant, UnknownColumn, BadValue, Generated };

struct Violation {
	Kind kind;
	AttrNumber column;        // InvalidAttrNumber for unknown keys
	const char *column_name;  // always set
	const char *constraint;   // nullptr when no declared constraint is involved
	const char *rule;         // in words
	const char *value;        // text of the offending value, nullptr for SQL NULL (clipped)
	bool has_value;
	const char *hint;
	const CheckRule *check;  // for multi-column checks
};

struct Violations {
	Violation *items;
	int count, capacity;
};
void add_violation(Violations &list, const Violation &v);  // palloc: Postgres zone
void sort_violations(Violations &list);

// ---------------------------------------------------------------- checking one row
enum class Mode : uint8 { Insert, Update, DryRun };

struct RowCheck {
	Rules *rules;
	Mode mode;
	Datum *values;  // [natts], modified in place by normalisation (values palloc'd in CurrentMemoryContext)
	bool *nulls;
	bool *provided;        // dry run: which columns the candidate gave (nullptr: all)
	bool *invalid;         // dry run: columns already reported as malformed (no NOT NULL report)
	TupleTableSlot *slot;  // virtual slot over values/nulls for CHECK evaluation
	ExprContext *econtext;
	bool modified;          // out: a value was normalised or filled
	Violations violations;  // out
};

// Runs every rule; Postgres zone (call inside pg_call).
void check_row(RowCheck &row);

// Text of a value for reports: output function, clipped to a few hundred bytes.
const char *value_text(const Column &col, Datum value);
const char *value_text_clip(const char *text);

// ---------------------------------------------------------------- report
// jsonb array [{column, constraint, rule, value, kind[, columns]}...]; Postgres zone.
Jsonb *violations_jsonb(const Rules &rules, const Violations &list, const RowCheck *row);

// ---------------------------------------------------------------- entry points
// The name of relid when it is a table the validator serves (an extension table or a registered section, plain or
// partitioned); otherwise throws UserError 42809 "<function>: … is not a table of vital_persona" with the hint.
// C++ zone.
const char *validated_table(Oid relid, const char *function, const char *hint);

}  // namespace vp::validate
