#!/usr/bin/env bash
# What changed between two versions, fact by fact, from their generated registries (sql/registry/V.sql):
#   scripts/schema-diff.sh 4.0 5.0      (make schema-diff FROM=4.0 TO=5.0)
# One line per fact only in FROM or only in TO: "<version>: <object> [<kind>] <fact>".
set -euo pipefail
cd "$(dirname "$0")/.."
from=${1:?usage: schema-diff.sh FROM TO} to=${2:?usage: schema-diff.sh FROM TO}
facts() {  # the VALUES rows ($f$object$f$, $f$kind$f$, $f$fact$f$) as "object [kind] fact"
  [[ -f "sql/registry/$1.sql" ]] || { echo "schema-diff: no sql/registry/$1.sql" >&2; exit 1; }
  sed -n 's/^(\$f\$\(.*\)\$f\$, \$f\$\(.*\)\$f\$, \$f\$\(.*\)\$f\$),\{0,1\}$/\1 [\2] \3/p' "sql/registry/$1.sql" | LC_ALL=C sort
}
diff <(facts "$from") <(facts "$to") | sed -n "s/^< /$from: /p; s/^> /$to: /p" || true
