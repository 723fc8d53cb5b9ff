-- Schema registry and drift report (docs/registry.md).
--   _vital_schema_facts()     the normalised catalog facts of the extension's objects, one row per fact. The ONE
--                             definition of "the extension's schema": vital_schema_drift() compares it with the
--                             registry, test/support/catalog_snapshot.sql prints it for the update-path test, and
--                             scripts/generate.sh registry writes the registry from it.
--   _vital_schema_registry()  the facts of a fresh install of the installed version. A stub here; replaced at the
--                             end of every install and update script by the generated sql/registry/<version>.sql.
--   vital_schema_drift()      one row per difference between the two (owner and service_role only).
-- Facts never contain OIDs, attnums or the schema name (written @schema@), and roles only by kind: so a fresh
-- install in any schema, on any cluster, gives the facts the registry was generated from.

CREATE FUNCTION @extschema@._vital_schema_facts()
    RETURNS TABLE (object text, kind text, fact text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $fn$
WITH ext AS (
    SELECT e.oid, e.extnamespace, e.extowner, e.extconfig, e.extcondition,
           pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||) '.' AS prefix,
           pg_catalog.quote_literal(n.nspname) AS lit,  -- '@extschema@' in a function body
           pg_catalog.quote_ident(n.nspname) AS ident   -- in a pinned search_path setting
    FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
    WHERE e.extname OPERATOR(pg_catalog.=) 'vital_persona'
), members AS (
    SELECT d.classid, d.objid, d.objsubid FROM pg_catalog.pg_depend d, ext
    WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
      AND d.refobjid OPERATOR(pg_catalog.=) ext.oid AND d.deptype OPERATOR(pg_catalog.=) 'e'
), rels AS (
    SELECT c.*, CASE WHEN c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p']::"char"[]) THEN 'table '
                     WHEN c.relkind OPERATOR(pg_catalog.=) 'v' THEN 'view '
                     WHEN c.relkind OPERATOR(pg_catalog.=) 'm' THEN 'materialized view '
                     WHEN c.relkind OPERATOR(pg_catalog.=) 'S' THEN 'sequence ' ELSE 'relation ' END
                OPERATOR(pg_catalog.||) c.relname AS obj
    FROM pg_catalog.pg_class c JOIN members m ON m.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                                             AND m.objid OPERATOR(pg_catalog.=) c.oid
), procs AS (
    SELECT p.*, p.proname OPERATOR(pg_catalog.||) '(' OPERATOR(pg_catalog.||)
                pg_catalog.pg_get_function_identity_arguments(p.oid) OPERATOR(pg_catalog.||) ')' AS sig
    FROM pg_catalog.pg_proc p JOIN members m ON m.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
                                            AND m.objid OPERATOR(pg_catalog.=) p.oid
    WHERE p.proname OPERATOR(pg_catalog.<>) '_vital_schema_registry'
), owners AS (
    -- a role by what it is to the extension: its objects are owned by the bootstrap superuser (trusted install)
    SELECT r.oid, CASE WHEN r.oid OPERATOR(pg_catalog.=) 10 THEN '(bootstrap superuser)'
                       WHEN r.oid OPERATOR(pg_catalog.=) ext.extowner THEN '(extension owner)'
                       ELSE r.rolname::text END AS name,
           r.rolsuper OR r.oid OPERATOR(pg_catalog.=) ext.extowner AS skip_grants
    FROM pg_catalog.pg_roles r, ext
), grants AS (
    -- privileges per grantee (superusers and the extension owner left out: superusers need none, and what the
    -- install grants the owner depends on whether the installer is a superuser)
    SELECT x.obj, x.grantee, pg_catalog.string_agg(x.privilege_type OPERATOR(pg_catalog.||)
                         CASE WHEN x.is_grantable THEN '*' ELSE '' END, ',' ORDER BY x.privilege_type) AS privs
    FROM (SELECT r.obj, a.* FROM rels r,
                 pg_catalog.aclexplode(COALESCE(r.relacl, pg_catalog.acldefault(
                     CASE WHEN r.relkind OPERATOR(pg_catalog.=) 'S' THEN 's' ELSE 'r' END::"char", r.relowner))) a
          UNION ALL
          SELECT 'function ' OPERATOR(pg_catalog.||) p.sig, a.* FROM procs p,
                 pg_catalog.aclexplode(COALESCE(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
          UNION ALL
          SELECT 'column ' OPERATOR(pg_catalog.||) r.relname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) att.attname, a.*
          FROM rels r JOIN pg_catalog.pg_attribute att ON att.attrelid OPERATOR(pg_catalog.=) r.oid
                      AND att.attnum OPERATOR(pg_catalog.>) 0 AND NOT att.attisdropped AND att.attacl IS NOT NULL,
               pg_catalog.aclexplode(att.attacl) a) x
    WHERE x.grantee OPERATOR(pg_catalog.=) 0
       OR NOT EXISTS (SELECT FROM owners o WHERE o.oid OPERATOR(pg_catalog.=) x.grantee AND o.skip_grants)
    GROUP BY x.obj, x.grantee
), facts AS (
    SELECT r.obj AS object, 'relation' AS kind,
           pg_catalog.format('persistence=%s rls=%s force_rls=%s options=%s owner=%s populated=%s',
                             r.relpersistence, r.relrowsecurity, r.relforcerowsecurity,
                             (SELECT pg_catalog.array_agg(o ORDER BY o) FROM pg_catalog.unnest(r.reloptions) o
                              WHERE o OPERATOR(pg_catalog.!~~) 'pg\_attver=%'),
                             (SELECT o.name FROM owners o WHERE o.oid OPERATOR(pg_catalog.=) r.relowner), r.relispopulated) AS fact
    FROM rels r
  UNION ALL
    SELECT r.obj, 'comment', pg_catalog.obj_description(r.oid, 'pg_class') FROM rels r
    WHERE pg_catalog.obj_description(r.oid, 'pg_class') IS NOT NULL
  UNION ALL
    SELECT 'column ' OPERATOR(pg_catalog.||) r.relname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) a.attname, 'column',
           pg_catalog.format('type=%s not_null=%s default=%s identity=%s generated=%s collation=%s position=%s',
                             pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
                             pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated, co.collname,
                             pg_catalog.row_number() OVER (PARTITION BY r.oid ORDER BY a.attnum))
    FROM rels r
    JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) r.oid AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped
    LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid OPERATOR(pg_catalog.=) a.attrelid AND ad.adnum OPERATOR(pg_catalog.=) a.attnum
    LEFT JOIN pg_catalog.pg_collation co ON co.oid OPERATOR(pg_catalog.=) a.attcollation
                                        AND co.oid OPERATOR(pg_catalog.<>) 'pg_catalog."default"'::pg_catalog.regcollation
    WHERE r.relkind OPERATOR(pg_catalog.<>) 'S'
  UNION ALL
    SELECT 'column ' OPERATOR(pg_catalog.||) r.relname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) a.attname, 'comment',
           pg_catalog.col_description(r.oid, a.attnum)
    FROM rels r JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) r.oid AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped
    WHERE pg_catalog.col_description(r.oid, a.attnum) IS NOT NULL
  UNION ALL
    SELECT 'constraint ' OPERATOR(pg_catalog.||) r.relname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) k.conname, 'constraint',
           pg_catalog.format('type=%s %s deferrable=%s deferred=%s validated=%s', k.contype, pg_catalog.pg_get_constraintdef(k.oid),
                             k.condeferrable, k.condeferred, k.convalidated)
    FROM rels r JOIN pg_catalog.pg_constraint k ON k.conrelid OPERATOR(pg_catalog.=) r.oid
  UNION ALL
    SELECT 'constraint ' OPERATOR(pg_catalog.||) r.relname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) k.conname, 'comment',
           pg_catalog.obj_description(k.oid, 'pg_constraint')
    FROM rels r JOIN pg_catalog.pg_constraint k ON k.conrelid OPERATOR(pg_catalog.=) r.oid
    WHERE pg_catalog.obj_description(k.oid, 'pg_constraint') IS NOT NULL
  UNION ALL
    SELECT 'index ' OPERATOR(pg_catalog.||) r.relname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) i.relname, 'index',
           pg_catalog.format('%s valid=%s', pg_catalog.pg_get_indexdef(x.indexrelid), x.indisvalid)
    FROM rels r JOIN pg_catalog.pg_index x ON x.indrelid OPERATOR(pg_catalog.=) r.oid
    JOIN pg_catalog.pg_class i ON i.oid OPERATOR(pg_catalog.=) x.indexrelid
  UNION ALL
    SELECT 'index ' OPERATOR(pg_catalog.||) r.relname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) i.relname, 'comment',
           pg_catalog.obj_description(i.oid, 'pg_class')
    FROM rels r JOIN pg_catalog.pg_index x ON x.indrelid OPERATOR(pg_catalog.=) r.oid
    JOIN pg_catalog.pg_class i ON i.oid OPERATOR(pg_catalog.=) x.indexrelid
    WHERE pg_catalog.obj_description(i.oid, 'pg_class') IS NOT NULL
  UNION ALL
    SELECT 'trigger ' OPERATOR(pg_catalog.||) r.relname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) g.tgname, 'trigger',
           pg_catalog.format('%s enabled=%s', pg_catalog.pg_get_triggerdef(g.oid), g.tgenabled)
    FROM rels r JOIN pg_catalog.pg_trigger g ON g.tgrelid OPERATOR(pg_catalog.=) r.oid AND NOT g.tgisinternal
  UNION ALL
    SELECT 'policy ' OPERATOR(pg_catalog.||) r.relname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) p.polname, 'policy',
           pg_catalog.format('cmd=%s permissive=%s roles=%s using=%s check=%s', p.polcmd, p.polpermissive,
                             (SELECT pg_catalog.string_agg(CASE WHEN ro OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
                                                                ELSE pg_catalog.pg_get_userbyid(ro)::text END, ',' ORDER BY 1)
                              FROM pg_catalog.unnest(p.polroles) ro),
                             pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid))
    FROM rels r JOIN pg_catalog.pg_policy p ON p.polrelid OPERATOR(pg_catalog.=) r.oid
  UNION ALL
    -- relation and schema qualifiers dropped: PostgreSQL 17 deparses a one-relation query without them, 15 with
    SELECT r.obj, 'definition', pg_catalog.regexp_replace(pg_catalog.regexp_replace(pg_catalog.pg_get_viewdef(r.oid),
                                '\m[A-Za-z_][A-Za-z0-9_]*\.(?=[A-Za-z_"])', '', 'g'), '\s+', ' ', 'g')
    FROM rels r WHERE r.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['v', 'm']::"char"[])
  UNION ALL
    SELECT r.obj, 'sequence', pg_catalog.format('type=%s start=%s increment=%s min=%s max=%s cache=%s cycle=%s',
                                                pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                                                s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
    FROM rels r JOIN pg_catalog.pg_sequence s ON s.seqrelid OPERATOR(pg_catalog.=) r.oid
  UNION ALL
    SELECT 'function ' OPERATOR(pg_catalog.||) p.sig, 'function',
           pg_catalog.format('kind=%s returns=%s language=%s volatility=%s security_definer=%s strict=%s parallel=%s leakproof=%s owner=%s',
                             p.prokind, pg_catalog.pg_get_function_result(p.oid), l.lanname, p.provolatile, p.prosecdef,
                             p.proisstrict, p.proparallel, p.proleakproof,
                             (SELECT o.name FROM owners o WHERE o.oid OPERATOR(pg_catalog.=) p.proowner))
    FROM procs p JOIN pg_catalog.pg_language l ON l.oid OPERATOR(pg_catalog.=) p.prolang
  UNION ALL
    -- definer functions pin search_path = pg_catalog, <schema>, pg_temp: the schema is written @schema@
    SELECT 'function ' OPERATOR(pg_catalog.||) p.sig, 'settings',
           (SELECT pg_catalog.string_agg(pg_catalog.replace(s, ', ' OPERATOR(pg_catalog.||) ext.ident OPERATOR(pg_catalog.||) ', ',
                                                            ', @schema@, '), ' ' ORDER BY s)
            FROM pg_catalog.unnest(p.proconfig) s)
    FROM procs p, ext WHERE p.proconfig IS NOT NULL
  UNION ALL
    -- the full definition (arguments with defaults, body), as a hash: the registry stays small
    SELECT 'function ' OPERATOR(pg_catalog.||) p.sig, 'definition',
           'md5=' OPERATOR(pg_catalog.||) pg_catalog.md5(pg_catalog.replace(pg_catalog.replace(
               CASE WHEN p.prokind OPERATOR(pg_catalog.=) ANY (ARRAY['f', 'p']::"char"[]) THEN pg_catalog.pg_get_functiondef(p.oid)
                    ELSE p.prosrc END, ext.prefix, '@schema@.'), ext.lit, '''@schema@'''))
    FROM procs p, ext
  UNION ALL
    SELECT 'function ' OPERATOR(pg_catalog.||) p.sig, 'comment', pg_catalog.obj_description(p.oid, 'pg_proc')
    FROM procs p WHERE pg_catalog.obj_description(p.oid, 'pg_proc') IS NOT NULL
  UNION ALL
    SELECT 'type ' OPERATOR(pg_catalog.||) t.typname, 'type',
           pg_catalog.format('typtype=%s labels=%s owner=%s', t.typtype,
                             (SELECT pg_catalog.string_agg(e.enumlabel::text, ',' ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e
                              WHERE e.enumtypid OPERATOR(pg_catalog.=) t.oid),
                             (SELECT o.name FROM owners o WHERE o.oid OPERATOR(pg_catalog.=) t.typowner))
    FROM pg_catalog.pg_type t JOIN members m ON m.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
                                            AND m.objid OPERATOR(pg_catalog.=) t.oid
    -- a table's row type and its array type come with the table; PostgreSQL 17 records them as extension
    -- members, 15 does not: only types of their own are facts
    WHERE t.typcategory OPERATOR(pg_catalog.<>) 'A' AND t.typrelid OPERATOR(pg_catalog.=) 0
  UNION ALL
    SELECT pg_catalog.pg_describe_object(m.classid, m.objid, m.objsubid), 'member', 'member of the extension'
    FROM members m
    WHERE m.classid OPERATOR(pg_catalog.<>) ALL (ARRAY['pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass,
                                                    'pg_catalog.pg_type'::pg_catalog.regclass])
  UNION ALL
    SELECT g.obj, 'grant to ' OPERATOR(pg_catalog.||) CASE WHEN g.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
                                                            ELSE (SELECT o.name FROM owners o WHERE o.oid OPERATOR(pg_catalog.=) g.grantee) END,
           g.privs
    FROM grants g
  UNION ALL
    SELECT 'table ' OPERATOR(pg_catalog.||) c.relname, 'dump', 'pg_dump keeps rows ' OPERATOR(pg_catalog.||) cfg.cond
    FROM ext, ROWS FROM (pg_catalog.unnest(ext.extconfig), pg_catalog.unnest(ext.extcondition)) AS cfg(rel, cond)
    JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) cfg.rel
)
SELECT s.object, s.kind, s.fact FROM (
    SELECT pg_catalog.replace(f.object, ext.prefix, '@schema@.') AS object, f.kind,
           pg_catalog.replace(f.fact, ext.prefix, '@schema@.') AS fact
    FROM facts f, ext) s
