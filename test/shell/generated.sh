#!/usr/bin/env bash
# Generated docs are current: docs/erd.svg, docs/erd/*.svg and docs/api.md are regenerated from a fresh install
# into a temp dir (scripts/generate.sh docs, the same command as `make docs`) and diffed with the committed files.
# (The registry has its own check in test/shell/registry.sh, the TypeScript types in test/shell/types.sh.)
source "$(dirname "$0")/../support/shell_lib.sh"

if ! command -v dot >/dev/null; then not_ok "graphviz (dot) is installed (scripts/install-deps.sh)"; finish; exit; fi
mkdir -p "$VP_TMP/gen"
if VP_GEN_INNER=1 "$VP_REPO/scripts/generate.sh" --out "$VP_TMP/gen" docs 2>"$VP_TMP/err"; then
  for f in docs/erd.svg docs/api.md; do
    if diff -u "$VP_REPO/$f" "$VP_TMP/gen/$f" >"$VP_TMP/diff" 2>&1; then ok "$f is current"
    else not_ok "$f is current (run: make docs)"; head -n 20 "$VP_TMP/diff" | diag; fi
  done
  if diff -ru "$VP_REPO/docs/erd" "$VP_TMP/gen/docs/erd" >"$VP_TMP/diff" 2>&1; then
    families=("$VP_TMP"/gen/docs/erd/*)
    ok "docs/erd/*.svg are current (${#families[@]} section families)"
  else
    not_ok "docs/erd/*.svg are current (run: make docs)"; head -n 20 "$VP_TMP/diff" | diag
  fi
  check "docs/api.md documents vital_summary with its callers" grep -q '^- callers: `authenticated`, `service_role`' "$VP_TMP/gen/docs/api.md"
  check "docs/api.md leaves out functions no API role may call (vital_rls_apply)" bash -c "! grep -q 'vital_rls_apply' '$VP_TMP/gen/docs/api.md'"
  check "the overview draws personas and every section family as a cluster" \
    test "$(grep -c '<title>cluster_' "$VP_TMP/gen/docs/erd.svg")" -eq "$(find "$VP_TMP"/gen/docs/erd -mindepth 1 -maxdepth 1 ! -name personas.svg | wc -l)"
else
  not_ok "scripts/generate.sh docs runs"; diag <"$VP_TMP/err"
fi
finish
