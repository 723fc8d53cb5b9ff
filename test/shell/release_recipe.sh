#!/usr/bin/env bash
# "How to make 5.1" (sql/README.md), proven end to end on a copy of the repository: release the current
# version if it is not released yet (freeze its scripts), then make a test-only 5.1 — a new column on an
# existing table, a new index, a changed function — as state (sources) plus delta (sql/updates/5.0--5.1/),
# build it, and run the update-path equivalence on a throwaway cluster of its own: every path (4.0 -> 5.0
# -> 5.1 from the FROZEN old scripts) must give the catalog of a fresh 5.1 install. A 5.1 whose delta
# forgets the changed function must fail the same comparison.
source "$(dirname "$0")/../support/shell_lib.sh"
chmod 755 "$VP_TMP"

make_copy() {  # make_copy DIR: tracked and untracked (not ignored) files plus this build's objects
  mkdir -p "$1"
  (cd "$VP_REPO" && git ls-files -co --exclude-standard | tar -cf - -T -) | tar -xf - -C "$1"
  (cd "$VP_REPO" && find . -path ./.pgtree -prune -o \( -name '*.o' -o -name '*.so' -o -name '*.d' -o -name '.pg-build*' \) -print |
     tar -cf - -T -) | tar -xf - -C "$1"
}

make_51() {  # make_51 DIR WITH_FUNCTION_IN_DELTA
  local dir=$1 with_function=$2
  (
    cd "$dir" || exit 1
    if [[ ! -f sql/released/vital_persona--5.0.sql ]]; then   # release 5.0 as it is now
      make -s >/dev/null && mkdir -p sql/released && for f in sql/vital_persona--*.sql; do mv "$f" sql/released/; done
    fi
    sed -i "s/^default_version *=.*/default_version = '5.1'/" vital_persona.control
    # state: the column last in the table's definition (where ADD COLUMN puts it), the index in 5.1's
    # folder, the function as it is now
    sed -i '0,/^    updated_at timestamptz DEFAULT pg_catalog.now() NOT NULL,$/s//&\n    effort_estimate integer,/' sql/4.0/100_goals_challenges_motivation.sql
    mkdir -p sql/5.1 sql/updates/5.0--5.1
    echo 'CREATE INDEX idx_persona_goals_effort ON @extschema@.persona_goals (tenant_id, effort_estimate);' > sql/5.1/010_goal_effort.sql
    sed -i "s/SELECT pg_catalog.array_to_string(\$1, ' ') \$\$;/SELECT pg_catalog.array_to_string(\$1, ' ', '') \$\$;/" sql/4.0/020_common.sql
    # delta: what an installed 5.0 needs to become that state
    {
      echo 'ALTER TABLE @extschema@.persona_goals ADD COLUMN effort_estimate integer;'
      if ((with_function)); then
        echo "CREATE OR REPLACE FUNCTION @extschema@.immutable_array_to_text(text[]) RETURNS text"
        echo "    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
        echo "    SET search_path = pg_catalog, pg_temp"
        echo "    AS \$\$ SELECT pg_catalog.array_to_string(\$1, ' ', '') \$\$;"
      fi
    } > sql/updates/5.0--5.1/010_goal_effort.sql
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
make_copy "$good" && make_51 "$good" 1
check "a test-only 5.1 is made from the recipe (state + delta)" test -f "$good/sql/updates/5.0--5.1/010_goal_effort.sql"
run_paths "$good" "$VP_TMP/good.log"
grep -q '^ok .*update 5.0 -> 5.1 gives the same catalog' "$VP_TMP/good.log"
check "5.0 -> 5.1 gives the catalog of a fresh 5.1" test $? -eq 0
grep -q '^ok .*update 4.0 -> 5.1 gives the same catalog' "$VP_TMP/good.log"
check "4.0 -> 5.1 (through the frozen 4.0 -> 5.0 script) gives the catalog of a fresh 5.1" test $? -eq 0
check "every check of the update-path test passes on the 5.1 build" bash -c "! grep -q '^not ok' '$VP_TMP/good.log'"
installed=$(find "$good/.pgtree" -path '*/extension/vital_persona--5.0.sql' | head -n 1)
check "the 5.1 build installs the frozen 5.0 script unchanged" cmp -s "$installed" "$good/sql/released/vital_persona--5.0.sql"
grep '^not ok\|^# ' "$VP_TMP/good.log" | head -n 20 | diag

make_copy "$bad" && make_51 "$bad" 0
run_paths "$bad" "$VP_TMP/bad.log"
grep -q '^not ok .*update 5.0 -> 5.1 gives the same catalog' "$VP_TMP/bad.log"
check "a 5.1 delta that forgets the changed function fails the comparison" test $? -eq 0
finish
