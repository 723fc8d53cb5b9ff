#!/usr/bin/env bash
# scripts/gen/types.sh DB OUT.ts: TypeScript types of the extension installed in schema vital of database DB
# (libpq environment: PGHOST/PGPORT/PGUSER), with Supabase's own generator (@supabase/postgres-meta, pinned in
# tools/types/) refined by scripts/gen/refine_types.mjs. Run by scripts/generate.sh types (make types).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
db=$1 out=$2
modules=$("$repo/scripts/gen/node_deps.sh")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vp_types.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
host=${PGHOST:-/var/run/postgresql}
PG_META_DB_URL="postgresql://${PGUSER:-postgres}@localhost/$db?host=$host&port=${PGPORT:-5432}" \
PG_META_GENERATE_TYPES=typescript PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS=vital \
  node "$modules/@supabase/postgres-meta/dist/server/server.js" >"$tmp/raw.ts" 2>"$tmp/err" ||
  { cat "$tmp/err" >&2; echo "types: Supabase's generator failed" >&2; exit 1; }
psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -f "$repo/scripts/gen/types_model.sql" >"$tmp/model.json"
node "$repo/scripts/gen/refine_types.mjs" "$tmp/raw.ts" "$tmp/model.json" "$repo/docs/summary.schema.json" >"$out"
