#!/usr/bin/env bash
# Trust boundary on a Supabase-like cluster (issue 11). Starts its own throwaway cluster whose bootstrap
# superuser is supabase_admin (scripts/with-temp-pg.sh, VP_BOOTSTRAP_USER), sets it up as Supabase does
# (test/support/supabase_cluster.sql: postgres NOT superuser and owner of the databases, API roles, schemas
# public/extensions, Supabase's default privileges), and has the trusted extension installed BY postgres.
#
#  1. Decoys. As postgres (the installer: CREATE on the database), plants a decoy -- same name, argument types
#     that are a better match than pg_catalog's -- for every function and operator the install and update
#     scripts, their function bodies, DO blocks and dynamic SQL, and the installed stored expressions reach.
#     The list is derived by test/support/trust_decoys.py from the product (stored expression trees of a
#     reference install, traced parse trees of a replay of the scripts and of a run of every function, a token
#     scan of the install/update scripts), never by hand. Planted in the target schema, public and postgres's
#     "$user" schema (first on its search_path). Then, in each of vital, extensions, public, for a fresh install of
#     the default version and for 4.0 + ALTER EXTENSION UPDATE (every step to the default version): install as postgres, call every SECURITY DEFINER function (as a role
#     allowed to) and every other function (as an API user), fire the event triggers, fill and update every
#     table (CHECKs, defaults, generated columns, triggers run), read every table through RLS, refresh the
#     summary, and require that no decoy ever ran (each counts itself in a non-transactional sequence and raises
#     WARNING 'DECOY ... ran as <role>'; the client output and the server log are searched). Also: no stored
#     expression depends on a function/operator outside pg_catalog that is not the extension's.
#  2. Fingerprint. Tables of the application (tenant_id uuid/text/integer; by postgres and by an app role;
#     policies, RLS flags, grants, triggers) and every other non-member object of the schemas are unchanged by
#     install, update, vital_rls_apply() and DROP EXTENSION; postgres and the app role can create tables with a
#     tenant_id of any type in the extension's schema and in public after the install.
#  3. Grants. No SECURITY DEFINER function executable by anon/authenticated; nothing executable by anon; no
#     TRIGGER/REFERENCES/TRUNCATE on member tables for anyone but the owner; no vital_selftest installed.
#
#   VP_TRUST_SCHEMAS="vital public"   only some target schemas (default: vital extensions public)
#   VP_TRUST_PATHS="fresh"            only some install paths (fresh, update)
#   VP_TRUST_DECOYS=0 / VP_TRUST_APP=0  plant no decoys / no application tables (to debug the other checks)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
if [[ "${1:-}" != --inner ]]; then
  VP_BOOTSTRAP_USER=supabase_admin VP_PORT="${VP_TRUST_PORT:-54331}" exec "$repo/scripts/with-temp-pg.sh" bash "$0" --inner
fi
source "$here/../support/shell_lib.sh"
cd "$repo" || exit 1
support="$repo/test/support"
read -r -a schemas <<<"${VP_TRUST_SCHEMAS:-vital extensions public}"
read -r -a paths <<<"${VP_TRUST_PATHS:-fresh update}"
# Harness sessions never see a decoy: only pg_catalog and pg_temp on their path.
clean="-c search_path=pg_catalog,pg_temp"

# as ROLE DB [psql args]: a session of a LOGIN role with the search_path of that role (as a real client has)
trace_opts=""  # set while the reference install is exercised: parse trees to stderr
as() { local role=$1 db=$2; shift 2; PGOPTIONS="$trace_opts" psql -X -q -At -v ON_ERROR_STOP=1 -v SHOW_CONTEXT=always -U "$role" -d "$db" "$@"; }
# sq DB [psql args]: a clean harness session as supabase_admin, with the test's catalog functions loaded
sq() { local db=$1; shift; PGOPTIONS="$clean $trace_opts" psql -X -q -At -v ON_ERROR_STOP=1 -v SHOW_CONTEXT=always -d "$db" -f "$support/trust_sql.sql" "$@"; }
mkdb() {  # mkdb NAME TEMPLATE: a database owned by postgres, as on Supabase
  psql -X -q -d postgres -c "CREATE DATABASE $1 TEMPLATE $2 OWNER postgres" >/dev/null && VP_DBS+=("$1")
}
ext_schema_sql() { [[ $1 == public ]] && echo "" || echo "CREATE SCHEMA IF NOT EXISTS $1;"; }

