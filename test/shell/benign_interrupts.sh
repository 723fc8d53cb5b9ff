#!/usr/bin/env bash
# A pending interrupt that is not a cancel does not end a statement of the extension: while
# ALTER EXTENSION UPDATE runs (vital_rls_apply and the summary registry loop through check_interrupts()),
# another session keeps sending it memory-context log requests (pg_log_backend_memory_contexts) and
# creating/dropping a database (DROP DATABASE emits a ProcSignalBarrier to every backend of the cluster).
# Before the fix, check_interrupts() treated any pending interrupt as a cancel: "canceling statement in
# vital_rls_apply" (seen when the suite's tests ran side by side and one of them dropped its database).
source "$(dirname "$0")/../support/shell_lib.sh"
db=$(newdb benign)
scratch="vp_benign_scratch_$$"
q "$db" -c "SET client_min_messages=warning; CREATE EXTENSION vital_persona VERSION '4.0'" >/dev/null ||
  { not_ok "install 4.0"; finish; exit 1; }
(q "$db" -c "SET application_name = 'vp_benign_update'" -c "ALTER EXTENSION vital_persona UPDATE" \
   >"$VP_TMP/update.out" 2>&1; echo "$?" >"$VP_TMP/update.rc") &
# memory-context log requests from a server-side loop (every ~2 ms while the update is active), and a database
# created and dropped again and again from the shell
(q postgres -v ON_ERROR_STOP=1 >"$VP_TMP/sent" 2>&1 <<'SQL'
DO $$
DECLARE p int; n int := 0; t0 timestamptz := clock_timestamp();
BEGIN
    LOOP
        PERFORM pg_stat_clear_snapshot();
        SELECT pid INTO p FROM pg_stat_activity WHERE application_name = 'vp_benign_update' AND state = 'active';
        EXIT WHEN (p IS NULL AND n > 0) OR clock_timestamp() > t0 + interval '120 s';
        IF p IS NOT NULL AND pg_log_backend_memory_contexts(p) THEN n := n + 1; END IF;
        PERFORM pg_sleep(0.002);
    END LOOP;
    RAISE WARNING 'sent %', n;
END $$;
SQL
) &
while [[ ! -f "$VP_TMP/update.rc" ]]; do createdb "$scratch" >/dev/null 2>&1; dropdb --if-exists "$scratch" >/dev/null 2>&1; done
wait
sent=$(sed -n 's/.*WARNING:  sent \([0-9]*\).*/\1/p' "$VP_TMP/sent"); sent=${sent:-0}
check "ALTER EXTENSION UPDATE finished while interrupts that are not a cancel kept arriving ($sent requests)" \
  test "$(cat "$VP_TMP/update.rc")" = 0
grep -v '^$' "$VP_TMP/update.out" | diag
check "... and the update really ran under them (at least one request reached it)" test "$sent" -gt 0
check "... to the default version $VP_DEFAULT_VERSION" \
  test "$(q "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'vital_persona'")" = "$VP_DEFAULT_VERSION"
finish
