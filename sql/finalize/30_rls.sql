-- finalize/30_rls: tenant isolation for every table of the extension schema (docs/security.md).
-- Runs at the end of every install and update script: enables and forces RLS, creates the generated
-- policies, grants, and revokes EXECUTE from PUBLIC/anon. Idempotent (it only runs what differs).
SELECT pg_catalog.count(*) AS rls_statements FROM @extschema@.vital_rls_apply();
