#!/usr/bin/env bash
# vital_summary benchmark, one command:  bench/summary/run.sh
# Builds a private install, starts a throwaway cluster, generates the dataset (VS_PERSONAS
# personas, every section populated with VS_ROWS rows per persona, grandchildren VS_ROWS per
# parent), then measures side by side with pgbench (-M prepared, 1 client, VS_SECONDS each):
#   summary   SELECT vital_summary(id)              (C++)
#   plpgsql   SELECT bench_summary_sql(id)          (a) best hand-written SQL: one cached plan
#   matview   the seed's persona_summary query      (b) restricted to one persona
#   pkfetch   SELECT * FROM personas WHERE id = ... (c) primary-key fetch
# once as the table owner (RLS bypassed) and once as `authenticated` under tenant policies.
# Writes bench/summary/results.md (ratios + latency percentiles).
set -euo pipefail
cd "$(dirname "$0")/../.."
export VS_PERSONAS="${VS_PERSONAS:-10000}" VS_ROWS="${VS_ROWS:-4}" VS_TENANTS="${VS_TENANTS:-10}" VS_SECONDS="${VS_SECONDS:-15}"
command -v pgbench >/dev/null || scripts/install-deps.sh --with-bench
pg=${VP_POSTGRES:-$(VP_PRIVATE_INSTALL=1 scripts/build-install.sh | tail -1)}  # VP_POSTGRES: reuse a build
VP_POSTGRES="$pg" VP_PG_OPTS="${VP_PG_OPTS:--c shared_buffers=4GB -c max_wal_size=4GB -c checkpoint_timeout=30min}" \
  scripts/with-temp-pg.sh bash bench/summary/measure.sh
