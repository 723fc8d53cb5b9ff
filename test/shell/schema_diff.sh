#!/usr/bin/env bash
# `make schema-diff FROM=4.0 TO=5.0` answers "what changed between 4.0 and 5.0" from the registries: the
# sections 5.0 added appear, the legacy JSONB columns 5.0 dropped appear, and a version compared with
# itself shows nothing.
cd "$(dirname "$0")/../.." || exit 1
n=0
ok() { n=$((n + 1)); if [[ $1 -eq 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
out=$(scripts/schema-diff.sh 4.0 5.0)
grep -q '^5\.0: table persona_week_in_life \[' <<<"$out"; ok $? "5.0's new table persona_week_in_life is listed as only in 5.0"
grep -q '^4\.0: column personas\.goals \[column\]' <<<"$out"; ok $? "the legacy column personas.goals is listed as only in 4.0"
[[ -z "$(scripts/schema-diff.sh 5.0 5.0)" ]]; ok $? "5.0 against itself: no difference"
echo "1..$n"
