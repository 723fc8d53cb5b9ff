#!/usr/bin/env bash
# PostgreSQL 17 for this machine kind (Debian bookworm, which packages only 15), from Debian trixie,
# into a private prefix outside the repo; prints the prefix's pg_config on its last line.
#
#   scripts/pg17.sh              fetch into the cache if it is not complete yet, print pg_config
#   scripts/pg17.sh --refetch    throw the cache away and fetch again
#
# What it does (cold cache; about 45 packages, ~45 MiB download):
#   1. a private apt state under the cache (its own sources file, lists, archives; dpkg status
#      /dev/null): nothing under /etc/apt changes and nothing is installed into the system;
#   2. apt-get update verifies trixie's Release signatures (debian-archive-keyring) and the
#      Packages indexes; the closure of postgresql-17, postgresql-client-17,
#      postgresql-server-dev-17 and postgresql-17-pgtap over Depends/Pre-Depends, restricted to
#      these packages and the shared libraries they need (libc6 included; no LLVM/clang, no
#      -dev packages, no maintainer-script packages);
#   3. apt-get download (apt checks each .deb against the index) and an independent sha256sum
#      of each .deb against the SHA256 the verified index gives for that version;
#   4. dpkg-deb -x of each package into the prefix; every ELF executable gets trixie's loader as
#      interpreter (trixie's binaries need glibc 2.38, bookworm has 2.36) and every ELF object a
#      forced DT_RPATH ($ORIGIN-relative, so the tree can be hard-linked elsewhere) to the
#      prefix's library dirs, which also covers extension .so files (and their libstdc++);
#      llvmjit.so is moved aside (no JIT); pg_config then reports every path relative to itself.
# A warm cache costs one stat and no network. Concurrent callers wait on a lock.
#
# Environment:
#   VP_CACHE_DIR                cache root (default $HOME/.cache/vital_persona); the prefix is
#                               $VP_CACHE_DIR/pg17
#   VP_DEBIAN_MIRROR            default http://deb.debian.org/debian
#   VP_DEBIAN_SECURITY_MIRROR   default http://deb.debian.org/debian-security
#   VP_DEBIAN_KEYRING           default /usr/share/keyrings/debian-archive-keyring.gpg
set -euo pipefail

cache_root="${VP_CACHE_DIR:-${HOME:?}/.cache/vital_persona}"
prefix="$cache_root/pg17"
stamp="$prefix/.vp-prefix"
pg_config_rel=usr/lib/postgresql/17/bin/pg_config
# Bump when the recipe below changes: an older cache is then rebuilt.
recipe=3

log() { echo "pg17: $*" >&2; }
die() { log "$*"; exit 1; }

cache_ok() {
  [[ -f "$stamp" && -x "$prefix/$pg_config_rel" ]] &&
    [[ "$(sed -n 's/^recipe=//p' "$stamp")" == "$recipe" && "$(sed -n 's/^prefix=//p' "$stamp")" == "$prefix" ]]
}

if [[ "${1:-}" != --refetch ]] && cache_ok; then
  echo "$prefix/$pg_config_rel"
  exit 0
fi

for tool in apt-get apt-cache dpkg-deb patchelf sha256sum flock readelf; do
  command -v "$tool" >/dev/null || die "needs '$tool' (run: PG=17 scripts/install-deps.sh)"
done

mkdir -p "$cache_root"
exec 9>"$cache_root/pg17.lock"
flock 9
if [[ "${1:-}" != --refetch ]] && cache_ok; then   # another caller finished it meanwhile
  echo "$prefix/$pg_config_rel"
  exit 0
fi

