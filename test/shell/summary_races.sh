#!/usr/bin/env bash
# Deterministic reproducers of the races and deadlocks of the maintained summary counters (issue #12,
# docs/summary.md "Concurrency"): 2-3 psql sessions on one database, the interleaving forced by holding a row lock
# in one session and waiting (pg_stat_activity) until another is blocked on it. Each scenario then checks that no
# session failed (no 40P01 deadlock, no 40001) and that every persona x section count of vital_summary equals
# count(*) (catalog-driven through _vital_summary_slots; grandchildren through their parent).
# On the code before issue #12 (one locked counters row per persona, grandchildren resolved under the trigger's
# snapshot) scenarios 1-4 fail: two deadlocks, a double subtraction and a count left on the old persona.
# Scenarios 8 and 9 (issue #12's remaining churn drift: a grandchild delete racing a persona delete) fail on 5.0
# until the fix in _vital_summary_parent_del (see there) is applied.
source "$(dirname "$0")/../support/shell_lib.sh"
source "$VP_REPO/test/support/summary_shell.sh"
T=10000000-0000-0000-0000-0000000000c1
X=c0000000-0000-0000-0000-000000000001
Y=c0000000-0000-0000-0000-000000000002
summary_db races

# ---- sessions: psql in the background reading statements from a FIFO ------------------------------------------
declare -A FD
open_session() {  # name
  local s=$1
  mkfifo "$VP_TMP/$s.in"
  PGAPPNAME="vp_race_$s" psql -X -q -At -v ON_ERROR_STOP=0 -e -d "$db" <"$VP_TMP/$s.in" >"$VP_TMP/$s.out" 2>&1 &
  exec {fd}>"$VP_TMP/$s.in"
  FD[$s]=$fd
  send "$s" "SET client_min_messages = warning; SET deadlock_timeout = '100ms'; SET lock_timeout = '20s';"
}
send() { printf '%s\n' "$2" >&"${FD[$1]}"; }
close_sessions() {
  local s
  for s in "${!FD[@]}"; do send "$s" '\q'; eval "exec ${FD[$s]}>&-"; done
  wait
  FD=()
}
# state of a session: idle / idle in transaction / active:Lock (blocked on a lock) / active
state() {
  q "$db" -c "SELECT state || coalesce(':' || wait_event_type, '') FROM pg_stat_activity WHERE application_name = 'vp_race_$1'"
}
# waits (up to 10 s) until the session's last statement finished or is blocked on a lock; prints the state
settle() {
  local s=$1 st _
  for _ in $(seq 1 200); do
    st=$(state "$s")
    case "$st" in idle*|active:Lock) echo "$st"; return 0 ;; esac
    sleep 0.05
  done
  echo "$st"
}
# fresh data: two personas of one tenant, every section filled (2 rows; grandchildren 2 per parent)
seed() {
  summary_seed "$db" "$T" race 2 "$X" "$Y"
  P=$(q "$db" -c "SELECT id FROM persona_case_studies WHERE persona_id = '$X' ORDER BY id LIMIT 1")
  G=$(q "$db" -c "SELECT id FROM persona_case_study_metrics WHERE case_study_id = '$P' ORDER BY id LIMIT 1")
  # the grandchild table the parent's delete trigger visits first (slot order)
  GT=$(q "$db" -c "SELECT relname FROM _vital_summary_slots WHERE parent = 'persona_case_studies' ORDER BY slot LIMIT 1")
  G1=$(q "$db" -c "SELECT id FROM $GT WHERE case_study_id = '$P' ORDER BY id LIMIT 1")
}
# verdict of a scenario: no session failed, counts exact
verdict() {
  local name=$1 errs bad s
  close_sessions
  errs=$(for s in a b c; do [[ -f "$VP_TMP/$s.out" ]] && grep -H 'ERROR' "$VP_TMP/$s.out"; done)
  if [[ -z "$errs" ]]; then ok "$name: no session failed (no deadlock, no serialization failure)"
  else not_ok "$name: no session failed (no deadlock, no serialization failure)"; diag <<<"$errs"; fi
  bad=$(summary_mismatches "$db" "$X" "$Y")
  if [[ -z "$bad" ]]; then ok "$name: every persona x section count of vital_summary equals count(*)"
  else not_ok "$name: every persona x section count of vital_summary equals count(*)"; diag <<<"$bad"; fi
  [[ -n "${VP_RACE_DEBUG:-}" ]] && for s in a b c; do [[ -f "$VP_TMP/$s.out" ]] && sed "s/^/# $s: /" "$VP_TMP/$s.out"; done
  rm -f "$VP_TMP"/{a,b,c}.{in,out}
}

