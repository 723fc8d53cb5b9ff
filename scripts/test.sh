#!/usr/bin/env bash
# The whole test suite: installs missing dependencies, builds, installs, starts a throwaway
# cluster and runs, against it,
#   1. pg_regress      (make installcheck; test/sql, test/expected)
#   2. pgTAP           (test/pgtap/*.sql via pg_prove) once per install target:
#                        fresh 5.0 in public, fresh 5.0 in schema vital,
#                        4.0 + ALTER EXTENSION UPDATE, fresh 4.0 (files marked "-- versions: 4.0")
#   3. shell tests     (test/shell/*.sh: update paths, dump/restore, ...; TAP output)
#   4. a crash check   (server log)
# and ends with one line `N passed, M failed` (exit status non-zero on any failure).
#
#   scripts/test.sh                      everything
#   VP_TESTS=pgtap scripts/test.sh       only one part: regress | pgtap | shell
#   VP_TARGETS="fresh-5.0" ...           only some pgTAP targets
#   VP_PGTAP_FILES="test/pgtap/010*.sql" only some pgTAP files
#   PG=17 scripts/test.sh                against PostgreSQL 17 (scripts/pg17.sh; make test PG=17)
#   PG_CONFIG=/path/to/pg_config ...     against that PostgreSQL build
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

if [[ "${1:-}" != "--inner" ]]; then
  scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
  source scripts/pg-select.sh || { echo "0 passed, 1 failed"; exit 1; }
  if ! postgres_bin=$(scripts/build-install.sh | tail -n 1); then
    echo "build failed"; echo "0 passed, 1 failed"; exit 1
  fi
  VP_POSTGRES="$postgres_bin" exec scripts/with-temp-pg.sh "$0" --inner
fi

passed=0 failed=0 skipped=0
log_dir=$(mktemp -d "${TMPDIR:-/tmp}/vital_persona_test.XXXXXX")
trap 'rm -rf "$log_dir"' EXIT
# Supabase's API roles exist before any extension is created (grants are made at install).
psql -X -q -v ON_ERROR_STOP=1 -d postgres -f test/support/supabase_roles.sql >/dev/null ||
  { echo "could not create the API roles"; echo "0 passed, 1 failed"; exit 1; }

want() { [[ -z "${VP_TESTS:-}" || " ${VP_TESTS} " == *" $1 "* ]]; }
section() { printf '\n== %s\n' "$*"; }
server_version=$(psql -X -At -d postgres -c "SELECT pg_catalog.version()" | sed 's/ on .*//')
echo "server: $server_version"

# Counts TAP lines of a log: ok / not ok / skip.
count_tap() {
  local log=$1 p f s
  p=$(grep -Ec '^ *ok [0-9]+' "$log" || true)
  s=$(grep -Ec '^ *ok [0-9]+.*# *(skip|SKIP)' "$log" || true)
  f=$(grep -Ec '^ *not ok [0-9]+' "$log" || true)
  passed=$((passed + p - s)); skipped=$((skipped + s)); failed=$((failed + f))
  last_failed=$f
}

# ---------------------------------------------------------------- 1. pg_regress
if want regress && compgen -G 'test/sql/*.sql' >/dev/null; then
  section "pg_regress (make installcheck)"
  rm -rf test/results
  make -s installcheck >"$log_dir/regress.log" 2>&1
  rc=$?
  # PG15 prints a header and `test X ... ok`; PG16+ prints TAP (`ok 1 - X`, `not ok 2 - X`, `# ...`).
  sed -n '/running regression test queries\|^\(not \)\?ok [0-9]\|^# /,$p' "$log_dir/regress.log" | grep -v '^make'
  p=$(grep -Ec '^(ok|test) .*\.\.\. ok|^ok [0-9]+' "$log_dir/regress.log" || true)
  f=$(grep -Ec '\.\.\. FAILED|\.\.\. failed|^not ok [0-9]+' "$log_dir/regress.log" || true)
  if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; cat "$log_dir/regress.log"; fi
  [[ -f test/results/regression.diffs && $f -gt 0 ]] && cat test/results/regression.diffs
  passed=$((passed + p)); failed=$((failed + f))
fi

# ---------------------------------------------------------------- 2. pgTAP
# Creates database $1 with the extension installed as target $2.
make_target_db() {
  local db=$1 target=$2
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" >/dev/null || return 1
  case "$target" in
    fresh-5.0)        sql="CREATE EXTENSION vital_persona" ;;
    fresh-5.0-vital)  sql="CREATE SCHEMA vital; CREATE EXTENSION vital_persona SCHEMA vital" ;;
    fresh-4.0)        sql="CREATE EXTENSION vital_persona VERSION '4.0'" ;;
    update-4.0-5.0)   sql="CREATE EXTENSION vital_persona VERSION '4.0'; ALTER EXTENSION vital_persona UPDATE TO '5.0'" ;;
    *) echo "unknown target $target" >&2; return 1 ;;
  esac
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "SET client_min_messages = warning; $sql; CREATE EXTENSION pgtap SCHEMA public;" >/dev/null
}

if want pgtap && compgen -G 'test/pgtap/*.sql' >/dev/null; then
  for target in ${VP_TARGETS:-fresh-5.0 fresh-5.0-vital update-4.0-5.0 fresh-4.0}; do
    section "pgTAP against $target"
    files=()
    for f in ${VP_PGTAP_FILES:-test/pgtap/*.sql}; do
      if [[ "$target" == fresh-4.0 ]]; then
        head -n 3 "$f" | grep -Eq '^-- versions:.*\b4\.0\b' || continue
      fi
      files+=("$f")
    done
    ((${#files[@]})) || { echo "(no files for this target)"; continue; }
    db="vp_tap_${target//[.-]/_}"
    if ! make_target_db "$db" "$target"; then
      echo "not ok - install target $target"; failed=$((failed + 1)); continue
    fi
    schema=public; [[ "$target" == *-vital ]] && schema=vital
    PGOPTIONS="-c search_path=$schema,public -c client_min_messages=warning" \
      pg_prove -v --failures -d "$db" "${files[@]}" >"$log_dir/tap.log" 2>&1
    rc=$?
    cat "$log_dir/tap.log"
    count_tap "$log_dir/tap.log"
    if [[ $rc -ne 0 && $last_failed -eq 0 ]]; then failed=$((failed + 1)); fi
  done
fi

# ---------------------------------------------------------------- 3. shell tests
if want shell && compgen -G 'test/shell/*.sh' >/dev/null; then
  for t in test/shell/*.sh; do
    section "shell: $t"
    bash "$t" >"$log_dir/shell.log" 2>&1
    rc=$?
    cat "$log_dir/shell.log"
    count_tap "$log_dir/shell.log"
    if [[ $rc -ne 0 && $last_failed -eq 0 ]]; then failed=$((failed + 1)); echo "not ok - $t exited $rc"; fi
  done
fi

# ---------------------------------------------------------------- 4. crash check
if [[ -n "${VP_SERVER_LOG:-}" ]] && grep -q 'terminated by signal' "$VP_SERVER_LOG"; then
  section "server crash"
  grep -B2 -A5 'terminated by signal' "$VP_SERVER_LOG"
  failed=$((failed + 1))
fi

echo
echo "tested against: $server_version"
if ((skipped)); then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
((failed == 0))