mirror="${VP_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security="${VP_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
keyring="${VP_DEBIAN_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}"
[[ -r "$keyring" ]] || die "no Debian archive keyring at $keyring (package debian-archive-keyring)"

# ------------------------------------------------------------------ 1. private apt state
apt_dir="$cache_root/pg17-apt"
mkdir -p "$apt_dir"/{lists/partial,cache/archives/partial,sources.d,prefs.d,debs}
cat >"$apt_dir/sources.list" <<EOF
deb [signed-by=$keyring] $mirror trixie main
deb [signed-by=$keyring] $mirror trixie-updates main
deb [signed-by=$keyring] $security trixie-security main
EOF
apt_opts=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list"
  -o "Dir::Etc::SourceParts=$apt_dir/sources.d"
  -o "Dir::Etc::Preferences=/dev/null"
  -o "Dir::Etc::PreferencesParts=$apt_dir/prefs.d"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::State::status=/dev/null"
  -o "Dir::Cache=$apt_dir/cache"
  -o "Dir::Cache::pkgcache=$apt_dir/cache/pkgcache.bin"
  -o "Dir::Cache::srcpkgcache=$apt_dir/cache/srcpkgcache.bin"
  -o "APT::Architecture=amd64" -o "APT::Architectures::=amd64"
  -o "Acquire::Languages=none"
  -o "APT::Sandbox::User=$(id -un)"
)
[[ "$(dpkg --print-architecture)" == amd64 ]] || die "only amd64 is supported"

log "updating the private trixie package index ($apt_dir)"
if ! apt-get "${apt_opts[@]}" -q update >"$apt_dir/update.log" 2>&1 ||
   grep -Eq '^(W|E): ' "$apt_dir/update.log"; then
  cat "$apt_dir/update.log" >&2
  die "apt-get update of trixie failed (network, mirror or signature)"
fi

