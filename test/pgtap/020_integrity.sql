-- versions: 4.0 5.0
-- Integrity behaviour of the installed schema, driven from the catalog (works for any set of tables):
-- a generic row builder inserts one valid row into every table, then each CHECK, FK and trigger is exercised.
-- A new CHECK whose shape the bad-value deriver does not know fails until a row is added to bad_values.
\set ON_ERROR_STOP 1
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT no_plan();

CREATE TEMP TABLE ctx AS
SELECT e.extversion AS ver, e.extnamespace AS nsp
FROM pg_extension e WHERE e.extname = 'vital_persona';

-- member tables of the extension's schema (but vital_summary's internal derived counters, which are no schema
-- tables: tested in 071_summary_counts.sql)
CREATE TEMP TABLE ext_tables AS
SELECT c.oid::regclass AS tbl, c.relname::text AS relname
FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'vital_persona') AND d.deptype = 'e'
  AND c.relkind IN ('r', 'p') AND c.relnamespace = (SELECT nsp FROM ctx)
  AND c.relname NOT IN ('_vital_summary_counts', '_vital_summary_slots', '_vital_registered_sections');

CREATE FUNCTION pg_temp.rel(t text) RETURNS regclass LANGUAGE sql STABLE AS
$$ SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = (SELECT nsp FROM ctx) AND c.relname = t $$;
CREATE FUNCTION pg_temp.has_col(t regclass, c text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = t AND attname = c AND attnum > 0 AND NOT attisdropped) $$;
CREATE FUNCTION pg_temp.con_cols(con oid) RETURNS text[] LANGUAGE sql STABLE AS $$
SELECT ARRAY(SELECT a.attname::text FROM pg_constraint c, unnest(c.conkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON true WHERE c.oid = con AND a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) $$;

-- Values for CHECKs whose shape (regular expressions) gives no value; bad_values also overrides the deriver.
CREATE TEMP TABLE good_values (conname text PRIMARY KEY, val text);
INSERT INTO good_values VALUES ('slug_format', 'test-slug'), ('email_format', 'someone@example.com'),
                               ('code_format', 'zz_test');
CREATE TEMP TABLE bad_values (tbl text, conname text, val text, PRIMARY KEY (tbl, conname));

-- A value satisfying (want_bad = false) or violating (true) a single-column CHECK, from its definition.
CREATE FUNCTION pg_temp.check_value(con oid, want_bad boolean) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE def text; nm text; tb text; col text; m text[]; lo numeric; hi numeric; lo_incl boolean; hi_incl boolean; v text;
BEGIN
  SELECT pg_get_constraintdef(c.oid), c.conname, c.conrelid::regclass::text, (pg_temp.con_cols(c.oid))[1]
    INTO def, nm, tb, col FROM pg_constraint c WHERE c.oid = con;
  IF want_bad THEN
    SELECT b.val INTO v FROM bad_values b WHERE b.conname = nm AND pg_temp.rel(b.tbl)::text = tb;
    IF FOUND THEN RETURN v; END IF;
  END IF;
  IF def ~ '= ANY \(ARRAY\[' THEN
    IF want_bad THEN RETURN 'zz_not_allowed'; END IF;
    m := regexp_match(def, 'ARRAY\[''((?:[^'']|'''')*)''');
    RETURN replace(m[1], '''''', '''');
  ELSIF def ~ '<@ ARRAY\[' THEN
    RETURN CASE WHEN want_bad THEN '{zz_not_allowed}' ELSE '{}' END;
  ELSIF def ~ ' ~\*? ''' THEN
    IF want_bad THEN RETURN 'Not Valid!'; END IF;
    SELECT g.val INTO v FROM good_values g WHERE g.conname = nm;
    RETURN v;
  END IF;
  -- only comparisons of the bare column with a constant: (col >= 0), (col <= (10)::numeric), ...
  IF def !~ ('^CHECK \(+' || col || ' [<>]') THEN RETURN NULL; END IF;
  m := regexp_match(def, '\(' || col || ' >(=?) [(]*''?(-?[0-9.]+)');
  IF m IS NOT NULL THEN lo := m[2]::numeric; lo_incl := m[1] = '='; END IF;
  m := regexp_match(def, '\(' || col || ' <(=?) [(]*''?(-?[0-9.]+)');
  IF m IS NOT NULL THEN hi := m[2]::numeric; hi_incl := m[1] = '='; END IF;
  IF lo IS NOT NULL THEN
    RETURN CASE WHEN want_bad THEN (CASE WHEN lo_incl THEN lo - 1 ELSE lo END)::text
                ELSE (CASE WHEN lo_incl THEN lo ELSE lo + 1 END)::text END;
  ELSIF hi IS NOT NULL THEN
    RETURN CASE WHEN want_bad THEN (CASE WHEN hi_incl THEN hi + 1 ELSE hi END)::text
                ELSE (CASE WHEN hi_incl THEN hi ELSE hi - 1 END)::text END;
  END IF;
  RETURN NULL;
END $$;

-- rows made so far: one per (tenant, table)
CREATE TEMP TABLE made (tenant uuid, tbl regclass, id uuid);

-- Insert one valid row into t for tenant: NOT NULL columns without default get a value (from their CHECK,
-- else by type); FK columns point at rows made earlier (composite (tenant_id, x) -> same tenant's parent;
-- lookup codes -> first shipped code). overrides: column -> literal text.
CREATE FUNCTION pg_temp.make_row(t regclass, p_tenant uuid, overrides jsonb DEFAULT '{}') RETURNS uuid
LANGUAGE plpgsql AS $$
DECLARE a record; fk record; v text; cols text[] := '{}'; vals text[] := '{}'; new_id uuid; con oid;
BEGIN
  FOR a IN SELECT att.attname::text AS name, att.attnum, att.attnotnull, att.atthasdef,
                  format_type(att.atttypid, att.atttypmod) AS typ
           FROM pg_attribute att
           WHERE att.attrelid = t AND att.attnum > 0 AND NOT att.attisdropped AND att.attgenerated = ''
           ORDER BY att.attnum
  LOOP
    v := NULL;
    SELECT c.oid, c.confrelid::regclass AS ref, r.relname::text AS refname, pg_temp.con_cols(c.oid) AS fcols
      INTO fk
      FROM pg_constraint c JOIN pg_class r ON r.oid = c.confrelid
     WHERE c.conrelid = t AND c.contype = 'f' AND a.attnum = ANY (c.conkey)
     ORDER BY cardinality(c.conkey) DESC LIMIT 1;
    IF overrides ? a.name THEN
      v := overrides ->> a.name;
    ELSIF a.name = 'tenant_id' THEN
      v := p_tenant::text;
    ELSIF fk.oid IS NOT NULL AND fk.refname LIKE 'lookup\_%' THEN
      EXECUTE format('SELECT code FROM %s WHERE is_builtin ORDER BY sort_order, code LIMIT 1', fk.ref) INTO v;
    ELSIF fk.oid IS NOT NULL AND (a.attnotnull OR cardinality(fk.fcols) > 1) THEN
      SELECT m.id::text INTO v FROM made m WHERE m.tbl = fk.ref AND m.tenant IS NOT DISTINCT FROM p_tenant;
      IF v IS NULL THEN RAISE EXCEPTION 'make_row(%): no % row made yet for tenant %', t, fk.ref, p_tenant; END IF;
    ELSIF a.attnotnull AND NOT a.atthasdef THEN
      SELECT c.oid INTO con FROM pg_constraint c
       WHERE c.conrelid = t AND c.contype = 'c' AND c.conkey = ARRAY[a.attnum]::int2[] LIMIT 1;
      IF FOUND THEN
        v := pg_temp.check_value(con, false);
      ELSE
        v := CASE WHEN a.typ LIKE '%[]' THEN '{}' WHEN a.typ IN ('integer', 'bigint', 'smallint') OR a.typ LIKE 'numeric%' THEN '1'
                  WHEN a.typ = 'boolean' THEN 'false' WHEN a.typ = 'date' THEN '2024-01-15' WHEN a.typ LIKE 'time %' THEN '09:00'
                  WHEN a.typ LIKE 'timestamp%' THEN '2024-01-15 09:00+00' WHEN a.typ = 'jsonb' THEN '{}'
                  WHEN a.typ = 'uuid' THEN gen_random_uuid()::text ELSE 'test value' END;
      END IF;
    ELSE
      CONTINUE;
    END IF;
    cols := cols || quote_ident(a.name); vals := vals || quote_nullable(v);
  END LOOP;
  EXECUTE format('INSERT INTO %s (%s) VALUES (%s) RETURNING %s', t, array_to_string(cols, ', '),
                 array_to_string(vals, ', '), CASE WHEN pg_temp.has_col(t, 'id') THEN 'id' ELSE 'NULL::uuid' END)
    INTO new_id;
  INSERT INTO made VALUES (p_tenant, t, new_id);
  RETURN new_id;
END $$;

-- Run a statement in a subtransaction that is always rolled back; result 'ok' or '<SQLSTATE> <constraint>'.
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; cn text; msg text;
BEGIN
  BEGIN
    EXECUTE stmt;
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'vp_test_rollback';
  EXCEPTION WHEN others THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME, msg = MESSAGE_TEXT;
    IF st = 'P0001' AND msg = 'vp_test_rollback' THEN RETURN 'ok'; END IF;
    RETURN st || ' ' || coalesce(nullif(cn, ''), '(' || msg || ')');
  END;
END $$;

-- ---- build one row per table for tenant A ------------------------------------------------------------
CREATE TEMP TABLE t_ids AS SELECT gen_random_uuid() AS a, gen_random_uuid() AS b;
SELECT lives_ok(format($q$INSERT INTO %s (id, name, slug) VALUES (%L, 'Tenant A', 'tenant-a'), (%L, 'Tenant B', 'tenant-b')$q$,
                       pg_temp.rel('tenants'), (SELECT a FROM t_ids), (SELECT b FROM t_ids)), 'two tenants');
INSERT INTO made SELECT a, pg_temp.rel('tenants'), a FROM t_ids UNION ALL SELECT b, pg_temp.rel('tenants'), b FROM t_ids;

DO $$
DECLARE pending regclass[]; t regclass; progressed boolean; ta uuid := (SELECT a FROM t_ids);
BEGIN
  pending := ARRAY(SELECT tbl FROM ext_tables WHERE relname <> 'tenants' ORDER BY relname);
  LOOP
    progressed := false;
    FOREACH t IN ARRAY pending LOOP
      IF NOT EXISTS (SELECT 1 FROM pg_constraint c
                     WHERE c.conrelid = t AND c.contype = 'f' AND c.confrelid <> t
                       AND c.confrelid = ANY (pending)) THEN
        PERFORM pg_temp.make_row(t, CASE WHEN pg_temp.has_col(t, 'tenant_id') THEN ta END);
        pending := array_remove(pending, t); progressed := true;
      END IF;
    END LOOP;
    EXIT WHEN cardinality(pending) = 0;
    IF NOT progressed THEN RAISE EXCEPTION 'FK cycle among %', pending; END IF;
  END LOOP;
END $$;

SELECT is((SELECT count(DISTINCT tbl)::int FROM made), (SELECT count(*)::int FROM ext_tables),
          'a valid row was built for every table of the extension');

-- ---- CHECK constraints: every one rejects a violating value with 23514 and its own name ---------------
SELECT is(CASE WHEN cardinality(c.conkey) <> 1 THEN 'multi-column CHECK: add a bad_values row'
               WHEN pg_temp.check_value(c.oid, true) IS NULL THEN 'no violating value known: add a bad_values row'
               ELSE pg_temp.try(format('UPDATE %s SET %I = %L', c.conrelid::regclass,
                                       (pg_temp.con_cols(c.oid))[1], pg_temp.check_value(c.oid, true))) END,
          '23514 ' || c.conname,
          format('CHECK %s.%s rejects %s', e.relname, c.conname, coalesce(pg_temp.check_value(c.oid, true), '?')))
FROM pg_constraint c JOIN ext_tables e ON e.tbl = c.conrelid
WHERE c.contype = 'c' ORDER BY e.relname, c.conname;

SELECT cmp_ok((SELECT count(*)::int FROM pg_constraint c JOIN ext_tables e ON e.tbl = c.conrelid WHERE c.contype = 'c'),
              '>=', CASE (SELECT ver FROM ctx) WHEN '4.0' THEN 63 ELSE 286 END,
              'the schema has all of its CHECK constraints (4.0: 63, 5.0: 286)');

-- ---- lookup FKs: unknown codes rejected, renamed codes cascade ----------------------------------------
SELECT is(pg_temp.try(format('UPDATE %s SET %I = %L', c.conrelid::regclass, (pg_temp.con_cols(c.oid))[1], 'zz_unknown_code')),
          '23503 ' || c.conname,
          format('lookup FK %s.%s rejects an unknown code', e.relname, c.conname))
FROM pg_constraint c JOIN ext_tables e ON e.tbl = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
WHERE c.contype = 'f' AND r.relname LIKE 'lookup\_%' ORDER BY e.relname, c.conname;

CREATE FUNCTION pg_temp.rename_cascades(con oid) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE t regclass; lk regclass; col text; old text; now_val text; ok boolean;
BEGIN
  SELECT c.conrelid::regclass, c.confrelid::regclass, (pg_temp.con_cols(c.oid))[1] INTO t, lk, col FROM pg_constraint c WHERE c.oid = con;
  EXECUTE format('SELECT %I FROM %s WHERE %I IS NOT NULL LIMIT 1', col, t, col) INTO old;
  BEGIN
    EXECUTE format('UPDATE %s SET code = %L WHERE code = %L', lk, old || '_renamed', old);
    EXECUTE format('SELECT %I FROM %s WHERE %I IS NOT NULL LIMIT 1', col, t, col) INTO now_val;
    ok := now_val = old || '_renamed';
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'vp_test_rollback';
  EXCEPTION WHEN raise_exception THEN
    RETURN coalesce(ok, false);
  END;
END $$;
SELECT ok(pg_temp.rename_cascades(c.oid), format('lookup FK %s.%s: renaming the code cascades (ON UPDATE CASCADE)', e.relname, c.conname))
FROM pg_constraint c JOIN ext_tables e ON e.tbl = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
WHERE c.contype = 'f' AND r.relname LIKE 'lookup\_%' ORDER BY e.relname, c.conname;

-- ---- tenant consistency: a row pointing at another tenant's parent is rejected (23503) -----------------
-- (tenant A's own row is deleted first inside the rolled-back subtransaction, so that a unique key on
-- persona_id cannot fire before the FK)
SELECT is(pg_temp.try(format('DO $d$ BEGIN DELETE FROM %1$s; PERFORM pg_temp.make_row(%1$L::regclass, %2$L, %3$L); END $d$',
                             c.conrelid::regclass, (SELECT b FROM t_ids),
                             jsonb_build_object(x.col, (SELECT m.id FROM made m WHERE m.tbl = c.confrelid AND m.tenant = (SELECT a FROM t_ids))))),
          '23503 ' || c.conname,
          format('%s: tenant B row with a %s of tenant A is rejected by %s', e.relname, c.confrelid::regclass, c.conname))
FROM pg_constraint c JOIN ext_tables e ON e.tbl = c.conrelid,
     LATERAL (SELECT col FROM unnest(pg_temp.con_cols(c.oid)) col WHERE col <> 'tenant_id') x
WHERE c.contype = 'f' AND cardinality(c.conkey) = 2 AND 'tenant_id' = ANY (pg_temp.con_cols(c.oid))
ORDER BY e.relname;

SELECT ok((SELECT count(*) FROM pg_constraint c JOIN ext_tables e ON e.tbl = c.conrelid
           WHERE c.contype = 'f' AND c.confrelid = pg_temp.rel('personas')
             AND pg_temp.con_cols(c.oid) @> ARRAY['tenant_id', 'persona_id']) >= 38,
          'children reference personas by (tenant_id, persona_id)');
SELECT is_empty($$SELECT e.relname FROM ext_tables e
                  WHERE pg_temp.has_col(e.tbl, 'persona_id')
                    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = e.tbl AND c.contype = 'f'
                                    AND c.confrelid = pg_temp.rel('personas')
                                    AND pg_temp.con_cols(c.oid) = ARRAY['tenant_id', 'persona_id'])$$,
                'every persona_id column is covered by the composite FK (tenant_id, persona_id)');

-- ---- updated_at trigger --------------------------------------------------------------------------------
SELECT is(pg_temp.try(format($q$DO $d$ BEGIN
            UPDATE %1$s SET updated_at = '2000-01-01';
            IF EXISTS (SELECT 1 FROM %1$s WHERE updated_at <> now()) THEN RAISE EXCEPTION 'updated_at not stamped'; END IF;
          END $d$$q$, e.tbl)), 'ok', format('%s: set_updated_at stamps updated_at on UPDATE', e.relname))
FROM ext_tables e WHERE pg_temp.has_col(e.tbl, 'updated_at') ORDER BY e.relname;

-- ---- users: deleting a user clears created_by / updated_by / validated_by (ON DELETE SET NULL) ----------
CREATE FUNCTION pg_temp.user_delete_nulls(con oid) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE t regclass; col text; u uuid; left_over int;
BEGIN
  SELECT c.conrelid::regclass, (pg_temp.con_cols(c.oid))[1] INTO t, col FROM pg_constraint c WHERE c.oid = con;
  SELECT m.id INTO u FROM made m WHERE m.tbl = pg_temp.rel('users');
  BEGIN
    EXECUTE format('UPDATE %s SET %I = %L', t, col, u);
    EXECUTE format('DELETE FROM %s WHERE id = %L', pg_temp.rel('users'), u);
    EXECUTE format('SELECT count(*) FROM %s WHERE %I IS NOT NULL', t, col) INTO left_over;
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'vp_test_rollback';
  EXCEPTION WHEN raise_exception THEN
    RETURN left_over = 0;
  END;
END $$;
SELECT ok(pg_temp.user_delete_nulls(c.oid), format('%s.%s is set NULL when the user is deleted', e.relname, c.conname))
FROM pg_constraint c JOIN ext_tables e ON e.tbl = c.conrelid
WHERE c.contype = 'f' AND c.confrelid = pg_temp.rel('users') AND c.confdeltype = 'n' ORDER BY e.relname, c.conname;

-- ---- catalog rules ------------------------------------------------------------------------------------
SELECT is_empty($$SELECT e.relname FROM ext_tables e JOIN pg_class c ON c.oid = e.tbl WHERE NOT EXISTS (SELECT 1 FROM pg_constraint p WHERE p.conrelid = e.tbl AND p.contype = 'p')$$,
                'every table has a primary key');

SELECT ok(EXISTS (SELECT 1 FROM pg_index i
                  WHERE i.indrelid = c.conrelid AND i.indpred IS NULL
                    AND (SELECT array_agg(k ORDER BY k) FROM unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) k)
                        = (SELECT array_agg(k ORDER BY k) FROM unnest(c.conkey) k)),
          format('FK %s.%s (%s) is covered by an index with those leading columns', e.relname, c.conname,
                 array_to_string(pg_temp.con_cols(c.oid), ', ')))
