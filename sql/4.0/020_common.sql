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

-- Tables registered as custom sections by vital_register_section() (016_rls.sql, docs/security.md). A config
-- table (sql/finalize/10_dump_registration.sql registers every member table with pg_extension_config_dump), so
-- registrations survive dump/restore. Found by schema and name (OIDs change on restore; reg* columns would block
-- pg_upgrade) and only while the table is still owned by the role that registered it. Nobody but the extension's
-- own code reads or writes it: RLS forced, no policy, no grant.
CREATE TABLE @extschema@._vital_registered_sections (
    section_schema name NOT NULL,
    section_table name NOT NULL,
    section_owner name NOT NULL,
    added_foreign_key boolean NOT NULL,
    had_row_security boolean NOT NULL,
    had_forced_row_security boolean NOT NULL,
    had_validation_trigger boolean NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT _vital_registered_sections_pkey PRIMARY KEY (section_schema, section_table)
);
COMMENT ON TABLE @extschema@._vital_registered_sections IS
    'Internal: user tables registered as custom sections (vital_register_section); what to restore on unregister.';

-- What vital_persona manages: its member tables in its schema and the registered sections. The one definition
-- lives in C++ (src/catalog.cpp, vp::catalog::managed_tables); this function exposes it to SQL.
CREATE FUNCTION @extschema@._vital_managed_tables()
    RETURNS TABLE (tbl pg_catalog.regclass, registered boolean, has_tenant_id boolean)
    LANGUAGE c STABLE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_managed_tables';
COMMENT ON FUNCTION @extschema@._vital_managed_tables() IS
    'Internal: the tables vital_persona manages (member tables, registered sections), from src/catalog.cpp.';
REVOKE ALL ON FUNCTION @extschema@._vital_managed_tables() FROM PUBLIC;

-- The extension's own tables in its schema, optionally only those with a given column: what every
-- sql/finalize/ step loops over (user tables that happen to share the schema are never touched; registered
-- sections are not members: vital_register_section() handles them).
CREATE FUNCTION @extschema@._vital_member_tables(with_column text DEFAULT NULL) RETURNS SETOF pg_catalog.regclass
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT m.tbl
    FROM @extschema@._vital_managed_tables() m
    JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) m.tbl
    WHERE NOT m.registered
      AND (with_column IS NULL OR EXISTS (SELECT FROM pg_catalog.pg_attribute a
                                          WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid
                                            AND a.attname OPERATOR(pg_catalog.=) with_column
                                            AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped))
    ORDER BY c.relname $$;
COMMENT ON FUNCTION @extschema@._vital_member_tables(text) IS
    'Member tables of vital_persona in its schema (optionally only those with column with_column); used by the finalize steps.';
REVOKE ALL ON FUNCTION @extschema@._vital_member_tables(text) FROM PUBLIC;
