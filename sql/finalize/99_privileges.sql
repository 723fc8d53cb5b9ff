-- finalize/99 (last step of every install and update script): the privilege allowlist (docs/security.md). Whatever
-- an earlier step or a default privilege (Supabase: ALTER DEFAULT PRIVILEGES ... GRANT ALL ... TO anon,
-- authenticated, service_role, postgres) granted, PUBLIC, anon, authenticated, service_role and the extension owner
-- end with exactly what the allowlist in src/rls.cpp says, TRIGGER/REFERENCES/TRUNCATE stay with the owner, and
-- every SECURITY DEFINER function has search_path = pg_catalog, @extschema@, pg_temp. vital_rls_audit() checks
-- the same list.
SELECT pg_catalog.count(*) AS privilege_statements FROM @extschema@.vital_rls_apply();
