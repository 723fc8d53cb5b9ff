-- Feature (not schema section 71): maintenance of the per-persona section counters of vital_summary (tables in
-- sql/4.0/071_summary_counts.sql; design, lock order and proof in docs/summary.md, "Maintained counts" and
-- "Concurrency"). Rewritten in 5.1 (issue 12): every lookup of a parent or grandchild carries tenant_id, so the
-- (tenant_id, …) keys serve it (in 5.0 these were sequential scans, linear in the data); the per-statement guard is
-- a check of the trigger's own arguments instead of a PL/pgSQL call with a catalog join; the rebuild counts every
-- section in one pass. Every function is CREATE OR REPLACE, so this file runs on a fresh install and on top of 5.0
-- alike (sql/README.md).

-- Applies per-persona deltas (persona ids and their deltas, parallel arrays) to one slot, without ever waiting
-- for another writer: at READ COMMITTED added in place to one of the persona's rows that can be locked without
-- waiting (FOR UPDATE SKIP LOCKED), else appended; at REPEATABLE READ / SERIALIZABLE appended; a negative delta
-- for a persona that no longer exists is not written. C++ (src/summary/maintenance.cpp, where the statement and
-- the argument that each delta is applied exactly once are): kept plans, shared with the INSERT/DELETE trigger below.
-- Called by the SECURITY DEFINER triggers (EXECUTE revoked from PUBLIC; service_role may call it).
CREATE OR REPLACE FUNCTION @extschema@._vital_summary_fold(p_slot integer, p_ids uuid[], p_ns bigint[])
RETURNS void
LANGUAGE C VOLATILE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'vital_summary_fold';
REVOKE ALL ON FUNCTION @extschema@._vital_summary_fold(integer, uuid[], bigint[]) FROM PUBLIC;

-- Wraps a deltas query (persona_id uuid, n bigint) so that EXECUTE … INTO returns them as two parallel arrays for
-- _vital_summary_fold (the trigger must EXECUTE it itself: transition tables are visible only at its SPI level).
CREATE OR REPLACE FUNCTION @extschema@._vital_summary_deltas_sql(p_deltas text)
RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT 'SELECT pg_catalog.array_agg(x.persona_id), pg_catalog.array_agg(x.n::bigint) FROM ('
       OPERATOR(pg_catalog.||) p_deltas OPERATOR(pg_catalog.||) ') x'
$fn$;
REVOKE ALL ON FUNCTION @extschema@._vital_summary_deltas_sql(text) FROM PUBLIC;

-- Statement trigger on a section for UPDATE and TRUNCATE (INSERT and DELETE: _vital_summary_counts_rows() below, the
-- same deltas): TG_ARGV = slot, key column, parent table ('' for children).
-- Children: UPDATE new - old (rows whose key did not change cancel out); INSERT would be + new rows, DELETE - old.
-- Grandchildren are attributed through their parent's persona_id, under the lock protocol of docs/summary.md
-- ("Concurrency"): new rows (INSERT, UPDATE that re-parents) read their parents FOR SHARE, so a concurrent move of
-- the parent is either finished (and read) or waits for this transaction (and then sees the row); old rows (DELETE,
-- re-parenting UPDATE) read their parents without a lock (a mover waits for this row, a parent delete locks it
-- before counting), and rows whose parent is already gone were subtracted by the parent's row trigger below.
CREATE OR REPLACE FUNCTION @extschema@._vital_summary_counts_trg()
RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan   -- its static statements (the guard): plan once per session
AS $fn$
DECLARE
    v_slot   integer := TG_ARGV[0]::integer;
    v_key    text := pg_catalog.quote_ident(TG_ARGV[1]);
    v_parent text := TG_ARGV[2];
    v_new    text;
    v_old    text;
    v_ids    uuid[];
    v_ns     bigint[];
    g        record;