# VP_RACES="3 4" runs only those scenarios (debugging)
want_race() { [[ -z "${VP_RACES:-}" || " $VP_RACES " == *" $1 "* ]]; }

# ---- 1. parent delete vs evidence insert (counters row <-> persona row lock order) ------------------------------
# c holds a grandchild of P; a deletes P: the parent's row trigger runs, then the cascade waits for c; b inserts
# evidence for the same persona (the evidence trigger locks the persona row, then the counters are written);
# c commits, a continues to the evidence trigger (persona row). Old code: a held the counters row, b the
# persona row -> deadlock.
want_race 1 && {
seed
open_session a; open_session b; open_session c
send c "BEGIN; SELECT 1 FROM persona_case_study_metrics WHERE id = '$G' FOR UPDATE;"; settle c >/dev/null
send a "BEGIN; DELETE FROM persona_case_studies WHERE id = '$P';"; settle a >/dev/null
send b "BEGIN; INSERT INTO persona_public_research (tenant_id, persona_id, research_title, research_type, publication_source, key_findings, relevance_score)
        SELECT tenant_id, persona_id, 'race', research_type, publication_source, key_findings, relevance_score
          FROM persona_public_research WHERE persona_id = '$X' LIMIT 1;"; settle b >/dev/null
send c "COMMIT;"; settle a >/dev/null; settle b >/dev/null
send a "COMMIT;"; send b "COMMIT;"; settle a >/dev/null; settle b >/dev/null
verdict "1 parent delete vs evidence insert of the same persona"
}

# ---- 2. direct grandchild delete vs cascading delete of its parent ---------------------------------------------
# c holds the persona's counters (old code: its row; new code: nothing waits for it); a deletes P (its row
# trigger queues first), b deletes the grandchild G directly (row locked, then its statement trigger); c commits.
# Old code: a got the counters row and waited in the cascade for G, b held G and waited for the counters row.
want_race 2 && {
seed
open_session a; open_session b; open_session c
send c "BEGIN; INSERT INTO persona_goals (tenant_id, persona_id, goal_text) VALUES ('$T', '$X', 'race');"; settle c >/dev/null
send a "BEGIN; DELETE FROM persona_case_studies WHERE id = '$P';"; settle a >/dev/null
send b "BEGIN; DELETE FROM persona_case_study_metrics WHERE id = '$G';"; settle b >/dev/null
send c "COMMIT;"; settle a >/dev/null; settle b >/dev/null
send a "COMMIT;"; settle a >/dev/null; settle b >/dev/null; send b "COMMIT;"; settle b >/dev/null
verdict "2 direct grandchild delete vs cascading parent delete"
}

# ---- 3. grandchild delete concurrent with its parent's delete (double subtraction) -----------------------------
# a deletes a grandchild G1 of P (uncommitted); b deletes P: old code counted G1 under its snapshot (then waited
# for the counters row) and subtracted it a second time.
want_race 3 && {
seed
open_session a; open_session b
send a "BEGIN; DELETE FROM $GT WHERE id = '$G1';"; settle a >/dev/null
send b "BEGIN; DELETE FROM persona_case_studies WHERE id = '$P';"; settle b >/dev/null
[[ -n "${VP_RACE_DEBUG:-}" ]] && { echo "# a: $(state a), b: $(state b)"; q "$db" -c "SELECT persona_id, counts FROM _vital_summary_counts" | diag; }
send a "COMMIT;"; settle b >/dev/null; send b "COMMIT;"; settle b >/dev/null
verdict "3 grandchild delete concurrent with its parent's delete"
}

