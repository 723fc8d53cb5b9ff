#!/usr/bin/env bash
# Released scripts are immutable: every file in sql/released/ matches its checksum in
# sql/released/SHA256SUMS (written once, when the version was released), every checksum has its file,
# the build installs them instead of assembling them again, and (where git history is available) no
# commit after the one that released a file has changed it.
cd "$(dirname "$0")/../.." || exit 1
n=0
ok() { n=$((n + 1)); if [[ $1 -eq 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
if [[ ! -d sql/released ]]; then
  echo "ok 1 - no version is released yet # SKIP nothing frozen"; echo "1..1"; exit 0
fi
(cd sql/released && sha256sum --quiet -c SHA256SUMS) >/dev/null 2>&1
ok $? "every released script matches sql/released/SHA256SUMS"
listed=$(awk '{print $2}' sql/released/SHA256SUMS | sort)
present=$(cd sql/released && printf '%s\n' vital_persona--*.sql | sort)
[[ "$listed" == "$present" ]]
ok $? "SHA256SUMS lists exactly the released scripts"
for f in $present; do
  [[ ! -f "sql/$f" ]] || ! make -s -n 2>/dev/null | grep -q "assemble-sql.sh ${f#vital_persona--}"
  ok $? "$f is installed from sql/released/, never assembled again"
  if git rev-parse --is-shallow-repository 2>/dev/null | grep -q false; then
    commits=$(git log --format=%H -- "sql/released/$f" | wc -l)
    dirty=$(git status --porcelain -- "sql/released/$f" | wc -l)
    [[ $commits -le 1 && $dirty -eq 0 ]]
    ok $? "$f has not changed since it was released ($commits commit(s), $dirty uncommitted change(s))"
  fi
done
echo "1..$n"
