-- Catalog queries of the trust-boundary test (test/shell/trust_boundary.sh). Loaded with \i into a session
-- whose search_path is pg_catalog, pg_temp (so that no decoy the test planted can ever be resolved here);
-- defines pg_temp functions only.

-- The extension's member objects of a class (empty when the extension is not installed).
CREATE FUNCTION pg_temp.vp_members(p_class regclass) RETURNS SETOF oid
LANGUAGE sql STABLE AS $$
    SELECT d.objid FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid
    WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
      AND e.extname OPERATOR(pg_catalog.=) 'vital_persona' AND d.deptype OPERATOR(pg_catalog.=) 'e'
      AND d.classid OPERATOR(pg_catalog.=) p_class
$$;

-- Fingerprint of every object of the given schemas that is NOT the extension's (nor belongs to one of its
-- member tables): relations (kind, owner, ACL, RLS enabled/forced), column ACLs, policies, triggers, rules,
-- functions (owner, ACL, security, settings). Objects named vp_new_* (created by the test after the install) are
-- left out. One line per fact, sorted.
CREATE FUNCTION pg_temp.vp_fingerprint(p_schemas text[]) RETURNS SETOF text
LANGUAGE sql STABLE AS $$
    WITH rel AS (
        SELECT c.* FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
        WHERE n.nspname OPERATOR(pg_catalog.=) ANY (p_schemas)
          AND c.relkind OPERATOR(pg_catalog.<>) 't'
          AND NOT c.oid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT pg_temp.vp_members('pg_catalog.pg_class'::pg_catalog.regclass)))
          AND NOT EXISTS (SELECT FROM pg_catalog.pg_index i WHERE i.indexrelid OPERATOR(pg_catalog.=) c.oid
                          AND i.indrelid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT pg_temp.vp_members('pg_catalog.pg_class'::pg_catalog.regclass))))
          AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                          AND d.objid OPERATOR(pg_catalog.=) c.oid AND d.deptype OPERATOR(pg_catalog.=) 'a'
                          AND d.refobjid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT pg_temp.vp_members('pg_catalog.pg_class'::pg_catalog.regclass))))
          AND c.relname::pg_catalog.text !~ '^vp_new_'
    )
    SELECT x FROM (
        SELECT pg_catalog.format('rel %s kind=%s owner=%s acl=%s rls=%s force=%s', c.oid::pg_catalog.regclass, c.relkind,
                                 c.relowner::pg_catalog.regrole, c.relacl, c.relrowsecurity, c.relforcerowsecurity)
        FROM rel c
        UNION ALL
        SELECT pg_catalog.format('col %s.%s acl=%s', a.attrelid::pg_catalog.regclass, a.attname, a.attacl)
        FROM pg_catalog.pg_attribute a JOIN rel c ON c.oid OPERATOR(pg_catalog.=) a.attrelid
        WHERE a.attacl IS NOT NULL
        UNION ALL
        SELECT pg_catalog.format('policy %s.%s cmd=%s permissive=%s roles=%s using=%s check=%s', p.polrelid::pg_catalog.regclass,
                                 p.polname, p.polcmd, p.polpermissive, p.polroles::pg_catalog.regrole[],
                                 pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid))
        FROM pg_catalog.pg_policy p JOIN rel c ON c.oid OPERATOR(pg_catalog.=) p.polrelid
        UNION ALL
        SELECT pg_catalog.format('trigger %s.%s fn=%s enabled=%s type=%s', t.tgrelid::pg_catalog.regclass,
                                 CASE WHEN t.tgisinternal THEN 'internal' ELSE t.tgname::pg_catalog.text END,
                                 t.tgfoid::pg_catalog.regprocedure, t.tgenabled, t.tgtype)
        FROM pg_catalog.pg_trigger t JOIN rel c ON c.oid OPERATOR(pg_catalog.=) t.tgrelid
        UNION ALL
        SELECT pg_catalog.format('rule %s.%s', r.ev_class::pg_catalog.regclass, r.rulename)
        FROM pg_catalog.pg_rewrite r JOIN rel c ON c.oid OPERATOR(pg_catalog.=) r.ev_class
        WHERE r.rulename OPERATOR(pg_catalog.<>) '_RETURN'
        UNION ALL
        SELECT pg_catalog.format('function %s owner=%s acl=%s definer=%s config=%s', p.oid::pg_catalog.regprocedure,
                                 p.proowner::pg_catalog.regrole, p.proacl, p.prosecdef, p.proconfig)
        FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace
        WHERE n.nspname OPERATOR(pg_catalog.=) ANY (p_schemas)
          AND NOT p.oid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT pg_temp.vp_members('pg_catalog.pg_proc'::pg_catalog.regclass)))
    ) f(x)
    ORDER BY 1