# ---- 4. parent moved to another persona while a grandchild is inserted -----------------------------------------
# a moves P from X to Y (uncommitted); b inserts a grandchild of P: old code counted it on X.
want_race 4 && {
seed
open_session a; open_session b
send a "BEGIN; UPDATE persona_case_studies SET persona_id = '$Y' WHERE id = '$P';"; settle a >/dev/null
send b "BEGIN; INSERT INTO persona_case_study_metrics (tenant_id, case_study_id, metric_name) VALUES ('$T', '$P', 'race');"
settle b >/dev/null
send a "COMMIT;"; settle b >/dev/null; send b "COMMIT;"; settle b >/dev/null
verdict "4 parent moved while a grandchild is inserted"
}

# ---- 5. the reverse: grandchild inserted first, then the parent moved -------------------------------------------
want_race 5 && {
seed
open_session a; open_session b
send b "BEGIN; INSERT INTO persona_case_study_metrics (tenant_id, case_study_id, metric_name) VALUES ('$T', '$P', 'race');"
settle b >/dev/null
send a "BEGIN; UPDATE persona_case_studies SET persona_id = '$Y' WHERE id = '$P';"; settle a >/dev/null
send b "COMMIT;"; settle a >/dev/null; send a "COMMIT;"; settle a >/dev/null
verdict "5 grandchild inserted, then its parent moved"
}

# ---- 6. grandchild deleted while its parent is moved ------------------------------------------------------------
want_race 6 && {
seed
open_session a; open_session b
send a "BEGIN; UPDATE persona_case_studies SET persona_id = '$Y' WHERE id = '$P';"; settle a >/dev/null
send b "BEGIN; DELETE FROM persona_case_study_metrics WHERE id = '$G';"; settle b >/dev/null
send a "COMMIT;"; settle b >/dev/null; send b "COMMIT;"; settle b >/dev/null
verdict "6 grandchild deleted while its parent is moved"
}

# ---- 7. REPEATABLE READ: two transactions writing different sections of one persona -----------------------------
# Old code: the second one's counters upsert hit the first one's row -> 40001.
want_race 7 && {
seed
open_session a; open_session b
send a "BEGIN ISOLATION LEVEL REPEATABLE READ; INSERT INTO persona_goals (tenant_id, persona_id, goal_text) VALUES ('$T', '$X', 'rr a');"
settle a >/dev/null
send b "BEGIN ISOLATION LEVEL REPEATABLE READ; DELETE FROM persona_pain_points WHERE id = (SELECT id FROM persona_pain_points WHERE persona_id = '$X' ORDER BY id LIMIT 1);"
settle b >/dev/null
send a "COMMIT;"; settle a >/dev/null; settle b >/dev/null; send b "COMMIT;"; settle b >/dev/null
verdict "7 REPEATABLE READ writers of one persona (different rows)"
}

# ---- 8./9. persona delete vs a grandchild delete of the same persona (issue 12: the churn drift) ----------------
# A persona delete runs its AFTER events in rounds: the RI cascades to the children and the personas statement
# trigger (which deletes the persona's counter rows) fire in the first round, the children's events — the parent's
# row trigger "A_vital_summary_counts_parent_del", which locks the grandchildren FOR UPDATE, and the cascade to the
# grandchildren — only in the next one. So the persona delete waits for a grandchild deleter (who holds nothing
# but its grandchild row) only AFTER it has removed the counter rows; a delta that deleter appended is not seen by
# that DELETE and outlives the persona: a persona re-created with the same id starts at -1.
# Found by test/shell/summary_concurrency.sh (1 run in 10-30). Scenarios 8 and 9 fail until
# _vital_summary_parent_del removes the counter rows of a persona deleted by its own transaction after its waits.
# finish: commit everything, re-create X (as the churn writer of the concurrency test does), compare, repair.
persona_recreated_verdict() {
  q "$db" -c "INSERT INTO personas (id, tenant_id, name, slug) VALUES ('$X', '$T', 'P X again', 'race-x-again')" >/dev/null
  verdict "$1"
  check "$1: vital_summary_check_counts() reports no drift" \
    test "$(q "$db" -c "SELECT count(*) FROM vital_summary_check_counts()")" = 0
  q "$db" -c "SELECT vital_summary_rebuild_counts()" >/dev/null   # keep a failure from spilling into later scenarios
}

