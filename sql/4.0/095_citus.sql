-- Scale-out on Citus (docs/citus.md): the table kinds, declared in one place, and the procedure that distributes an
-- installed extension by tenant. Nothing here needs Citus to be installed: vital_table_kinds() is plain catalog
-- SQL, vital_distribute() checks for Citus when called. Every name is schema-qualified (trusted extension).

-- The ONE declaration of how each member table is placed on a Citus cluster, derived by rule from the catalog so
-- that tables added by later versions are placed without another list to maintain:
--   reference    lookup_* (shared vocabulary), tenants, users, tenant_members: small, read by every tenant's
--                queries and by the policies (vital_tenant_ids reads tenant_members' local copy on each node);
--   distributed  every other table with a tenant_id column, distributed by tenant_id and colocated with personas,
--                so one tenant's rows of every table sit in one shard group (router-planned per-tenant queries,
--                local foreign keys and trigger lookups on (tenant_id, ...));
--   local        internal tables without tenant_id (_vital_summary_*): stay on the coordinator, unused on Citus
--                (vital_summary counts through SQL there, see docs/citus.md).
-- level orders the creation: a table comes after every member table its foreign keys reference (reference
-- tables first, then personas, then children, then grandchildren).
CREATE FUNCTION @extschema@.vital_table_kinds()
RETURNS TABLE (table_name pg_catalog.regclass, kind text, level integer)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
WITH RECURSIVE k AS (
    SELECT t AS relid,
           CASE
               WHEN pg_catalog.starts_with(c.relname::text, 'lookup_')
                    OR c.relname::text OPERATOR(pg_catalog.=) ANY (ARRAY['tenants', 'users', 'tenant_members'])
                   THEN 'reference'
               WHEN EXISTS (SELECT FROM pg_catalog.pg_attribute a
                             WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attname OPERATOR(pg_catalog.=) 'tenant_id'
                               AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped)
                   THEN 'distributed'
               ELSE 'local'
           END AS kind
      FROM @extschema@._vital_member_tables() t
      JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t::pg_catalog.oid
), edges AS (
    SELECT DISTINCT f.conrelid AS child, f.confrelid AS parent
      FROM pg_catalog.pg_constraint f
      JOIN k kc ON kc.relid::pg_catalog.oid OPERATOR(pg_catalog.=) f.conrelid
      JOIN k kp ON kp.relid::pg_catalog.oid OPERATOR(pg_catalog.=) f.confrelid
     WHERE f.contype OPERATOR(pg_catalog.=) 'f'
       AND f.conrelid OPERATOR(pg_catalog.<>) f.confrelid
       AND kc.kind OPERATOR(pg_catalog.<>) 'local' AND kp.kind OPERATOR(pg_catalog.<>) 'local'
), levels AS (
    SELECT k.relid::pg_catalog.oid AS relid, 0 AS d FROM k
    UNION ALL
    SELECT e.child, levels.d OPERATOR(pg_catalog.+) 1
      FROM levels JOIN edges e ON e.parent OPERATOR(pg_catalog.=) levels.relid
     WHERE levels.d OPERATOR(pg_catalog.<) 16
)
SELECT k.relid, k.kind,
       (SELECT pg_catalog.max(levels.d) FROM levels WHERE levels.relid OPERATOR(pg_catalog.=) k.relid::pg_catalog.oid)
  FROM k
 ORDER BY CASE WHEN k.kind OPERATOR(pg_catalog.=) 'reference' THEN 0
               WHEN k.kind OPERATOR(pg_catalog.=) 'distributed' THEN 1 ELSE 2 END,
          3, k.relid::pg_catalog.text
$fn$;
COMMENT ON FUNCTION @extschema@.vital_table_kinds() IS
    'How each member table is placed on Citus (reference, distributed by tenant_id, local) and in which order '
    'vital_distribute() creates it; the one declaration of table kinds (docs/citus.md).';
REVOKE ALL ON FUNCTION @extschema@.vital_table_kinds() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.vital_table_kinds() TO @extowner@;

