-- Section 71: per-persona section counters for vital_summary (docs/summary.md, "Maintained counts").
-- vital_summary reads one row of _vital_summary_counts instead of counting every section per call. The rows are
-- derived data: maintained by statement-level triggers with transition tables on every section table (created by
-- sql/finalize/65_summary_counts.sql, which also backfills), never dumped (rebuilt by the triggers while a dump is
-- restored), and rebuilt from scratch by vital_summary_rebuild_counts().
-- Not readable by API roles: no grants to anon/authenticated, and RLS enabled and forced without any policy (the
-- RLS generator treats a table without tenant_id that is no lookup exactly so; the maintenance triggers run as
-- SECURITY DEFINER as the owner, who must bypass RLS, as for the extension's other maintenance triggers). vital_summary
-- reads the row in C++ only after the caller's RLS probe of the persona succeeded, and only for sections whose
-- count provably equals what the caller may see.

-- Stable slot of each section in the counts array (assigned once, appended by later versions).
CREATE TABLE @extschema@._vital_summary_slots (
    slot        integer PRIMARY KEY CHECK (slot OPERATOR(pg_catalog.>=) 1),
    relname     text NOT NULL UNIQUE,
    key_column  text NOT NULL,   -- persona_id, or the parent-id column of a grandchild
    parent      text,            -- grandchild: the child table it hangs off
    CONSTRAINT fk_parent FOREIGN KEY (parent) REFERENCES @extschema@._vital_summary_slots (relname)
);
COMMENT ON TABLE @extschema@._vital_summary_slots IS
    'Internal: slot of each vital_summary section in _vital_summary_counts.counts.';

CREATE TABLE @extschema@._vital_summary_counts (
    persona_id  uuid PRIMARY KEY,
    counts      integer[] NOT NULL DEFAULT '{}'   -- counts[slot]; NULL or missing element = 0
);
COMMENT ON TABLE @extschema@._vital_summary_counts IS
    'Internal, derived: rows per section per persona (all tenants, RLS ignored), maintained by triggers; read only by vital_summary. Not dumped; rebuild: vital_summary_rebuild_counts().';

ALTER TABLE @extschema@._vital_summary_slots ENABLE ROW LEVEL SECURITY;
ALTER TABLE @extschema@._vital_summary_counts ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON @extschema@._vital_summary_slots FROM PUBLIC;
REVOKE ALL ON @extschema@._vital_summary_counts FROM PUBLIC;

-- SQL applying per-persona deltas from a query returning (persona_id uuid, n bigint) to one slot. Rows are locked
-- in persona_id order (no deadlock between statements touching overlapping personas). A negative delta never
-- creates a row: the persona may already be gone (cascade from personas or tenants). Returned as text because
-- the trigger must EXECUTE it itself: transition tables are visible only in the trigger function's own SPI level.
CREATE FUNCTION @extschema@._vital_summary_apply_sql(p_slot integer, p_deltas text)
RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT pg_catalog.format(
    'INSERT INTO @extschema@._vital_summary_counts AS c (persona_id, counts) '
    'SELECT d.persona_id, pg_catalog.array_fill(0, ARRAY[%1$s OPERATOR(pg_catalog.-) 1]) OPERATOR(pg_catalog.||) d.n::integer '
    '  FROM (SELECT persona_id, pg_catalog.sum(n) AS n FROM (%2$s) x WHERE persona_id IS NOT NULL GROUP BY 1) d '
    ' WHERE d.n OPERATOR(pg_catalog.>) 0 OR (d.n OPERATOR(pg_catalog.<) 0 AND EXISTS (SELECT FROM @extschema@._vital_summary_counts e WHERE e.persona_id OPERATOR(pg_catalog.=) d.persona_id)) '
    ' ORDER BY d.persona_id '
    'ON CONFLICT (persona_id) DO UPDATE SET counts[%1$s] = coalesce(c.counts[%1$s], 0) OPERATOR(pg_catalog.+) excluded.counts[%1$s]',
    p_slot, p_deltas)
$fn$;
REVOKE ALL ON FUNCTION @extschema@._vital_summary_apply_sql(integer, text) FROM PUBLIC;

-- Statement trigger on a section: TG_ARGV = slot, key column, parent table ('' for children).
-- INSERT: + new rows; DELETE: - old rows; UPDATE (of the key or tenant_id): - old + new. Grandchildren are
-- attributed through their parent's persona_id; a grandchild whose parent is already gone (cascade from the
-- parent) is skipped: the parent's row trigger below has subtracted it before the cascade ran.
CREATE FUNCTION @extschema@._vital_summary_counts_trg()
RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_slot   integer := TG_ARGV[0]::integer;
    v_key    text := pg_catalog.quote_ident(TG_ARGV[1]);
    v_parent text := TG_ARGV[2];
    v_from   text;
    v_new    text;
    v_old    text;
    g        record;
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'TRUNCATE' THEN
        UPDATE @extschema@._vital_summary_counts SET counts[v_slot] = 0 WHERE coalesce(counts[v_slot], 0) OPERATOR(pg_catalog.<>) 0;
        RETURN NULL;
    END IF;
    -- Fast path for the common case, a child keyed by persona_id: static SQL, so PL/pgSQL plans it once per
    -- table (compiled per trigger relation) instead of building and planning a statement on every INSERT or
    -- DELETE; the same statement as _vital_summary_apply_sql() builds.
    IF v_parent OPERATOR(pg_catalog.=) '' AND TG_ARGV[1] OPERATOR(pg_catalog.=) 'persona_id' AND TG_OP OPERATOR(pg_catalog.=) ANY (ARRAY['INSERT', 'DELETE']) THEN
        IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
            INSERT INTO @extschema@._vital_summary_counts AS c (persona_id, counts)
            SELECT d.persona_id, pg_catalog.array_fill(0, ARRAY[v_slot OPERATOR(pg_catalog.-) 1]) OPERATOR(pg_catalog.||) d.n::integer
              FROM (SELECT t.persona_id, pg_catalog.count(*) AS n FROM new_rows t
                     WHERE t.persona_id IS NOT NULL GROUP BY 1) d
             ORDER BY d.persona_id
            ON CONFLICT (persona_id) DO UPDATE SET counts[v_slot] = coalesce(c.counts[v_slot], 0) OPERATOR(pg_catalog.+) excluded.counts[v_slot];
        ELSE
            INSERT INTO @extschema@._vital_summary_counts AS c (persona_id, counts)
            SELECT d.persona_id, pg_catalog.array_fill(0, ARRAY[v_slot OPERATOR(pg_catalog.-) 1]) OPERATOR(pg_catalog.||) d.n::integer
              FROM (SELECT t.persona_id, OPERATOR(pg_catalog.-)pg_catalog.count(*) AS n FROM old_rows t
                     WHERE t.persona_id IS NOT NULL GROUP BY 1) d
             WHERE EXISTS (SELECT FROM @extschema@._vital_summary_counts e WHERE e.persona_id OPERATOR(pg_catalog.=) d.persona_id)
             ORDER BY d.persona_id
            ON CONFLICT (persona_id) DO UPDATE SET counts[v_slot] = coalesce(c.counts[v_slot], 0) OPERATOR(pg_catalog.+) excluded.counts[v_slot];
        END IF;
        RETURN NULL;
    END IF;
    IF v_parent OPERATOR(pg_catalog.=) '' THEN
        v_new := pg_catalog.format('SELECT t.%s AS persona_id, pg_catalog.count(*) AS n FROM new_rows t GROUP BY 1', v_key);
        v_old := pg_catalog.format('SELECT t.%s AS persona_id, OPERATOR(pg_catalog.-) pg_catalog.count(*) AS n FROM old_rows t GROUP BY 1', v_key);
    ELSE
        v_from := pg_catalog.format(' JOIN @extschema@.%I p ON p.id OPERATOR(pg_catalog.=) t.%s GROUP BY 1', v_parent, v_key);
        v_new := 'SELECT p.persona_id, pg_catalog.count(*) AS n FROM new_rows t' OPERATOR(pg_catalog.||) v_from;
        v_old := 'SELECT p.persona_id, OPERATOR(pg_catalog.-) pg_catalog.count(*) AS n FROM old_rows t' OPERATOR(pg_catalog.||) v_from;
    END IF;
    IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
        EXECUTE @extschema@._vital_summary_apply_sql(v_slot, v_new);
    ELSIF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
        EXECUTE @extschema@._vital_summary_apply_sql(v_slot, v_old);
    ELSE
        -- net deltas: rows whose key did not change cancel out and write nothing (transition tables cannot be
        -- combined with UPDATE OF column lists, so the trigger fires on every UPDATE)
        EXECUTE @extschema@._vital_summary_apply_sql(v_slot, v_new OPERATOR(pg_catalog.||) ' UNION ALL ' OPERATOR(pg_catalog.||) v_old);
        -- a parent whose persona_id changed takes its grandchildren along
        FOR g IN SELECT slot, relname, key_column FROM @extschema@._vital_summary_slots
                  WHERE parent OPERATOR(pg_catalog.=) TG_TABLE_NAME ORDER BY slot LOOP
            EXECUTE @extschema@._vital_summary_apply_sql(g.slot, pg_catalog.format(
                'SELECT m.persona_id, pg_catalog.sum(m.sign) AS n FROM ('
                '  SELECT o.id, o.persona_id, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id OPERATOR(pg_catalog.=) o.id'
                '   WHERE ARRAY[n.persona_id] OPERATOR(pg_catalog.<>) ARRAY[o.persona_id]'
                '  UNION ALL'
                '  SELECT n.id, n.persona_id, 1 FROM old_rows o JOIN new_rows n ON n.id OPERATOR(pg_catalog.=) o.id'
                '   WHERE ARRAY[n.persona_id] OPERATOR(pg_catalog.<>) ARRAY[o.persona_id]) m'
                ' JOIN @extschema@.%I gc ON gc.%I OPERATOR(pg_catalog.=) m.id GROUP BY 1', g.relname, g.key_column));
        END LOOP;
    END IF;
    RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION @extschema@._vital_summary_counts_trg() FROM PUBLIC;

