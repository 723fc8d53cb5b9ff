# shellcheck shell=bash
# Shared setup and checks of the summary-counter concurrency tests (test/shell/summary_races.sh,
# test/shell/summary_concurrency.sh). Sourced after shell_lib.sh.

# summary_db NAME: sets db to a new database (newdb NAME, dropped at exit) with the extension installed; on
# failure a failing test line and exit.
summary_db() {
  if ! newdb "$1" >"$VP_TMP/db.name" || ! db=$(<"$VP_TMP/db.name") ||
     ! q "$db" -c "SET client_min_messages=warning; CREATE EXTENSION vital_persona" >/dev/null; then
    not_ok "install"; finish; exit 1
  fi
}

# summary_seed DB TENANT SLUG_PREFIX ROWS PERSONA...: the tenant (re-created: its old rows go) with these
# personas, every section filled with ROWS rows per persona (grandchildren ROWS per parent; fill.sql).
summary_seed() {
  local db=$1 t=$2 prefix=$3 rows=$4 ids; shift 4
  ids=$(printf "'%s'," "$@"); ids="ARRAY[${ids%,}]::uuid[]"
  q "$db" >/dev/null <<SQL
SET client_min_messages = warning;
DELETE FROM tenants WHERE id = '$t';
INSERT INTO tenants (id, name, slug) VALUES ('$t', '$prefix tenant', '$prefix-tenant');
INSERT INTO personas (id, tenant_id, name, slug)
SELECT p, '$t', 'P ' || right(p::text, 1), '$prefix-' || right(p::text, 1) FROM unnest($ids) p;
\i $VP_REPO/test/support/fill.sql
SELECT pg_temp.vp_fill('sections', $ids, $rows);
SQL
}

# summary_mismatches DB [PERSONA...]: every persona x section (all personas when none is named) whose count in
# vital_summary (owner: counter mode) differs from count(*) of the section, catalog-driven through
# _vital_summary_slots (grandchildren through their parent); prints nothing when all agree.
summary_mismatches() {
  local db=$1 only='' ids; shift
  if (($#)); then ids=$(printf "'%s'," "$@"); only="AND p.id = ANY (ARRAY[${ids%,}]::uuid[])"; fi
  q "$db" <<SQL
SELECT coalesce(string_agg(format('%s/%s: summary %s, count(*) %s', p.id, s.relname,
                                  vital_summary(p.id) -> 'sections' ->> s.relname, a.n), '; '), '')
  FROM personas p CROSS JOIN _vital_summary_slots s
  CROSS JOIN LATERAL (SELECT (xpath('/row/n/text()', query_to_xml(
        CASE WHEN s.parent IS NULL THEN format('SELECT count(*) AS n FROM %I WHERE %I = %L', s.relname, s.key_column, p.id)
             ELSE format('SELECT count(*) AS n FROM %I g JOIN %I pr ON pr.id = g.%I WHERE pr.persona_id = %L',
                         s.relname, s.parent, s.key_column, p.id) END, false, true, '')))[1]::text::bigint AS n) a
 WHERE (vital_summary(p.id) -> 'sections' ->> s.relname)::bigint IS DISTINCT FROM a.n $only
SQL
}

# deadlocks_in_log DB: how many deadlocks the server log has for this database so far (the log line prefix
# names the database, scripts/lib/cluster.sh: tests running beside this one do not count)
deadlocks_in_log() {
  grep -c " $1 ERROR:  deadlock detected" "${VP_SERVER_LOG:-/dev/null}" 2>/dev/null || true
}
