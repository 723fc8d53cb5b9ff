-- Normalised catalog snapshot of the vital_persona extension, one line per fact, sorted; no OIDs, no attnums.
-- Two databases that print the same lines have the same extension schema. Used by test/shell/update_paths.sh:
--   psql -X -At -f test/support/catalog_snapshot.sql -d DB > snapshot.txt
-- The facts come from the extension's own _vital_schema_facts() (sql/4.0/025_schema_registry.sql): the ONE query
-- that also feeds the registry and vital_schema_drift(). It covers members, relations (persistence, RLS flags,
-- options, owner, populated), columns by name (relative order, type, nullability, default, identity, generated,
-- collation), constraints, indexes, triggers, policies, view definitions, sequences, functions (definition hash
-- incl. argument defaults, settings, volatility, security, owner), types/enums, grants per grantee, comments,
-- extconfig/extcondition. Added here, about the installation rather than the schema: the version, initial
-- privileges and default ACLs.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = pg_catalog, pg_temp;
SELECT extnamespace::regnamespace AS vp_schema FROM pg_extension WHERE extname = 'vital_persona' \gset
CREATE FUNCTION pg_temp.acl(a aclitem[]) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(string_agg(format('%s>%s:%s%s',
               CASE WHEN x.grantor = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantor) END,
               CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END,
               x.privilege_type, CASE WHEN x.is_grantable THEN '*' ELSE '' END), ',' ORDER BY 1), '')
    FROM aclexplode(a) x
$$;

SELECT regexp_replace(line, '\s*\n\s*', ' ', 'g') FROM (
    SELECT 'extension|' || extversion AS line FROM pg_extension WHERE extname = 'vital_persona'
  UNION ALL
    SELECT format('%s|%s|%s', f.kind, f.object, f.fact) FROM :vp_schema._vital_schema_facts() f
  UNION ALL
    SELECT format('initpriv|%s|%s|%s', pg_describe_object(i.classoid, i.objoid, i.objsubid), i.privtype, pg_temp.acl(i.initprivs))
    FROM pg_init_privs i
    JOIN pg_depend d ON d.classid = i.classoid AND d.objid = i.objoid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vital_persona'
  UNION ALL
    SELECT format('defacl|%s|%s|%s|%s', pg_get_userbyid(d.defaclrole), d.defaclnamespace::regnamespace, d.defaclobjtype,
                  pg_temp.acl(d.defaclacl))
    FROM pg_default_acl d
) s
ORDER BY line COLLATE "C";