FROM pg_constraint c JOIN ext_tables e ON e.tbl = c.conrelid WHERE c.contype = 'f' ORDER BY e.relname, c.conname;

CREATE TEMP VIEW idx AS
SELECT i.indrelid, ic.relname::text AS index_name, ic.relam, i.indisunique,
       (i.indkey::int2[])[0:i.indnkeyatts - 1] AS keys,
       coalesce(pg_get_expr(i.indexprs, i.indrelid), '') AS exprs, coalesce(pg_get_expr(i.indpred, i.indrelid), '') AS pred
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN ext_tables e ON e.tbl = i.indrelid;
SELECT is_empty($$SELECT a.index_name || ' = ' || b.index_name FROM idx a JOIN idx b
                  ON a.indrelid = b.indrelid AND a.index_name < b.index_name AND a.relam = b.relam
                 AND a.keys = b.keys AND a.exprs = b.exprs AND a.pred = b.pred$$,
                'no duplicate indexes');
SELECT is_empty($$SELECT a.index_name || ' is a prefix of ' || b.index_name FROM idx a JOIN idx b
                  ON a.indrelid = b.indrelid AND a.index_name <> b.index_name AND a.relam = b.relam
                 AND a.relam = (SELECT oid FROM pg_am WHERE amname = 'btree') AND NOT a.indisunique
                 AND a.exprs = '' AND b.exprs = '' AND a.pred = b.pred
                 AND cardinality(a.keys) < cardinality(b.keys) AND b.keys[1:cardinality(a.keys)] = a.keys$$,
                'no btree index is a redundant leading prefix of another');

