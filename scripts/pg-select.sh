# shellcheck shell=bash
# Sourced by scripts/test.sh and scripts/demo.sh (after install-deps.sh): picks the PostgreSQL
# to build and test against and exports PG_CONFIG, with its bindir first on PATH (psql, pg_dump,
# pg_restore and pg_prove's psql then match the server's major).
#   PG unset or 15   PG_CONFIG if set, else the system's pg_config (bookworm: 15)
#   PG=17            the prefix scripts/pg17.sh unpacked from Debian trixie (cached)
case "${PG:-}" in
  ""|15) ;;
  17) PG_CONFIG=$(scripts/pg17.sh | tail -n 1) || { echo "could not obtain PostgreSQL 17 (scripts/pg17.sh)" >&2; return 1; } ;;
  *) echo "PG=$PG is not supported: use 15 or 17, or set PG_CONFIG" >&2; return 1 ;;
esac
PG_CONFIG="${PG_CONFIG:-pg_config}"
PATH="$("$PG_CONFIG" --bindir):$PATH" || return 1
export PG_CONFIG PATH
