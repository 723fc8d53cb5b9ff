#!/usr/bin/env bash
# vital_summary on the distributed install: every section counted through tenant-routed SQL, equal to count(*)
# from SQL, RLS applied on the shards; the evidence summary maintained by the trigger on the shards.
source "$(dirname "$0")/lib.sh"
A=10000000-0000-0000-0000-00000000000a ANA=20000000-0000-0000-0000-00000000000a
PA1=3a000000-0000-0000-0000-000000000001 PB1=3b000000-0000-0000-0000-000000000001

is "every section is read through SQL (no local shells): modes" \
   "$(qc -c "SELECT string_agg(DISTINCT value, ',') FROM jsonb_each_text(vital._vital_summary_modes())")" "spi"
# The FROM form (as PostgREST calls functions): it caught a freed-memory bug of the SQL counting path.
got=$(as_user "$ANA" -c "SELECT s.j->'sections'->>'persona_goals', s.j->'sections'->>'persona_pain_points', s.j->'sections'->>'persona_tags',
                                 s.j->'sections'->>'persona_public_research', s.j->'sections'->>'persona_research_quantitative_results'
                            FROM vital.vital_summary('$PA1') s(j)")
want=$(as_user "$ANA" -c "SELECT (SELECT count(*) FROM vital.persona_goals WHERE persona_id = '$PA1'),
                                 (SELECT count(*) FROM vital.persona_pain_points WHERE persona_id = '$PA1'),
                                 (SELECT count(*) FROM vital.persona_tags WHERE persona_id = '$PA1'),
                                 (SELECT count(*) FROM vital.persona_public_research WHERE persona_id = '$PA1'),
                                 (SELECT count(*) FROM vital.persona_research_quantitative_results q JOIN vital.persona_public_research r
                                     ON r.tenant_id = q.tenant_id AND r.id = q.research_id WHERE r.persona_id = '$PA1')")
is "ana: vital_summary counts equal count(*) from SQL (goals, pain points, tags, research, its grandchild)" "$got" "$want"
is "... and those are the seeded numbers" "$got" "4|3|3|2|4"
is "ana: 4 + 3 + 3 + 2 + 4 + 1 evidence summary row = 17, every other section 0" \
   "$(as_user "$ANA" -c "SELECT sum(v::int) FROM vital.vital_summary('$PA1') s(j), jsonb_each_text(s.j->'sections') e(k, v)")" "17"
is "ana: tenant b's persona gives NULL (not visible = does not exist)" \
   "$(as_user "$ANA" -c "SELECT vital.vital_summary('$PB1') IS NULL")" "t"
is "ana: vital_summaries over both tenants' personas returns her 3 only" \
   "$(as_user "$ANA" -c "SELECT count(*) FROM vital.vital_summaries(ARRAY(SELECT ('3' || t || '000000-0000-0000-0000-00000000000' || p)::uuid FROM unnest(ARRAY['a','b']) t, generate_series(1,3) p))")" "3"
is "owner: the same counts as ana for her persona" \
   "$(qc -c "SELECT s.j->'sections'->>'persona_goals' || '|' || (s.j->'sections'->>'persona_research_quantitative_results') FROM vital.vital_summary('$PA1') s(j)")" "4|4"
is "evidence summary maintained on the shard by the trigger (2 studies, 1 peer reviewed)" \
   "$(qc -c "SELECT total_sources || '|' || research_studies_count || '|' || peer_reviewed_count FROM vital.persona_evidence_summary WHERE tenant_id = '$A' AND persona_id = '$PA1'")" "2|2|1"
is "vital_summary reports the evidence count" \
   "$(as_user "$ANA" -c "SELECT vital.vital_summary('$PA1')->'evidence'->>'count'")" "2"
finish
