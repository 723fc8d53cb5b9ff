#!/usr/bin/env bash
# Builds and installs vital_persona for the test cluster, against $PG_CONFIG (default: the
# pg_config on PATH).
#  * as root (and VP_PRIVATE_INSTALL unset), with the system PostgreSQL: plain `make install`;
#  * otherwise, or with VP_PRIVATE_INSTALL=1: into a private tree .pgtree/ in the repo, which
#    holds a copy of the postgres binary and links to every other server file. postgres finds
#    its share/ and lib/ relative to its own binary, so a server started from there loads our
#    files without touching the system install (no sudo needed; parallel checkouts don't clash);
#  * with a prefix unpacked by scripts/pg17.sh (a shared cache): always the private tree, as a
#    hard-linked copy of the prefix (symlinks into the cache would not do: as root the server
#    runs as the postgres user, who cannot enter root's $HOME). Its postgres, initdb and pg_ctl
#    are real copies whose ELF interpreter is the tree's own loader; library paths are
#    $ORIGIN-relative, so everything else resolves inside the tree. Nothing is written to the cache.
# Prints the postgres binary to use (for VP_POSTGRES) on its last line; with-temp-pg.sh takes
# initdb and pg_ctl from the same directory when they are there.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_config="${PG_CONFIG:-pg_config}"
export PG_CONFIG="$pg_config"
jobs=$(nproc 2>/dev/null || echo 2)
make -s -j"$jobs" ${WERROR:+WERROR=1} >/dev/null

bindir=$("$pg_config" --bindir)
tree="$PWD/.pgtree"
prefix=${bindir%/usr/lib/postgresql/*/bin}
if [[ "$prefix" != "$bindir" && -f "$prefix/.vp-prefix" ]]; then
  # A scripts/pg17.sh prefix: hard-linked copy at the same path under the tree (so that
  # `make install DESTDIR=` lands in it), falling back to a plain copy across file systems.
  rm -rf "$tree"
  mkdir -p "$tree$prefix"
  for d in "$prefix"/*; do
    cp -al "$d" "$tree$prefix/" 2>/dev/null || cp -a "$d" "$tree$prefix/"
  done
  loader="$tree$prefix/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
  for exe in postgres initdb pg_ctl; do
    f="$tree$bindir/$exe"
    cp -p --remove-destination "$bindir/$exe" "$f"   # a copy, not a link: the cache stays untouched
    patchelf --set-interpreter "$loader" "$f"
  done
  make -s install DESTDIR="$tree" >/dev/null
  # Directories only: the files are hard links shared with the cache.
  find "$tree" -type d -exec chmod a+rx {} +
  echo "$tree$bindir/postgres"
  exit 0
fi

if [[ $(id -u) -eq 0 && "${VP_PRIVATE_INSTALL:-0}" != 1 ]]; then
  make -s install >/dev/null
  echo "$bindir/postgres"
  exit 0
fi

pkglibdir=$("$pg_config" --pkglibdir)
sharedir=$("$pg_config" --sharedir)
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
