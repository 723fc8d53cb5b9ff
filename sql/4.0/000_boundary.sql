-- Feature (not a schema section): the C++ library's own functions (version).

CREATE FUNCTION @extschema@.vital_persona_version() RETURNS text
    LANGUAGE c IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_persona_version';
COMMENT ON FUNCTION @extschema@.vital_persona_version() IS
    'Version of the vital_persona shared library (one library serves every SQL version).';

-- vital_selftest (the boundary self-test, which runs caller-supplied SQL) is not installed: the test harness
-- creates it from the library (test/support/selftest.sql), so nothing shipped executes caller-supplied SQL.
