-- Normalised catalog snapshot of the vital_persona extension, one line per fact, sorted; no OIDs, no attnums.
-- Two databases that print the same lines have the same extension schema. Used by test/shell/update_paths.sh:
--   psql -X -At -f test/support/catalog_snapshot.sql -d DB > snapshot.txt
-- (attoptions/reloptions entries pg_attver=... are per-build noise of this server and are ignored.)
-- Covers: members (pg_describe_object), relations (kind, persistence, RLS flags, options, owner, populated,
-- ACL, comment), columns by name (relative order among live columns, type, nullability, default, identity,
-- generated, collation, options, column ACL, comment), constraints, indexes, triggers, policies, view and
-- materialized view definitions, functions (full definition hash incl. settings, volatility, security, ACL,
-- owner, comment), types/enums, sequences, initial privileges, default ACLs, extconfig/extcondition (as a set).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = pg_catalog, pg_temp;
CREATE TEMP VIEW vp_ext AS SELECT oid, extnamespace, extversion, extconfig, extcondition FROM pg_extension WHERE extname = 'vital_persona';
CREATE TEMP VIEW vp_members AS
    SELECT d.classid, d.objid, d.objsubid FROM pg_depend d, vp_ext e
    WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid AND d.deptype = 'e';
CREATE TEMP VIEW vp_rels AS
    SELECT c.* FROM pg_class c JOIN vp_members m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid;
CREATE FUNCTION pg_temp.acl(a aclitem[]) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(string_agg(format('%s>%s:%s%s',
               CASE WHEN x.grantor = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantor) END,
               CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END,
               x.privilege_type, CASE WHEN x.is_grantable THEN '*' ELSE '' END), ',' ORDER BY 1), '')
    FROM aclexplode(a) x
$$;

SELECT regexp_replace(line, '\s*\n\s*', ' ', 'g') FROM (
    SELECT 'extension|' || extversion AS line FROM vp_ext
  UNION ALL
    SELECT 'member|' || pg_describe_object(classid, objid, objsubid) FROM vp_members
  UNION ALL
    SELECT format('rel|%s|kind=%s persist=%s rls=%s force=%s populated=%s owner=%s options=%s acl=%s comment=%s',
                  c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.relispopulated,
                  pg_get_userbyid(c.relowner),
                  (SELECT array_agg(o ORDER BY o) FROM unnest(c.reloptions) o WHERE o NOT LIKE 'pg\_attver=%'), pg_temp.acl(c.relacl), obj_description(c.oid, 'pg_class'))
    FROM vp_rels c
  UNION ALL
    SELECT format('col|%s.%s|pos=%s type=%s notnull=%s default=%s identity=%s generated=%s collation=%s options=%s acl=%s comment=%s',
                  c.relname, a.attname,
                  row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),
                  format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid),
                  a.attidentity, a.attgenerated, co.collname,
                  (SELECT array_agg(o ORDER BY o) FROM unnest(a.attoptions) o WHERE o NOT LIKE 'pg\_attver=%'),
                  pg_temp.acl(a.attacl),
                  col_description(c.oid, a.attnum))
    FROM vp_rels c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0
  UNION ALL
    SELECT format('con|%s.%s|type=%s def=%s deferrable=%s deferred=%s validated=%s comment=%s',
                  c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid), k.condeferrable, k.condeferred,
                  k.convalidated, obj_description(k.oid, 'pg_constraint'))
    FROM vp_rels c JOIN pg_constraint k ON k.conrelid = c.oid
  UNION ALL
    SELECT format('idx|%s.%s|%s valid=%s comment=%s', t.relname, i.relname, pg_get_indexdef(x.indexrelid),
                  x.indisvalid, obj_description(i.oid, 'pg_class'))
    FROM vp_rels t JOIN pg_index x ON x.indrelid = t.oid JOIN pg_class i ON i.oid = x.indexrelid
  UNION ALL
    SELECT format('trg|%s.%s|%s enabled=%s', c.relname, g.tgname, pg_get_triggerdef(g.oid), g.tgenabled)
    FROM vp_rels c JOIN pg_trigger g ON g.tgrelid = c.oid AND NOT g.tgisinternal
  UNION ALL
    SELECT format('pol|%s.%s|cmd=%s permissive=%s roles=%s using=%s check=%s',
                  p.tablename, p.policyname, p.cmd, p.permissive,
                  (SELECT string_agg(r, ',' ORDER BY r) FROM unnest(p.roles) r), p.qual, p.with_check)
    FROM pg_policies p JOIN vp_rels c ON c.relname = p.tablename AND c.relnamespace = (SELECT extnamespace FROM vp_ext)
  UNION ALL
    SELECT format('viewdef|%s|%s', c.relname, regexp_replace(pg_get_viewdef(c.oid), '\s+', ' ', 'g'))
    FROM vp_rels c WHERE c.relkind IN ('v', 'm')
  UNION ALL
    SELECT format('seq|%s|type=%s start=%s inc=%s min=%s max=%s cache=%s cycle=%s', c.relname, format_type(s.seqtypid, NULL),
                  s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
    FROM vp_rels c JOIN pg_sequence s ON s.seqrelid = c.oid
  UNION ALL
    SELECT format('fn|%s|kind=%s def_md5=%s volatile=%s secdef=%s strict=%s parallel=%s leakproof=%s config=%s owner=%s acl=%s comment=%s',
                  p.oid::regprocedure, p.prokind,
                  CASE WHEN p.prokind IN ('f', 'p') THEN md5(pg_get_functiondef(p.oid)) END,
                  p.provolatile, p.prosecdef, p.proisstrict, p.proparallel, p.proleakproof, p.proconfig,
                  pg_get_userbyid(p.proowner), pg_temp.acl(p.proacl), obj_description(p.oid, 'pg_proc'))
    FROM pg_proc p JOIN vp_members m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
  UNION ALL
    SELECT format('type|%s|typtype=%s labels=%s owner=%s acl=%s comment=%s', t.oid::regtype, t.typtype,
                  (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),
                  pg_get_userbyid(t.typowner), pg_temp.acl(t.typacl), obj_description(t.oid, 'pg_type'))
    FROM pg_type t JOIN vp_members m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
  UNION ALL
    SELECT format('initpriv|%s|%s|%s', pg_describe_object(i.classoid, i.objoid, i.objsubid), i.privtype, pg_temp.acl(i.initprivs))
    FROM pg_init_privs i JOIN vp_members m ON m.classid = i.classoid AND m.objid = i.objoid
  UNION ALL
    SELECT format('defacl|%s|%s|%s|%s', pg_get_userbyid(d.defaclrole), d.defaclnamespace::regnamespace, d.defaclobjtype,
                  pg_temp.acl(d.defaclacl))
    FROM pg_default_acl d
  UNION ALL
    SELECT format('extconfig|%s|%s', cfg.rel::regclass, cfg.cond)
    FROM vp_ext e, unnest(e.extconfig, e.extcondition) AS cfg(rel, cond)
) s
ORDER BY line COLLATE "C";