# 8: c holds a grandchild row of P in the first grandchild table (slot order); b deletes persona X: first round done
# (children gone, X's counter rows deleted by b, still locked), b then waits in P's parent-row trigger for c's row.
# a deletes the metric G of P (autocommit): it reads P (persona X, b's delete is not committed), finds every counter
# row of X locked (by b's delete) and appends (X, -1). c commits, b goes on (G is gone: not counted) and commits.
want_race 8 && {
seed
open_session a; open_session b; open_session c
send c "BEGIN; SELECT 1 FROM $GT WHERE id = '$G1' FOR UPDATE;"; settle c >/dev/null
send b "BEGIN; DELETE FROM personas WHERE id = '$X';"
st=$(settle b)
send a "DELETE FROM persona_case_study_metrics WHERE id = '$G';"; st_a=$(settle a)
[[ -n "${VP_RACE_DEBUG:-}" ]] && { echo "# b: $st, a: $st_a"; q "$db" -c "SELECT persona_id, counts FROM _vital_summary_counts" | diag; }
send c "COMMIT;"; settle b >/dev/null; send b "COMMIT;"; settle b >/dev/null
check "8 (setup) the persona delete waited in its grandchild cascade, the grandchild delete did not wait" \
  test "$st|${st_a%:Client}" = "active:Lock|idle"
persona_recreated_verdict "8 grandchild delete while a persona delete cascades to the grandchildren"
}

# 9: the same hole, the grandchild delete first. c inserts a goal of X (its trigger updates X's counter row in
# place and keeps it locked); a deletes G (uncommitted): X's only counter row is locked, so it appends (X, -1);
# b deletes X: waits for c (c's FOR KEY SHARE on X). c commits: b's cascade deletes X's children and its statement
# trigger X's counter rows — a's row is uncommitted, not in that snapshot —, then b waits for G in the grandchild
# cascade. a commits (its row stays), b commits.
want_race 9 && {
seed
q "$db" -c "SELECT vital_summary_compact_counts()" >/dev/null   # one counter row per persona
open_session a; open_session b; open_session c
send c "BEGIN; INSERT INTO persona_goals (tenant_id, persona_id, goal_text) VALUES ('$T', '$X', 'race');"; settle c >/dev/null
send a "BEGIN; DELETE FROM persona_case_study_metrics WHERE id = '$G';"; st_a=$(settle a)
send b "BEGIN; DELETE FROM personas WHERE id = '$X';"; st1=$(settle b)
send c "COMMIT;"; st2=$(settle b)
[[ -n "${VP_RACE_DEBUG:-}" ]] && { echo "# a: $st_a, b: $st1 then $st2"; q "$db" -c "SELECT persona_id, counts FROM _vital_summary_counts" | diag; }
send a "COMMIT;"; settle b >/dev/null; send b "COMMIT;"; settle b >/dev/null
check "9 (setup) the grandchild delete did not wait; the persona delete waited for the goal insert, then for the grandchild" \
  test "${st_a%:Client}|$st1|$st2" = "idle in transaction|active:Lock|active:Lock"
persona_recreated_verdict "9 grandchild delete (delta appended) before a persona delete"
}

# the drift check agrees with the independent comparison, and finds planted drift
check "vital_summary_check_counts() reports nothing after the scenarios" \
  test "$(q "$db" -c "SELECT count(*) FROM vital_summary_check_counts()")" = 0
q "$db" -c "INSERT INTO _vital_summary_counts (persona_id, counts) VALUES ('$X', '{5}'), ('c0000000-0000-0000-0000-0000000000ff', '{1}')" >/dev/null
got=$(q "$db" -c "SELECT string_agg(section || ':' || coalesce(kept - actual, -1), ',' ORDER BY section, kept - actual) FROM vital_summary_check_counts()")
want=$(q "$db" -c "SELECT '(orphan):-1,' || relname || ':1,' || relname || ':5' FROM _vital_summary_slots WHERE slot = 1")
check "... and reports planted drift (a wrong delta, an orphan persona)" test "$got" = "$want"
[[ "$got" == "$want" ]] || echo "# got: $got, want: $want"
q "$db" -c "SELECT vital_summary_rebuild_counts()" >/dev/null
check "... which vital_summary_rebuild_counts() repairs" test "$(q "$db" -c "SELECT count(*) FROM vital_summary_check_counts()")" = 0
finish
