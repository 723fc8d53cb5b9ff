#!/usr/bin/env bash
# Installs, with apt, exactly the Debian packages vital_persona needs to build and
# test that are not installed yet; does nothing (in ~0.1 s) when all are present.
# Usage: scripts/install-deps.sh [--with-bench] [--with-citus]
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-15}"
packages=(
  make g++
  "postgresql-${PG_MAJOR}"              # server binaries for the throwaway test cluster
  "postgresql-server-dev-${PG_MAJOR}"   # postgres.h and PGXS
  libboost-dev                          # Boost.Container (header-only)
  "postgresql-${PG_MAJOR}-pgtap"        # pgTAP extension
  libtap-parser-sourcehandler-pgtap-perl  # pg_prove
)
for opt in "$@"; do
  case "$opt" in
    --with-bench) packages+=("postgresql-contrib") ;;
    # Building Citus from source (scripts/citus.sh, make test-citus).
    --with-citus) packages+=(libcurl4-openssl-dev liblz4-dev libzstd-dev libkrb5-dev) ;;
  esac
done
command -v python3 >/dev/null || packages+=(python3)   # test/shell/meta.sh

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
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