-- Distributes the installed extension on a Citus cluster, in vital_table_kinds() order (docs/citus.md has the whole
-- procedure: every node needs citus and vital_persona first). Idempotent: tables that already are Citus tables are
-- skipped, so it can be re-run after an interruption or an update. One transaction (the caller's).
--   * Foreign keys between member tables are dropped first and re-created at the end: Citus converts a local table
--     that references a new reference table, and refuses a distributed table whose foreign keys point at local
--     tables; re-created, they are checked on the shards (all are (tenant_id, ...) or point at reference tables).
--   * Triggers of distributed tables are propagated to the shards (citus.enable_unsafe_triggers, for this
--     transaction only): the maintenance triggers look rows up by (tenant_id, ...), so they stay on the shard group.
--     The vital_summary counter triggers are dropped from distributed tables: their counters table is keyed by
--     persona alone and cannot be colocated; vital_summary counts through routed SQL on Citus instead.
-- Not SECURITY DEFINER: create_distributed_table needs the table owner, i.e. the superuser that installed the
-- extension (the Citus administrator). EXECUTE: the extension owner only.
CREATE FUNCTION @extschema@.vital_distribute(shard_count integer DEFAULT NULL)
RETURNS TABLE (table_name pg_catalog.regclass, kind text, action text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    r        record;
    v_fks    text[] := '{}';
    t        record;
    v_drops  text[] := '{}';
    v_order  pg_catalog.regclass[];
    v_kinds  text[];
    v_failed bigint;
    v_anchor pg_catalog.regclass;
BEGIN
    IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NULL THEN
        RAISE EXCEPTION 'vital_distribute() needs Citus: the citus extension is not installed in this database'
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'shared_preload_libraries = ''citus'' and CREATE EXTENSION citus on every node, then add the workers (see citus.md in the docs).';
    END IF;
    IF shard_count IS NOT NULL AND (shard_count OPERATOR(pg_catalog.<) 1 OR shard_count OPERATOR(pg_catalog.>) 4096) THEN
        RAISE EXCEPTION 'shard_count must be between 1 and 4096, got %', shard_count
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Policies in the form Citus accepts (no sub-select): the generator switches form when citus is installed.
    PERFORM @extschema@.vital_rls_apply();
    PERFORM pg_catalog.set_config('citus.enable_unsafe_triggers', 'on', true);
    PERFORM pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);

    -- The order is taken before the foreign keys it is derived from are dropped.
    SELECT pg_catalog.array_agg(k.table_name ORDER BY k.ord), pg_catalog.array_agg(k.kind ORDER BY k.ord)
      INTO v_order, v_kinds
      FROM (SELECT kk.table_name, kk.kind, pg_catalog.row_number() OVER () AS ord
              FROM @extschema@.vital_table_kinds() kk) k
     WHERE k.kind OPERATOR(pg_catalog.<>) 'local';

    -- 1. Foreign keys between member tables that are not Citus tables yet: remember, drop.
    FOR r IN
        SELECT f.conrelid::pg_catalog.regclass AS tbl, f.conname, pg_catalog.pg_get_constraintdef(f.oid) AS def
          FROM pg_catalog.pg_constraint f
          JOIN @extschema@.vital_table_kinds() kc ON kc.table_name::pg_catalog.oid OPERATOR(pg_catalog.=) f.conrelid
          JOIN @extschema@.vital_table_kinds() kp ON kp.table_name::pg_catalog.oid OPERATOR(pg_catalog.=) f.confrelid
         WHERE f.contype OPERATOR(pg_catalog.=) 'f'
           AND kc.kind OPERATOR(pg_catalog.<>) 'local'
           AND NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
                            WHERE p.logicalrelid::pg_catalog.oid OPERATOR(pg_catalog.=) f.conrelid)
         ORDER BY f.conrelid::pg_catalog.regclass::pg_catalog.text, f.conname
    LOOP
        v_fks := v_fks OPERATOR(pg_catalog.||)
                 pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tbl, r.conname, r.def);
        EXECUTE pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
        v_drops := v_drops OPERATOR(pg_catalog.||)
                   pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT IF EXISTS %I', r.tbl, r.conname);
        table_name := r.tbl; kind := NULL; action := pg_catalog.format('drop foreign key %I', r.conname);
        RETURN NEXT;
    END LOOP;
    -- The workers' copies of the tables (created by their own CREATE EXTENSION) have the same foreign keys;
    -- re-creating them below is propagated to the workers, so they go there too. (run_command_on_workers is not
    -- part of this transaction: after a failure the drops stay; re-running vital_distribute() repairs it.)
    IF pg_catalog.array_length(v_drops, 1) IS NOT NULL THEN
        SELECT pg_catalog.count(*) INTO v_failed
          FROM pg_catalog.run_command_on_workers(pg_catalog.array_to_string(v_drops, '; ')) w
         WHERE NOT w.success;
        IF v_failed OPERATOR(pg_catalog.>) 0 THEN
            RAISE EXCEPTION 'vital_distribute: dropping the foreign keys on % worker(s) failed', v_failed
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Check that every worker has vital_persona at the coordinator''s version: SELECT * FROM run_command_on_workers($$SELECT extversion FROM pg_extension WHERE extname = ''vital_persona''$$).';
        END IF;
    END IF;

    -- 2. Reference tables, then distributed tables, parents before children.
    FOR r IN SELECT u.tbl, u.kind
               FROM ROWS FROM (pg_catalog.unnest(v_order), pg_catalog.unnest(v_kinds)) WITH ORDINALITY AS u (tbl, kind, ord)
              ORDER BY u.ord
    LOOP
        IF r.kind OPERATOR(pg_catalog.=) 'distributed' THEN
            -- counter triggers (vital_summary) cannot run on a shard: counts come from routed SQL on Citus
            FOR t IN SELECT tg.tgname FROM pg_catalog.pg_trigger tg
                      WHERE tg.tgrelid OPERATOR(pg_catalog.=) r.tbl::pg_catalog.oid AND NOT tg.tgisinternal
                        AND pg_catalog.strpos(tg.tgname::text, 'vital_summary_counts') OPERATOR(pg_catalog.>) 0
                      ORDER BY 1
            LOOP
                EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', t.tgname, r.tbl);
                table_name := r.tbl; kind := r.kind; action := pg_catalog.format('drop trigger %I', t.tgname);
                RETURN NEXT;
            END LOOP;
        END IF;
        IF EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
                    WHERE p.logicalrelid::pg_catalog.oid OPERATOR(pg_catalog.=) r.tbl::pg_catalog.oid) THEN
            IF v_anchor IS NULL AND r.kind OPERATOR(pg_catalog.=) 'distributed' THEN
                v_anchor := r.tbl;
            END IF;
            CONTINUE;
        END IF;
        IF r.kind OPERATOR(pg_catalog.=) 'reference' THEN
            PERFORM pg_catalog.create_reference_table(r.tbl);
            action := 'create_reference_table';
        ELSIF v_anchor IS NULL THEN
            -- the first distributed table (personas): a new colocation group for the extension
            IF shard_count IS NULL THEN
                PERFORM pg_catalog.create_distributed_table(r.tbl, 'tenant_id', colocate_with => 'none');
            ELSE
                PERFORM pg_catalog.create_distributed_table(r.tbl, 'tenant_id', colocate_with => 'none',
                                                            shard_count => shard_count);
            END IF;
            v_anchor := r.tbl;
            action := 'create_distributed_table by tenant_id';
        ELSE
            PERFORM pg_catalog.create_distributed_table(r.tbl, 'tenant_id', colocate_with => v_anchor::pg_catalog.text);
            action := pg_catalog.format('create_distributed_table by tenant_id, colocated with %s', v_anchor);
        END IF;
        table_name := r.tbl; kind := r.kind;
        RETURN NEXT;
    END LOOP;

    -- 3. The foreign keys again (Citus creates them on the shards).
    FOR r IN SELECT pg_catalog.unnest(v_fks) AS ddl LOOP
        EXECUTE r.ddl;
    END LOOP;
    IF pg_catalog.array_length(v_fks, 1) IS NOT NULL THEN
        table_name := NULL; kind := NULL;
        action := pg_catalog.format('re-created %s foreign keys', pg_catalog.array_length(v_fks, 1));
        RETURN NEXT;
    END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@.vital_distribute(integer) IS
    'Distributes the installed extension on Citus in vital_table_kinds() order: reference tables, then tables '
    'distributed by tenant_id and colocated with personas. Idempotent. docs/citus.md.';
