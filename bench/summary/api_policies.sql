-- RLS as the generated policies do it: one tenant predicate for authenticated on every table, the tenants in the
-- setting vs.tenants (bench/summary/setup.sql; scale.sh re-applies it after ALTER EXTENSION UPDATE, whose privilege
-- step revokes what its allowlist does not grant, e.g. EXECUTE on _vital_summary_modes).
DO $$
DECLARE r regclass;
BEGIN
    FOR r IN SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
             AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id') LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', r);
        EXECUTE format('DROP POLICY IF EXISTS bench_tenant ON %s', r);
        EXECUTE format($p$CREATE POLICY bench_tenant ON %s FOR SELECT TO authenticated
                        USING (tenant_id = ANY (string_to_array(current_setting('vs.tenants', true), ',')::uuid[]))$p$, r);
        EXECUTE format('GRANT SELECT ON %s TO authenticated', r);
    END LOOP;
END $$;
GRANT USAGE ON SCHEMA public TO authenticated;
GRANT EXECUTE ON FUNCTION vital_summary(uuid), vital_summaries(uuid[]), _vital_summary_modes() TO authenticated;