ORDER BY s.object COLLATE "C", s.kind COLLATE "C"
$fn$;
COMMENT ON FUNCTION @extschema@._vital_schema_facts() IS
    'Internal: the normalised catalog facts (object, kind, fact) of the installed extension: tables, columns, constraints, indexes, triggers, policies, views, sequences, functions and their settings, types, grants, dump configuration. Compared with _vital_schema_registry() by vital_schema_drift().';
REVOKE ALL ON FUNCTION @extschema@._vital_schema_facts() FROM PUBLIC;

-- Stub; the generated sql/registry/<version>.sql at the end of each script replaces it with the real facts.
CREATE FUNCTION @extschema@._vital_schema_registry()
    RETURNS TABLE (version text, object text, kind text, fact text)
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    AS $fn$ SELECT NULL::text, NULL::text, NULL::text, NULL::text WHERE false $fn$;
COMMENT ON FUNCTION @extschema@._vital_schema_registry() IS
    'Internal: the facts (_vital_schema_facts()) of a fresh install of the installed version, generated by make registry (sql/registry/<version>.sql) and shipped in the scripts.';
REVOKE ALL ON FUNCTION @extschema@._vital_schema_registry() FROM PUBLIC;

-- Severity of a difference: error = something the extension (or its next update) relies on is missing or has
-- another type; warning = behaviour or access differs (policies, grants, RLS flags, triggers, defaults,
-- function settings and bodies, extra columns: pg_dump does not dump member table DDL, so their data is lost);
-- info = additions that change no guarantee (an extra index) and comments.
CREATE FUNCTION @extschema@._vital_schema_drift_severity(p_kind text, p_expected text, p_actual text)
    RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    AS $fn$