BEGIN
    -- Refuses to run for anything but a section of the extension with its own slot, key and parent: the function
    -- is SECURITY DEFINER and, although only the owner can attach it (EXECUTE is revoked from PUBLIC and CREATE
    -- TRIGGER requires it), it must not write counters on behalf of another table. (quote_ident: the install
    -- script substitutes the schema name quoted.)
    IF pg_catalog.quote_ident(TG_TABLE_SCHEMA) OPERATOR(pg_catalog.<>) '@extschema@'
       OR NOT EXISTS (SELECT FROM @extschema@._vital_summary_slots s
                       WHERE s.slot OPERATOR(pg_catalog.=) v_slot AND s.relname OPERATOR(pg_catalog.=) TG_TABLE_NAME::text
                         AND s.key_column OPERATOR(pg_catalog.=) TG_ARGV[1]
                         AND coalesce(s.parent, '') OPERATOR(pg_catalog.=) v_parent) THEN
        RAISE EXCEPTION 'vital_summary counter maintenance fired for %.%, which is not a section of the extension with slot %',
                        TG_TABLE_SCHEMA, TG_TABLE_NAME, v_slot
            USING ERRCODE = 'insufficient_privilege', HINT = 'Only the extension attaches these trigger functions.';
    END IF;
    IF TG_OP OPERATOR(pg_catalog.=) 'TRUNCATE' THEN
        -- writers of other sections update/append concurrently: wait for them (EXCLUSIVE blocks writers, not readers)
        LOCK TABLE @extschema@._vital_summary_counts IN EXCLUSIVE MODE;
        UPDATE @extschema@._vital_summary_counts SET counts[v_slot] = 0
         WHERE coalesce(counts[v_slot], 0) OPERATOR(pg_catalog.<>) 0;
        RETURN NULL;
    END IF;
    -- INSERT and DELETE are counted by _vital_summary_counts_rows() (C++, below); this function keeps UPDATE.
    -- Every path hands its per-persona deltas to _vital_summary_fold.
    IF TG_OP OPERATOR(pg_catalog.<>) 'UPDATE' THEN
        RAISE EXCEPTION 'vital_summary counter maintenance of updates and truncations fired for %.%, which is not one of them', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'trigger_protocol_violated',
                  DETAIL = pg_catalog.format('The trigger fired for %s.', TG_OP),
                  HINT = 'INSERT and DELETE triggers run the function _vital_summary_counts_rows, as _vital_summary_counts_install attaches them.';
    END IF;
    IF v_parent OPERATOR(pg_catalog.=) '' THEN
        v_new := pg_catalog.format('SELECT t.%s AS persona_id, pg_catalog.count(*) AS n FROM new_rows t GROUP BY 1', v_key);
        v_old := pg_catalog.format('SELECT t.%s AS persona_id, OPERATOR(pg_catalog.-) pg_catalog.count(*) AS n FROM old_rows t GROUP BY 1', v_key);
        EXECUTE @extschema@._vital_summary_deltas_sql(v_new OPERATOR(pg_catalog.||) ' UNION ALL ' OPERATOR(pg_catalog.||) v_old) INTO v_ids, v_ns;
        PERFORM @extschema@._vital_summary_fold(v_slot, v_ids, v_ns);
    ELSE
        -- new rows: parents locked FOR SHARE (in id order); old rows: parents read without a lock. Parents are
        -- looked up by their key (tenant_id, id): a grandchild's foreign key carries its parent's tenant_id.
        v_new := pg_catalog.format(
            'SELECT p.persona_id, pg_catalog.count(*) AS n FROM %1$s t'
            ' JOIN (SELECT q.tenant_id, q.id, q.persona_id FROM @extschema@.%2$I q'
            '        WHERE EXISTS (SELECT FROM %1$s k WHERE k.tenant_id OPERATOR(pg_catalog.=) q.tenant_id'
            '                                            AND k.%3$s OPERATOR(pg_catalog.=) q.id)'
            '        ORDER BY q.id FOR SHARE OF q) p'
            '   ON p.tenant_id OPERATOR(pg_catalog.=) t.tenant_id AND p.id OPERATOR(pg_catalog.=) t.%3$s GROUP BY 1',
            '%1$s', v_parent, v_key);
        v_old := pg_catalog.format(
            'SELECT p.persona_id, OPERATOR(pg_catalog.-) pg_catalog.count(*) AS n FROM %1$s t'
            ' JOIN @extschema@.%2$I p ON p.tenant_id OPERATOR(pg_catalog.=) t.tenant_id AND p.id OPERATOR(pg_catalog.=) t.%3$s'
            ' GROUP BY 1',
            '%1$s', v_parent, v_key);
        -- only rows whose parent changed (or whose id changed) count; an UPDATE that re-parents nothing
        -- reads and locks nothing but the transition tables
        EXECUTE @extschema@._vital_summary_deltas_sql(pg_catalog.format(v_new, pg_catalog.format(
                '(SELECT n.* FROM new_rows n WHERE NOT EXISTS (SELECT FROM old_rows o WHERE o.id OPERATOR(pg_catalog.=) n.id'
                ' AND o.%1$s OPERATOR(pg_catalog.=) n.%1$s))', v_key))
            OPERATOR(pg_catalog.||) ' UNION ALL ' OPERATOR(pg_catalog.||)
            pg_catalog.format(v_old, pg_catalog.format(
                '(SELECT o.* FROM old_rows o WHERE NOT EXISTS (SELECT FROM new_rows n WHERE n.id OPERATOR(pg_catalog.=) o.id'
                ' AND n.%1$s OPERATOR(pg_catalog.=) o.%1$s))', v_key))) INTO v_ids, v_ns;
        PERFORM @extschema@._vital_summary_fold(v_slot, v_ids, v_ns);
    END IF;
    -- a parent whose persona_id changed takes its grandchildren along; they are locked FOR SHARE, so a
    -- concurrent delete or re-parenting of one is either committed (and not counted) or waits for this move
    FOR g IN SELECT s.slot, s.relname, s.key_column FROM @extschema@._vital_summary_slots s
              WHERE s.parent OPERATOR(pg_catalog.=) TG_TABLE_NAME::text ORDER BY s.slot LOOP
        EXECUTE @extschema@._vital_summary_deltas_sql(pg_catalog.format(
            'WITH m AS (SELECT o.tenant_id, o.id, o.persona_id AS old_p, n.persona_id AS new_p'
            '             FROM old_rows o JOIN new_rows n ON n.id OPERATOR(pg_catalog.=) o.id'
            '            WHERE (n.persona_id OPERATOR(pg_catalog.=) o.persona_id) IS NOT TRUE),'
            ' gc AS (SELECT x.tenant_id, x.%2$I AS k FROM @extschema@.%1$I x'
            '         WHERE EXISTS (SELECT FROM m WHERE m.tenant_id OPERATOR(pg_catalog.=) x.tenant_id'
            '                                       AND m.id OPERATOR(pg_catalog.=) x.%2$I) FOR SHARE OF x)'
            ' SELECT m.old_p AS persona_id, OPERATOR(pg_catalog.-) pg_catalog.count(*) AS n'
            '   FROM m JOIN gc ON gc.tenant_id OPERATOR(pg_catalog.=) m.tenant_id AND gc.k OPERATOR(pg_catalog.=) m.id GROUP BY 1'
            ' UNION ALL'
            ' SELECT m.new_p, pg_catalog.count(*)'
            '   FROM m JOIN gc ON gc.tenant_id OPERATOR(pg_catalog.=) m.tenant_id AND gc.k OPERATOR(pg_catalog.=) m.id GROUP BY 1',
            g.relname, g.key_column)) INTO v_ids, v_ns;
        PERFORM @extschema@._vital_summary_fold(g.slot, v_ids, v_ns);
    END LOOP;
    RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION @extschema@._vital_summary_counts_trg() FROM PUBLIC;

