#!/usr/bin/env bash
# Static checks that need no server (make lint; CI runs it before the tests). Each step reports its findings
# and its time; the script exits non-zero when any step found anything.
#   sql       every function/operator in the SQL sources schema-qualified (scripts/sql_qualify.py)
#   format    clang-format --dry-run --Werror on src/**/*.cpp, include/**/*.hpp (.clang-format; fix: make format)
#   tidy      clang-tidy, the checks of .clang-tidy, against the PostgreSQL server headers
#   shell     shellcheck on every shell script (.shellcheckrc)
#   boundary  PostgreSQL calls that can raise only inside pg_call/PG_TRY (scripts/lint/pg_boundary.py)
#
#   scripts/lint.sh                 every step (installs clang-format, clang-tidy, shellcheck when missing)
#   scripts/lint.sh format shell    only these steps
#   VP_LINT_ROOT=DIR scripts/lint.sh ...   check the tree at DIR with this repo's configs and tools
#                                          (test/shell/lint.sh plants violations in a copy)
#   VP_LINT_JOBS=N                  parallel clang-tidy processes (default: number of CPUs)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=${VP_LINT_ROOT:-$(dirname "$here")}
cd "$root" || exit 1

steps=("$@")
((${#steps[@]})) || steps=(sql format tidy shell boundary)
for s in "${steps[@]}"; do
  case "$s" in sql | format | tidy | shell | boundary) ;; *) echo "lint: unknown step $s" >&2; exit 2 ;; esac
done

# The tools (Debian bookworm: clang-format 14, clang-tidy 14, shellcheck 0.9); installs only what is missing.
if [[ -z "${VP_LINT_NO_DEPS:-}" ]]; then
  PG="${PG:-}" "$here/install-deps.sh" --with-lint >&2 || { echo "lint: could not install the lint tools" >&2; exit 1; }
fi

# The files each step looks at: tracked and new (not ignored) files, so a new file is checked before its commit.
# Outside a git work tree (a copy), every file the patterns match.
files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard -- "$@"
  else
    local args=() p
    for p in "$@"; do args+=(-o -path "./$p"); done
    if ((${#args[@]})); then find . -type f \( "${args[@]:1}" \) -not -path './.git/*'; else find . -type f -not -path './.git/*'; fi |
      sed 's|^\./||'
  fi | sort -u | while read -r f; do [[ -f "$f" ]] && echo "$f"; done
}
cpp_files() { files 'src/*.cpp' 'include/*.hpp'; }
# Shell scripts: *.sh, and files without an extension whose first line is a sh/bash shebang (.ci/run).
shell_files() {
  files | while read -r f; do
    case "$f" in */node_modules/*) continue ;; esac
    case "${f##*/}" in
      *.sh) echo "$f" ;;
      *.*) ;;
      *) head -n 1 "$f" 2>/dev/null | grep -Eq '^#!.*\b(ba)?sh\b' && echo "$f" ;;
    esac
  done
}

failed=() summary=()
step() {  # step NAME COMMAND...: runs the check, records its time and result
  local name=$1 start rc; shift
  printf '\n== lint: %s\n' "$name"
  start=$EPOCHREALTIME
  "$@"; rc=$?
  local secs; secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  if ((rc == 0)); then summary+=("ok      $name (${secs} s)"); else summary+=("FAILED  $name (${secs} s)"); failed+=("$name"); fi
}