SELECT is_empty($$SELECT e.relname FROM ext_tables e JOIN pg_class c ON c.oid = e.tbl
                  WHERE pg_temp.has_col(e.tbl, 'tenant_id') AND NOT (c.relrowsecurity AND c.relforcerowsecurity)$$,
                'every table with tenant_id has row level security enabled and forced');
SELECT is_empty($$SELECT e.relname FROM ext_tables e
                  WHERE NOT pg_temp.has_col(e.tbl, 'tenant_id') AND e.relname NOT IN ('tenants')
                    AND e.relname NOT LIKE 'lookup\_%'$$,
                'only tenants and lookup_* tables are global (no tenant_id)');
SELECT is_empty($$SELECT e.relname FROM ext_tables e
                  WHERE NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = e.tbl AND t.tgname = 'set_updated_at')
                    AND pg_temp.has_col(e.tbl, 'updated_at')$$,
                'every table with updated_at has the set_updated_at trigger');
SELECT is_empty($$SELECT e.relname FROM ext_tables e
                  WHERE NOT pg_temp.has_col(e.tbl, 'created_at') OR NOT pg_temp.has_col(e.tbl, 'updated_at')$$,
                'every table has created_at and updated_at');
SELECT is_empty($$SELECT e.relname FROM ext_tables e WHERE obj_description(e.tbl, 'pg_class') IS NULL$$,
                'every table has a COMMENT');
