#!/usr/bin/env bash
# The whole test suite: installs missing dependencies, builds, installs, starts a throwaway
# cluster and runs, against it,
#   1. pg_regress      (make installcheck; test/sql, test/expected)
#   2. pgTAP           (test/pgtap/*.sql via pg_prove) once per install target (none names the default version,
#                      so a new version needs no edit here):
#                        fresh          CREATE EXTENSION (the default version) in public
#                        fresh-vital    the same in schema vital
#                        update-4.0     4.0, then a plain ALTER EXTENSION UPDATE (to the default version, through
#                                       every released step, e.g. 4.0 -> 5.0 -> 5.1)
#                        fresh-4.0      4.0 only: the files marked "-- versions: ... 4.0 ..." in their first 3 lines
#                      Also accepted in VP_TARGETS: fresh-V / update-V for any installable V, fresh-V-vital
#                      (fresh-V for a V other than the default runs only the files marked for V).
#   3. shell tests     (test/shell/*.sh: update paths, dump/restore, ...; TAP output)
#   4. a crash check   (server log)
# and ends with one line `N passed, M failed` (exit status non-zero on any failure).
#
#   scripts/test.sh                      everything
#   VP_TESTS=pgtap scripts/test.sh       only one part: regress | pgtap | shell
#   VP_TARGETS="fresh" ...               only some pgTAP targets (fresh fresh-vital update-4.0 fresh-4.0)
#   VP_PGTAP_FILES="test/pgtap/010*.sql" only some pgTAP files
#   VP_SHELL_FILES="test/shell/dump*.sh" only some shell tests
#   VP_JOBS=1 scripts/test.sh            how many parts run at once (default: the number of cores; 1: serial)
#   VP_PGTAP_SPLIT=2 ...                 each pgTAP target's files in 2 parts (own databases), for more cores
#   PG=17 scripts/test.sh                against PostgreSQL 17 (scripts/pg17.sh; make test PG=17)
#   PG_CONFIG=/path/to/pg_config ...     against that PostgreSQL build
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

if [[ "${1:-}" != "--inner" ]]; then
  scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
  source scripts/pg-select.sh || { echo "0 passed, 1 failed"; exit 1; }
  if ! postgres_bin=$(scripts/build-install.sh | tail -n 1); then
    echo "build failed"; echo "0 passed, 1 failed"; exit 1
  fi
  VP_POSTGRES="$postgres_bin" exec scripts/with-temp-pg.sh "$0" --inner
fi

source scripts/lib/tap.sh
source scripts/lib/parallel.sh
log_dir=$(mktemp -d "${TMPDIR:-/tmp}/vital_persona_test.XXXXXX")
trap 'rm -rf "$log_dir"' EXIT
# Supabase's API roles exist before any extension is created (grants are made at install).
psql -X -q -v ON_ERROR_STOP=1 -d postgres -f test/support/supabase_roles.sql >/dev/null ||
  { echo "could not create the API roles"; echo "0 passed, 1 failed"; exit 1; }

want() { [[ -z "${VP_TESTS:-}" || " ${VP_TESTS} " == *" $1 "* ]]; }
section() { printf '\n== %s\n' "$*"; }
server_version=$(psql -X -At -d postgres -c "SELECT pg_catalog.version()" | sed 's/ on .*//')
echo "server: $server_version"
# Independent parts run VP_JOBS at a time (default: the number of cores), each in its own database; the
# output is printed part by part in the order below (docs: CONTRIBUTING.md "Running the tests").
jobs=${VP_JOBS:-$(nproc 2>/dev/null || echo 2)}
par_init "$log_dir/par"

