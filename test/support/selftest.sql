-- The boundary self-test is not part of the extension (it runs caller-supplied SQL, so nothing shipped may
-- offer it): the tests create it from the library, as the superuser, in the extension's schema, inside their
-- own transaction or database. src/selftest.cpp holds the C++ side.
DO $selftest$
BEGIN
    EXECUTE pg_catalog.format(
        'CREATE FUNCTION %I.vital_selftest(kind text, sql text DEFAULT NULL) RETURNS text LANGUAGE c VOLATILE '
        'SET search_path = pg_catalog, pg_temp AS %L, %L',
        (SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
          WHERE e.extname OPERATOR(pg_catalog.=) 'vital_persona'),
        '$libdir/vital_persona', 'vital_selftest');
END
$selftest$;
