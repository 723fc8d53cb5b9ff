-- Prints, as JSON, what scripts/gen/refine_types.mjs needs beyond Supabase's generator: the CHECK-list columns
-- (`col = ANY (ARRAY[...])` and array columns `col <@ ARRAY[...]`) with their allowed values, and the functions,
-- tables and views an API role (anon, authenticated, service_role) may use. Run by scripts/gen/types.sh.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = pg_catalog, pg_temp;
WITH ext AS (
    SELECT e.oid, e.extnamespace FROM pg_extension e WHERE e.extname = 'vital_persona'
), api_roles AS (
    SELECT r FROM unnest(ARRAY['anon', 'authenticated', 'service_role']) r WHERE to_regrole(r) IS NOT NULL
), checks AS (
    SELECT c.relname AS tbl, m[1] AS col, m[2] = '<@ ' AS is_array, m[3] AS list
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid, ext,
         regexp_match(pg_get_constraintdef(k.oid), '^CHECK \(\((\w+) (= ANY \(|<@ )ARRAY\[(.*)\]\)?\)\)$') m
    WHERE k.contype = 'c' AND c.relnamespace = ext.extnamespace AND m IS NOT NULL
)
SELECT jsonb_pretty(jsonb_build_object(
  'checks', (SELECT jsonb_agg(jsonb_build_object('table', ch.tbl, 'column', ch.col, 'array', ch.is_array,
                 'values', (SELECT jsonb_agg(replace(v[1], '''''', '''') ORDER BY o)
                            FROM regexp_matches(ch.list, '''((?:[^'']|'''')*)''::(?:text|character varying)', 'g') WITH ORDINALITY AS x(v, o)))
                 ORDER BY ch.tbl COLLATE "C", ch.col COLLATE "C") FROM checks ch),
  'functions', (SELECT jsonb_agg(DISTINCT p.proname::text)
                FROM pg_proc p, ext WHERE p.pronamespace = ext.extnamespace
                  AND EXISTS (SELECT FROM api_roles WHERE has_function_privilege(r, p.oid, 'EXECUTE'))),
  'relations', (SELECT jsonb_agg(c.relname::text ORDER BY c.relname COLLATE "C")
                FROM pg_class c, ext WHERE c.relnamespace = ext.extnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
                  AND EXISTS (SELECT FROM api_roles WHERE has_table_privilege(r, c.oid, 'SELECT, INSERT, UPDATE, DELETE')))
));