# ------------------------------------------------------------------ the Supabase-like cluster
psql -X -q -d postgres -c "CREATE DATABASE vp_supa" >/dev/null && VP_DBS+=(vp_supa) &&
  psql -X -q -v ON_ERROR_STOP=1 -d vp_supa -f "$support/supabase_cluster.sql" >"$VP_TMP/setup.log" 2>&1
check "Supabase-like cluster: bootstrap supabase_admin, postgres not superuser, default privileges" \
  test "$(psql -X -At -d vp_supa -c "SELECT current_user || ' ' || (SELECT rolsuper FROM pg_roles WHERE rolname = 'postgres') || ' ' ||
    (SELECT count(*) FROM pg_default_acl)")" = "supabase_admin false 12"

# ------------------------------------------------------------------ exercise: everything that runs product code
# exercise DB SCHEMA: calls, DDL, writes, reads; all client output appended to stdout (warnings included)
exercise() {
  local db=$1 s=$2
  # every function of the extension: SECURITY DEFINER ones as the first role allowed to call them (postgres,
  # service_role, an API user, else the superuser), the others as an API user when it may; arguments
  # generated from their types (uuid: a persona, tenant or user by parameter name)
  sq "$db" -c "\\o $VP_TMP/calls.sql" -c "
    WITH f AS (
      SELECT p.oid, p.prosecdef, p.pronargs, p.pronargdefaults,
             (SELECT string_agg(CASE WHEN t = 'uuid'::regtype THEN
                    format('(SELECT id FROM %I.%I ORDER BY id LIMIT 1)', '$s', CASE WHEN p.proargnames[o] ~ 'tenant' THEN 'tenants'
                           WHEN p.proargnames[o] ~ 'user' THEN 'users' ELSE 'personas' END)
                  ELSE CASE t::regtype::text
                  WHEN 'uuid[]' THEN format('ARRAY(SELECT id FROM %I.personas)', '$s')
                  WHEN 'regclass' THEN format('%L::regclass', '$s.personas')
                  WHEN 'boolean' THEN 'false' WHEN 'integer' THEN '1' WHEN 'bigint' THEN '1'
                  WHEN 'text' THEN '''viewer''' WHEN 'jsonb' THEN '''{}''::jsonb'
                  WHEN 'text[]' THEN format('ARRAY[%L]', 'persona_goals')
                  ELSE format('NULL::%s', t::regtype) END END, ', ' ORDER BY o)
              FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, o)) AS args
      FROM pg_proc p
      WHERE p.oid = ANY (ARRAY(SELECT pg_temp.vp_members('pg_proc')))
        AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype) AND p.prokind = 'f'
    )
    SELECT format(E'\\\\echo %s\\nSET ROLE %s; %s SELECT %s(%s);\\nRESET ROLE;', f.oid::regprocedure, r.role,
                  CASE WHEN r.role = 'authenticated' THEN format('SELECT pg_catalog.set_config(%L, %L, false);', 'request.jwt.claims',
                       (SELECT json_build_object('sub', m.user_id, 'role', 'authenticated')
                        FROM $s.tenant_members m ORDER BY m.role = 'owner' DESC LIMIT 1)) END,
                  f.oid::regproc, coalesce(f.args, ''))
    FROM f, LATERAL (SELECT x AS role FROM unnest(ARRAY['postgres', 'service_role', 'authenticated', 'supabase_admin']) WITH ORDINALITY u(x, o)
                     WHERE has_function_privilege(x, f.oid, 'EXECUTE') ORDER BY
                       CASE WHEN x = 'supabase_admin' THEN 9 WHEN f.prosecdef THEN o ELSE 4 - o END LIMIT 1) r
    ORDER BY f.prosecdef DESC, 1" >/dev/null
  # the writes: one row in every table (supabase_admin: a platform job), then an UPDATE of every row
  PGOPTIONS="$clean $trace_opts" psql -X -q -At -v SHOW_CONTEXT=always -d "$db" -f "$support/fill.sql" -c "SELECT pg_temp.vp_fill('all')" 2>&1 | sed 's/^/fill: /'
  sq "$db" -c "DO \$\$ DECLARE r record; BEGIN
      FOR r IN SELECT c.oid::regclass AS t, (SELECT attname FROM pg_attribute WHERE attrelid = c.oid AND attnum > 0
                 AND NOT attisdropped AND attgenerated = '' AND attidentity = '' ORDER BY attnum DESC LIMIT 1) AS col
               FROM pg_class c WHERE c.oid = ANY (ARRAY(SELECT pg_temp.vp_members('pg_class'))) AND c.relkind = 'r' LOOP
        BEGIN EXECUTE format('UPDATE %s SET %I = %I', r.t, r.col, r.col);
        EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'update %: %', r.t, SQLERRM; END;
      END LOOP; END \$\$" 2>&1 | grep -v '^NOTICE' | sed 's/^/update: /'
  # the calls (they need the rows), each as its role, errors tolerated: only decoys matter here
  as supabase_admin "$db" -v ON_ERROR_STOP=0 -f "$VP_TMP/calls.sql" 2>&1 | grep -E 'DECOY|FATAL|ERROR|CONTEXT|server closed' | sed 's/^/call: /'
  # reads through RLS as an API user (policies run), a summary refresh as a superuser with its own path
  local sub
  sub=$(sq "$db" -c "SELECT user_id FROM $s.tenant_members ORDER BY role = 'owner' DESC LIMIT 1")
  sq "$db" -c "SELECT format('SET ROLE authenticated; SELECT pg_catalog.set_config(''request.jwt.claims'', %L, false); SELECT pg_catalog.count(*) FROM %s; RESET ROLE;',
                 json_build_object('sub', '$sub', 'role', 'authenticated'), c.oid::regclass)
               FROM pg_class c WHERE c.oid = ANY (ARRAY(SELECT pg_temp.vp_members('pg_class'))) AND c.relkind IN ('r', 'v', 'm')" \
    >"$VP_TMP/reads.sql"
  as postgres "$db" -v ON_ERROR_STOP=0 -f "$VP_TMP/reads.sql" 2>&1 | grep -E 'DECOY|FATAL' | sed 's/^/read: /'
  as supabase_admin "$db" -v ON_ERROR_STOP=0 -c "REFRESH MATERIALIZED VIEW $s.persona_summary" 2>&1 | sed 's/^/refresh: /'
}

# ------------------------------------------------------------------ reference installs (no decoys) and traces
mkdb vp_ref5 vp_supa && as postgres vp_ref5 -c "SET client_min_messages = warning; $(ext_schema_sql vital) CREATE EXTENSION vital_persona SCHEMA vital" >/dev/null
mkdb vp_ref4 vp_supa && as postgres vp_ref4 -c "SET client_min_messages = warning; $(ext_schema_sql vital) CREATE EXTENSION vital_persona VERSION '4.0' SCHEMA vital" >/dev/null
# replay of the scripts outside CREATE EXTENSION (which forces client_min_messages/log_min_messages to WARNING),
# parse trees printed: DO blocks, dynamic SQL, SQL function bodies run or validated by the scripts
replay() {  # replay DB FILE...
  local db=$1; shift
  { echo "CREATE SCHEMA vital; SET search_path = vital, pg_temp; SET session_replication_role = replica;
          SET debug_print_parse = on; SET debug_pretty_print = off; SET client_min_messages = log;"
    for f in "$@"; do
      sed -e '1,3{/^\\echo/d}' -e 's/@extschema@/vital/g; s/@extowner@/postgres/g; s/MODULE_PATHNAME/$libdir\/vital_persona/g' "$f"
    done; } | psql -X -q -d "$db" >/dev/null 2>>"$VP_TMP/trace.log"
}
: >"$VP_TMP/trace.log"
# the scripts the server installs: frozen ones from sql/released/, the others as built in sql/
script() { if [[ -f sql/released/vital_persona--$1.sql ]]; then echo "sql/released/vital_persona--$1.sql"; else echo "sql/vital_persona--$1.sql"; fi; }
# the update path ALTER EXTENSION UPDATE takes from 4.0 to the default version (e.g. 4.0--5.0--5.1): its step scripts
update_path=$(psql -X -At -d postgres -c "SELECT path FROM pg_extension_update_paths('vital_persona')
                                           WHERE source = '4.0' AND target = '$VP_DEFAULT_VERSION'")
read -r -a path_versions <<<"${update_path//--/ }"
update_scripts=()
for ((i = 1; i < ${#path_versions[@]}; i++)); do update_scripts+=("$(script "${path_versions[i - 1]}--${path_versions[i]}")"); done
check "an update path from 4.0 to the default version $VP_DEFAULT_VERSION exists (${update_path:-none})" test ${#update_scripts[@]} -gt 0
script_args=()
for f in "$(script 4.0)" "$(script "$VP_DEFAULT_VERSION")" "${update_scripts[@]}"; do script_args+=(--script "$f"); done
mkdb vp_replay5 vp_supa && replay vp_replay5 "$(script "$VP_DEFAULT_VERSION")"
mkdb vp_replay45 vp_supa && replay vp_replay45 "$(script 4.0)" "${update_scripts[@]}"
trace_opts="-c debug_print_parse=on -c debug_pretty_print=off -c client_min_messages=log"
exercise vp_ref5 vital >>"$VP_TMP/trace.log" 2>&1
trace_opts=""
echo "# setup and reference installs: $SECONDS s"
check "reference install exercised (traced parse trees: $(grep -c '^DETAIL:  {' "$VP_TMP/trace.log"))" \
  test "$(sq vp_ref5 -c "SELECT count(*) > 0 FROM vital.personas")" = t

# ------------------------------------------------------------------ decoys, planted once in a template
python3 "$support/trust_decoys.py" --db vp_ref5 --tree-db vp_ref4 --trace "$VP_TMP/trace.log" \
  "${script_args[@]}" \
  --schemas vital,extensions,public,postgres >"$VP_TMP/decoys.sql" 2>"$VP_TMP/decoys.err"
# the extension's own function names, for unqualified calls of its own functions: planted per scenario in the
# schemas that are not the target (in the target they would only collide with the install)
for s in "${schemas[@]}"; do
  python3 "$support/trust_decoys.py" --db vp_ref5 --schemas "" \
    --own-schemas "$(printf '%s\n' vital extensions public postgres | grep -vx "$s" | paste -sd,)" >"$VP_TMP/own_$s.sql" 2>/dev/null
done
mkdb vp_decoy_tpl vp_supa
as postgres vp_decoy_tpl -c "CREATE SCHEMA vp_decoy; CREATE SEQUENCE vp_decoy.hits;
  GRANT USAGE ON SCHEMA vp_decoy TO PUBLIC; GRANT USAGE, SELECT, UPDATE ON SEQUENCE vp_decoy.hits TO PUBLIC;
  CREATE SCHEMA vital; CREATE SCHEMA postgres" >/dev/null
if [[ ${VP_TRUST_DECOYS:-1} == 0 ]]; then
  echo "# VP_TRUST_DECOYS=0: no decoys planted (debugging the rest of the test)"
elif as postgres vp_decoy_tpl -1 -f "$VP_TMP/decoys.sql" >/dev/null 2>"$VP_TMP/plant.err"; then
  ok "planted as postgres: $(cat "$VP_TMP/decoys.err")"
else
  not_ok "decoys could be planted"; diag <"$VP_TMP/plant.err"
fi
# the application's own objects, before any install: tables with a tenant_id (uuid, text, integer) by postgres and
# by an app role, with RLS (not forced), a policy, a trigger and grants
{ echo "CREATE SCHEMA vp_appfn; CREATE FUNCTION vp_appfn.touch() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS \$\$ BEGIN RETURN NEW; END \$\$;"
  # an IMMUTABLE function in an application policy: whoever constant-folds or evaluates stored policies runs it
  echo "CREATE FUNCTION vp_appfn.probe(integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS
        \$\$ BEGIN PERFORM pg_catalog.nextval('vp_decoy.hits'::pg_catalog.regclass);
        RAISE WARNING 'DECOY vp_appfn.probe (policy of an application table) ran as %', current_user; RETURN \$1; END \$\$;"
  echo "GRANT USAGE ON SCHEMA vp_appfn TO PUBLIC; GRANT USAGE, CREATE ON SCHEMA vital, extensions, public TO app_owner;"; } |
  as postgres vp_decoy_tpl >/dev/null 2>"$VP_TMP/app.err" || diag <"$VP_TMP/app.err"
for s in vital extensions public; do
  [[ ${VP_TRUST_APP:-1} == 0 ]] && break
  for who in postgres app_owner; do
    tag=${who%%_*}
    as "$who" vp_decoy_tpl >/dev/null <<SQL
SET search_path = pg_catalog, pg_temp;
CREATE TABLE $s.app_${tag}_uuid (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id uuid NOT NULL, note text);
CREATE TABLE $s.app_${tag}_text (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id text NOT NULL, note text);
CREATE TABLE $s.app_${tag}_int (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id integer NOT NULL, note text);
ALTER TABLE $s.app_${tag}_uuid ENABLE ROW LEVEL SECURITY;
CREATE POLICY app_read ON $s.app_${tag}_uuid FOR SELECT TO authenticated USING (note IS NOT NULL);
CREATE TRIGGER app_touch BEFORE INSERT ON $s.app_${tag}_text FOR EACH ROW EXECUTE FUNCTION vp_appfn.touch();
CREATE POLICY app_probe ON $s.app_${tag}_int FOR SELECT TO authenticated USING (vp_appfn.probe(1) IS NOT NULL);
GRANT SELECT ON $s.app_${tag}_int TO anon;
REVOKE ALL ON $s.app_${tag}_text FROM authenticated;
INSERT INTO $s.app_${tag}_uuid (tenant_id, note) VALUES ('00000000-0000-0000-0000-000000000001', 'x');
INSERT INTO $s.app_${tag}_text (tenant_id, note) VALUES ('t1', 'x');
INSERT INTO $s.app_${tag}_int (tenant_id, note) VALUES (1, 'x');
SQL
  done
done
# Control: the decoys are live. In a throwaway copy, an unqualified call of each kind the issue found (format,
# = on regclass, >= on numeric/integer, <@ on text[]) with only a decoy schema on the path must run the decoy --
# otherwise every "no decoy ran" below would prove nothing.
if [[ ${VP_TRUST_DECOYS:-1} != 0 ]]; then
  mkdb vp_control vp_decoy_tpl
  for s in vital extensions public postgres; do
    # (its deliberate decoy runs stay out of the server log, which the last check scans for every other session)
    as supabase_admin vp_control -c "SET log_min_messages = error" -c "SET search_path = $s" -c "SELECT format('%s', 'x'::text)" \
      -c "SELECT 'pg_class'::regclass = 'pg_class'::regclass" -c "SELECT 1.5::numeric >= 1" \
      -c "SELECT ARRAY['a']::text[] <@ ARRAY['a', 'b']::text[]" >/dev/null 2>>"$VP_TMP/control.log"
  done
  hits=$(sq vp_control -c "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM vp_decoy.hits")
  check "control: unqualified format(), =(regclass), >=(numeric, integer), <@(text[]) run the planted decoys in all 4 schemas ($hits runs)" \
    test "$hits" = 16 -a "$(grep -c 'WARNING:  DECOY' "$VP_TMP/control.log")" = 16
  dropdb vp_control >/dev/null 2>&1
fi
fp_schemas="ARRAY['vital', 'extensions', 'public', 'postgres']"
fingerprint() { sq "$1" -c "SELECT pg_temp.vp_fingerprint($fp_schemas)" >"$2"; }
same_fp() {  # same_fp DB BASEFILE WHAT
  fingerprint "$1" "$VP_TMP/fp_now.txt"
  if diff -u "$2" "$VP_TMP/fp_now.txt" >"$VP_TMP/fp.diff"; then
    ok "$3: every non-member object unchanged ($(wc -l <"$2") facts)"
  else
    not_ok "$3: every non-member object unchanged"; grep '^[-+][^-+]' "$VP_TMP/fp.diff" | head -n 20 | diag
  fi
}

# no_decoy NAME DB LOG WHAT: no decoy ran (the non-transactional counter, the WARNINGs in the client output)
no_decoy() {
  local hits
  hits=$(sq "$2" -c "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM vp_decoy.hits" 2>/dev/null)
  if [[ $hits == 0 ]] && ! grep -q 'WARNING:  DECOY' "$3"; then
    ok "$1: no decoy ran ($4)"
  else
    not_ok "$1: no decoy ran ($4): $hits runs"
    # each decoy with where it ran (the context line below the decoy's own), most frequent first
    awk '/WARNING:  DECOY/ { if (w != "") print w; w = substr($0, index($0, "DECOY")); st = 1; next }
         st == 1 && /CONTEXT:  / { st = 2; next }
         st == 2 { sub(/^[a-z]+: /, ""); print w "  <-  " substr($0, 1, 140); w = ""; st = 0; next }
         { if (w != "") print w; w = ""; st = 0 } END { if (w != "") print w }' "$3" |
      sort | uniq -c | sort -rn | head -n 40 | diag
  fi
}

# ------------------------------------------------------------------ the scenarios
for s in "${schemas[@]}"; do
  for path in "${paths[@]}"; do
    name="$s/$path"; db="vp_t_${s}_$path"; log="$VP_TMP/$db.log"; t0=$SECONDS
    mkdb "$db" vp_decoy_tpl || { not_ok "$name: database"; continue; }
    if [[ ${VP_TRUST_DECOYS:-1} != 0 ]] && ! as postgres "$db" -1 -f "$VP_TMP/own_$s.sql" >/dev/null 2>"$VP_TMP/err"; then
      not_ok "$name: decoys for the extension's own function names outside $s could be planted"; diag <"$VP_TMP/err"
    fi
    fingerprint "$db" "$VP_TMP/fp0.txt"
    # 1. install (and update) as postgres, with its own search_path ("$user", public, extensions)
    if [[ $path == fresh ]]; then steps=("CREATE EXTENSION vital_persona SCHEMA $s")
    else steps=("CREATE EXTENSION vital_persona VERSION '4.0' SCHEMA $s" "ALTER EXTENSION vital_persona UPDATE"); fi
    for st in "${steps[@]}"; do
      if as postgres "$db" -c "$st" >>"$log" 2>&1; then ok "$name: as postgres: $st"
      else not_ok "$name: as postgres: $st"; grep -v '^WARNING:  DECOY' "$log" | tail -n 5 | diag; break; fi
      same_fp "$db" "$VP_TMP/fp0.txt" "$name: after $st"
    done
    if [[ $(sq "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'vital_persona'") != "$VP_DEFAULT_VERSION" ]]; then
      no_decoy "$name" "$db" "$log" "install/update, which failed"; continue
    fi
    # 2. grants as installed
    sq "$db" -c "SELECT pg_temp.vp_grant_violations()" >"$VP_TMP/grants.txt" 2>&1
    for kind in definer-exec anon-exec table-priv selftest definer-path; do
      what=$(case $kind in definer-exec) echo "no SECURITY DEFINER function is executable by anon or authenticated" ;;
        definer-path) echo "every SECURITY DEFINER function pins search_path to pg_catalog, its schema, pg_temp (pg_temp last)" ;;
        anon-exec) echo "no function of the extension is executable by anon" ;;
        table-priv) echo "nobody but the owner holds TRIGGER, REFERENCES or TRUNCATE on a member table" ;;
        selftest) echo "no function running caller-supplied SQL (vital_selftest) is installed" ;; esac)
      if grep -q "^$kind " "$VP_TMP/grants.txt"; then
        not_ok "$name: $what"; grep "^$kind " "$VP_TMP/grants.txt" | head -n 12 | diag
      else ok "$name: $what"; fi
    done
    python3 "$support/trust_allowlist.py" docs/security.md "$db" >"$VP_TMP/allow.txt" 2>&1; rc=$?
    if [[ $rc == 2 ]]; then
      ok "$name: privileges equal the allowlist documented in docs/security.md # SKIP docs/security.md has no 'Privilege allowlist' section"
    elif [[ $rc == 0 && ! -s "$VP_TMP/allow.txt" ]]; then
      ok "$name: privileges of PUBLIC, anon, authenticated, service_role and the owner equal the allowlist documented in docs/security.md"
    else
      not_ok "$name: privileges equal the allowlist documented in docs/security.md ($(wc -l <"$VP_TMP/allow.txt") deviations)"
      head -n 15 "$VP_TMP/allow.txt" | diag
    fi
    # 3. everything that runs product code
    exercise "$db" "$s" >>"$log" 2>&1
    echo "# exercise: $(grep -c '^SET ROLE' "$VP_TMP/calls.sql") function calls ($(grep -c '^call: .*ERROR' "$log") failed), \
$(grep -c 'SELECT pg_catalog.count' "$VP_TMP/reads.sql") relations read as an API user, rows filled (vp_fill(all)): $(grep -oE '^fill: [0-9]+$' "$log" | tail -n 1 | cut -c7-)"
    if as postgres "$db" -c "SELECT $s.vital_rls_apply()" >>"$log" 2>&1; then ok "$name: vital_rls_apply() as postgres"
    else not_ok "$name: vital_rls_apply() as postgres"; tail -n 3 "$log" | diag; fi
    same_fp "$db" "$VP_TMP/fp0.txt" "$name: after exercise and vital_rls_apply()"
    # 4. the application can still create tables with a tenant_id of any type, untouched by event triggers
    created=()
    for ts in $(printf '%s\n' "$s" public | sort -u); do
      for who in postgres app_owner; do
        for ty in uuid text integer; do
          t="$ts.vp_new_${who%%_*}_$ty"
          if as "$who" "$db" -c "CREATE TABLE $t (id bigint PRIMARY KEY, tenant_id $ty NOT NULL)" >>"$log" 2>"$VP_TMP/err"; then
            created+=("$who|$t|$ty")
          else not_ok "$name: $who creates $t (tenant_id $ty)"; diag <"$VP_TMP/err"; fi
        done
      done
    done
    sq "$db" -c "SELECT c.oid::regclass || ' ' || format('rls=%s policies=%s triggers=%s owner=%s', c.relrowsecurity,
                   (SELECT count(*) FROM pg_policy WHERE polrelid = c.oid), (SELECT count(*) FROM pg_trigger WHERE tgrelid = c.oid),
                   c.relowner::regrole) FROM pg_class c WHERE c.relname ~ '^vp_new_' AND c.relkind = 'r'" >"$VP_TMP/new.txt"
    for c in "${created[@]}"; do
      IFS='|' read -r who t ty <<<"$c"
      got=$(grep "^$t " "$VP_TMP/new.txt" | cut -d' ' -f2-)
      check "$name: $who creates $t (tenant_id $ty), left alone ($got)" test "$got" = "rls=f policies=0 triggers=0 owner=$who"
    done
    # more DDL for the event triggers (ddl_command_end of ALTER, sql_drop), by each owner: the tables go away again
    : >"$VP_TMP/err"
    for who in postgres app_owner; do
      mine=$(grep -E "owner=$who\$" "$VP_TMP/new.txt" | cut -d' ' -f1)
      [[ -n $mine ]] || continue
      as "$who" "$db" -c "$(for t in $mine; do echo "ALTER TABLE $t ADD COLUMN note text;"; done)" \
         -c "DROP TABLE $(paste -sd, <<<"$mine")" >>"$log" 2>>"$VP_TMP/err"
    done
    if [[ ! -s "$VP_TMP/err" ]]; then ok "$name: postgres and app_owner alter and drop their new tables"
    else not_ok "$name: postgres and app_owner alter and drop their new tables"; diag <"$VP_TMP/err"; fi
    # 5. no decoy ran, none is bound
    no_decoy "$name" "$db" "$log" "install, update, every function, event triggers, writes, reads, refresh"
    sq "$db" -c "SELECT pg_temp.vp_foreign_bindings()" >"$VP_TMP/bind.txt" 2>&1
    if [[ -s "$VP_TMP/bind.txt" ]]; then
      not_ok "$name: no stored expression is bound to a function/operator outside pg_catalog and the extension"
      head -n 20 "$VP_TMP/bind.txt" | diag
    else ok "$name: no stored expression is bound to a function/operator outside pg_catalog and the extension"; fi
    # 6. DROP EXTENSION leaves the application's objects as they were (sections the exercise registered, if the
    #    extension has registration, are unregistered first: they are the application's tables)
    sq "$db" -c "DO \$\$ DECLARE t regclass; BEGIN
        IF to_regprocedure('$s._vital_managed_tables()') IS NOT NULL AND to_regprocedure('$s.vital_unregister_section(regclass)') IS NOT NULL THEN
          FOR t IN EXECUTE 'SELECT tbl FROM $s._vital_managed_tables() WHERE registered' LOOP
            EXECUTE format('SELECT $s.vital_unregister_section(%L)', t);
          END LOOP;
        END IF; END \$\$" >>"$log" 2>&1
    as postgres "$db" -c "DROP EXTENSION vital_persona" >>"$log" 2>&1 || { not_ok "$name: DROP EXTENSION"; tail -n 3 "$log" | diag; }
    same_fp "$db" "$VP_TMP/fp0.txt" "$name: after DROP EXTENSION"
    dropdb "$db" >/dev/null 2>&1
    echo "# $name: $((SECONDS - t0)) s"
  done
done
[[ -n ${VP_TRUST_KEEP:-} ]] && cp -r "$VP_TMP" "$VP_TRUST_KEEP"
# Every decoy run anywhere (any session, even one whose output was not captured) reaches the server log.
if grep -q 'WARNING:  DECOY' "$VP_SERVER_LOG"; then
  not_ok "server log: no decoy ran in any session"; grep -o 'DECOY .*' "$VP_SERVER_LOG" | sort | uniq -c | sort -rn | head -n 25 | diag
else ok "server log: no decoy ran in any session"; fi
finish