$$;

-- Stored expressions of the extension (CHECK constraints, defaults and generated columns, views/rules, policies,
-- trigger WHEN and functions, index expressions of its member relations; its SQL-standard function bodies) that
-- depend on a function or operator that is neither in pg_catalog nor a member of the extension: what a planted
-- decoy bound into the schema looks like. (The application's own tables may bind whatever their owners
-- choose; what the generator puts on registered sections is covered by the decoy run itself.)
CREATE FUNCTION pg_temp.vp_foreign_bindings() RETURNS SETOF text
LANGUAGE sql STABLE AS $$
    SELECT pg_catalog.format('%s %s -> %s %s', d.classid::pg_catalog.regclass,
               pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid),
               CASE WHEN d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass THEN 'function' ELSE 'operator' END,
               CASE WHEN d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
                    THEN d.refobjid::pg_catalog.regprocedure::pg_catalog.text ELSE d.refobjid::pg_catalog.regoperator::pg_catalog.text END)
    FROM pg_catalog.pg_depend d
    LEFT JOIN pg_catalog.pg_proc p ON d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
                                  AND p.oid OPERATOR(pg_catalog.=) d.refobjid
    LEFT JOIN pg_catalog.pg_operator o ON d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_operator'::pg_catalog.regclass
                                      AND o.oid OPERATOR(pg_catalog.=) d.refobjid
    WHERE d.refclassid OPERATOR(pg_catalog.=) ANY (ARRAY['pg_catalog.pg_proc'::pg_catalog.regclass, 'pg_catalog.pg_operator'::pg_catalog.regclass])
      AND d.objid OPERATOR(pg_catalog.>=) 16384::pg_catalog.oid  -- FirstNormalObjectId: not the system's own views
      AND d.classid OPERATOR(pg_catalog.=) ANY (ARRAY['pg_catalog.pg_constraint'::pg_catalog.regclass, 'pg_catalog.pg_attrdef'::pg_catalog.regclass,
                                                       'pg_catalog.pg_rewrite'::pg_catalog.regclass, 'pg_catalog.pg_policy'::pg_catalog.regclass,
                                                       'pg_catalog.pg_trigger'::pg_catalog.regclass, 'pg_catalog.pg_class'::pg_catalog.regclass,
                                                       'pg_catalog.pg_proc'::pg_catalog.regclass])
      -- the extension's own stored expressions: on its member relations, or its member functions' bodies
      AND CASE d.classid
            WHEN 'pg_catalog.pg_proc'::pg_catalog.regclass THEN d.objid
            WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN (SELECT i.indrelid FROM pg_catalog.pg_index i WHERE i.indexrelid OPERATOR(pg_catalog.=) d.objid)
            WHEN 'pg_catalog.pg_constraint'::pg_catalog.regclass THEN (SELECT c.conrelid FROM pg_catalog.pg_constraint c WHERE c.oid OPERATOR(pg_catalog.=) d.objid)
            WHEN 'pg_catalog.pg_attrdef'::pg_catalog.regclass THEN (SELECT a.adrelid FROM pg_catalog.pg_attrdef a WHERE a.oid OPERATOR(pg_catalog.=) d.objid)
            WHEN 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN (SELECT r.ev_class FROM pg_catalog.pg_rewrite r WHERE r.oid OPERATOR(pg_catalog.=) d.objid)
            WHEN 'pg_catalog.pg_policy'::pg_catalog.regclass THEN (SELECT p.polrelid FROM pg_catalog.pg_policy p WHERE p.oid OPERATOR(pg_catalog.=) d.objid)
            WHEN 'pg_catalog.pg_trigger'::pg_catalog.regclass THEN (SELECT t.tgrelid FROM pg_catalog.pg_trigger t WHERE t.oid OPERATOR(pg_catalog.=) d.objid)
          END OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT pg_temp.vp_members('pg_catalog.pg_class'::pg_catalog.regclass)
                                              UNION ALL SELECT pg_temp.vp_members('pg_catalog.pg_proc'::pg_catalog.regclass)))
      AND COALESCE(p.pronamespace, o.oprnamespace) OPERATOR(pg_catalog.<>) 'pg_catalog'::pg_catalog.regnamespace
      AND NOT d.refobjid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT pg_temp.vp_members(d.refclassid)))
    ORDER BY 1