-- Statement trigger for INSERT and DELETE on every section (TG_ARGV as above): the same deltas, the same lock
-- protocol and the same fold as _vital_summary_counts_trg, in C++ (src/summary/maintenance.cpp) — the one-row
-- INSERT of the API pays no PL/pgSQL entry, one GUC save/restore (search_path) and no planning (grandchildren:
-- one kept plan per parent table, parents looked up by (tenant_id, id), FOR SHARE in id order for new rows). It is
-- not SECURITY DEFINER: it runs its statements as the owner of _vital_summary_counts (as the RI triggers run their
-- checks as the table's owner), checks like the PL/pgSQL trigger that it fires on the section of its slot, key
-- and parent (42501), and runs nothing but its own fully qualified statements.
CREATE OR REPLACE FUNCTION @extschema@._vital_summary_counts_rows()
RETURNS trigger
LANGUAGE C VOLATILE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'vital_summary_counts_rows';
REVOKE ALL ON FUNCTION @extschema@._vital_summary_counts_rows() FROM PUBLIC;

-- Row trigger on a parent section (AFTER DELETE, named to sort before the RI cascade triggers "RI_Constraint…",
-- so it fires for each deleted parent row while its grandchildren still exist): locks them FOR UPDATE (the rows
-- the cascade will delete: a concurrent direct delete of one is waited for and then not counted, since that
-- transaction subtracted it itself) and subtracts them. The cascade's own delete trigger then finds no parent
-- for them and skips them.
-- When the parent goes with its persona (a cascade from personas or tenants), the persona's counter rows were
-- already deleted by the personas statement trigger: it fires in an earlier round of AFTER events than this row
-- trigger (events queued by a cascade run after the events of the statement that queued them), i.e. before the
-- FOR UPDATE below waited for the concurrent deleters of these grandchildren. Such a deleter holds nothing but its
-- grandchild row, read the parent and the persona under a snapshot that still had them, and may have appended a
-- delta for the persona that the personas trigger's DELETE did not see (uncommitted) or could not update (the
-- persona's rows were locked by that DELETE). Once they are waited for, the persona's rows are deleted again
-- (test/shell/summary_races.sh, scenarios 8 and 9).
CREATE OR REPLACE FUNCTION @extschema@._vital_summary_parent_del()
RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    g record;
    n bigint;
BEGIN
    IF pg_catalog.quote_ident(TG_TABLE_SCHEMA) OPERATOR(pg_catalog.<>) '@extschema@'
       OR NOT EXISTS (SELECT FROM @extschema@._vital_summary_slots s WHERE s.parent OPERATOR(pg_catalog.=) TG_TABLE_NAME::text) THEN
        RAISE EXCEPTION 'vital_summary counter maintenance fired for %.%, which is not a parent section of the extension',
                        TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege', HINT = 'Only the extension attaches these trigger functions.';
    END IF;
    FOR g IN SELECT s.slot, s.relname, s.key_column FROM @extschema@._vital_summary_slots s
              WHERE s.parent OPERATOR(pg_catalog.=) TG_TABLE_NAME::text ORDER BY s.slot LOOP
        EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM (SELECT FROM @extschema@.%I x'
                                  ' WHERE x.tenant_id OPERATOR(pg_catalog.=) $1 AND x.%I OPERATOR(pg_catalog.=) $2'
                                  ' FOR UPDATE) l', g.relname, g.key_column)
           INTO n USING OLD.tenant_id, OLD.id;
        IF n OPERATOR(pg_catalog.>) 0 THEN
            PERFORM @extschema@._vital_summary_fold(g.slot, ARRAY[OLD.persona_id], ARRAY[OPERATOR(pg_catalog.-) n]);
        END IF;
    END LOOP;
    -- the persona is gone only when this transaction deleted it (the foreign key keeps it while the parent exists;
    -- another deleter's cascade would have deleted this parent): its counter rows again, under a new snapshot
    IF (SELECT true FROM @extschema@.personas p WHERE p.id OPERATOR(pg_catalog.=) OLD.persona_id LIMIT 1) IS NULL THEN
        DELETE FROM @extschema@._vital_summary_counts c WHERE c.persona_id OPERATOR(pg_catalog.=) OLD.persona_id;
    END IF;
    RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION @extschema@._vital_summary_parent_del() FROM PUBLIC;

-- personas: a deleted persona's counter rows go (its children's cascades ran before this statement trigger; its
-- grandchildren's run after it, so _vital_summary_parent_del deletes them again once it has waited for their
-- writers); TRUNCATE personas (CASCADE) empties the table.
CREATE OR REPLACE FUNCTION @extschema@._vital_summary_personas_trg()
RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_RELID OPERATOR(pg_catalog.<>) '@extschema@.personas'::regclass THEN
        RAISE EXCEPTION 'vital_summary counter maintenance fired for %.%, which is not the extension''s personas table',
                        TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege', HINT = 'Only the extension attaches these trigger functions.';
    END IF;
    IF TG_OP OPERATOR(pg_catalog.=) 'TRUNCATE' THEN
        DELETE FROM @extschema@._vital_summary_counts;
    ELSE
        DELETE FROM @extschema@._vital_summary_counts c USING old_rows o WHERE c.persona_id OPERATOR(pg_catalog.=) o.id;
    END IF;
    RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION @extschema@._vital_summary_personas_trg() FROM PUBLIC;

-- The (persona, slot, count) that the section tables say, one query per slot (catalog-driven through the slots).
CREATE OR REPLACE FUNCTION @extschema@._vital_summary_actual_sql(p_slot integer)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT pg_catalog.format(
    CASE WHEN s.parent IS NULL
         THEN 'SELECT t.%2$I AS persona_id, pg_catalog.count(*) AS n FROM @extschema@.%1$I t'
              ' WHERE t.%2$I IS NOT NULL GROUP BY 1'
         ELSE 'SELECT p.persona_id, pg_catalog.count(*) AS n FROM @extschema@.%1$I t'
              ' JOIN @extschema@.%3$I p ON p.tenant_id OPERATOR(pg_catalog.=) t.tenant_id'
              ' AND p.id OPERATOR(pg_catalog.=) t.%2$I GROUP BY 1' END,
    s.relname, s.key_column, s.parent)
FROM @extschema@._vital_summary_slots s WHERE s.slot OPERATOR(pg_catalog.=) p_slot
$fn$;
REVOKE ALL ON FUNCTION @extschema@._vital_summary_actual_sql(integer) FROM PUBLIC;

-- Recomputes every counter from the section tables (after session_replication_role = replica loads, disabled
-- triggers, or a drift reported by vital_summary_check_counts). Owner / service_role only. SECURITY INVOKER: the
-- caller needs the privileges it writes with (service_role has them on every table and bypasses RLS).
CREATE OR REPLACE FUNCTION @extschema@.vital_summary_rebuild_counts()
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_union text;
    v_slots integer;
    n bigint;
BEGIN
    -- EXCLUSIVE: writers (which append under ROW EXCLUSIVE) wait until the rebuild commits; readers do not.
    -- At READ COMMITTED every statement below sees all writes committed before the lock was granted.
    LOCK TABLE @extschema@._vital_summary_counts IN EXCLUSIVE MODE;
    IF pg_catalog.current_setting('transaction_isolation') OPERATOR(pg_catalog.<>) 'read committed' THEN
        RAISE EXCEPTION 'vital_summary_rebuild_counts() must run at READ COMMITTED'
            USING ERRCODE = 'invalid_transaction_state',
                  DETAIL = 'A transaction snapshot taken before the lock would miss writes committed in between.';
    END IF;
    DELETE FROM @extschema@._vital_summary_counts;
    -- One pass over every section (one aggregate each), then one row per persona with every slot: the 5.0 rebuild
    -- folded section by section into each persona's row (a row version per section and persona: hours at 100k).
    SELECT pg_catalog.string_agg(pg_catalog.format('SELECT a.persona_id, %s AS slot, a.n FROM (%s) a', x.slot,
                                                   @extschema@._vital_summary_actual_sql(x.slot)), ' UNION ALL ' ORDER BY x.slot),
           pg_catalog.max(x.slot)
      INTO v_union, v_slots FROM @extschema@._vital_summary_slots x;
    IF v_union IS NULL THEN
        RETURN 0;
    END IF;
    EXECUTE pg_catalog.format(
        'WITH u AS MATERIALIZED (%s)'
        ' INSERT INTO @extschema@._vital_summary_counts (persona_id, counts)'
        ' SELECT g.persona_id, pg_catalog.array_agg(coalesce(u.n, 0)::integer ORDER BY g.slot)'
        '   FROM (SELECT p.persona_id, s.slot FROM (SELECT DISTINCT u.persona_id FROM u) p'
        '          CROSS JOIN pg_catalog.generate_series(1, %s) s(slot)) g'
        '   LEFT JOIN u ON u.persona_id OPERATOR(pg_catalog.=) g.persona_id AND u.slot OPERATOR(pg_catalog.=) g.slot'
        '  GROUP BY g.persona_id ORDER BY g.persona_id',
        v_union, v_slots);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$fn$;
COMMENT ON FUNCTION @extschema@.vital_summary_rebuild_counts() IS
    'Recomputes the per-persona section counters vital_summary reads (after loads with session_replication_role = replica, disabled triggers, or drift reported by vital_summary_check_counts()). Returns the number of personas with rows.';
REVOKE ALL ON FUNCTION @extschema@.vital_summary_rebuild_counts() FROM PUBLIC;

-- Drift detection: every (persona, section) whose maintained count differs from a count(*) of the section (all
-- rows, grandchildren through their parent), and counter rows of personas that no longer exist (section
-- '(orphan)'). One statement per section, so each comparison is made under one snapshot (exact while writers
-- run). Cost: one scan of every section and of the counters (a nightly job). SECURITY INVOKER, service_role.
CREATE OR REPLACE FUNCTION @extschema@.vital_summary_check_counts()
RETURNS TABLE (persona_id uuid, section text, kept bigint, actual bigint)
LANGUAGE plpgsql STABLE SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    s record;
BEGIN
    FOR s IN SELECT x.slot, x.relname FROM @extschema@._vital_summary_slots x ORDER BY x.slot LOOP
        RETURN QUERY EXECUTE pg_catalog.format(
            'WITH a AS (%1$s),'
            ' k AS (SELECT c.persona_id, pg_catalog.sum(coalesce(c.counts[%2$s], 0)) AS n'
            '         FROM @extschema@._vital_summary_counts c GROUP BY 1)'
            ' SELECT coalesce(a.persona_id, k.persona_id), %3$L::text,'
            '        coalesce(k.n, 0)::bigint, coalesce(a.n, 0)::bigint'
            '   FROM a FULL JOIN k ON k.persona_id OPERATOR(pg_catalog.=) a.persona_id'
            '  WHERE coalesce(a.n, 0) OPERATOR(pg_catalog.<>) coalesce(k.n, 0)'
            '  ORDER BY 1',
            @extschema@._vital_summary_actual_sql(s.slot), s.slot, s.relname);
    END LOOP;
    RETURN QUERY
        SELECT DISTINCT c.persona_id, '(orphan)'::text, NULL::bigint, NULL::bigint
          FROM @extschema@._vital_summary_counts c
         WHERE NOT EXISTS (SELECT FROM @extschema@.personas p WHERE p.id OPERATOR(pg_catalog.=) c.persona_id)
         ORDER BY 1;
END
$fn$;
COMMENT ON FUNCTION @extschema@.vital_summary_check_counts() IS
    'Drift report: (persona, section) pairs whose maintained count differs from count(*) of the section, plus counter rows of deleted personas (section ''(orphan)''). Empty = exact. Repair: vital_summary_rebuild_counts().';
REVOKE ALL ON FUNCTION @extschema@.vital_summary_check_counts() FROM PUBLIC;

-- Folds every persona's delta rows into one (rows appended at REPEATABLE READ / SERIALIZABLE, or while all rows of
-- the persona were locked by other writers). Deletes only what it could lock and inserts the sum of what it actually
-- deleted (RETURNING), so it never counts a row twice or loses one. Never waits for a writer:
-- rows and personas locked by others are skipped (the next run takes them). Returns the rows removed.
CREATE OR REPLACE FUNCTION @extschema@.vital_summary_compact_counts()
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    n bigint;
BEGIN
    IF pg_catalog.current_setting('transaction_isolation') OPERATOR(pg_catalog.<>) 'read committed' THEN
        RAISE EXCEPTION 'vital_summary_compact_counts() must run at READ COMMITTED'
            USING ERRCODE = 'invalid_transaction_state';
    END IF;
    -- the persona is locked FOR KEY SHARE (SKIP LOCKED) so that a concurrent persona delete, which removes the
    -- persona's counter rows, cannot miss the folded row inserted here
    WITH p AS (
        SELECT q.id FROM @extschema@.personas q
         WHERE q.id OPERATOR(pg_catalog.=) ANY (ARRAY(
                   SELECT c.persona_id FROM @extschema@._vital_summary_counts c GROUP BY 1
                   HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 1))
         FOR KEY SHARE SKIP LOCKED),
    o AS (
        DELETE FROM @extschema@._vital_summary_counts c
         WHERE c.ctid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT x.ctid FROM @extschema@._vital_summary_counts x
                    WHERE x.persona_id OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT p.id FROM p))
                    FOR UPDATE SKIP LOCKED))
        RETURNING c.persona_id, c.counts),
    i AS (
        INSERT INTO @extschema@._vital_summary_counts (persona_id, counts)
        SELECT f.persona_id, pg_catalog.array_agg(f.v ORDER BY f.i) FROM (
            SELECT o.persona_id, e.i, pg_catalog.sum(coalesce(e.v, 0))::integer AS v
              FROM o CROSS JOIN LATERAL pg_catalog.unnest(o.counts) WITH ORDINALITY e(v, i) GROUP BY 1, 2) f
         GROUP BY 1 ORDER BY 1
        RETURNING 1)
    SELECT pg_catalog.int8mi((SELECT pg_catalog.count(*) FROM o), (SELECT pg_catalog.count(*) FROM i)) INTO n;
    RETURN n;
