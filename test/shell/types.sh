#!/usr/bin/env bash
# TypeScript types (types/database.types.ts, make types):
#   - current: regenerated from a fresh install into a temp dir (scripts/generate.sh types) and diffed;
#   - a typed supabase-js client (test/types/client.ts) compiles with tsc --strict, and its @ts-expect-error lines
#     (unknown column, wrong CHECK-list literal, unknown rpc, ...) are errors: tsc fails on an unused one;
#   - docs/summary.schema.json (the source of the VitalSummary interface) accepts every real summary of a seeded
#     database of every installable version (the default one first), and rejects broken ones.
# npm packages: tools/types/package-lock.json, installed once with npm ci into ~/.cache/vital_persona/node.
source "$(dirname "$0")/../support/shell_lib.sh"

if ! modules=$("$VP_REPO/scripts/gen/node_deps.sh" 2>"$VP_TMP/err"); then
  not_ok "npm packages of tools/types install (npm ci)"; diag <"$VP_TMP/err"; finish; exit
fi

mkdir -p "$VP_TMP/gen"
if VP_GEN_INNER=1 "$VP_REPO/scripts/generate.sh" --out "$VP_TMP/gen" types 2>"$VP_TMP/err"; then
  if diff -u "$VP_REPO/types/database.types.ts" "$VP_TMP/gen/types/database.types.ts" >"$VP_TMP/diff"; then
    ok "types/database.types.ts is current"
  else
    not_ok "types/database.types.ts is current (run: make types)"; head -n 30 "$VP_TMP/diff" | diag
  fi
else
  not_ok "scripts/generate.sh types runs"; diag <"$VP_TMP/err"
fi

# tsc --strict on the example client, in a scratch tree that sees the cached node_modules. One run with the
# @ts-expect-error markers turned into plain comments: the errors must be exactly on the marked lines (correct
# usage compiles; each wrong usage is rejected).
ts=$VP_TMP/ts
mkdir -p "$ts/test/types" "$ts/types"
cp "$VP_REPO/test/types/tsconfig.json" "$ts/test/types/"
sed 's|// @ts-expect-error|// (expected error)|' "$VP_REPO/test/types/client.ts" >"$ts/test/types/client.ts"
cp "$VP_REPO/types/database.types.ts" "$ts/types/"
ln -s "$modules" "$ts/node_modules"
node "$modules/typescript/bin/tsc" -p "$ts/test/types" >"$VP_TMP/tsc.log" 2>&1
want=$(grep -n '^ *// @ts-expect-error' "$VP_REPO/test/types/client.ts" | cut -d: -f1 | awk '{print $1 + 1}' | sort -n | tr '\n' ' ')
got=$(grep -o 'client\.ts([0-9]*' "$VP_TMP/tsc.log" | grep -o '[0-9]*$' | sort -nu | tr '\n' ' ')
check "a createClient<Database> client compiles with tsc --strict except its $(wc -w <<<"$want") wrong usages (unknown column, wrong CHECK literal, internal rpc, ...)" \
  test -n "$want" -a "$want" == "$got"
[[ "$want" == "$got" ]] || diag <"$VP_TMP/tsc.log"
check "... and no other error" test "$(grep -c 'error TS' "$VP_TMP/tsc.log")" -eq "$(wc -w <<<"$want")"

# Real summaries against the JSON Schema, every installable version from the default down to 4.0 (seeded: every
# template, every section; one library serves them all)
versions=$(q postgres -c "SELECT string_agg(version, ' ' ORDER BY pg_catalog.string_to_array(version, '.')::int[] DESC)
                          FROM pg_available_extension_versions WHERE name = 'vital_persona'")
check "the installable versions ($versions) include the default $VP_DEFAULT_VERSION" grep -qw -- "${VP_DEFAULT_VERSION//./\\.}" <<<"$versions"
for v in $versions; do
  db=$(newdb "types_${v//./_}")
  q "$db" -c "SET client_min_messages=warning; CREATE EXTENSION vital_persona VERSION '$v'" >/dev/null
  q "$db" -c "SET client_min_messages=warning; INSERT INTO tenants (id, name, slug) VALUES ('10000000-0000-0000-0000-0000000000aa', 'T', 't');
              SELECT vital_seed_personas('10000000-0000-0000-0000-0000000000aa', 1);
              INSERT INTO personas (tenant_id, name, slug) VALUES ('10000000-0000-0000-0000-0000000000aa', 'Empty', 'empty')" >/dev/null
  q "$db" -c "SELECT json_agg(s.summary ORDER BY s.persona_id) FROM vital_summaries(ARRAY(SELECT id FROM personas)) s" >"$VP_TMP/summaries.json"
  n=$(q "$db" -c "SELECT count(*) FROM personas")
  if node "$VP_REPO/scripts/gen/validate_json.mjs" "$VP_REPO/docs/summary.schema.json" "$VP_TMP/summaries.json" >"$VP_TMP/val.log"; then
    ok "$v: all $n real summaries (seeded + an empty persona) match docs/summary.schema.json"
  else
    not_ok "$v: real summaries match docs/summary.schema.json"; head -n 20 "$VP_TMP/val.log" | diag
  fi
done
# teeth: broken summaries are rejected
node -e '
const fs = require("fs"); const s = JSON.parse(fs.readFileSync(process.argv[1]))[0];
const bad = [];
let x = structuredClone(s); x.sections.persona_goals = "3"; bad.push(x);
x = structuredClone(s); delete x.completeness; bad.push(x);
x = structuredClone(s); x.extra = 1; bad.push(x);
x = structuredClone(s); x.time_coverage.quarters = ["Q5"]; bad.push(x);
x = structuredClone(s); x.persona.id = "not-a-uuid"; bad.push(x);
fs.writeFileSync(process.argv[2], JSON.stringify(bad));' "$VP_TMP/summaries.json" "$VP_TMP/bad.json"
node "$VP_REPO/scripts/gen/validate_json.mjs" "$VP_REPO/docs/summary.schema.json" "$VP_TMP/bad.json" >"$VP_TMP/val.log"
check "the schema check rejects each of 5 broken summaries" test "$(grep -c '^value [0-9]' "$VP_TMP/val.log")" -ge 5 -a \
  "$(grep -o '^value [0-9]*' "$VP_TMP/val.log" | sort -u | wc -l)" -eq 5
finish