# ---------------------------------------------------------------- 1. pg_regress
task_regress() {
  rm -rf test/results
  make -s installcheck
}
done_regress() {  # NAME LOG RC SECONDS
  local log=$2 rc=$3 p f
  section "pg_regress (make installcheck)"
  # PG15 prints a header and `test X ... ok`; PG16+ prints TAP (`ok 1 - X`, `not ok 2 - X`, `# ...`).
  sed -n '/running regression test queries\|^\(not \)\?ok [0-9]\|^# /,$p' "$log" | grep -v '^make'
  p=$(grep -Ec '^(ok|test) .*\.\.\. ok|^ok [0-9]+' "$log" || true)
  f=$(grep -Ec '\.\.\. FAILED|\.\.\. failed|^not ok [0-9]+' "$log" || true)
  if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; cat "$log"; fi
  [[ -f test/results/regression.diffs && $f -gt 0 ]] && cat test/results/regression.diffs
  passed=$((passed + p)); failed=$((failed + f))
  echo "# $4 s"
}
if want regress && compgen -G 'test/sql/*.sql' >/dev/null; then
  par_add regress task_regress
fi

# ---------------------------------------------------------------- 2. pgTAP
# target_version fresh-V|update-V: V, if it is a version the installed extension knows.
target_version() {
  local v=${1#*-}
  if [[ -z "$(psql -X -At -d postgres -c "SELECT 1 FROM pg_available_extension_versions WHERE name = 'vital_persona' AND version = '$v'")" ]]; then
    echo "target $1: vital_persona has no installable version '$v'" >&2; return 1
  fi
  echo "$v"
}
default_version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" vital_persona.control)
# Creates database $1 with the extension installed as target $2 (fresh, fresh-V, update-V; "-vital": in schema vital).
make_target_db() {
  local db=$1 target=$2 base=${2%-vital} sql='' in='' ver
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" >/dev/null || return 1
  [[ "$base" != "$target" ]] && sql="CREATE SCHEMA vital; " in=" SCHEMA vital"
  case "$base" in
    fresh)    sql+="CREATE EXTENSION vital_persona$in" ;;
    fresh-*)  ver=$(target_version "$base") || return 1
              sql+="CREATE EXTENSION vital_persona$in VERSION '$ver'" ;;
    update-*) ver=$(target_version "$base") || return 1  # plain UPDATE: to the default, through every step
              sql+="CREATE EXTENSION vital_persona$in VERSION '$ver'; ALTER EXTENSION vital_persona UPDATE" ;;
    *) echo "unknown target $target (fresh, update-V, fresh-V; each also with -vital)" >&2; return 1 ;;
  esac
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "SET client_min_messages = warning; $sql; CREATE EXTENSION pgtap SCHEMA public;" >/dev/null
}
# valid_target TARGET: fails, saying why, for a name make_target_db would refuse (checked before the files are
# chosen: an unknown fresh-V would otherwise match no file and pass silently)
valid_target() {
  local base=${1%-vital}
  case "$base" in
    fresh) ;;
    fresh-*|update-*) target_version "$base" >/dev/null 2>&1 || { echo "vital_persona has no installable version '${base#*-}'"; return 1; } ;;
    *) echo "unknown target (fresh, update-V, fresh-V; each also with -vital)"; return 1 ;;
  esac
}
fail_target() { echo "not ok 1 - install target $1: $2"; echo "1..1"; return 1; }
# task_pgtap TARGET PART FILE...: the files, one after the other, in one database installed as TARGET. Each
# target has its own database, so targets run in parallel; the files in one database stay serial (some commit
# through dblink, drop and re-create the extension or grant on its tables: 054, 056, 052/095, 070/071).
# VP_PGTAP_SPLIT=N splits a target's files into N parts, each in a database of its own (more cores than parts).
task_pgtap() {
  local target=$1 part=$2 db schema=public; shift 2
  db="vp_tap_${target//[.-]/_}$part"
  make_target_db "$db" "$target" || { echo "not ok - install target $target"; return 1; }
  [[ "$target" == *-vital ]] && schema=vital
  PGOPTIONS="-c search_path=$schema,public -c client_min_messages=warning" \
    pg_prove -v --failures -d "$db" "$@"
}
done_pgtap() {  # NAME LOG RC SECONDS
  section "pgTAP against ${1#pgtap:}"  # target, or target/part
  cat "$2"
  count_tap "$2"
  if [[ $3 -ne 0 && $last_failed -eq 0 ]]; then failed=$((failed + 1)); fi
  echo "# $4 s"
}
if want pgtap && compgen -G 'test/pgtap/*.sql' >/dev/null; then
  for target in ${VP_TARGETS:-fresh fresh-vital update-4.0 fresh-4.0}; do
    if ! why=$(valid_target "$target"); then par_add "pgtap:$target" fail_target "$target" "$why"; continue; fi
    # A fresh install of an older version runs only the files marked for it ("-- versions: 4.0 5.0" in the first
    # 3 lines: the released versions the file also supports); the default version runs every file.
    only=''
    if [[ "$target" =~ ^fresh-([0-9][0-9.]*)(-vital)?$ && "${BASH_REMATCH[1]}" != "$default_version" ]]; then
      only=${BASH_REMATCH[1]}
    fi
    files=()
    for f in ${VP_PGTAP_FILES:-test/pgtap/*.sql}; do
      if [[ -n "$only" ]]; then
        head -n 3 "$f" | grep -Eq "^-- versions:(.* )?${only//./\\.}( |\$)" || continue
      fi
      files+=("$f")
    done
    split=${VP_PGTAP_SPLIT:-1}
    if ((${#files[@]} == 0)); then par_add "pgtap:$target" echo "(no files for this target)"
    elif ((split <= 1)); then par_add "pgtap:$target" task_pgtap "$target" "" "${files[@]}"
    else  # part k gets files k, k+split, ... (neighbours, often of similar length, spread over the parts)
      for ((k = 0; k < split && k < ${#files[@]}; k++)); do
        part_files=()
        for ((i = k; i < ${#files[@]}; i += split)); do part_files+=("${files[i]}"); done
        par_add "pgtap:$target/$((k + 1))" task_pgtap "$target" "_$((k + 1))" "${part_files[@]}"
      done
    fi
  done
fi

# ---------------------------------------------------------------- 3. shell tests
# Each makes its own databases (names with its pid) or starts its own cluster, so they run in parallel.
done_shell() {  # NAME LOG RC SECONDS
  section "shell: ${1#shell:}"
  cat "$2"
  count_run "$2" "$3" "${1#shell:}"
  echo "# $4 s"
}
if want shell && compgen -G 'test/shell/*.sh' >/dev/null; then
  for t in ${VP_SHELL_FILES:-test/shell/*.sh}; do par_add "shell:$t" bash "$t"; done
fi

done_any() {
  case "$1" in regress) done_regress "$@" ;; pgtap:*) done_pgtap "$@" ;; shell:*) done_shell "$@" ;; esac
}
# The longest parts start first (measured: trust_boundary ~190 s, the update target ~115 s, release_recipe ~105 s
# on a loaded 2-core machine), the short ones fill in around them; the output order stays the one above.
par_first shell:test/shell/trust_boundary.sh 'pgtap:update-*' shell:test/shell/release_recipe.sh \
  'pgtap:fresh-vital*' 'pgtap:fresh' 'pgtap:fresh/*' 'pgtap:fresh-*' shell:test/shell/dump_restore.sh \
  shell:test/shell/sql_qualified.sh shell:test/shell/summary_concurrency.sh shell:test/shell/types.sh
par_run "$jobs" done_any

# ---------------------------------------------------------------- 4. crash check
if [[ -n "${VP_SERVER_LOG:-}" ]] && grep -q 'terminated by signal' "$VP_SERVER_LOG"; then
  section "server crash"
  grep -B2 -A5 'terminated by signal' "$VP_SERVER_LOG"
  failed=$((failed + 1))
fi

echo
echo "tested against: $server_version"
tap_summary