END
$fn$;
COMMENT ON FUNCTION @extschema@.vital_summary_compact_counts() IS
    'Folds the per-persona delta rows of the summary counters into one row per persona (never waits for writers; run at READ COMMITTED, e.g. nightly with vital_summary_check_counts()). Returns the rows removed.';
REVOKE ALL ON FUNCTION @extschema@.vital_summary_compact_counts() FROM PUBLIC;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'service_role') THEN
        GRANT EXECUTE ON FUNCTION @extschema@.vital_summary_rebuild_counts(), @extschema@.vital_summary_check_counts(),
                                  @extschema@.vital_summary_compact_counts() TO service_role;
        -- helpers of the rebuild and the drift report (SECURITY INVOKER: service_role writes with its own privileges)
        GRANT EXECUTE ON FUNCTION @extschema@._vital_summary_fold(integer, uuid[], bigint[]),
                                  @extschema@._vital_summary_deltas_sql(text),
                                  @extschema@._vital_summary_actual_sql(integer) TO service_role;
    END IF;
END $$;

-- Discovers the sections exactly as vital_summary's registry does (member tables in the extension schema with
-- a foreign key to personas; tables with a foreign key to such a child), assigns missing slots, (re)creates the
-- triggers and rebuilds the counters when a slot was added. Run by sql/finalize/65_summary_counts.sql.
CREATE OR REPLACE FUNCTION @extschema@._vital_summary_counts_install()
RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_schema oid := '@extschema@'::regnamespace;
    v_ext oid := (SELECT oid FROM pg_extension WHERE extname OPERATOR(pg_catalog.=) 'vital_persona');
    v_personas oid := pg_catalog.to_regclass('@extschema@.personas');
    v_added integer := 0;
    v_sections text[] := '{}';   -- flattened (relname, key_column, parent, slot) quadruples
    v_citus boolean := false;
    s record;
