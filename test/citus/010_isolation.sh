#!/usr/bin/env bash
# Tenant isolation on the distributed install, as API users the way PostgREST runs a request: one transaction,
# role and claims by set_config(..., true), then the pre-request function vital_citus_request() (docs/citus.md).
# ana is an editor of tenant a, bob of tenant b (test/citus/seed.sql).
source "$(dirname "$0")/lib.sh"
A=10000000-0000-0000-0000-00000000000a B=10000000-0000-0000-0000-00000000000b
ANA=20000000-0000-0000-0000-00000000000a BOB=20000000-0000-0000-0000-00000000000b
PA1=3a000000-0000-0000-0000-000000000001 PB1=3b000000-0000-0000-0000-000000000001

is "ana sees her 3 personas and none of tenant b" \
   "$(as_user "$ANA" -c "SELECT count(*) || '/' || count(*) FILTER (WHERE tenant_id = '$B') FROM vital.personas")" "3/0"
is "bob sees his 3 personas and none of tenant a" \
   "$(as_user "$BOB" -c "SELECT count(*) || '/' || count(*) FILTER (WHERE tenant_id = '$A') FROM vital.personas")" "3/0"
is "ana sees tenant a's goals only (3 x 4), on shards of both workers" \
   "$(as_user "$ANA" -c "SELECT count(*) FROM vital.persona_goals")" "12"
is "bob sees tenant b's goals only (3 x 2)" \
   "$(as_user "$BOB" -c "SELECT count(*) FROM vital.persona_goals")" "6"
is "grandchildren too: ana sees her 12 quantitative results, none of b" \
   "$(as_user "$ANA" -c "SELECT count(*) || '/' || count(*) FILTER (WHERE tenant_id = '$B') FROM vital.persona_research_quantitative_results")" "12/0"
is "reference tables: ana sees her membership only" \
   "$(as_user "$ANA" -c "SELECT string_agg(tenant_id::text, ',') FROM vital.tenant_members")" "$A"
is "a query naming tenant b's persona returns nothing for ana" \
   "$(as_user "$ANA" -c "SELECT count(*) FROM vital.persona_goals WHERE tenant_id = '$B' AND persona_id = '$PB1'")" "0"

# Writes
out=$(as_user "$ANA" -c "INSERT INTO vital.persona_goals (tenant_id, persona_id, goal_text) VALUES ('$B', '$PB1', 'x')" 2>&1)
if grep -q "row-level security" <<<"$out"; then ok "ana cannot insert into tenant b (WITH CHECK on the shard)"; else not_ok "ana cannot insert into tenant b"; diag <<<"$out"; fi
out=$(as_user "$ANA" -c "INSERT INTO vital.persona_goals (tenant_id, persona_id, goal_text) VALUES ('$A', '$PB1', 'x')" 2>&1)
if grep -q "violates foreign key constraint" <<<"$out"; then ok "ana cannot attach a row to tenant b's persona (composite FK on the shard group)"; else not_ok "ana cannot attach a row to tenant b's persona"; diag <<<"$out"; fi
is "ana's UPDATE of tenant b's goals changes nothing" \
   "$(as_user "$ANA" -c "WITH u AS (UPDATE vital.persona_goals SET goal_text = 'hijacked' WHERE tenant_id = '$B' RETURNING 1) SELECT count(*) FROM u")" "0"
is "ana's DELETE of all tags removes only tenant a's (9)" \
   "$(as_user "$ANA" -c "WITH d AS (DELETE FROM vital.persona_tags RETURNING tenant_id) SELECT count(*) FILTER (WHERE tenant_id = '$A') || '/' || count(*) FROM d" -c "ROLLBACK" 2>/dev/null | head -1)" "9/9"
is "tenant b's goals are untouched" \
   "$(qc -c "SELECT count(*) FROM vital.persona_goals WHERE tenant_id = '$B' AND goal_text = 'hijacked'")" "0"
is "ana inserts into her own persona" \
   "$(as_user "$ANA" -c "WITH i AS (INSERT INTO vital.persona_goals (tenant_id, persona_id, goal_text) VALUES ('$A', '$PA1', 'new') RETURNING 1) SELECT count(*) FROM i" -c "ROLLBACK" 2>/dev/null | head -1)" "1"

# Without the pre-request function the claims stay on the coordinator: the workers see no caller (fail closed).
is "without vital_citus_request() the shards see no claims: 0 rows, not other tenants' rows" \
   "$(qc -c '\o /dev/null' -c "BEGIN" -c "SELECT set_config('role', 'authenticated', true), set_config('request.jwt.claims', '{\"sub\":\"$ANA\"}', true)" -c '\o' \
        -c "SELECT count(*) FROM vital.personas" -c "COMMIT")" "0"
# The role reaches the workers as the connection user: anon (no grants) is refused there too.
out=$(qc -c "BEGIN" -c "SET LOCAL ROLE anon" -c "SELECT count(*) FROM vital.personas" 2>&1)
if grep -q "permission denied" <<<"$out"; then ok "anon is refused"; else not_ok "anon is refused"; diag <<<"$out"; fi
finish
