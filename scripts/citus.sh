#!/usr/bin/env bash
# Builds Citus for the distributed test target (make test-citus) OUTSIDE the repo and caches it.
#   scripts/citus.sh            print the staged install tree (DESTDIR of `make install`) on the
#                               last line; builds it first when the cache is missing
#   scripts/citus.sh --check    exit 0 when a source tree or a cached build exists, 3 otherwise
#
# Where Citus comes from (no Citus code is ever committed to this repo):
#   CITUS_SRC                   a Citus source tree (e.g. `git archive v13.2.2` of citusdata/citus)
#   ~/.cache/vital_persona/citus-src-$CITUS_VERSION    the same, in the default cache place
# The build happens in a copy: ~/.cache/vital_persona/citus-build-$CITUS_VERSION-pg$MAJOR/
# and is installed with `make install DESTDIR=<that>/stage`, so the system PostgreSQL is never
# touched; scripts/test-citus.sh links the staged files into the private tree (.pgtree/).
# A stamp file makes repeated runs take well under a second.
#
# Known fix applied to the BUILD COPY only: Citus 13.2.2's src/include/pg_version_compat.h defines
# a `static` have_createdb_privilege() for PG < 16, which PostgreSQL 15.20 now declares `extern`
# in commands/dbcommands.h; a #define before Citus's copy renames it (same body, no other change).
#
# Exit status 3 with "skipped: Citus not installed" when neither a source tree nor a build exists.
set -euo pipefail
cd "$(dirname "$0")/.."

CITUS_VERSION="${CITUS_VERSION:-13.2.2}"
cache="${VP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vital_persona}"
pg_config_bin="${PG_CONFIG:-pg_config}"
pg_major=$("$pg_config_bin" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
src="${CITUS_SRC:-$cache/citus-src-$CITUS_VERSION}"
build="$cache/citus-build-$CITUS_VERSION-pg$pg_major"
stamp="$build/.vp-built"
want_stamp="citus $CITUS_VERSION; $("$pg_config_bin" --version); $("$pg_config_bin" --configure | md5sum | cut -c1-12)"

have_build() { [[ -f "$stamp" && "$(cat "$stamp")" == "$want_stamp" && -d "$build/stage" ]]; }
have_src() { [[ -f "$src/configure" && -d "$src/src/backend/distributed" ]]; }

if [[ "${1:-}" == "--check" ]]; then
  have_build || have_src || { echo "skipped: Citus not installed"; exit 3; }
  exit 0
fi

if have_build; then
  echo "$build/stage"
  exit 0
fi
if ! have_src; then
  echo "skipped: Citus not installed (no CITUS_SRC, no $cache/citus-src-$CITUS_VERSION, no cached build)"
  exit 3
fi
src_version=$(sed -n "s/^PACKAGE_VERSION='\(.*\)'/\1/p" "$src/configure")
if [[ "$src_version" != "$CITUS_VERSION" ]]; then
  echo "citus.sh: $src is Citus $src_version, expected $CITUS_VERSION (set CITUS_VERSION)" >&2
  exit 1
fi

# Build dependencies (Debian): installed only when missing.
scripts/install-deps.sh --with-citus >&2

echo "citus.sh: building Citus $CITUS_VERSION for PostgreSQL $pg_major in $build (a few minutes, once)" >&2
rm -rf "$build"
mkdir -p "$build"
cp -a "$src/." "$build/src-copy"
compat="$build/src-copy/src/include/pg_version_compat.h"
# Rename Citus's static fallback of have_createdb_privilege() (see the header comment).
perl -0pi -e 's/\nstatic inline bool\nhave_createdb_privilege\(void\)/\n#define have_createdb_privilege citus_compat_have_createdb_privilege\nstatic inline bool\nhave_createdb_privilege(void)/' "$compat"

jobs="${CITUS_JOBS:-2}"
(
  cd "$build/src-copy"
  nice -n 10 ./configure PG_CONFIG="$pg_config_bin" >"$build/configure.log" 2>&1 ||
    { tail -n 30 "$build/configure.log" >&2; exit 1; }
  nice -n 10 make -s -j"$jobs" >"$build/make.log" 2>&1 || { tail -n 40 "$build/make.log" >&2; exit 1; }
  make -s install DESTDIR="$build/stage" >"$build/install.log" 2>&1 || { tail -n 20 "$build/install.log" >&2; exit 1; }
)
chmod -R a+rX "$build/stage"
echo "$want_stamp" >"$stamp"
echo "$build/stage"
