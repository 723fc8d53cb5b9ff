-- Common helpers used by the table definitions and by sql/finalize/15_updated_at.sql:
--   set_updated_at()          BEFORE UPDATE trigger function stamping updated_at (attached by sql/finalize/15_updated_at.sql
--                             to every table that has an updated_at column)
--   immutable_array_to_text() IMMUTABLE text[] -> text, so arrays can feed generated tsvector columns
--                             (array_to_string itself is only STABLE).

CREATE FUNCTION @extschema@.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    NEW.updated_at := pg_catalog.now();
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION @extschema@.set_updated_at() IS
    'BEFORE UPDATE row trigger: sets updated_at to the transaction timestamp. Attached as trigger set_updated_at to every extension table with an updated_at column.';

CREATE FUNCTION @extschema@.immutable_array_to_text(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_catalog.array_to_string($1, ' ') $$;
COMMENT ON FUNCTION @extschema@.immutable_array_to_text(text[]) IS
    'Space-separated elements of a text array. IMMUTABLE (array_to_string is only STABLE because of other element types), so it may be used in generated columns and index expressions.';

-- The extension's own tables in its schema, optionally only those with a given column: what every
-- sql/finalize/ step loops over (user tables that happen to share the schema are never touched).
CREATE FUNCTION @extschema@._vital_member_tables(with_column text DEFAULT NULL) RETURNS SETOF regclass
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT c.oid::pg_catalog.regclass
    FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid AND e.extname OPERATOR(pg_catalog.=) 'vital_persona'
    JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) d.objid
    WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
      AND d.deptype OPERATOR(pg_catalog.=) 'e'
      AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p'])
      AND c.relnamespace OPERATOR(pg_catalog.=) e.extnamespace
      AND (with_column IS NULL OR EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                                          WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attname OPERATOR(pg_catalog.=) with_column
                                            AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped))
    ORDER BY c.relname $$;
COMMENT ON FUNCTION @extschema@._vital_member_tables(text) IS
    'Member tables of vital_persona in its schema (optionally only those with column with_column); used by the finalize steps.';
REVOKE ALL ON FUNCTION @extschema@._vital_member_tables(text) FROM PUBLIC;
