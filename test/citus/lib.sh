# Shared helpers of test/citus/*.sh (sourced). Needs the environment of scripts/with-citus-cluster.sh.
# All files share one database, vp_citus, created and distributed by 000_setup.sh.
source "$(dirname "${BASH_SOURCE[0]}")/../support/shell_lib.sh"
VP_CDB=vp_citus
read -r -a VP_SOCK <<<"$VP_CITUS_SOCKETS"
read -r -a VP_NODE_PORTS <<<"$VP_CITUS_COORD_PORT $VP_CITUS_WORKER_PORTS"
# qn NODE [psql args]: query node 0 (coordinator), 1 or 2 (workers) in the test database
qn() { local n=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -h "${VP_SOCK[$n]}" -p "${VP_NODE_PORTS[$n]}" -U postgres -d "$VP_CDB" "$@"; }
# qc [psql args]: the coordinator
qc() { qn 0 "$@"; }
# is "description" GOT WANT
is() { if [[ "$2" == "$3" ]]; then ok "$1"; else not_ok "$1"; printf 'got:  %s\nwant: %s\n' "$2" "$3" | diag; fi; }
# as_user SUB SQL...: runs SQL on the coordinator the way PostgREST does: one transaction, role and claims
# by set_config(..., true), then the extension's pre-request function (docs/citus.md), then the statements.
as_user() {
  local sub=$1; shift
  qc -c '\o /dev/null' -c "BEGIN" \
     -c "SELECT set_config('role', 'authenticated', true), set_config('request.jwt.claims', '{\"sub\":\"$sub\",\"role\":\"authenticated\"}', true)" \
     -c "SELECT vital.vital_citus_request()" -c '\o' "$@" -c "COMMIT"
}