$$;

-- Privilege facts about the extension's objects (every schema it is installed in):
--   'definer-exec <fn> <role>'   a SECURITY DEFINER function executable by anon or authenticated
--   'anon-exec <fn>'             any function of the extension executable by anon
--   'table-priv <rel> <role> <privilege>'  TRIGGER, REFERENCES or TRUNCATE on a member relation held by a role
--                                that is not the relation's owner (PUBLIC included)
--   'selftest <fn>'              a function that runs caller-supplied SQL (vital_selftest) shipped in the install
--   'definer-path <fn> <config>' a SECURITY DEFINER function whose search_path is not exactly
--                                pg_catalog, <its schema>, pg_temp (docs/security.md)
CREATE FUNCTION pg_temp.vp_grant_violations() RETURNS SETOF text
LANGUAGE sql STABLE AS $$
    SELECT x FROM (
        SELECT pg_catalog.format('definer-exec %s %s', p.oid::pg_catalog.regprocedure, r.rolname)
        FROM pg_catalog.pg_proc p, pg_catalog.pg_roles r
        WHERE p.oid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT pg_temp.vp_members('pg_catalog.pg_proc'::pg_catalog.regclass)))
          AND p.prosecdef AND r.rolname OPERATOR(pg_catalog.=) ANY (ARRAY['anon', 'authenticated']::pg_catalog.name[])
          AND pg_catalog.has_function_privilege(r.oid, p.oid, 'EXECUTE')
        UNION ALL
        SELECT pg_catalog.format('anon-exec %s', p.oid::pg_catalog.regprocedure)
        FROM pg_catalog.pg_proc p
        WHERE p.oid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT pg_temp.vp_members('pg_catalog.pg_proc'::pg_catalog.regclass)))
          AND pg_catalog.has_function_privilege('anon', p.oid, 'EXECUTE')
        UNION ALL
        SELECT pg_catalog.format('table-priv %s %s %s', c.oid::pg_catalog.regclass,
                                 CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC' ELSE a.grantee::pg_catalog.regrole::pg_catalog.text END,
                                 a.privilege_type)
        FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
        WHERE c.oid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT pg_temp.vp_members('pg_catalog.pg_class'::pg_catalog.regclass)))
          AND a.privilege_type OPERATOR(pg_catalog.=) ANY (ARRAY['TRIGGER', 'REFERENCES', 'TRUNCATE'])
          AND a.grantee OPERATOR(pg_catalog.<>) c.relowner
        UNION ALL
        SELECT pg_catalog.format('definer-path %s %s', p.oid::pg_catalog.regprocedure, p.proconfig)
        FROM pg_catalog.pg_proc p
        WHERE p.oid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT pg_temp.vp_members('pg_catalog.pg_proc'::pg_catalog.regclass)))
          AND p.prosecdef
          AND NOT pg_catalog.format('search_path=pg_catalog, %s, pg_temp', p.pronamespace::pg_catalog.regnamespace)
                  OPERATOR(pg_catalog.=) ANY (COALESCE(p.proconfig, '{}'))
        UNION ALL
        SELECT pg_catalog.format('selftest %s', p.oid::pg_catalog.regprocedure)
        FROM pg_catalog.pg_proc p
        WHERE p.oid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT pg_temp.vp_members('pg_catalog.pg_proc'::pg_catalog.regclass)))
          AND p.proname OPERATOR(pg_catalog.~) 'selftest'
    ) v(x) ORDER BY 1
$$;