# ------------------------------------------------------------------ 2. dependency closure
roots=(postgresql-17 postgresql-client-17 postgresql-server-dev-17 postgresql-17-pgtap)
# A dependency is followed only if it is one of the roots or a runtime shared library package.
wanted() {
  case "$1" in
    postgresql-17|postgresql-client-17|postgresql-server-dev-17|postgresql-17-pgtap) return 0 ;;
    libllvm*|libclang*|*-dev|*-dbg|*-common|*-data|*-bin) return 1 ;;
    libc6|zlib1g|lib*) return 0 ;;
  esac
  return 1
}
declare -A seen=() version=() sha=()
frontier=("${roots[@]}")
for p in "${roots[@]}"; do seen[$p]=1; done
while ((${#frontier[@]})); do
  apt-cache "${apt_opts[@]}" show --no-all-versions "${frontier[@]}" >"$apt_dir/level.txt" 2>"$apt_dir/level.err" ||
    { cat "$apt_dir/level.err" >&2; die "apt-cache show failed for: ${frontier[*]}"; }
  next=()
  # One line per package: name, version, sha256, then its dependency groups separated by ','.
  while IFS=$'\t' read -r name ver sum deps; do
    version[$name]=$ver; sha[$name]=$sum
    IFS=',' read -ra groups <<<"$deps"
    for g in "${groups[@]}"; do
      IFS='|' read -ra alts <<<"$g"
      for a in "${alts[@]}"; do
        a=$(sed -E 's/\(.*\)//; s/:any//; s/[[:space:]]//g' <<<"$a")
        [[ -n "$a" ]] || continue
        if wanted "$a"; then
          if [[ -z "${seen[$a]:-}" ]]; then seen[$a]=1; next+=("$a"); fi
          break
        fi
      done
    done
  done < <(awk -v OFS='\t' '
      /^Package: /     { p = $2 }
      /^Version: /     { v = $2 }
      /^SHA256: /      { s = $2 }
      /^(Pre-)?Depends: / { sub(/^[^:]*: /, ""); d = (d == "" ? $0 : d ", " $0) }
      /^$/ { if (p != "") print p, v, s, d; p = v = s = d = "" }
      END  { if (p != "") print p, v, s, d }' "$apt_dir/level.txt")
  frontier=("${next[@]}")
done
packages=("${!version[@]}")
for p in "${!seen[@]}"; do [[ -n "${version[$p]:-}" ]] || die "no trixie package for dependency $p"; done
log "${#packages[@]} packages (postgresql-17 ${version[postgresql-17]})"

# ------------------------------------------------------------------ 3. download and verify
debs="$apt_dir/debs"
want_files=()
first_deb() { local g=("$debs/${1}_"*.deb); [[ -e "${g[0]}" ]] && echo "${g[0]}"; }
for p in "${packages[@]}"; do
  f=$(first_deb "$p" || true)
  if [[ -n "$f" ]] && echo "${sha[$p]}  $f" | sha256sum -c --status; then want_files+=("$f"); continue; fi
  rm -f "$debs/${p}_"*.deb
  (cd "$debs" && apt-get "${apt_opts[@]}" -q download "$p=${version[$p]}" >"$apt_dir/download.log" 2>&1) ||
    { cat "$apt_dir/download.log" >&2; die "download of $p=${version[$p]} failed"; }
  f=$(first_deb "$p") || die "apt-get download of $p left no .deb"
  echo "${sha[$p]}  $f" | sha256sum -c --status || die "$f: sha256 differs from the signed index"
  want_files+=("$f")
done
# Drop .debs of versions no longer wanted (a newer point release replaced them), and apt's binary
# caches (~80 MiB, rebuilt from the lists whenever needed).
for f in "$debs"/*.deb; do
  [[ " ${want_files[*]} " == *" $f "* ]] || rm -f "$f"
done
rm -f "$apt_dir"/cache/*.bin

# ------------------------------------------------------------------ 4. unpack and patch
stage="$cache_root/pg17.stage.$$"
rm -rf "$stage" "$cache_root"/pg17.stage.*
mkdir -p "$stage"
trap 'rm -rf "$stage"' EXIT
for f in "${want_files[@]}"; do dpkg-deb -x "$f" "$stage"; done
rm -rf "$stage"/usr/share/{doc,man,info,lintian,bug,locale}

loader_rel=usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
[[ -e "$stage/$loader_rel" ]] || die "trixie's loader is missing from libc6 ($loader_rel)"
pkglib="$stage/usr/lib/postgresql/17/lib"
mkdir -p "$pkglib/disabled"
[[ -e "$pkglib/llvmjit.so" ]] && mv "$pkglib/llvmjit.so" "$pkglib/disabled/"

# Library dirs of the prefix, relative to the prefix root.
lib_dirs=(usr/lib/x86_64-linux-gnu usr/lib/postgresql/17/lib lib/x86_64-linux-gnu)
n_exe=0 n_obj=0
while IFS= read -r -d '' f; do
  [[ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" == '177ELF' ]] || continue
  case "$f" in "$stage/$loader_rel"|*/ld-linux-x86-64.so.2) continue ;; esac
  type=$(readelf -h "$f" 2>/dev/null | awk '/Type:/ {print $2}')
  [[ "$type" == EXEC || "$type" == DYN ]] || continue
  readelf -d "$f" 2>/dev/null | grep -q '(NEEDED)' || continue   # static or no dependencies
  dir=$(dirname "$f"); rpath=
  for l in "${lib_dirs[@]}"; do
    [[ -d "$stage/$l" ]] || continue
    rpath+="${rpath:+:}\$ORIGIN/$(realpath -m --relative-to="$dir" "$stage/$l")"
  done
  if readelf -l "$f" 2>/dev/null | grep -q 'Requesting program interpreter'; then
    patchelf --set-interpreter "$prefix/$loader_rel" "$f"
    n_exe=$((n_exe + 1))
  fi
  patchelf --force-rpath --set-rpath "$rpath" "$f"
  n_obj=$((n_obj + 1))
done < <(find "$stage" -type f -print0)
log "patched $n_obj ELF objects ($n_exe executables)"

# The prefix moves into place; paths inside are relative except the loader's, which names the
# final prefix (where it is checked from now on).
rm -rf "$prefix"
mv "$stage" "$prefix"
trap - EXIT
version_line=$("$prefix/$pg_config_rel" --version) || die "the unpacked pg_config does not run"
[[ "$version_line" == "PostgreSQL 17."* ]] || die "unexpected pg_config version: $version_line"
"$prefix/usr/lib/postgresql/17/bin/postgres" --version >/dev/null || die "the unpacked postgres does not run"
{
  echo "recipe=$recipe"
  echo "prefix=$prefix"
  echo "version=${version[postgresql-17]}"
  for p in $(printf '%s\n' "${packages[@]}" | sort); do echo "package=$p ${version[$p]} ${sha[$p]}"; done
} >"$stamp"
log "ready: $version_line in $prefix"
echo "$prefix/$pg_config_rel"