SELECT CASE
    WHEN p_kind OPERATOR(pg_catalog.=) 'comment' THEN 'info'
    WHEN p_kind OPERATOR(pg_catalog.=) 'index' AND p_expected IS NULL THEN 'info'
    WHEN p_kind OPERATOR(pg_catalog.=) ANY (ARRAY['relation', 'column', 'constraint', 'function', 'type', 'member', 'sequence'])
         AND p_actual IS NULL THEN 'error'
    WHEN p_kind OPERATOR(pg_catalog.=) 'column' AND p_expected IS NOT NULL
         AND pg_catalog.split_part(p_expected, ' not_null=', 1) OPERATOR(pg_catalog.<>) pg_catalog.split_part(p_actual, ' not_null=', 1)
         THEN 'error'
    ELSE 'warning' END
$fn$;
COMMENT ON FUNCTION @extschema@._vital_schema_drift_severity(text, text, text) IS
    'Internal: severity (error, warning, info) of one difference reported by vital_schema_drift().';
REVOKE ALL ON FUNCTION @extschema@._vital_schema_drift_severity(text, text, text) FROM PUBLIC;

-- The comparison itself, without the version check (the 4.0 -> 5.0 preflight runs it while pg_extension already
-- says 5.0, against the 4.0 registry still installed).
CREATE FUNCTION @extschema@._vital_schema_diff()
    RETURNS TABLE (object text, kind text, expected text, actual text, severity text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $fn$
WITH expected AS (
    SELECT r.object, r.kind, r.fact FROM @extschema@._vital_schema_registry() r
    -- grants to an API role this cluster does not have (a plain PostgreSQL without Supabase's roles)
    WHERE NOT (r.kind OPERATOR(pg_catalog.~~) 'grant to %'
               AND pg_catalog.substr(r.kind, 10) OPERATOR(pg_catalog.=) ANY (ARRAY['anon', 'authenticated', 'service_role'])
               AND NOT EXISTS (SELECT FROM pg_catalog.pg_roles ro WHERE ro.rolname OPERATOR(pg_catalog.=) pg_catalog.substr(r.kind, 10)))
), actual AS (
    SELECT f.object, f.kind, f.fact FROM @extschema@._vital_schema_facts() f
)
SELECT d.object, d.kind, d.expected, d.actual, @extschema@._vital_schema_drift_severity(d.kind, d.expected, d.actual)
FROM (SELECT COALESCE(e.object, a.object) AS object, COALESCE(e.kind, a.kind) AS kind, e.fact AS expected, a.fact AS actual
      FROM expected e FULL JOIN actual a ON a.object OPERATOR(pg_catalog.=) e.object AND a.kind OPERATOR(pg_catalog.=) e.kind
      WHERE NOT (ARRAY[e.fact] OPERATOR(pg_catalog.=) ARRAY[a.fact])) d
ORDER BY d.object COLLATE "C", d.kind COLLATE "C"
$fn$;
COMMENT ON FUNCTION @extschema@._vital_schema_diff() IS
    'Internal: every difference between _vital_schema_facts() and _vital_schema_registry(), without the version check of vital_schema_drift() (used by the update preflight).';
REVOKE ALL ON FUNCTION @extschema@._vital_schema_diff() FROM PUBLIC;

CREATE FUNCTION @extschema@.vital_schema_drift()
    RETURNS TABLE (object text, kind text, expected text, actual text, severity text)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $fn$
DECLARE
    v_version text;
    v_registry_version text;
BEGIN
    SELECT e.extversion INTO v_version FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'vital_persona';
    SELECT pg_catalog.min(r.version) INTO v_registry_version FROM @extschema@._vital_schema_registry() r;
    IF v_registry_version IS NULL OR v_registry_version OPERATOR(pg_catalog.<>) v_version THEN
        RAISE EXCEPTION 'vital_persona %: no schema registry for the installed version', v_version
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = pg_catalog.format('The registry shipped is for version %s.', COALESCE(v_registry_version, '(none)')),
                  HINT = 'The extension was built without its generated registry: run make registry, rebuild and update the extension.';
    END IF;
    RETURN QUERY SELECT d.object, d.kind, d.expected, d.actual, d.severity FROM @extschema@._vital_schema_diff() d;

    -- Custom sections the user registered (vital_register_section, issue 11) are reported as registrations,
    -- not drift: their tables are the user's and live outside the registry. Found by name so this works on
    -- versions with and without the registration table.
    IF pg_catalog.to_regclass('@extschema@._vital_registered_sections') IS NOT NULL
       AND pg_catalog.has_table_privilege('@extschema@._vital_registered_sections', 'SELECT') THEN
        RETURN QUERY EXECUTE
            'SELECT pg_catalog.format(''table %I.%I'', s.section_schema, s.section_table), ''registration''::text,'
            '       NULL::text, ''custom section registered by '' OPERATOR(pg_catalog.||) s.section_owner, ''info''::text'
            '  FROM @extschema@._vital_registered_sections s ORDER BY 1';
    END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@.vital_schema_drift() IS
    'Differences between the installed catalog of vital_persona and the registry of its version (generated from a fresh install): one row per difference (object, kind, expected, actual, severity error|warning|info). Empty when nothing drifted. Registered custom sections are listed as kind registration. Owner and service_role only.';
REVOKE ALL ON FUNCTION @extschema@.vital_schema_drift() FROM PUBLIC;
