#!/usr/bin/env bash
# Installs the pinned npm tools of tools/types/ (package.json + package-lock.json: Supabase's type generator,
# supabase-js, TypeScript) with `npm ci` into a cache outside the repo, once per lockfile, and prints the
# node_modules directory. Cache: ${VP_NODE_CACHE:-~/.cache/vital_persona/node}/<lockfile hash>/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node_deps: node and npm are needed (scripts/install-deps.sh)" >&2; exit 1
fi
hash=$(cat "$repo/tools/types/package.json" "$repo/tools/types/package-lock.json" | sha256sum | cut -c1-16)
dir="${VP_NODE_CACHE:-$HOME/.cache/vital_persona/node}/$hash"
if [[ ! -f "$dir/.installed" ]]; then
  mkdir -p "$dir"
  cp "$repo/tools/types/package.json" "$repo/tools/types/package-lock.json" "$dir/"
  # --ignore-scripts: nothing of these packages needs an install script to generate or compile types
  (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2) ||
    { echo "node_deps: npm ci failed in $dir" >&2; exit 1; }
  touch "$dir/.installed"
fi
echo "$dir/node_modules"
