#!/usr/bin/env bash
# Installs, with apt, exactly the Debian packages vital_persona needs to build and
# test that are not installed yet; does nothing (in ~0.1 s) when all are present.
# Usage: [PG=15|17] scripts/install-deps.sh [--with-bench] [--with-citus] [--with-lint]
#   PG=15 (default)  bookworm's PostgreSQL 15 packages
#   PG=17            no PostgreSQL packages in the system: build tools, pg_prove and patchelf, then
#                    scripts/pg17.sh fetches PostgreSQL 17 into its cache (no root needed for that)
set -euo pipefail
here="$(dirname "$0")"

PG_MAJOR="${PG:-${PG_MAJOR:-15}}"
packages=(make g++ libboost-dev              # Boost.Container (header-only)
          libtap-parser-sourcehandler-pgtap-perl  # pg_prove
          graphviz)                          # make docs, and the suite's check that docs/erd*.svg are current
case "$PG_MAJOR" in
  15) packages+=(
        "postgresql-${PG_MAJOR}"              # server binaries for the throwaway test cluster
        "postgresql-server-dev-${PG_MAJOR}"   # postgres.h and PGXS
        "postgresql-${PG_MAJOR}-pgtap")       # pgTAP extension
      ;;
  17) packages+=(patchelf debian-archive-keyring) ;;  # scripts/pg17.sh
  *)  echo "install-deps: PG=$PG_MAJOR is not supported (15 or 17)" >&2; exit 1 ;;
esac
for opt in "$@"; do
  case "$opt" in
    --with-bench) [[ "$PG_MAJOR" == 15 ]] && packages+=("postgresql-contrib") ;;  # 17: in postgresql-17
    # Building Citus from source (scripts/citus.sh, make test-citus).
    --with-citus) packages+=(libcurl4-openssl-dev liblz4-dev libzstd-dev libkrb5-dev) ;;
    # make lint (scripts/lint.sh): bookworm's clang-format 14, clang-tidy 14, shellcheck 0.9.
    --with-lint) packages+=(clang-format clang-tidy shellcheck) ;;
  esac
done
# make types and test/shell/types.sh: node + npm (the npm packages themselves: npm ci, scripts/gen/node_deps.sh)
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
command -v python3 >/dev/null || packages+=(python3)   # test/shell/meta.sh

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

fetch_pg17() {
  [[ "$PG_MAJOR" == 17 ]] || return 0
  "$here/pg17.sh" >/dev/null
}

if ((${#missing[@]} == 0)); then
  fetch_pg17
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run as root (or install them yourself) and try again" >&2
    exit 1
  fi
else
  SUDO=
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fetch_pg17
