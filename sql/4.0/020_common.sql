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
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION @extschema@.set_updated_at() IS
    'BEFORE UPDATE row trigger: sets updated_at to the transaction timestamp. Attached as trigger set_updated_at to every extension table with an updated_at column.';

CREATE FUNCTION @extschema@.immutable_array_to_text(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT array_to_string($1, ' ') $$;
COMMENT ON FUNCTION @extschema@.immutable_array_to_text(text[]) IS
    'Space-separated elements of a text array. IMMUTABLE (array_to_string is only STABLE because of other element types), so it may be used in generated columns and index expressions.';
