# Shared helpers of test/shell/*.sh (sourced). Needs PGHOST/PGPORT/PGUSER of the throwaway cluster.
set -uo pipefail
VP_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VP_TAP_N=0
VP_TAP_FAILED=0
VP_DBS=()
VP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/vp_shell.XXXXXX")
# The version a plain CREATE EXTENSION / ALTER EXTENSION UPDATE installs (the control file's default_version):
# tests about "the newest version" compare with this, never with a literal.
# shellcheck disable=SC2034  # used by the tests that source this file
VP_DEFAULT_VERSION=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$VP_REPO/vital_persona.control")

ok()      { VP_TAP_N=$((VP_TAP_N + 1)); echo "ok $VP_TAP_N - $*"; }
not_ok()  { VP_TAP_N=$((VP_TAP_N + 1)); VP_TAP_FAILED=$((VP_TAP_FAILED + 1)); echo "not ok $VP_TAP_N - $*"; }
# check "description" command...: ok when the command succeeds
check()   { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
diag()    { sed 's/^/# /'; }

q()   { local db=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
# newdb NAME: creates a database with that unique name, dropped at exit
newdb() {
  local db="vp_${1}_$$"
  dropdb --if-exists "$db" >/dev/null 2>&1
  createdb "$db" || return 1
  VP_DBS+=("$db")
  echo "$db"
}
vp_cleanup() {
  local db
  for db in "${VP_DBS[@]}"; do dropdb --if-exists "$db" >/dev/null 2>&1; done
  rm -rf "$VP_TMP"
}
trap vp_cleanup EXIT
# snapshot DB FILE: normalised catalog of the extension
snapshot() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -f "$VP_REPO/test/support/catalog_snapshot.sql" >"$2"; }
# digests DB EXCLUDE FILE: per-table row count and content hash
digests() {
  psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -f "$VP_REPO/test/support/table_digests.sql" \
       -c "SELECT tbl || '|' || n || '|' || digest FROM pg_temp.vp_digests('$2')" >"$3"
}
fill_all() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -f "$VP_REPO/test/support/fill.sql" -c "SELECT pg_temp.vp_fill('all')"; }
finish() { echo "1..$VP_TAP_N"; ((VP_TAP_FAILED == 0)); }