lint_sql() {
  local sql=()
  mapfile -t sql < <(files 'sql/*/*.sql' 'sql/updates/*/*.sql' 'sql/drop-in-*')
  ((${#sql[@]})) || { echo "sql: no SQL sources"; return 0; }
  python3 "$here/sql_qualify.py" "${sql[@]}"
}

lint_format() {
  local cpp=() f changed=0 n=0 out
  mapfile -t cpp < <(cpp_files)
  ((${#cpp[@]})) || { echo "format: no C++ files"; return 0; }
  clang-format --style=file --dry-run --Werror "${cpp[@]}" >"$tmp/format.out" 2>&1 && return 0
  # How much is unformatted: lines clang-format would change, per file.
  for f in "${cpp[@]}"; do
    out=$(clang-format --style=file "$f" | diff "$f" - | grep -c '^<')
    if ((out > 0)); then
      n=$((n + 1)); changed=$((changed + out))
      ((n <= 20)) && echo "$f: $out line(s) not formatted"
    fi
  done
  # The first places, as clang-format says them (an error other than formatting shows here too).
  grep -m 10 -E 'warning:|error:' "$tmp/format.out"
  echo "format: clang-format would change $changed line(s) in $n of ${#cpp[@]} file(s)."
  echo "format: run 'make format' and commit (CONTRIBUTING.md 'Lint and format'; a whole-tree reformat commit goes"
  echo "        into .git-blame-ignore-revs). Until the one-time reformat after the file splits, this step is expected to fail."
  return 1
}

lint_tidy() {
  local cpp=() inc jobs
  mapfile -t cpp < <(files 'src/*.cpp')
  ((${#cpp[@]})) || { echo "tidy: no C++ files"; return 0; }
  inc=$("${PG_CONFIG:-pg_config}" --includedir-server) || { echo "tidy: pg_config not found (make deps)"; return 1; }
  [[ -f "$inc/postgres.h" ]] || { echo "tidy: no postgres.h in $inc (make deps)"; return 1; }
  jobs=${VP_LINT_JOBS:-$(nproc)}
  local version
  version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" vital_persona.control)
  # The Makefile's flags (PG_CPPFLAGS, PG_CXXFLAGS), for clang.
  local flags=(-x c++ -std=c++17 -Iinclude "-I$inc" "-DVP_LIBRARY_VERSION=\"$version\""
               -DBOOST_CONTAINER_USER_DEFINED_THROW_CALLBACKS -Wall -Wextra -Wno-unused-parameter
               -Wno-missing-field-initializers -Wno-cast-function-type -Wno-register)
  # Findings in our headers only (.clang-tidy's HeaderFilterRegex, anchored here at this tree: a PostgreSQL
  # built under some .../src/ directory must not match).
  local root_re
  root_re=$(printf '%s' "$PWD" | sed 's/[].*^$()+?{}|\\[]/\\&/g')
  export VP_TIDY_HEADERS="^(${root_re}/)?(include/vital_persona|src)/"
  # One clang-tidy per file, $jobs at a time (xargs appends the file after the flags); its noise ("N warnings
  # generated", "Suppressed ...") dropped. A finding or a compile error prints "file:line:col: warning:/error:"
  # and makes clang-tidy (warnings as errors), and so xargs, exit non-zero: either fails the step.
  printf '%s\0' "${cpp[@]}" |
    xargs -0 -P "$jobs" -n 1 bash -c 'f=${!#}; clang-tidy --quiet --warnings-as-errors="*" --header-filter="$VP_TIDY_HEADERS" "$f" -- "${@:1:$#-1}" 2>&1 |
      grep -v -e " generated\.$" -e "^Suppressed " -e "^Use -header-filter" -e "treated as error"
      exit "${PIPESTATUS[0]}"' lint-tidy "${flags[@]}" >"$tmp/tidy.out"
  local rc=$? n
  cat "$tmp/tidy.out"
  n=$(grep -Ec '(^|: )(warning|error):' "$tmp/tidy.out")
  if ((rc != 0 || n > 0)); then
    echo "tidy: $n finding(s) in ${#cpp[@]} file(s), exit status $rc (.clang-tidy says why each check is on)"
    return 1
  fi
}

lint_shell() {
  local sh=()
  mapfile -t sh < <(shell_files)
  ((${#sh[@]})) || { echo "shell: no shell scripts"; return 0; }
  # Several scripts per shellcheck process, in parallel; any output is a finding.
  printf '%s\0' "${sh[@]}" | xargs -0 -P "${VP_LINT_JOBS:-$(nproc)}" -n 8 shellcheck -f gcc >"$tmp/shell.out" 2>&1
  local rc=$?
  sort "$tmp/shell.out"
  if ((rc != 0)) || [[ -s "$tmp/shell.out" ]]; then
    echo "shell: $(wc -l <"$tmp/shell.out") finding(s) in ${#sh[@]} scripts (.shellcheckrc says what is off and why)"
    return 1
  fi
}

lint_boundary() {
  local cpp=()
  mapfile -t cpp < <(cpp_files)
  ((${#cpp[@]})) || { echo "boundary: no C++ files"; return 0; }
  python3 "$here/lint/pg_boundary.py" "${cpp[@]}"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vital_persona_lint.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for s in "${steps[@]}"; do step "$s" "lint_$s"; done
printf '\n'
printf 'lint: %s\n' "${summary[@]}"
if ((${#failed[@]})); then echo "lint: FAILED: ${failed[*]}"; exit 1; fi
echo "lint: all passed"
