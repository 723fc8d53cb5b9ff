-- vital_summary benchmark dataset and baselines (bench/summary/run.sh). Not part of the extension.
\set ON_ERROR_STOP 1
\timing on
SET client_min_messages = warning;
\i test/support/fill.sql
SET session_replication_role = replica;  -- bulk load: skip FK/validation triggers (data is consistent by construction)

INSERT INTO tenants (id, name, slug)
SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(t), 12, '0'))::uuid, 'Bench tenant ' || t, 'bench-' || t
FROM generate_series(1, :tenants) t;
INSERT INTO personas (id, tenant_id, name, slug, title, seniority_level)
SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
       ('10000000-0000-4000-8000-' || lpad(to_hex(1 + n % :tenants), 12, '0'))::uuid,
       'Persona ' || n, 'bench-persona-' || n, 'Director ' || n, NULL
FROM generate_series(1, :personas) n;
-- every section populated for every persona (test/support/fill.sql: each row takes its persona's tenant; every
-- column without a default gets a value the validator accepts)
SELECT pg_temp.vp_fill('sections', (SELECT array_agg(id) FROM personas), current_setting('vs.rows')::int) AS section_rows;
RESET session_replication_role;
-- the replica-mode load skipped the counter triggers too: recompute the counters (docs/summary.md)
\if :{?fast_counts}
\i bench/summary/fast_counts.sql
\else
SELECT vital_summary_rebuild_counts() AS personas_with_counts;
\endif
-- (scale.sh resumes here when a generation was interrupted after the load)
VACUUM (ANALYZE);
SELECT count(*) AS personas, (SELECT sum(n_live_tup) FROM pg_stat_user_tables) AS total_rows FROM personas;

\i bench/summary/api_policies.sql

-- (a) the SQL baselines (same output; counts only), generated from the catalog
\i bench/summary/baseline.sql


-- Warm the cache: the benchmark compares CPU paths, not disk or OS-cache reads.
-- (bench/summary/scale.sh generates with -v skip_prewarm=1 and prewarms after each restart.)
\if :{?skip_prewarm}
\else
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_prewarm;
    PERFORM pg_prewarm(c.oid::regclass) FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'i');
    PERFORM pg_prewarm(c.oid::regclass, 'buffer', 'vm') FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
      AND pg_relation_size(c.oid, 'vm') > 0;
EXCEPTION WHEN undefined_file OR undefined_function OR feature_not_supported THEN
    RAISE WARNING 'pg_prewarm not available: results include cache warm-up';
END $$;
\endif
SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS dataset_size FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r';
