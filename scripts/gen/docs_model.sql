-- Prints, as one JSON document, what scripts/gen/docs.py draws and documents: the extension's tables (columns,
-- keys, comment), foreign keys, and the functions and views an API role may use (signature, callers, comment).
-- Run by scripts/generate.sh docs against a fresh install in schema vital. Sorted: the output is deterministic.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = pg_catalog, pg_temp;
WITH ext AS (
    SELECT e.oid, e.extnamespace FROM pg_extension e WHERE e.extname = 'vital_persona'
), members AS (
    SELECT d.classid, d.objid FROM pg_depend d, ext
    WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
), rels AS (
    SELECT c.* FROM pg_class c JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
), api_roles AS (
    SELECT r FROM unnest(ARRAY['anon', 'authenticated', 'service_role']) r WHERE to_regrole(r) IS NOT NULL
)
SELECT jsonb_pretty(jsonb_build_object(
  'tables', (SELECT jsonb_agg(jsonb_build_object(
        'name', c.relname, 'comment', obj_description(c.oid, 'pg_class'),
        'columns', (SELECT jsonb_agg(jsonb_build_object(
                        'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'not_null', a.attnotnull,
                        'pk', EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p' AND a.attnum = ANY (k.conkey)),
                        'fk', EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f' AND a.attnum = ANY (k.conkey)))
                        ORDER BY a.attnum)
                    FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped))
        ORDER BY c.relname COLLATE "C")
      FROM rels c WHERE c.relkind IN ('r', 'p')),
  'foreign_keys', (SELECT jsonb_agg(jsonb_build_object(
        'from', c.relname, 'to', t.relname, 'name', k.conname,
        'columns', (SELECT jsonb_agg(a.attname ORDER BY u.ord) FROM unnest(k.conkey) WITH ORDINALITY u(n, ord)
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.n))
        ORDER BY c.relname COLLATE "C", k.conname COLLATE "C")
      FROM rels c JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f' JOIN pg_class t ON t.oid = k.confrelid),
  'functions', (SELECT jsonb_agg(jsonb_build_object(
        'name', p.proname, 'arguments', pg_get_function_arguments(p.oid), 'result', pg_get_function_result(p.oid),
        'security_definer', p.prosecdef, 'volatility', p.provolatile, 'comment', obj_description(p.oid, 'pg_proc'),
        'callers', (SELECT jsonb_agg(r ORDER BY r) FROM api_roles WHERE has_function_privilege(r, p.oid, 'EXECUTE')))
        ORDER BY p.proname COLLATE "C", pg_get_function_identity_arguments(p.oid) COLLATE "C")
      FROM pg_proc p JOIN members m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
      WHERE p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)
        AND EXISTS (SELECT FROM api_roles WHERE has_function_privilege(r, p.oid, 'EXECUTE'))),
  'views', (SELECT jsonb_agg(jsonb_build_object(
        'name', c.relname, 'kind', CASE WHEN c.relkind = 'm' THEN 'materialized view' ELSE 'view' END,
        'comment', obj_description(c.oid, 'pg_class'),
        'columns', (SELECT jsonb_agg(jsonb_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
                    FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
        'callers', (SELECT jsonb_agg(r ORDER BY r) FROM api_roles WHERE has_table_privilege(r, c.oid, 'SELECT')))
        ORDER BY c.relname COLLATE "C")
      FROM rels c WHERE c.relkind IN ('v', 'm')
        AND EXISTS (SELECT FROM api_roles WHERE has_table_privilege(r, c.oid, 'SELECT')))
));
