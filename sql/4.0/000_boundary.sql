-- Section 0: the C++ library's own functions (version, boundary self-test).

CREATE FUNCTION @extschema@.vital_persona_version() RETURNS text
    LANGUAGE c IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_persona_version';
COMMENT ON FUNCTION @extschema@.vital_persona_version() IS
    'Version of the vital_persona shared library (one library serves every SQL version).';

CREATE FUNCTION @extschema@.vital_selftest(kind text, sql text DEFAULT NULL) RETURNS text
    LANGUAGE c VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'vital_selftest';
COMMENT ON FUNCTION @extschema@.vital_selftest(text, text) IS
    'Diagnostic: raises each kind of C++/PostgreSQL boundary failure on demand (extension owner only).';
REVOKE ALL ON FUNCTION @extschema@.vital_selftest(text, text) FROM PUBLIC;
