#!/usr/bin/env bash
# "Making the next version" (sql/README.md), proven end to end on a copy of the repository, for whatever version
# is current: CUR = the control file's default_version, NEXT = CUR with its minor number + 1 (5.1 -> 5.2).
# Release CUR in the copy if it is not released yet (freeze its built scripts into sql/released/), then make a
# test-only NEXT — a new column on an existing table, a new index, a changed function — as state (sources) plus
# delta (sql/updates/CUR--NEXT/), build it, and run the update-path equivalence on a throwaway cluster of its
# own: every path (4.0 -> 5.0 -> ... -> NEXT from the FROZEN old scripts) must give the catalog of a fresh NEXT
# install. A NEXT whose delta forgets the changed function must fail the same comparison.
source "$(dirname "$0")/../support/shell_lib.sh"
chmod 755 "$VP_TMP"

make_copy() {  # make_copy DIR: tracked and untracked (not ignored) files plus this build's objects
  mkdir -p "$1"
  (cd "$VP_REPO" && git ls-files -co --exclude-standard | tar -cf - -T -) | tar -xf - -C "$1"
  (cd "$VP_REPO" && find . -path ./.pgtree -prune -o \( -name '*.o' -o -name '*.so' -o -name '*.d' -o -name '.pg-build*' \) -print |
     tar -cf - -T -) | tar -xf - -C "$1"
}

CUR=$VP_DEFAULT_VERSION
NEXT=$(awk -F. '{ print $1 "." $2 + 1 }' <<<"$CUR")

make_next() {  # make_next DIR WITH_FUNCTION_IN_DELTA
  local dir=$1 with_function=$2
  (
    cd "$dir" || exit 1
    if [[ ! -f sql/released/vital_persona--$CUR.sql ]]; then   # release CUR as it is now (with its update scripts)
      make -s >/dev/null && mkdir -p sql/released && for f in sql/vital_persona--*.sql; do mv "$f" sql/released/; done
    fi
    [[ -f sql/released/vital_persona--$CUR.sql ]] || exit 1
    sed -i "s/^default_version *=.*/default_version = '$NEXT'/" vital_persona.control
    # state: the column last in the table's definition (where ADD COLUMN puts it), the index in NEXT's
    # folder, the function as it is now
    sed -i '0,/^    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,$/s//&\n    effort_estimate integer,/' sql/4.0/100_goals_challenges_motivation.sql
    mkdir -p "sql/$NEXT" "sql/updates/$CUR--$NEXT"
    echo 'CREATE INDEX idx_persona_goals_effort ON @extschema@.persona_goals (tenant_id, effort_estimate);' > "sql/$NEXT/010_goal_effort.sql"
    sed -i "s/SELECT pg_catalog.array_to_string(\$1, ' ') \$\$;/SELECT pg_catalog.array_to_string(\$1, ' ', '') \$\$;/" sql/4.0/020_common.sql
    # delta: what an installed CUR needs to become that state
    {
      echo 'ALTER TABLE @extschema@.persona_goals ADD COLUMN effort_estimate integer;'
      if ((with_function)); then
        echo "CREATE OR REPLACE FUNCTION @extschema@.immutable_array_to_text(text[]) RETURNS text"
        echo "    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
        echo "    SET search_path = pg_catalog, pg_temp"
        echo "    AS \$\$ SELECT pg_catalog.array_to_string(\$1, ' ', '') \$\$;"
      fi
    } > "sql/updates/$CUR--$NEXT/010_goal_effort.sql"
    grep -q 'effort_estimate integer' sql/4.0/100_goals_challenges_motivation.sql &&
      grep -q "array_to_string(\$1, ' ', '')" sql/4.0/020_common.sql
  )
}

run_paths() {  # run_paths DIR LOG: update_paths.sh of the copy on a cluster of its own
  local dir=$1 pg
  pg=$(cd "$dir" && VP_PRIVATE_INSTALL=1 scripts/build-install.sh 2>"$2.build" | tail -n 1) || { cat "$2.build" >"$2"; return 1; }
  (cd "$dir" && VP_POSTGRES="$pg" VP_KEEP_CLUSTER=0 scripts/with-temp-pg.sh bash -c \
     'psql -X -q -d postgres -f test/support/supabase_roles.sql >/dev/null && bash test/shell/update_paths.sh') >"$2" 2>&1
}

good=$VP_TMP/good bad=$VP_TMP/bad
make_copy "$good" && make_next "$good" 1
check "a test-only $NEXT is made from the recipe on top of $CUR (state + delta)" test -f "$good/sql/updates/$CUR--$NEXT/010_goal_effort.sql"
run_paths "$good" "$VP_TMP/good.log"
grep -q "^ok .*update ${CUR//./\\.} -> ${NEXT//./\\.} gives the same catalog" "$VP_TMP/good.log"
check "$CUR -> $NEXT gives the catalog of a fresh $NEXT" test $? -eq 0
grep -q "^ok .*update 4\\.0 -> ${NEXT//./\\.} gives the same catalog" "$VP_TMP/good.log"
check "4.0 -> $NEXT (through the frozen scripts of every step) gives the catalog of a fresh $NEXT" test $? -eq 0
n_paths=$(grep -c "^ok .*update [0-9.]* -> ${NEXT//./\\.} gives the same catalog" "$VP_TMP/good.log")
n_versions=$(cd "$good" && find sql -mindepth 1 -maxdepth 1 -type d -regex 'sql/[0-9]+\.[0-9]+' | wc -l)
check "every older version updates to $NEXT ($n_paths of $((n_versions - 1)) paths checked)" test "$n_paths" -eq $((n_versions - 1))
check "every check of the update-path test passes on the $NEXT build" bash -c "! grep -q '^not ok' '$VP_TMP/good.log'"
# the scripts frozen in this repository, and CUR's just frozen in the copy, are what the NEXT build installs
frozen_ok=1 n_frozen=0
for f in "$VP_REPO"/sql/released/vital_persona--*.sql "$good/sql/released/vital_persona--$CUR.sql"; do
  [[ -f "$f" ]] || continue
  installed=$(find "$good/.pgtree" -path "*/extension/$(basename "$f")" | head -n 1)
  if cmp -s "$installed" "$f"; then n_frozen=$((n_frozen + 1)); else frozen_ok=0; echo "$(basename "$f") differs" | diag; fi
done
check "the $NEXT build installs the frozen scripts unchanged ($n_frozen, $CUR's among them)" test "$frozen_ok" = 1 -a "$n_frozen" -gt 1
grep '^not ok\|^# ' "$VP_TMP/good.log" | head -n 20 | diag

make_copy "$bad" && make_next "$bad" 0
run_paths "$bad" "$VP_TMP/bad.log"
grep -q "^not ok .*update ${CUR//./\\.} -> ${NEXT//./\\.} gives the same catalog" "$VP_TMP/bad.log"
check "a $NEXT delta that forgets the changed function fails the comparison" test $? -eq 0
finish
