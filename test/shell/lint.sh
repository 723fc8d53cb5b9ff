#!/usr/bin/env bash
# make lint bites: each of its steps, run on a small tree (this repo's lint configs, a copy of src/selftest.cpp
# and the headers it includes, a shell script, an SQL source), passes on the clean copy and reports a planted violation:
# an unwrapped palloc and a std::string inside pg_call (boundary), an unformatted line (format), a use after
# move (tidy), an unquoted cd (shell), an unqualified function call (sql). Needs no server.
source "$(dirname "$0")/../support/shell_lib.sh"
cd "$VP_REPO" || exit 1

missing=()
for tool in clang-format clang-tidy shellcheck python3 g++; do command -v "$tool" >/dev/null || missing+=("$tool"); done
inc=$("${PG_CONFIG:-pg_config}" --includedir-server 2>/dev/null)
[[ -f "$inc/postgres.h" ]] || missing+=("postgres.h")
if ((${#missing[@]})); then
  ok "# skip lint tools missing: ${missing[*]} (scripts/install-deps.sh --with-lint)"
  finish; exit
fi

tree="$VP_TMP/tree"
fresh_tree() {  # the clean tree every case starts from
  rm -rf "$tree"; mkdir -p "$tree/src" "$tree/scripts" "$tree/sql/5.0"
  cp .clang-format .clang-tidy .shellcheckrc vital_persona.control "$tree/"
  cp src/selftest.cpp "$tree/src/"
  # Only the headers selftest.cpp includes: the steps judge the planted files, not the rest of the tree.
  local h
  for h in $(g++ -std=c++17 -MM -Iinclude "-I$inc" src/selftest.cpp | tr -c '[:alnum:]/._-' '\n' | grep '^include/.*\.hpp$'); do
    mkdir -p "$tree/$(dirname "$h")"; cp "$h" "$tree/$h"
  done
  # As the code will be after the one-time reformat (`make format`; CONTRIBUTING.md): formatted.
  find "$tree/src" "$tree/include" \( -name '*.cpp' -o -name '*.hpp' \) -exec clang-format -i --style=file {} +
  printf '#!/usr/bin/env bash\nset -euo pipefail\ncd "$(dirname "$0")" || exit 1\necho "$PWD"\n' >"$tree/scripts/ok.sh"
  printf 'SELECT pg_catalog.format(%s, 1);\n' "'%s'" >"$tree/sql/5.0/001_ok.sql"
}
# lint STEP: runs that step of scripts/lint.sh on the tree; output in $VP_TMP/out
lint() { VP_LINT_NO_DEPS=1 VP_LINT_ROOT="$tree" scripts/lint.sh "$1" >"$VP_TMP/out" 2>&1; }
# expect_fail STEP PATTERN DESCRIPTION: the step fails and its output has PATTERN
expect_fail() {
  if lint "$1"; then not_ok "$3 (the $1 step passed)"; diag <"$VP_TMP/out"
  elif grep -Eq -- "$2" "$VP_TMP/out"; then ok "$3"
  else not_ok "$3 (no '$2' in the output)"; diag <"$VP_TMP/out"; fi
}
# plant FILE AFTER-PATTERN LINE: inserts LINE after the first line matching AFTER-PATTERN
plant() { python3 - "$tree/$1" "$2" "$3" <<'PY'
import re, sys
path, after, line = sys.argv[1:]
src = open(path).read().split("\n")
i = next(k for k, l in enumerate(src) if re.search(after, l))
src.insert(i + 1, line)
open(path, "w").write("\n".join(src))
PY
}

fresh_tree
for s in sql format tidy shell boundary; do
  if lint "$s"; then ok "lint $s passes on the clean tree"; else not_ok "lint $s passes on the clean tree"; diag <"$VP_TMP/out"; fi
done

fresh_tree
plant src/selftest.cpp '^VP_FUNCTION\(vital_selftest\)' $'\tvoid *scratch = palloc(16);'
expect_fail boundary 'src/selftest.cpp:[0-9]+: palloc\(\) can raise' "boundary: an unwrapped palloc is reported with its line"

fresh_tree
plant src/selftest.cpp '^VP_FUNCTION\(vital_selftest\)' $'\tvp::pg::pg_call([] { std::string s("x"); return palloc(16); });'
expect_fail boundary 'std::string owns a destructor' "boundary: a std::string inside pg_call is reported"

fresh_tree
plant src/selftest.cpp '^VP_FUNCTION\(vital_selftest\)' $'\tvp::pg::pg_call([] { if (random() == 0) throw 1; });'
expect_fail boundary 'throw inside pg_call' "boundary: a throw inside pg_call is reported"

fresh_tree
sed -i 's/^\tif (PG_ARGISNULL(0))$/\tif(PG_ARGISNULL(0))   /' "$tree/src/selftest.cpp"
expect_fail format 'src/selftest.cpp: 1 line\(s\) not formatted' "format: an unformatted line is reported with the file and the count"

fresh_tree
plant src/selftest.cpp '^	std::string kind = ' $'\tstd::string moved = std::move(kind);\n\tif (kind.empty())\n\t\tmoved.clear();'
expect_fail tidy 'src/selftest.cpp:[0-9]+:[0-9]+: (warning|error): .*moved.*bugprone-use-after-move' "tidy: a use after std::move is reported"

fresh_tree
plant include/vital_persona/pg/error.hpp '^namespace vp::pg \{' $'inline int planted() {\n\tstd::string s = "";\n\treturn static_cast<int>(s.size());\n}'
expect_fail tidy 'include/vital_persona/pg/error.hpp:[0-9]+:[0-9]+: (warning|error): .*readability-redundant-string-init' \
  "tidy: a finding in our own header is reported (PostgreSQL's headers are not)"

fresh_tree
printf '#!/usr/bin/env bash\ncd $1\nls $2\n' >"$tree/scripts/bad.sh"
expect_fail shell 'scripts/bad.sh:2:1: .*SC2164' "shell: an unguarded cd in a new script is reported"

fresh_tree
printf '#!/bin/sh\nrm -rf $1/tmp\n' >"$tree/scripts/no-extension"
expect_fail shell 'scripts/no-extension:2:.*SC2086' "shell: a script found by its shebang, without .sh, is checked"

fresh_tree
mkdir -p "$tree/.ci"; printf '#!/usr/bin/env bash\nfor f in $(ls); do echo "$f"; done\n' >"$tree/.ci/run"
expect_fail shell '\.ci/run:2:.*SC2045' "shell: .ci/run (a dot directory, no extension) is checked"

fresh_tree
printf 'SELECT format(%s, 1);\n' "'%s'" >"$tree/sql/5.0/002_bad.sql"
expect_fail sql 'sql/5.0/002_bad.sql:1:.*unqualified function' "sql: an unqualified function call is reported"

finish