REVOKE ALL ON FUNCTION @extschema@.vital_distribute(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.vital_distribute(integer) TO @extowner@;

-- PostgREST's pre-request function on Citus (docs/citus.md, `db-pre-request`): PostgREST sets the claims with
-- set_config(..., true), which Citus does not send to the workers, where the policies of the shards run. This
-- re-issues them as SET LOCAL, which Citus propagates to every worker connection of the transaction when
-- citus.propagate_set_commands = 'local'. The role needs nothing: Citus connects to the workers as the current role.
-- Harmless without Citus (it sets the value the setting already has). Security: it copies the caller's own claims,
-- set by the gateway; it grants nothing the claims do not already grant.
CREATE FUNCTION @extschema@.vital_citus_request()
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_claims text := pg_catalog.current_setting('request.jwt.claims', true);
BEGIN
    IF v_claims IS NOT NULL AND v_claims OPERATOR(pg_catalog.<>) '' THEN
        EXECUTE pg_catalog.format('SET LOCAL request.jwt.claims = %L', v_claims);
    END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@.vital_citus_request() IS
    'PostgREST db-pre-request on Citus: re-issues request.jwt.claims as SET LOCAL so that Citus propagates it to the '
    'workers (needs citus.propagate_set_commands = local). docs/citus.md.';
