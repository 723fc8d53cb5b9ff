-- Bench only (not part of the extension): the summary counters of a freshly loaded data set, computed in one
-- pass per section — the same rows vital_summary_rebuild_counts() leaves (one per persona with a non-zero count,
-- counts[slot] = rows of that section, grandchildren through their parent). Used by bench/summary/setup.sql with
-- -v fast_counts=1 (scale.sh at 100k personas): the extension's rebuild folds slot by slot into the same row,
-- which at 100k personas left ~70 versions per persona in one transaction and had done about half the slots
-- after 21 minutes on the shared machine (bench/README.md, "Scale curve").
\set ON_ERROR_STOP 1
BEGIN;
SET LOCAL work_mem = '512MB';
LOCK TABLE _vital_summary_counts IN EXCLUSIVE MODE;
DELETE FROM _vital_summary_counts;
CREATE TEMP TABLE vs_counts (persona_id uuid, slot int, n bigint) ON COMMIT DROP;
DO $$
DECLARE s record;
BEGIN
    IF (SELECT max(slot) FROM _vital_summary_slots) <> (SELECT count(*) FROM _vital_summary_slots) THEN
        RAISE EXCEPTION 'fast_counts.sql expects slots 1..n without gaps';
    END IF;
    FOR s IN SELECT slot FROM _vital_summary_slots ORDER BY slot LOOP
        EXECUTE format('INSERT INTO vs_counts SELECT x.persona_id, %s, x.n FROM (%s) x', s.slot, _vital_summary_actual_sql(s.slot));
    END LOOP;
END $$;
INSERT INTO _vital_summary_counts (persona_id, counts)
SELECT c.persona_id, array_agg(coalesce(v.n, 0)::int ORDER BY s.slot)
FROM (SELECT DISTINCT persona_id FROM vs_counts) c CROSS JOIN _vital_summary_slots s
LEFT JOIN vs_counts v ON v.persona_id = c.persona_id AND v.slot = s.slot
GROUP BY c.persona_id;
SELECT count(*) AS personas_with_counts FROM _vital_summary_counts;
COMMIT;