-- Row trigger on a parent section (AFTER DELETE, named to sort before the RI cascade triggers "RI_Constraint…",
-- so it fires for each deleted parent row while its grandchildren still exist): subtracts them.
CREATE FUNCTION @extschema@._vital_summary_parent_del()
RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    g record;
    n bigint;
BEGIN
    FOR g IN SELECT slot, relname, key_column FROM @extschema@._vital_summary_slots WHERE parent OPERATOR(pg_catalog.=) TG_TABLE_NAME ORDER BY slot LOOP
        EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM @extschema@.%I WHERE %I OPERATOR(pg_catalog.=) $1', g.relname, g.key_column) INTO n USING OLD.id;
        IF n OPERATOR(pg_catalog.>) 0 THEN
            UPDATE @extschema@._vital_summary_counts SET counts[g.slot] = coalesce(counts[g.slot], 0) OPERATOR(pg_catalog.-) n
             WHERE persona_id OPERATOR(pg_catalog.=) OLD.persona_id;
        END IF;
    END LOOP;
    RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION @extschema@._vital_summary_parent_del() FROM PUBLIC;

-- personas: a deleted persona's counters go (its children's cascades ran before this statement trigger);
-- TRUNCATE personas (CASCADE) empties the table.
CREATE FUNCTION @extschema@._vital_summary_personas_trg()
RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'TRUNCATE' THEN
        DELETE FROM @extschema@._vital_summary_counts;
    ELSE
        DELETE FROM @extschema@._vital_summary_counts c USING old_rows o WHERE c.persona_id OPERATOR(pg_catalog.=) o.id;
    END IF;
    RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION @extschema@._vital_summary_personas_trg() FROM PUBLIC;