SELECT is_empty($$SELECT conname FROM pg_constraint c JOIN ext_tables e ON e.tbl = c.conrelid WHERE length(conname) >= 63
                  UNION ALL SELECT index_name FROM idx WHERE length(index_name) >= 63$$,
                'no constraint or index name reaches 63 characters (silent truncation)');

-- pg_dump registration: user rows of every table, shipped lookup rows excluded
SELECT is_empty($$
  SELECT e.relname FROM ext_tables e
  WHERE NOT EXISTS (
    SELECT 1 FROM pg_extension x, unnest(x.extconfig, x.extcondition) AS cfg(oid, cond)
    WHERE x.extname = 'vital_persona' AND cfg.oid = e.tbl
      AND cfg.cond = CASE WHEN pg_temp.has_col(e.tbl, 'is_builtin') THEN 'WHERE NOT is_builtin' ELSE '' END)$$,
  'every table is registered with pg_extension_config_dump (lookups: WHERE NOT is_builtin)');

-- lookup reference rows
SELECT ok((SELECT count(*) FROM pg_attribute WHERE attrelid = e.tbl AND attname = 'is_builtin' AND NOT attnotnull) = 0
          AND pg_temp.has_col(e.tbl, 'is_builtin'),
          format('%s has is_builtin boolean NOT NULL', e.relname))
