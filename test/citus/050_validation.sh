#!/usr/bin/env bash
# Validation on the distributed install: the C++ trigger runs on the shards and its errors name the logical tables
# (not `persona_week_in_life_102040`); lookups and parents are checked against the shard group's own copies.
source "$(dirname "$0")/lib.sh"
A=10000000-0000-0000-0000-00000000000a ANA=20000000-0000-0000-0000-00000000000a
PA1=3a000000-0000-0000-0000-000000000001 PB1=3b000000-0000-0000-0000-000000000001

out=$(as_user "$ANA" -c "INSERT INTO vital.persona_week_in_life (tenant_id, persona_id, day_of_week, meeting_load, focus_time_available)
                          VALUES ('$A', '$PA1', 'Funday', 'extreme', 30)" 2>&1)
if grep -q 'ERROR:  3 validation errors on persona_week_in_life$' <<<"$out"; then
  ok "every violation of a row in one error, naming the table (not the shard)"
else
  not_ok "every violation of a row in one error, naming the table (not the shard)"; diag <<<"$out"
fi
out=$(as_user "$ANA" -c "UPDATE vital.personas SET seniority_level = 'galactic' WHERE tenant_id = '$A' AND id = '$PA1'" 2>&1)
if grep -q 'lookup_seniority_levels' <<<"$out" && ! grep -Eq 'lookup_seniority_levels_[0-9]' <<<"$out"; then
  ok "an unknown lookup code is rejected, naming the lookup table"
else
  not_ok "an unknown lookup code is rejected, naming the lookup table"; diag <<<"$out"
fi
is "a known lookup code is accepted (the shard group's copy of the reference table)" \
   "$(as_user "$ANA" -c "WITH u AS (UPDATE vital.personas SET seniority_level = 'director' WHERE tenant_id = '$A' AND id = '$PA1' RETURNING 1) SELECT count(*) FROM u" -c "ROLLBACK" 2>/dev/null | head -1)" "1"
# Rejected by the composite foreign key on the shard group; that error comes from PostgreSQL on the shard and names
# the shards (known limit, docs/citus.md).
out=$(as_user "$ANA" -c "INSERT INTO vital.persona_goals (tenant_id, persona_id, goal_text) VALUES ('$A', '$PB1', 'x')" 2>&1)
if grep -Eq 'violates foreign key constraint "fk_persona|validation error' <<<"$out"; then
  ok "a row of tenant a for tenant b's persona is rejected"
else
  not_ok "a row of tenant a for tenant b's persona is rejected"; diag <<<"$out"
fi
finish
