# shellcheck shell=bash
# TAP counting shared by the runners (scripts/test.sh, scripts/test-citus.sh). Sourced; keeps the totals in
# the caller's globals passed, failed, skipped (initialised here) and last_failed (the last log's failures).
passed=0 failed=0 skipped=0 last_failed=0

# count_tap LOG: adds the log's TAP lines to the totals: `ok N` passed (or skipped with `# skip`), `not ok N` failed.
count_tap() {
  local log=$1 p f s
  p=$(grep -Ec '^ *ok [0-9]+' "$log" || true)
  s=$(grep -Ec '^ *ok [0-9]+.*# *(skip|SKIP)' "$log" || true)
  f=$(grep -Ec '^ *not ok [0-9]+' "$log" || true)
  passed=$((passed + p - s)); skipped=$((skipped + s)); failed=$((failed + f))
  last_failed=$f
}

# count_run LOG RC NAME: count_tap, and a run that exited non-zero without a failing TAP line (crash, missing
# plan, setup error) counts as one failure.
count_run() {
  count_tap "$1"
  if [[ $2 -ne 0 && $last_failed -eq 0 ]]; then failed=$((failed + 1)); echo "not ok - $3 exited $2"; fi
}

# tap_summary: the runner's last line, `N passed, M failed[, K skipped]`; returns non-zero on any failure.
tap_summary() {
  if ((skipped)); then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
  ((failed == 0))
}
