// What one visible row of a section contributes to the summary: its count, its id (when grandchildren hang off
// the section), and the columns of its role (vocabulary.hpp) ranked into the highlights (top 3 goals, pain points,
// evidence) or folded into the derived figures (time coverage, influence score, evidence quality).
// The hot loop: called once per row read (direct scan or SQL), Postgres zone.
#include <cstring>

#include "vital_persona/summary/call.hpp"
#include "vital_persona/summary/values.hpp"
#include "vital_persona/summary/vocabulary.hpp"

namespace vp::summary::rows {
namespace {

// Position where (k1, k2, id) enters the top list, or -1; shifts the tail to make room.
int top_slot(Top &t, int64 k1, int64 k2, const pg_uuid_t &id) {
	int pos = t.n;
	while (pos > 0) {
		const Item &o = t.items[pos - 1];
		int c = o.k1 != k1 ? (o.k1 < k1 ? -1 : 1) : o.k2 != k2 ? (o.k2 < k2 ? -1 : 1) : std::memcmp(o.id.data, id.data, UUID_LEN);
		if (c <= 0)
			break;
		pos--;
	}
	if (pos >= top_n)
		return -1;
	int last = t.n < top_n ? t.n : top_n - 1;
	for (int i = last; i > pos; i--)
		t.items[i] = t.items[i - 1];
	if (t.n < top_n)
		t.n++;
	Item &it = t.items[pos];
	it = Item{};
	it.k1 = k1;
	it.k2 = k2;
	it.id = id;
	return pos;
}

}  // namespace

// lint: postgres-zone
void add(CallState &cs, Result &res, int si, const pg_uuid_t &id, const Datum *v, const bool *nul) {
	const Section &s = cs.reg->sections[si];
	res.counts[si]++;
	if (s.has_children) {
		IdList &l = res.ids[si];
		if (l.n == l.cap) {
			l.cap = l.cap ? l.cap * 2 : 16;
			l.ids = static_cast<pg_uuid_t *>(l.ids ? repalloc(l.ids, sizeof(pg_uuid_t) * l.cap)
			                                       : MemoryContextAlloc(cs.cxt, sizeof(pg_uuid_t) * l.cap));
		}
		l.ids[l.n++] = id;
	}
	auto col_int = [&](int c, int64 *out) { return c < s.ncols && !nul[c] && values::to_int64(v[c], s.cols[c].typid, out); };
	auto col_text = [&](int c) -> const char * {
		return c < s.ncols && !nul[c] ? values::to_text(v[c], s.cols[c].typid, cs.cxt) : nullptr;
	};
	constexpr int64 last = PG_INT64_MAX;
	int64 a = 0, b = 0;
	switch (s.role) {
	case Role::Goals: {  // priority ascending (1 = highest), then sequence_order
		bool has_p = col_int(0, &a);
		if (!col_int(1, &b))
			b = last;
		int pos = top_slot(res.goals, has_p ? a : last, b, id);
		if (pos >= 0) {
			Item &it = res.goals.items[pos];
			it.text = col_text(2);
			it.label = col_text(3);
			it.num = a;
			it.num_null = !has_p;
		}
		break;
	}
	case Role::PainPoints: {  // severity critical > high > medium > low > other > null
		const char *sev = col_text(0);
		int rank = sev ? values::ci_index(sev, vocabulary::severities, 4) : 5;
		if (sev && rank < 0)
			rank = 4;
		if (!col_int(1, &b))
			b = last;
		int pos = top_slot(res.pains, rank, b, id);
		if (pos >= 0) {
			Item &it = res.pains.items[pos];
			it.text = col_text(2);
			if (it.text == nullptr)
				it.text = col_text(3);
			it.label = sev;
			it.num_null = true;
		}
		break;
	}
	case Role::EvidenceSources:
	case Role::Research:
	case Role::Reports:
	case Role::Opinions:
	case Role::CaseStudies:
	case Role::Statistics: {  // strongest evidence: score descending, then kind, then id
		bool has = false;
		if (s.role == Role::EvidenceSources) {
			const char *conf = col_text(0);
			int i = conf ? values::ci_index(conf, vocabulary::confidences, 4) : -1;
			has = i >= 0;
			a = has ? vocabulary::confidence_score[i] : 0;
		} else
			has = col_int(0, &a);
		int pos = top_slot(res.evidence, has ? -a : last, static_cast<int64>(s.role), id);
		if (pos >= 0) {
			Item &it = res.evidence.items[pos];
			it.text = col_text(1);
			if (it.text == nullptr)
				it.text = col_text(2);
			it.label = s.name;
			it.num = a;
			it.num_null = !has;
		}
		break;
	}
	case Role::WeekInLife:
	case Role::MonthInLife:
	case Role::YearInLife: {
		const char *t = col_text(0);
		if (t == nullptr)
			break;
		if (s.role == Role::WeekInLife) {
			int i = values::ci_index(t, vocabulary::days, 7);
			if (i >= 0) res.days |= 1 << i;
		} else if (s.role == Role::MonthInLife) {
			int i = values::ci_index(t, vocabulary::phases, 3);
			if (i >= 0) res.phases |= 1 << i;
		} else {
			int i = values::ci_index(t, vocabulary::quarters, 4);
			if (i >= 0) res.quarters |= 1 << i;
		}
		break;
	}
	case Role::InfluenceMap:
		if (col_int(0, &a)) {
			res.infl_sum += a;
			res.infl_n++;
		}
		break;
	case Role::EvidenceSummary:
		if (col_int(0, &a)) {
			res.evq = a;
			res.evq_null = false;
		}
		break;
	case Role::Stakeholder:
	case Role::None: break;
	}
}

}  // namespace vp::summary::rows