FROM ext_tables e WHERE e.relname LIKE 'lookup\_%' ORDER BY e.relname;
CREATE FUNCTION pg_temp.builtin_count(t regclass) RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int; BEGIN EXECUTE format('SELECT count(*) FROM %s WHERE is_builtin AND is_active AND code ~ ''^[a-z0-9_]+$''', t) INTO n; RETURN n; END $$;
SELECT cmp_ok(pg_temp.builtin_count(e.tbl), '>=', 5, format('%s ships at least 5 active reference rows', e.relname))
FROM ext_tables e WHERE e.relname LIKE 'lookup\_%' ORDER BY e.relname;
-- every value an upstream CHECK allowed is a shipped code (the CHECKs the lookup FKs replaced)
CREATE TEMP TABLE replaced_checks (tbl text, col text, lookup text, vals text[]);
INSERT INTO replaced_checks VALUES
  ('persona_case_studies', 'organization_size', 'lookup_organization_sizes', '{enterprise,large,mid_market,small,startup}'),
  ('persona_internal_stakeholders', 'communication_preference', 'lookup_communication_channels', '{face_to_face,video_call,phone,email,slack,teams,mixed}'),
  ('persona_customer_relationships', 'primary_channel', 'lookup_communication_channels', '{face_to_face,video,phone,email,portal,events,mixed}');
