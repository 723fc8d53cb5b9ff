#!/usr/bin/env bash
# Per-tenant queries are router-planned: EXPLAIN shows one task (one shard group), as the owner and as an API user.
source "$(dirname "$0")/lib.sh"
A=10000000-0000-0000-0000-00000000000a ANA=20000000-0000-0000-0000-00000000000a
PA1=3a000000-0000-0000-0000-000000000001
tasks() { grep -Eo 'Task Count: [0-9]+' | head -n 1; }

is "a tenant's persona list: one task" \
   "$(qc -c "EXPLAIN SELECT id, name FROM vital.personas WHERE tenant_id = '$A' ORDER BY name" | tasks)" "Task Count: 1"
is "a persona's goals: one task" \
   "$(qc -c "EXPLAIN SELECT * FROM vital.persona_goals WHERE tenant_id = '$A' AND persona_id = '$PA1'" | tasks)" "Task Count: 1"
is "a persona with a section and a grandchild joined on (tenant_id, ...): one task" \
   "$(qc -c "EXPLAIN SELECT p.name, r.research_title, q.metric_name FROM vital.personas p
               JOIN vital.persona_public_research r ON r.tenant_id = p.tenant_id AND r.persona_id = p.id
               JOIN vital.persona_research_quantitative_results q ON q.tenant_id = r.tenant_id AND q.research_id = r.id
              WHERE p.tenant_id = '$A' AND p.id = '$PA1'" | tasks)" "Task Count: 1"
is "with a lookup (reference table) joined: one task" \
   "$(qc -c "EXPLAIN SELECT p.name, l.label FROM vital.personas p LEFT JOIN vital.lookup_seniority_levels l ON l.code = p.seniority_level WHERE p.tenant_id = '$A'" | tasks)" "Task Count: 1"
is "as an API user (policies in the Citus form): one task" \
   "$(as_user "$ANA" -c "EXPLAIN SELECT * FROM vital.persona_goals WHERE tenant_id = '$A' AND persona_id = '$PA1'" | tasks)" "Task Count: 1"
is "without the tenant a query fans out to every shard (4 per table here)" \
   "$(qc -c "EXPLAIN SELECT count(*) FROM vital.persona_goals WHERE persona_id = '$PA1'" | tasks)" "Task Count: 4"
finish
