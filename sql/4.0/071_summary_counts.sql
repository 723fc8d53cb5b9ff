-- Feature (not schema section 71): per-persona section counters for vital_summary (docs/summary.md, "Maintained counts"; the lock
-- order of every write path and the proof that the counts stay exact are in docs/summary.md, "Concurrency").
-- vital_summary sums the persona's rows of _vital_summary_counts instead of counting every section per call. The
-- rows are derived data: per-persona deltas written by statement-level triggers with transition tables on every
-- section table (created by sql/finalize/65_summary_counts.sql, which also backfills) — added in place to a row the
-- writer can lock without waiting, else appended —, folded by vital_summary_compact_counts(); never dumped (rebuilt
-- by the triggers while a dump is restored); checked by vital_summary_check_counts() and rebuilt from scratch by
-- vital_summary_rebuild_counts().
-- Not readable by API roles: no grants to anon/authenticated, and RLS enabled and forced without any policy (the
-- RLS generator treats a table without tenant_id that is no lookup exactly so; the maintenance triggers run as
-- SECURITY DEFINER as the owner, who must bypass RLS, as for the extension's other maintenance triggers). vital_summary
-- reads the rows in C++ only after the caller's RLS probe of the persona succeeded, and only for sections whose
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

-- Deltas: the count of a (persona, section) is the sum of counts[slot] over the persona's rows (missing element
-- or row = 0). No unique key on purpose: writers append and never wait for each other here.
CREATE TABLE @extschema@._vital_summary_counts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,   -- lets a writer update the row version it locked
    persona_id  uuid NOT NULL,
    counts      integer[] NOT NULL DEFAULT '{}'   -- counts[slot]; NULL or missing element = 0
);
CREATE INDEX _vital_summary_counts_persona ON @extschema@._vital_summary_counts (persona_id);
COMMENT ON TABLE @extschema@._vital_summary_counts IS
    'Internal, derived: per-persona deltas of rows per section (all tenants, RLS ignored); the count is the sum over the persona''s rows. Maintained by triggers, read only by vital_summary. Not dumped; check: vital_summary_check_counts(), rebuild: vital_summary_rebuild_counts().';

ALTER TABLE @extschema@._vital_summary_slots ENABLE ROW LEVEL SECURITY;
ALTER TABLE @extschema@._vital_summary_counts ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON @extschema@._vital_summary_slots FROM PUBLIC;
REVOKE ALL ON @extschema@._vital_summary_counts FROM PUBLIC;

-- The maintenance functions (triggers, fold, check, compaction, rebuild, install) are in
-- sql/5.1/071_summary_counts.sql: rewritten in 5.1, they run on a fresh install and on an update alike.
