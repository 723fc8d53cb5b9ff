#!/usr/bin/env bash
# Builds and installs vital_persona for the test cluster.
#  * as root (and VP_PRIVATE_INSTALL unset): plain `make install` into the system PostgreSQL;
#  * otherwise, or with VP_PRIVATE_INSTALL=1: into a private tree .pgtree/ in the repo, which
#    holds a copy of the postgres binary and links to every other server file. postgres finds
#    its share/ and lib/ relative to its own binary, so a server started from there loads our
#    files without touching the system install (no sudo needed; parallel checkouts don't clash).
# Prints the postgres binary to use (for VP_POSTGRES) on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || echo 2)
make -s -j"$jobs" ${WERROR:+WERROR=1} >/dev/null

bindir=$(pg_config --bindir)
if [[ $(id -u) -eq 0 && "${VP_PRIVATE_INSTALL:-0}" != 1 ]]; then
  make -s install >/dev/null
  echo "$bindir/postgres"
  exit 0
fi

tree="$PWD/.pgtree"
pkglibdir=$(pg_config --pkglibdir)
sharedir=$(pg_config --sharedir)
mkdir -p "$tree$bindir" "$tree$pkglibdir" "$tree$sharedir/extension"
cp -p "$bindir/postgres" "$tree$bindir/postgres"
link_all() {  # link every entry of $1 into $2, except our own files
  local f
  for f in "$1"/*; do
    case "$(basename "$f")" in vital_persona*) continue ;; esac
    [[ "$(basename "$f")" == extension && "$1" == "$sharedir" ]] && continue
    ln -sfn "$f" "$2/$(basename "$f")"
  done
}
link_all "$pkglibdir" "$tree$pkglibdir"
link_all "$sharedir" "$tree$sharedir"
link_all "$sharedir/extension" "$tree$sharedir/extension"
make -s install DESTDIR="$tree" >/dev/null
chmod -R a+rX "$tree"
echo "$tree$bindir/postgres"
