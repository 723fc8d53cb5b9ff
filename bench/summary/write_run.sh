#!/usr/bin/env bash
# Write cost of the maintained summary counters, one command:  bench/summary/write_run.sh
# Private build, throwaway cluster; then, on 100 personas of one tenant with every section filled (2 rows):
#   1 client,  -M prepared, VW_SECONDS each: one-row INSERT into persona_goals (child) and into
#              persona_case_study_metrics (grandchild), with the counter triggers enabled vs disabled
#              (ALTER TABLE ... DISABLE TRIGGER vital_summary_counts_ins: "without counters");
#   8 clients, -M prepared: single-row inserts + deletes of goals on 10 shared personas, enabled vs disabled;
#   the child INSERT also with an empty PL/pgSQL statement trigger (with / without a transition table) in
#   place of the counters, and the statements inside one counted INSERT (pg_stat_statements, track = all).
# VW_RUNS rounds (3), VW_SECONDS per variant (8); medians, server CPU per transaction next to tx/s.
# Writes bench/summary/write_results.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
export VW_SECONDS="${VW_SECONDS:-8}" VW_RUNS="${VW_RUNS:-3}"
command -v pgbench >/dev/null || scripts/install-deps.sh --with-bench
pg=${VP_POSTGRES:-$(VP_PRIVATE_INSTALL=1 scripts/build-install.sh | tail -1)}  # VP_POSTGRES: reuse a build
VP_POSTGRES="$pg" VP_PG_OPTS="${VP_PG_OPTS:--c shared_preload_libraries=pg_stat_statements -c autovacuum=off}" \
  scripts/with-temp-pg.sh bash bench/summary/write_measure.sh
