#!/usr/bin/env bash
# Every benchmark, one after the other (`make bench`); each builds a private install, starts its own
# throwaway cluster and writes its results next to its script. One only: bench/NAME/run.sh, or
# VP_BENCH="summary rls" bench/run.sh. Benchmarks are never part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for b in ${VP_BENCH:-summary rls validation seed}; do
  [[ -x bench/$b/run.sh || -f bench/$b/run.sh ]] || { echo "bench: no bench/$b/run.sh" >&2; status=1; continue; }
  echo "== bench/$b"
  bash "bench/$b/run.sh" || { echo "bench/$b failed" >&2; status=1; }
done
exit "$status"