-- Recomputes every counter from the section tables (after session_replication_role = replica loads, disabled
-- triggers, or to verify). Owner / service_role only.
CREATE FUNCTION @extschema@.vital_summary_rebuild_counts()
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    s record;
    n bigint;
BEGIN
    LOCK TABLE @extschema@._vital_summary_counts IN EXCLUSIVE MODE;
    DELETE FROM @extschema@._vital_summary_counts;
    FOR s IN SELECT slot, relname, key_column, parent FROM @extschema@._vital_summary_slots ORDER BY slot LOOP
        IF s.parent IS NULL THEN
            EXECUTE @extschema@._vital_summary_apply_sql(s.slot, pg_catalog.format(
                'SELECT t.%I AS persona_id, pg_catalog.count(*) AS n FROM @extschema@.%I t GROUP BY 1', s.key_column, s.relname));
        ELSE
            EXECUTE @extschema@._vital_summary_apply_sql(s.slot, pg_catalog.format(
                'SELECT p.persona_id, pg_catalog.count(*) AS n FROM @extschema@.%I t JOIN @extschema@.%I p ON p.id OPERATOR(pg_catalog.=) t.%I GROUP BY 1',
                s.relname, s.parent, s.key_column));
        END IF;
    END LOOP;
    SELECT pg_catalog.count(*) INTO n FROM @extschema@._vital_summary_counts;
    RETURN n;
END
$fn$;
COMMENT ON FUNCTION @extschema@.vital_summary_rebuild_counts() IS
    'Recomputes the per-persona section counters vital_summary reads (after loads with session_replication_role = replica or disabled triggers). Returns the number of personas with rows.';
REVOKE ALL ON FUNCTION @extschema@.vital_summary_rebuild_counts() FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'service_role') THEN
        GRANT EXECUTE ON FUNCTION @extschema@.vital_summary_rebuild_counts() TO service_role;
    END IF;
END $$;

-- Discovers the sections exactly as vital_summary's registry does (member tables in the extension schema with
-- a foreign key to personas; tables with a foreign key to such a child), assigns missing slots, (re)creates the
-- triggers and rebuilds the counters when a slot was added. Run by sql/finalize/65_summary_counts.sql.
CREATE FUNCTION @extschema@._vital_summary_counts_install()
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


    FOR s IN SELECT x.slot, x.relname, x.key_column, x.parent,
                    EXISTS (SELECT FROM @extschema@._vital_summary_slots g WHERE g.parent OPERATOR(pg_catalog.=) x.relname) AS is_parent
               FROM @extschema@._vital_summary_slots x
              WHERE pg_catalog.to_regclass(pg_catalog.format('@extschema@.%I', x.relname)) IS NOT NULL ORDER BY x.slot LOOP
        EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER vital_summary_counts_ins AFTER INSERT ON @extschema@.%I '
                       'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION @extschema@._vital_summary_counts_trg(%s, %L, %L)',
                       s.relname, s.slot, s.key_column, coalesce(s.parent, ''));
        EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER vital_summary_counts_del AFTER DELETE ON @extschema@.%I '
                       'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION @extschema@._vital_summary_counts_trg(%s, %L, %L)',
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
