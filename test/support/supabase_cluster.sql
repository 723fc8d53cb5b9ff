-- A Supabase-like cluster for the trust-boundary test (test/shell/trust_boundary.sh), run as the bootstrap
-- superuser supabase_admin (initdb -U supabase_admin) in the database that becomes the template of every test
-- database. Mirrors what Supabase's images set up (docs: /work/shared/notes/supabase-and-postgrest.md §1, §2):
--   * postgres is NOT a superuser (CREATEDB CREATEROLE LOGIN REPLICATION BYPASSRLS), member of the API roles,
--     and owns the test databases (created from this template with OWNER postgres);
--   * schema extensions: USAGE to postgres and the API roles, postgres holds ALL on it WITH GRANT OPTION and
--     default privileges there WITH GRANT OPTION;
--   * schema public: USAGE to the four roles; the default privileges of supabase_admin AND postgres grant ALL on
--     new tables, functions and sequences in public and extensions to postgres, anon, authenticated and
--     service_role (the extension must survive them: it must revoke what it does not mean to grant);
--   * search_path as Supabase sets it per role.
-- An application role app_owner (LOGIN, not superuser) stands for a customer's own migration role.
\ir supabase_roles.sql
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'postgres') THEN
        CREATE ROLE postgres NOSUPERUSER CREATEDB CREATEROLE LOGIN REPLICATION BYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'app_owner') THEN
        CREATE ROLE app_owner NOSUPERUSER LOGIN;
    END IF;
END $$;
GRANT anon, authenticated, service_role TO postgres;
GRANT pg_read_all_data, pg_signal_backend, pg_monitor TO postgres;
ALTER ROLE postgres SET search_path = "$user", public, extensions;
ALTER ROLE supabase_admin SET search_path = "$user", public, auth, extensions;
ALTER ROLE authenticator SET statement_timeout = '8s';

CREATE SCHEMA IF NOT EXISTS extensions;
GRANT USAGE ON SCHEMA extensions TO postgres, anon, authenticated, service_role;
GRANT ALL ON SCHEMA extensions TO postgres WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES IN SCHEMA extensions GRANT ALL ON TABLES TO postgres WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES IN SCHEMA extensions GRANT ALL ON ROUTINES TO postgres WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES IN SCHEMA extensions GRANT ALL ON SEQUENCES TO postgres WITH GRANT OPTION;

GRANT USAGE ON SCHEMA public TO postgres, anon, authenticated, service_role;
DO $$
DECLARE
    r text;
    s text;
    k text;
BEGIN
    FOREACH r IN ARRAY ARRAY['supabase_admin', 'postgres'] LOOP
        FOREACH s IN ARRAY ARRAY['public', 'extensions'] LOOP
            FOREACH k IN ARRAY ARRAY['TABLES', 'FUNCTIONS', 'SEQUENCES'] LOOP
                EXECUTE pg_catalog.format(
                    'ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT ALL ON %s TO postgres, anon, authenticated, service_role',
                    r, s, k);
            END LOOP;
        END LOOP;
    END LOOP;
END $$;
