-- versions: 4.0 5.0
-- The generator at whatever version is installed (fresh 4.0 too): sections of tables the version does
-- not have are skipped, everything else is filled, and the 4.0-level evidence metric holds.
BEGIN;
SELECT plan(6);
-- a count over a table that may not exist at this version (parsed only when run)
CREATE FUNCTION pg_temp.n(q text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE r bigint; BEGIN EXECUTE q INTO r; RETURN r; END $$;

INSERT INTO tenants (id, name, slug) VALUES ('0d0d0d0d-0000-4000-8000-00000000000d', 'Seed tenant D', 'seed-tenant-d');
SELECT lives_ok($$SELECT vital_seed_personas('0d0d0d0d-0000-4000-8000-00000000000d', 10, 3)$$,
                'seeding works at the installed version');
SELECT is((SELECT count(*)::int FROM personas WHERE tenant_id = '0d0d0d0d-0000-4000-8000-00000000000d'), 50,
          '10 personas per template x 5 templates');
SELECT cmp_ok((SELECT avg(((SELECT count(*) FROM persona_evidence_sources e WHERE e.persona_id = p.id) >= 5)::int)
                 FROM personas p WHERE p.tenant_id = '0d0d0d0d-0000-4000-8000-00000000000d'),
              '>=', 0.8::numeric, 'even with the 4.0 evidence table alone, >= 80% of personas have >= 5 evidence sources');
SELECT is((SELECT count(*)::int FROM persona_typical_day WHERE tenant_id = '0d0d0d0d-0000-4000-8000-00000000000d'
             AND persona_id NOT IN (SELECT id FROM personas)), 0, 'day-in-the-life rows belong to seeded personas');
SELECT ok(CASE WHEN to_regclass('persona_week_in_life') IS NULL
               THEN (SELECT count(*) FROM persona_typical_day WHERE tenant_id = '0d0d0d0d-0000-4000-8000-00000000000d') > 0
               ELSE pg_temp.n('SELECT count(*) AS n FROM persona_week_in_life WHERE tenant_id = ''0d0d0d0d-0000-4000-8000-00000000000d''') >= 250 END,
          'time perspective filled as far as the version goes (day at 4.0; 5 weekdays x 50 personas at 5.0)');
-- at 4.0 the legacy JSONB column is filled through "$if_column"; at 5.0 the column is gone and the
-- template's persona_communication_preferences rows are used instead
SELECT ok(CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'personas'::regclass
                              AND attname = 'communication_preferences' AND NOT attisdropped)
               THEN (SELECT bool_and(to_jsonb(p) -> 'communication_preferences' ? 'channel') FROM personas p
                      WHERE tenant_id = '0d0d0d0d-0000-4000-8000-00000000000d')
               ELSE pg_temp.n('SELECT count(*) AS n FROM persona_communication_preferences
                                WHERE tenant_id = ''0d0d0d0d-0000-4000-8000-00000000000d''') = 150 END,
          'communication preferences: JSONB at 4.0, rows at 5.0');

SELECT * FROM finish();
ROLLBACK;
