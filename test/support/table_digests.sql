-- Test helper: pg_temp.vp_digests(exclude text[]) returns, for every table of the vital_persona extension,
-- its row count and an md5 over its rows (each row as jsonb, keys sorted; 'table.column' entries of exclude are
-- left out of the rows). Reference rows shipped by the install (is_builtin) are compared without id/created_at/
-- updated_at: every install creates them anew. Identical output = identical contents. Usage: \i this file, then
--   SELECT * FROM pg_temp.vp_digests('{}');
CREATE FUNCTION pg_temp.vp_digests(p_exclude text[]) RETURNS TABLE (tbl text, n bigint, digest text)
LANGUAGE plpgsql AS $fn$
DECLARE
    r record;
    drop_keys text[];
BEGIN
    FOR r IN
        SELECT c.oid::regclass AS rel, c.relname
        FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
        WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
          AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'vital_persona') AND c.relkind = 'r'
        ORDER BY c.relname
    LOOP
        SELECT coalesce(array_agg(split_part(e, '.', 2)), '{}') INTO drop_keys
        FROM unnest(p_exclude) e WHERE split_part(e, '.', 1) = r.relname;
        tbl := r.relname;
        EXECUTE format('SELECT count(*), md5(coalesce(string_agg(x, E''\n'' ORDER BY x), '''')) FROM ('
                       'SELECT (CASE WHEN to_jsonb(t) @> ''{"is_builtin": true}'' '
                       '             THEN to_jsonb(t) - %L::text[] - ''{id,created_at,updated_at}''::text[] '
                       '             ELSE to_jsonb(t) - %L::text[] END)::text AS x FROM %s t) s',
                       drop_keys, drop_keys, r.rel)
            INTO n, digest;
        RETURN NEXT;
    END LOOP;
END
$fn$;