CREATE FUNCTION pg_temp.missing_codes(lk text, vals text[]) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE r text[]; BEGIN
  EXECUTE format('SELECT array_agg(v) FROM unnest($1) v WHERE v NOT IN (SELECT code FROM %s WHERE is_builtin)', pg_temp.rel(lk)) INTO r USING vals;
  RETURN coalesce(r, '{}'); END $$;
SELECT is(pg_temp.missing_codes(lookup, vals), '{}'::text[], format('%s ships every value %s.%s allowed upstream', lookup, tbl, col))
FROM replaced_checks WHERE pg_temp.rel(tbl) IS NOT NULL ORDER BY tbl;

-- ---- cascades (last: they delete the test rows) -------------------------------------------------------
CREATE TEMP TABLE persona_closure AS
WITH RECURSIVE dep(tbl) AS (
  SELECT pg_temp.rel('personas')
  UNION
  SELECT c.conrelid::regclass FROM pg_constraint c JOIN dep ON c.confrelid = dep.tbl
  WHERE c.contype = 'f' AND c.confdeltype = 'c' AND c.conrelid <> dep.tbl)
SELECT tbl FROM dep WHERE tbl <> pg_temp.rel('personas');
CREATE FUNCTION pg_temp.rows_of(t regclass, tenant uuid) RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int; BEGIN EXECUTE format('SELECT count(*) FROM %s WHERE tenant_id = %L', t, tenant) INTO n; RETURN n; END $$;
CREATE TEMP TABLE before_delete AS SELECT tbl, pg_temp.rows_of(tbl, (SELECT a FROM t_ids)) AS n FROM persona_closure;
SELECT lives_ok(format('DELETE FROM %s WHERE id = %L', pg_temp.rel('personas'),
                       (SELECT id FROM made WHERE tbl = pg_temp.rel('personas'))), 'deleting the persona succeeds');
SELECT is(b.n::text || ' -> ' || pg_temp.rows_of(b.tbl, (SELECT a FROM t_ids))::text, '1 -> 0',
          format('deleting a persona removes its rows in %s', b.tbl))
FROM before_delete b ORDER BY b.tbl::text;
SELECT ok((SELECT count(*) FROM persona_closure) >= 38, 'every persona child and grandchild is in the cascade');

SELECT lives_ok(format('DELETE FROM %s WHERE id = %L', pg_temp.rel('tenants'), (SELECT a FROM t_ids)), 'deleting tenant A succeeds');
SELECT is_empty($$SELECT e.relname FROM ext_tables e
                  WHERE pg_temp.has_col(e.tbl, 'tenant_id') AND pg_temp.rows_of(e.tbl, (SELECT a FROM t_ids)) > 0$$,
                'deleting a tenant removes all of its rows in every table');

SELECT * FROM finish();
ROLLBACK;
