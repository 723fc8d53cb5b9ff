#!/usr/bin/env bash
# The distributed target (make test-citus): vital_persona on a throwaway Citus cluster, coordinator + 2
# workers on loopback (scripts/with-citus-cluster.sh). Citus comes from scripts/citus.sh (a source tree in
# CITUS_SRC or ~/.cache/vital_persona/citus-src-13.2.2, built once and cached outside the repo); when neither a
# source tree nor a cached build exists the target prints "skipped: Citus not installed" and counts as skipped.
#
# Runs test/citus/*.sh in order against the cluster (TAP; they share one database, set up by 000_*). Ends with
# the runner's line `N passed, M failed[, K skipped]`; exit status non-zero on any failure.
#   VP_CITUS_FILES="test/citus/0[0-2]*.sh"   only some files (000_setup always runs first)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
repo=$PWD

if [[ "${1:-}" != "--inner" ]]; then
  if ! scripts/citus.sh --check >/dev/null; then
    echo "skipped: Citus not installed"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
  fi
  scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
  if ! stage=$(scripts/citus.sh | tail -n 1) || [[ ! -d "$stage" ]]; then
    echo "Citus build failed: $stage"; echo "0 passed, 1 failed"; exit 1
  fi
  # Always the private tree: Citus must never land in the system PostgreSQL.
  if ! postgres_bin=$(VP_PRIVATE_INSTALL=1 scripts/build-install.sh | tail -n 1); then
    echo "build failed"; echo "0 passed, 1 failed"; exit 1
  fi
  tree="$repo/.pgtree"
  # Copy Citus's server files (library, extension scripts) into the private tree, next to ours (copies, not
  # links: the server may run as another user that cannot read the cache in $HOME).
  for d in "$(pg_config --pkglibdir)" "$(pg_config --sharedir)/extension"; do
    [[ -d "$stage$d" ]] || continue
    for f in "$stage$d"/*; do
      [[ -f "$f" ]] || continue
      rm -f "$tree$d/$(basename "$f")"  # build-install.sh links it: never write through that link
      cp -p "$f" "$tree$d/$(basename "$f")"
    done
  done
  VP_POSTGRES="$postgres_bin" exec scripts/with-citus-cluster.sh "$0" --inner
fi

source scripts/lib/tap.sh
log_dir=$(mktemp -d "${TMPDIR:-/tmp}/vital_persona_citus_test.XXXXXX")
trap 'rm -rf "$log_dir"' EXIT

files=(test/citus/000_*.sh)
for f in ${VP_CITUS_FILES:-test/citus/[0-9]*.sh}; do [[ "$f" == test/citus/000_* ]] || files+=("$f"); done
for t in "${files[@]}"; do
  printf '\n== citus: %s\n' "$t"
  bash "$t" >"$log_dir/t.log" 2>&1
  rc=$?
  cat "$log_dir/t.log"
  count_run "$log_dir/t.log" "$rc" "$t"
  if [[ "$t" == test/citus/000_* && $rc -ne 0 ]]; then echo "# setup failed: the other files are not run"; break; fi
done

for log in ${VP_CITUS_LOGS:-}; do
  if grep -q 'terminated by signal' "$log"; then
    printf '\n== server crash (%s)\n' "$log"; grep -B2 -A5 'terminated by signal' "$log"; failed=$((failed + 1))
  fi
done

echo
tap_summary
