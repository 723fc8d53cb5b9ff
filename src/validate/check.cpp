// One row against its table's compiled rules: normalisation (trim, case of enumerations, tenant_id from the
// parent), then every rule, collecting violations instead of stopping at the first. Postgres zone: runs inside
// one pg_call per row; only trivially destructible data, palloc memory.
// lint: postgres-zone-file
#include <cstring>

#include "vital_persona/validate.hpp"

extern "C" {
#include "access/genam.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "executor/executor.h"
#include "mb/pg_wchar.h"
#include "utils/datum.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
}

namespace vp::validate {

constexpr int max_value_bytes = 200;

void add_violation(Violations &list, const Violation &v) {
	if (list.count == list.capacity) {
		int capacity = list.capacity > 0 ? list.capacity * 2 : 8;
		list.items = static_cast<Violation *>(list.items == nullptr ? palloc(sizeof(Violation) * capacity)
		                                                           : repalloc(list.items, sizeof(Violation) * capacity));
		list.capacity = capacity;
	}
	list.items[list.count++] = v;
}

namespace {

int kind_order(Kind k) { return static_cast<int>(k); }

int compare_violations(const void *a, const void *b) {
	const auto *x = static_cast<const Violation *>(a);
	const auto *y = static_cast<const Violation *>(b);
	// Columns of the table in their declared order, unknown keys after them.
	int xc = x->column != InvalidAttrNumber ? x->column : 100000;
	int yc = y->column != InvalidAttrNumber ? y->column : 100000;
	if (xc != yc)
		return xc < yc ? -1 : 1;
	if (xc == 100000) {
		int c = std::strcmp(x->column_name, y->column_name);
		if (c != 0)
			return c;
	}
	if (kind_order(x->kind) != kind_order(y->kind))
		return kind_order(x->kind) < kind_order(y->kind) ? -1 : 1;
	return std::strcmp(x->constraint ? x->constraint : "", y->constraint ? y->constraint : "");
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// "a", "b" -> "a, b"
char *join_enum(const CheckRule &check) {
	StringInfoData buf;
	initStringInfo(&buf);
	for (int i = 0; i < check.nenum; i++)
		appendStringInfo(&buf, "%s%s", i ? ", " : "", check.enum_values[i]);
	return buf.data;
}

char *join_columns(const Rules &r, const CheckRule &check) {
	StringInfoData buf;
	initStringInfo(&buf);
	for (int i = 0; i < check.ncolumns; i++)
		appendStringInfo(&buf, "%s\"%s\"", i ? ", " : "", r.columns[check.columns[i] - 1].name);
	return buf.data;
}

void trim_text(RowCheck &row) {
	Rules &r = *row.rules;
	for (int i = 0; i < r.natts; i++) {
		const Column &col = r.columns[i];
		if (!col.text_like || col.name == nullptr || row.nulls[i])
			continue;
		auto *p = reinterpret_cast<struct varlena *>(DatumGetPointer(row.values[i]));
		if (VARATT_IS_EXTERNAL(p) || VARATT_IS_COMPRESSED(p))
			continue;  // a stored value carried over by UPDATE: it went through this trigger already
		const char *s = VARDATA_ANY(p);
		int len = static_cast<int>(VARSIZE_ANY_EXHDR(p));
		int a = 0, b = len;
		while (a < b && is_space(s[a]))
			a++;
		while (b > a && is_space(s[b - 1]))
			b--;
		if (a == 0 && b == len)
			continue;
		row.values[i] = PointerGetDatum(cstring_to_text_with_len(s + a, b - a));
		row.modified = true;
	}
}

// The one allowed spelling that equals the value ignoring (ASCII) case, or nullptr (none or ambiguous).
const char *canonical_spelling(const CheckRule &check, Datum value) {
	char *s = TextDatumGetCString(value);
	const char *match = nullptr;
	for (int i = 0; i < check.nenum; i++) {
		if (pg_strcasecmp(s, check.enum_values[i]) != 0)
			continue;
		if (std::strcmp(s, check.enum_values[i]) == 0)
			return nullptr;  // exact: the failure is elsewhere
		if (match != nullptr && std::strcmp(match, check.enum_values[i]) != 0)
			return nullptr;  // two spellings differ only by case: do not guess
		match = check.enum_values[i];
	}
	return match;
}

bool probe_lookup(const LookupRule &l, Datum value) {
	Relation heap = table_open(l.ref_rel, AccessShareLock);
	Relation index = index_open(l.ref_index, AccessShareLock);
	ScanKeyData key;
	ScanKeyEntryInitialize(&key, 0, 1, BTEqualStrategyNumber, l.subtype, index->rd_indcollation[0], l.eq_proc, value);
	IndexScanDesc scan = index_beginscan(heap, index, GetActiveSnapshot(), 1, 0);
	index_rescan(scan, &key, 1, nullptr, 0);
	TupleTableSlot *slot = table_slot_create(heap, nullptr);
	bool found = index_getnext_slot(scan, ForwardScanDirection, slot);
	ExecDropSingleTupleTableSlot(slot);
	index_endscan(scan);
	index_close(index, AccessShareLock);
	table_close(heap, AccessShareLock);
	return found;
}

// The parent's tenant_id as the invoking user sees it (RLS applies): a row the caller cannot see is reported
// exactly like a missing one.
bool lookup_parent(ParentRule &p, const Column &tenant, Datum id, Datum *tenant_out, bool *tenant_null) {
	MemoryContext upper = CurrentMemoryContext;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (p.plan == nullptr) {
		SPIPlanPtr plan = SPI_prepare(p.query, 1, &p.arg_type);
		if (plan == nullptr)
			elog(ERROR, "SPI_prepare failed for \"%s\": %s", p.query, SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		p.plan = plan;
	}
	int rc = SPI_execute_plan(p.plan, &id, nullptr, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	bool found = SPI_processed > 0;
	if (found) {
		Datum d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, tenant_null);
		MemoryContext spi = MemoryContextSwitchTo(upper);
		*tenant_out = *tenant_null ? (Datum)0 : datumCopy(d, tenant.byval, tenant.typlen);
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();
	return found;
}

Violation parent_missing(const Rules &r, const ParentRule &p, Datum id) {
	const Column &col = r.columns[p.column - 1];
	Violation v{};
	v.kind = Kind::Parent;
	v.column = p.column;
	v.column_name = col.name;
	v.constraint = p.name;
	v.rule = psprintf("must reference an existing %s row", p.parent_table);
	v.value = value_text(col, id);
	v.has_value = true;
	v.hint = psprintf("Use the id of an existing %s row of your tenant.", p.parent_table);
	return v;
}

}  // namespace

void sort_violations(Violations &list) {
	if (list.count > 1)
		qsort(list.items, list.count, sizeof(Violation), compare_violations);
}

const char *value_text(const Column &col, Datum value) {
	return value_text_clip(OidOutputFunctionCall(col.output_fn, value));
}

const char *value_text_clip(const char *s) {
	int len = static_cast<int>(std::strlen(s));
	if (len <= max_value_bytes)
		return s;
	int cut = pg_mbcliplen(s, len, max_value_bytes);
	return psprintf("%.*s...", cut, s);
}

void check_row(RowCheck &row) {
	Rules &r = *row.rules;
	Violations &out = row.violations;
	const Column *tenant = r.tenant_column != InvalidAttrNumber ? &r.columns[r.tenant_column - 1] : nullptr;
	bool *parent_done = static_cast<bool *>(palloc0(sizeof(bool) * (r.nparents + 1)));
	bool tenant_unfillable = false;

	if (settings.trim)
		trim_text(row);

	// tenant_id omitted: take it from the parent (persona), as the caller sees it.
	if (settings.fill_tenant && tenant != nullptr && row.nulls[r.tenant_column - 1] && r.nparents > 0) {
		ParentRule &p = r.parents[0];
		if (!row.nulls[p.column - 1]) {
			Datum t;
			bool t_null = true;
			parent_done[0] = true;
			if (lookup_parent(p, *tenant, row.values[p.column - 1], &t, &t_null) && !t_null) {
				row.values[r.tenant_column - 1] = t;
				row.nulls[r.tenant_column - 1] = false;
				row.modified = true;
			} else {
				add_violation(out, parent_missing(r, p, row.values[p.column - 1]));
				tenant_unfillable = true;
			}
		}
	}

	// NOT NULL
	for (int i = 0; i < r.natts; i++) {
		const Column &col = r.columns[i];
		if (col.name == nullptr || !col.not_null || col.generated || !row.nulls[i])
			continue;
		if (row.mode == Mode::DryRun && row.provided != nullptr && !row.provided[i] && col.has_default)
			continue;  // the default fills it
		if (row.invalid != nullptr && row.invalid[i])
			continue;  // reported as malformed already
		if (tenant_unfillable && i + 1 == r.tenant_column)
			continue;  // the parent violation says why it could not be filled
		Violation v{};
		v.kind = Kind::NotNull;
		v.column = static_cast<AttrNumber>(i + 1);
		v.column_name = col.name;
		v.rule = "is required (NOT NULL)";
		v.has_value = true;
		v.hint = psprintf("Provide a value for \"%s\".", col.name);
		add_violation(out, v);
	}

	// CHECK constraints, evaluated as the executor does (ExecCheck: NULL passes).
	ExprContext *econtext = row.econtext;
	econtext->ecxt_scantuple = row.slot;
	for (int i = 0; i < r.nchecks; i++) {
		const CheckRule &check = r.checks[i];
		if (ExecCheck(check.state, econtext))
			continue;
		if (settings.fix_case && check.enum_column != InvalidAttrNumber && !row.nulls[check.enum_column - 1] &&
		    r.columns[check.enum_column - 1].text_like) {
			const char *canonical = canonical_spelling(check, row.values[check.enum_column - 1]);
			if (canonical != nullptr) {
				Datum old_value = row.values[check.enum_column - 1];
				row.values[check.enum_column - 1] = CStringGetTextDatum(canonical);
				if (ExecCheck(check.state, econtext)) {
					row.modified = true;
					continue;
				}
				row.values[check.enum_column - 1] = old_value;
			}
		}
		Violation v{};
		v.kind = Kind::Check;
		v.constraint = check.name;
		v.check = &check;
		v.column = check.ncolumns > 0 ? check.columns[0] : InvalidAttrNumber;
		v.column_name = v.column != InvalidAttrNumber ? r.columns[v.column - 1].name : "";
		if (v.column != InvalidAttrNumber) {
			v.has_value = true;
			v.value = row.nulls[v.column - 1] ? nullptr : value_text(r.columns[v.column - 1], row.values[v.column - 1]);
		}
		if (check.enum_column != InvalidAttrNumber) {
			char *allowed = join_enum(check);
			v.rule = psprintf("must be one of: %s", allowed);
			v.hint = psprintf("Set \"%s\" to one of: %s.", v.column_name, allowed);
		} else if (check.range_words != nullptr && check.ncolumns == 1) {
			v.rule = psprintf("must be %s", check.range_words);
			v.hint = psprintf("Set \"%s\" to a value %s.", v.column_name, check.range_words);
		} else {
			v.rule = psprintf("must satisfy CHECK (%s)", check.expr_text);
			v.hint = psprintf("Change %s so that %s holds.", join_columns(r, check), check.expr_text);
		}
		add_violation(out, v);
	}
	// Case fixes changed values after some checks ran: a multi-column check may see them differently.
	ResetExprContext(econtext);

	// Foreign keys to lookup_* tables.
	for (int i = 0; i < r.nlookups; i++) {
		const LookupRule &l = r.lookups[i];
		if (row.nulls[l.column - 1] || probe_lookup(l, row.values[l.column - 1]))
			continue;
		const Column &col = r.columns[l.column - 1];
		Violation v{};
		v.kind = Kind::Lookup;
		v.column = l.column;
		v.column_name = col.name;
		v.constraint = l.name;
		v.rule = psprintf("must be an existing %s of %s", l.ref_column, l.ref_table);
		v.value = value_text(col, row.values[l.column - 1]);
		v.has_value = true;
		v.hint = psprintf("Use a value of %s.%s for \"%s\" (SELECT %s FROM %s).", l.ref_table, l.ref_column, col.name,
		                  l.ref_column, l.ref_table);
		add_violation(out, v);
	}

	// Parents and tenant consistency. The declared composite FK is the guarantee; the lookup here only makes
	// the report complete, so a valid row in the trigger pays nothing for it.
	if (tenant != nullptr && (out.count > 0 || row.mode == Mode::DryRun)) {
		for (int i = 0; i < r.nparents; i++) {
			ParentRule &p = r.parents[i];
			if (parent_done[i] || row.nulls[p.column - 1])
				continue;
			Datum t;
			bool t_null = true;
			if (!lookup_parent(p, *tenant, row.values[p.column - 1], &t, &t_null)) {
				add_violation(out, parent_missing(r, p, row.values[p.column - 1]));
				continue;
			}
			if (row.nulls[r.tenant_column - 1] || t_null ||
			    datumIsEqual(t, row.values[r.tenant_column - 1], tenant->byval, tenant->typlen))
				continue;
			Violation v{};
			v.kind = Kind::Tenant;
			v.column = r.tenant_column;
			v.column_name = tenant->name;
			v.constraint = p.name;
			v.rule = psprintf("must be the tenant of the referenced %s row", p.parent_table);
			v.value = value_text(*tenant, row.values[r.tenant_column - 1]);
			v.has_value = true;
			v.hint = psprintf("Omit \"%s\" to have it filled from %s, or use that row's tenant.", tenant->name,
			                  p.parent_table);
			add_violation(out, v);
		}
	}
	sort_violations(out);
}

}  // namespace vp::validate
