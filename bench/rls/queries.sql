-- Builds the benchmark's "one persona with all its sections" statement from the catalog (bench/rls/run.sh):
-- the persona row plus, per section table, a jsonb_agg sub-select on (tenant_id, persona_id) -- the shape
-- PostgREST generates for GET /personas?id=eq.X&select=*,persona_goals(*),...; the grandchild tables (no
-- persona_id) are nested inside their parent's aggregate. Prints the table count, a tab, and the statement
-- (without the persona id literal).
\set ON_ERROR_STOP 1
WITH nsp AS (SELECT extnamespace AS oid, extnamespace::regnamespace::text AS q FROM pg_extension WHERE extname = 'vital_persona'),
fks AS (
    SELECT con.conrelid AS rel, con.confrelid AS parent,
           (SELECT a.attname FROM unnest(con.conkey, con.confkey) u(x, y)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.x
            JOIN pg_attribute r ON r.attrelid = con.confrelid AND r.attnum = u.y
            WHERE r.attname = 'id') AS key
    FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid, nsp
    WHERE con.contype = 'f' AND cl.relnamespace = nsp.oid AND con.conrelid <> con.confrelid),
children AS (
    SELECT DISTINCT f.rel, f.key FROM fks f, nsp
    WHERE f.parent = (nsp.q || '.personas')::regclass AND f.key = 'persona_id'),
grand AS (
    SELECT g.rel, g.key, g.parent FROM fks g JOIN children c ON c.rel = g.parent
    WHERE g.rel NOT IN (SELECT rel FROM children) AND g.key IS NOT NULL),
parts AS (
    SELECT c.rel, format('(SELECT jsonb_agg(%s) FROM %s c WHERE c.tenant_id = p.tenant_id AND c.persona_id = p.id) AS %I',
                         CASE WHEN NOT EXISTS (SELECT 1 FROM grand WHERE grand.parent = c.rel) THEN 'c'
                              ELSE 'to_jsonb(c) || jsonb_build_object(' ||
                                   (SELECT string_agg(format('%L, (SELECT jsonb_agg(g) FROM %s g WHERE g.tenant_id = c.tenant_id AND g.%I = c.id)',
                                                             (SELECT relname FROM pg_class WHERE oid = grand.rel), grand.rel::regclass, grand.key), ', ' ORDER BY grand.rel::regclass::text)
                                    FROM grand WHERE grand.parent = c.rel) || ')' END,
                         c.rel::regclass, (SELECT relname FROM pg_class WHERE oid = c.rel)) AS sql
    FROM children c)
SELECT 1 + count(*) + (SELECT count(*) FROM grand) AS tables,
       'SELECT p.*, ' || string_agg(sql, ', ' ORDER BY rel::regclass::text) || ' FROM ' || (SELECT q FROM nsp) || '.personas p WHERE p.id = ' AS statement
FROM parts;
