#!/usr/bin/env bash
# Seed generation rate: vital_seed_personas(tenant, PER_TEMPLATE) on a throwaway cluster (default 2000 per
# template = 10,000 personas, ~1.8 M rows). Prints the generator's progress NOTICEs and the rate.
#   bench/seed/run.sh [per_template]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" != "--inner" ]]; then
  postgres_bin=$(VP_PRIVATE_INSTALL=1 scripts/build-install.sh | tail -n 1)
  VP_POSTGRES="$postgres_bin" exec scripts/with-temp-pg.sh "$0" --inner "${1:-2000}"
fi
per_template=$2
psql -X -q -v ON_ERROR_STOP=1 -d postgres -f test/support/supabase_roles.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET client_min_messages = warning;
CREATE EXTENSION vital_persona;
INSERT INTO tenants (id, name, slug) VALUES ('11111111-1111-4111-8111-111111111111', 'Bench', 'bench');
SET client_min_messages = notice;
\timing on
SELECT vital_seed_personas('11111111-1111-4111-8111-111111111111', $per_template) AS personas;
\timing off
SELECT sum(n_tup_ins) AS rows_inserted FROM pg_stat_user_tables WHERE relname LIKE 'persona%';
SQL
