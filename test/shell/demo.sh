#!/usr/bin/env bash
# The README's demo (scripts/demo.sh --inner) runs against the test cluster; its output must show each
# step's key line and fit one terminal screen. TAP output.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
out=$(mktemp); trap 'rm -f "$out"' EXIT
VP_DEMO_DB=vp_demo_test scripts/demo.sh --inner >"$out" 2>&1
rc=$?
n=0; failed=0
check() {  # check "description" command...
  n=$((n + 1))
  if "${@:2}"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=1; fi
}
has() { grep -Eq -- "$1" "$out"; }
field() { # field <regex of the row> <column number>: value of a column of an aligned table row
  grep -E -- "$1" "$out" | head -n 1 | awk -F'|' -v c="$2" '{ gsub(/ /, "", $c); print $c }'
}
echo "1..11"
check "demo exits 0" test "$rc" -eq 0
check "fits one terminal screen (<= 55 lines, <= 132 columns)" \
  bash -c "[[ \$(wc -l <'$out') -le 55 && \$(awk '{ if (length(\$0) > m) m = length(\$0) } END { print m+0 }' '$out') -le 132 ]]"
check "tenant acme seeded at 4.0 with 20 personas" test "$(field '^ acme +\|' 2)" = 20
default_version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" vital_persona.control)
check "update 4.0 -> $default_version (the default version) shown" has '^ before \| 4\.0 .*'
check "update keeps personas and goals" \
  test "$(field '^ before \|' 3)/$(field '^ before \|' 4)" = "$(field '^ after +\|' 3)/$(field '^ after +\|' 4)" -a "$(field '^ after +\|' 2)" = "$default_version"
check "tenant globex seeded after the update with time and stakeholder rows" \
  bash -c "[[ '$(field '^ globex +\|' 2)' == 20 && '$(field '^ globex +\|' 3)' -gt 0 && '$(field '^ globex +\|' 4)' -gt 0 ]]"
check "a persona's vital_summary is shown (or its absence stated)" \
  bash -c "grep -Eq '\"persona\": \\{|vital_summary is not installed' '$out'"
check "globex's user sees its 20 personas and none of acme" \
  test "$(field '^ globex user \|' 2)/$(field '^ globex user \|' 3)" = 20/0
check "acme's user sees no globex persona" test "$(field '^ acme user \|' 2)/$(field '^ acme user \|' 3)" = 0/20
check "the bad insert's error shows its SQLSTATE and message" has '^ sqlstate +\| 23514$'
check "the error lists every violation (3 rules broken)" \
  bash -c "[[ \$(grep -Ec '^ detail\\[[0-9]+\\] \\|' '$out') -eq 3 ]] && grep -q '3 validation errors' '$out'"
if ((failed)); then echo "# demo output:"; sed 's/^/# /' "$out"; fi
exit 0
