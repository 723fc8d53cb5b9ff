#!/usr/bin/env bash
# Regenerates the files derived from the schema, each from a fresh install on a throwaway cluster:
#   scripts/generate.sh registry   sql/registry/<version>.sql  facts of a fresh install of every version
#                                   (vital_schema_drift() compares with them; the Makefile appends them to
#                                   the install/update scripts)
#   scripts/generate.sh docs       docs/erd.svg, docs/erd/*.svg, docs/api.md
#   scripts/generate.sh types      types/database.types.ts (Supabase's generator + scripts/gen/refine_types.mjs)
#   scripts/generate.sh --out DIR registry docs types   write below DIR instead of the repo (the staleness
#                                   tests do this and diff; test/shell/generated.sh, test/shell/types.sh)
# `make registry`, `make docs`, `make types` call this. Output is deterministic (sorted, no timestamps, no OIDs).
# Run `make registry` first when the schema changed: the registry is part of the built scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

if [[ -z "${VP_GEN_INNER:-}" ]]; then
  scripts/install-deps.sh
  postgres_bin=$(VP_PRIVATE_INSTALL=1 scripts/build-install.sh | tail -n 1)
  VP_GEN_INNER=1 VP_POSTGRES="$postgres_bin" exec scripts/with-temp-pg.sh "$0" "$@"
fi

out=$repo
targets=()
while (($#)); do
  case "$1" in
    --out) out=$(cd "$2" && pwd); shift 2 ;;
    registry | docs | types) targets+=("$1"); shift ;;
    *) echo "usage: $0 [--out DIR] registry|docs|types..." >&2; exit 2 ;;
  esac
done
((${#targets[@]})) || { echo "usage: $0 [--out DIR] registry|docs|types..." >&2; exit 2; }

psql -X -q -v ON_ERROR_STOP=1 -d postgres -f test/support/supabase_roles.sql >/dev/null
q() { local db=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
dbs=()
drop_dbs() { local d; for d in "${dbs[@]}"; do dropdb --if-exists "$d" >/dev/null 2>&1; done; }
trap drop_dbs EXIT
# fresh_db VERSION: a new database with the extension at VERSION in schema vital
fresh_db() {
  local db="vp_gen_${1//./_}_$$"
  dropdb --if-exists "$db" >/dev/null 2>&1
  createdb "$db"
  dbs+=("$db")
  q "$db" -c "SET client_min_messages = warning; CREATE SCHEMA vital; CREATE EXTENSION vital_persona VERSION '$1' SCHEMA vital" >/dev/null
  echo "$db"
}

for target in "${targets[@]}"; do
  case "$target" in
    registry)
      mkdir -p "$out/sql/registry"
      for v in $(q postgres -c "SELECT version FROM pg_available_extension_versions WHERE name = 'vital_persona' ORDER BY 1"); do
        db=$(fresh_db "$v")
        q "$db" -v version="$v" -f scripts/gen/registry.sql >"$out/sql/registry/$v.sql"
        echo "generate: sql/registry/$v.sql ($(q "$db" -c 'SELECT count(*) FROM vital._vital_schema_facts()') facts)" >&2
      done ;;
    docs)
      db=$(fresh_db "$(q postgres -c "SELECT default_version FROM pg_available_extensions WHERE name = 'vital_persona'")")
      mkdir -p "$out/docs/erd"
      rm -f "$out"/docs/erd/*.svg
      q "$db" -f scripts/gen/docs_model.sql >"$out/docs/.model.json.tmp"
      python3 scripts/gen/docs.py "$out/docs/.model.json.tmp" "$out/docs"
      rm -f "$out/docs/.model.json.tmp"
      families=("$out"/docs/erd/*.svg)
      echo "generate: docs/erd.svg, docs/erd/*.svg (${#families[@]} families), docs/api.md" >&2 ;;
    types)
      db=$(fresh_db "$(q postgres -c "SELECT default_version FROM pg_available_extensions WHERE name = 'vital_persona'")")
      mkdir -p "$out/types"
      scripts/gen/types.sh "$db" "$out/types/database.types.ts" ;;
  esac
done