BEGIN
    -- children: FK (…, <key>) -> personas (…, id); grandchildren: FK to a child, not a child themselves.
    -- New slots: children before grandchildren (the FK on parent), each in name order.
    FOR s IN
        WITH fk AS (
            SELECT c.relname::text AS relname, con.confrelid, a.attname::text AS key_column
              FROM pg_constraint con
              JOIN pg_class c ON c.oid OPERATOR(pg_catalog.=) con.conrelid AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p'])
              CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(con.conkey), pg_catalog.unnest(con.confkey)) u(a, b)
              JOIN pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) con.conrelid AND a.attnum OPERATOR(pg_catalog.=) u.a
              JOIN pg_attribute r ON r.attrelid OPERATOR(pg_catalog.=) con.confrelid AND r.attnum OPERATOR(pg_catalog.=) u.b
             WHERE con.contype OPERATOR(pg_catalog.=) 'f' AND c.relnamespace OPERATOR(pg_catalog.=) v_schema AND con.conrelid OPERATOR(pg_catalog.<>) con.confrelid
               AND r.attname OPERATOR(pg_catalog.=) 'id' AND a.atttypid OPERATOR(pg_catalog.=) 'uuid'::regtype
               AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid OPERATOR(pg_catalog.=) 'pg_class'::regclass AND d.objid OPERATOR(pg_catalog.=) c.oid
                             AND d.deptype OPERATOR(pg_catalog.=) 'e' AND d.refclassid OPERATOR(pg_catalog.=) 'pg_extension'::regclass AND d.refobjid OPERATOR(pg_catalog.=) v_ext)
        ), children AS (
            SELECT DISTINCT ON (relname) relname, key_column FROM fk WHERE confrelid OPERATOR(pg_catalog.=) v_personas ORDER BY relname, key_column
        ), sections AS (
            SELECT relname, key_column, NULL::text AS parent FROM children
            UNION ALL
            SELECT * FROM (
                SELECT DISTINCT ON (f.relname) f.relname, f.key_column, pc.relname::text
                  FROM fk f JOIN pg_class pc ON pc.oid OPERATOR(pg_catalog.=) f.confrelid JOIN children ch ON ch.relname OPERATOR(pg_catalog.=) pc.relname
                 WHERE f.relname OPERATOR(pg_catalog.<>) ALL (SELECT relname FROM children)
                 ORDER BY 1, 2) g
        )
        SELECT v.*, pg_catalog.row_number() OVER (ORDER BY v.parent IS NOT NULL, v.relname) AS slot,
               NOT EXISTS (SELECT FROM @extschema@._vital_summary_slots x
                            WHERE x.relname OPERATOR(pg_catalog.=) v.relname AND x.key_column OPERATOR(pg_catalog.=) v.key_column
                              AND ARRAY[x.parent] OPERATOR(pg_catalog.=) ARRAY[v.parent]) AS is_new
          FROM sections v ORDER BY slot
    LOOP
        v_sections := v_sections OPERATOR(pg_catalog.||) ARRAY[s.relname, s.key_column, s.parent, s.slot::text];
        v_added := v_added OPERATOR(pg_catalog.+) s.is_new::int;
    END LOOP;
    -- Slots are canonical (children, then grandchildren, each by name), so an updated installation has the
    -- same slots and triggers as a fresh one. When the set of sections changed, renumber and rebuild.
    IF v_added OPERATOR(pg_catalog.>) 0 OR (SELECT pg_catalog.count(*) FROM @extschema@._vital_summary_slots) OPERATOR(pg_catalog.<>) (coalesce(pg_catalog.array_length(v_sections, 1), 0) OPERATOR(pg_catalog./) 4) THEN
        v_added := greatest(v_added, 1);
        DELETE FROM @extschema@._vital_summary_slots WHERE parent IS NOT NULL;
        DELETE FROM @extschema@._vital_summary_slots;
        INSERT INTO @extschema@._vital_summary_slots (slot, relname, key_column, parent)
        SELECT v_sections[i OPERATOR(pg_catalog.+) 3]::int, v_sections[i], v_sections[i OPERATOR(pg_catalog.+) 1], v_sections[i OPERATOR(pg_catalog.+) 2]
          FROM pg_catalog.generate_series(1, coalesce(pg_catalog.array_length(v_sections, 1), 0), 4) i
         ORDER BY v_sections[i OPERATOR(pg_catalog.+) 2] IS NOT NULL, 1;
    END IF;

    -- Citus (docs/citus.md): once personas is a Citus table the counters are not maintained (their row is keyed by
    -- persona alone and cannot live on the tenant's shards; vital_summary counts through SQL there), so no
    -- triggers and no backfill. (Dynamic SQL: pg_dist_partition exists only with Citus.)
    IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
        EXECUTE 'SELECT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
                                 WHERE p.logicalrelid OPERATOR(pg_catalog.=) $1::pg_catalog.regclass)'
           INTO v_citus USING v_personas;
        IF v_citus THEN
            RETURN v_added;
        END IF;
    END IF;

    FOR s IN SELECT x.slot, x.relname, x.key_column, x.parent,
                    EXISTS (SELECT FROM @extschema@._vital_summary_slots g WHERE g.parent OPERATOR(pg_catalog.=) x.relname) AS is_parent
               FROM @extschema@._vital_summary_slots x
              WHERE pg_catalog.to_regclass(pg_catalog.format('@extschema@.%I', x.relname)) IS NOT NULL ORDER BY x.slot LOOP
        -- INSERT / DELETE: the C++ trigger; UPDATE and TRUNCATE: PL/pgSQL
        EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER vital_summary_counts_ins AFTER INSERT ON @extschema@.%I '
                       'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION @extschema@._vital_summary_counts_rows(%s, %L, %L)',
                       s.relname, s.slot, s.key_column, coalesce(s.parent, ''));
        EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER vital_summary_counts_del AFTER DELETE ON @extschema@.%I '
                       'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION @extschema@._vital_summary_counts_rows(%s, %L, %L)',
                       s.relname, s.slot, s.key_column, coalesce(s.parent, ''));
        EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER vital_summary_counts_upd AFTER UPDATE ON @extschema@.%I '
                       'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION @extschema@._vital_summary_counts_trg(%s, %L, %L)',
                       s.relname, s.slot, s.key_column, coalesce(s.parent, ''));
        EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER vital_summary_counts_trunc AFTER TRUNCATE ON @extschema@.%I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._vital_summary_counts_trg(%s, %L, %L)',
                       s.relname, s.slot, s.key_column, coalesce(s.parent, ''));
        IF s.is_parent THEN
            -- "A…" sorts before "RI_ConstraintTrigger_…": fires before the cascade to the grandchildren
            EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER "A_vital_summary_counts_parent_del" AFTER DELETE ON @extschema@.%I '
                           'FOR EACH ROW EXECUTE FUNCTION @extschema@._vital_summary_parent_del()', s.relname);
        END IF;
    END LOOP;
    CREATE OR REPLACE TRIGGER vital_summary_counts_del AFTER DELETE ON @extschema@.personas
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._vital_summary_personas_trg();
    CREATE OR REPLACE TRIGGER vital_summary_counts_trunc AFTER TRUNCATE ON @extschema@.personas
        FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._vital_summary_personas_trg();

    IF v_added OPERATOR(pg_catalog.>) 0 THEN
        PERFORM @extschema@.vital_summary_rebuild_counts();   -- backfill (4.0 -> 5.0 adds sections)
    END IF;
    RETURN v_added;
END
$fn$;
REVOKE ALL ON FUNCTION @extschema@._vital_summary_counts_install() FROM PUBLIC;
