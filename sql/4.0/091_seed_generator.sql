-- ---------------------------------------------------------------------------------------------
-- Seed generator: vital_seed_personas(tenant, per_template, seed, templates)
--
-- Expands every persona template (lookup_persona_templates, see 090_seed_templates.sql) into
-- per_template personas of one tenant, with all their child rows. Set-based: the templates are
-- exploded once into a temp table of template rows, the personas of a batch into a temp table of
-- persona variables; then ONE INSERT ... SELECT per table per batch joins the two and resolves
-- the variation specs inline. Large runs go in 10 batches (a NOTICE per 10%); small runs in one.
--
-- Deterministic: every pseudo-random choice is a hash of (seed, template code, variant number,
-- template row path, column) — never random() — and every id is an md5-derived uuid of
-- (tenant, seed, template code, variant, row path). Same arguments => the same rows, id for id.
-- The tenant takes part in the ids only (so two tenants can be seeded with the same seed) and
-- not in the values.
--
-- SECURITY INVOKER: the caller's privileges and row-level security apply, so a user can only
-- seed a tenant it may write to. EXECUTE is granted to service_role only (see docs/seed.md).
-- Full format of the templates and of the variation specs: docs/seed.md.
-- ---------------------------------------------------------------------------------------------

-- The inline expression that resolves one variation spec. %1$s = the template value (jsonb),
-- %2$s = a non-negative bigint hash, %3$s = the persona's variables (jsonb object).
-- Kept in a function (IMMUTABLE, no table access) so the generator and the tests share it.
CREATE FUNCTION @extschema@.vital_seed_spec_sql(p_value text, p_hash text, p_vars text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT pg_catalog.format($sql$
(SELECT CASE
   WHEN pg_catalog.jsonb_typeof(s.v) OPERATOR(pg_catalog.=) 'string' AND pg_catalog.strpos(s.v OPERATOR(pg_catalog.#>>) '{}', '{') OPERATOR(pg_catalog.>) 0 THEN
     pg_catalog.to_jsonb((SELECT pg_catalog.string_agg(CASE WHEN x.i OPERATOR(pg_catalog.%%) 2 OPERATOR(pg_catalog.=) 0 THEN coalesce(%3$s OPERATOR(pg_catalog.->>) x.part, '{' OPERATOR(pg_catalog.||) x.part OPERATOR(pg_catalog.||) '}')
                                      ELSE x.part END, '' ORDER BY x.i)
                 FROM pg_catalog.regexp_split_to_table(s.v OPERATOR(pg_catalog.#>>) '{}', '[{}]') WITH ORDINALITY x(part, i)))
   WHEN pg_catalog.jsonb_typeof(s.v) OPERATOR(pg_catalog.=) 'array' AND pg_catalog.strpos(s.v::text, '{') OPERATOR(pg_catalog.>) 0 THEN
     (SELECT pg_catalog.jsonb_agg(CASE WHEN pg_catalog.jsonb_typeof(a.e) OPERATOR(pg_catalog.<>) 'string' THEN a.e
                            ELSE pg_catalog.to_jsonb((SELECT pg_catalog.string_agg(CASE WHEN x.i OPERATOR(pg_catalog.%%) 2 OPERATOR(pg_catalog.=) 0
                                                                  THEN coalesce(%3$s OPERATOR(pg_catalog.->>) x.part, '{' OPERATOR(pg_catalog.||) x.part OPERATOR(pg_catalog.||) '}')
                                                                  ELSE x.part END, '' ORDER BY x.i)
                                             FROM pg_catalog.regexp_split_to_table(a.e OPERATOR(pg_catalog.#>>) '{}', '[{}]') WITH ORDINALITY x(part, i)))
                       END ORDER BY a.i)
        FROM pg_catalog.jsonb_array_elements(s.v) WITH ORDINALITY a(e, i))
   ELSE s.v END
 FROM (SELECT CASE
   WHEN pg_catalog.jsonb_typeof(%1$s) OPERATOR(pg_catalog.<>) 'object' THEN %1$s
   WHEN %1$s OPERATOR(pg_catalog.?) '$pick' THEN %1$s OPERATOR(pg_catalog.->) '$pick' OPERATOR(pg_catalog.->) ((%2$s) OPERATOR(pg_catalog.%%) pg_catalog.jsonb_array_length(%1$s OPERATOR(pg_catalog.->) '$pick'))::int
   WHEN %1$s OPERATOR(pg_catalog.?) '$int' THEN pg_catalog.to_jsonb((%1$s OPERATOR(pg_catalog.->) '$int' OPERATOR(pg_catalog.->>) 0)::bigint
        OPERATOR(pg_catalog.+) ((%2$s) OPERATOR(pg_catalog.%%) ((%1$s OPERATOR(pg_catalog.->) '$int' OPERATOR(pg_catalog.->>) 1)::bigint OPERATOR(pg_catalog.-) (%1$s OPERATOR(pg_catalog.->) '$int' OPERATOR(pg_catalog.->>) 0)::bigint OPERATOR(pg_catalog.+) 1)))
   WHEN %1$s OPERATOR(pg_catalog.?) '$num' THEN pg_catalog.to_jsonb(pg_catalog.round((%1$s OPERATOR(pg_catalog.->) '$num' OPERATOR(pg_catalog.->>) 0)::numeric
        OPERATOR(pg_catalog.+) (((%2$s) OPERATOR(pg_catalog.%%) 1000001)::numeric OPERATOR(pg_catalog./) 1000000 OPERATOR(pg_catalog.*) ((%1$s OPERATOR(pg_catalog.->) '$num' OPERATOR(pg_catalog.->>) 1)::numeric OPERATOR(pg_catalog.-) (%1$s OPERATOR(pg_catalog.->) '$num' OPERATOR(pg_catalog.->>) 0)::numeric)),
        coalesce((%1$s OPERATOR(pg_catalog.->) '$num' OPERATOR(pg_catalog.->>) 2)::int, 2)))
   WHEN %1$s OPERATOR(pg_catalog.?) '$date' THEN pg_catalog.to_jsonb((%1$s OPERATOR(pg_catalog.->) '$date' OPERATOR(pg_catalog.->>) 0)::date
        OPERATOR(pg_catalog.+) ((%2$s) OPERATOR(pg_catalog.%%) ((%1$s OPERATOR(pg_catalog.->) '$date' OPERATOR(pg_catalog.->>) 1)::date OPERATOR(pg_catalog.-) (%1$s OPERATOR(pg_catalog.->) '$date' OPERATOR(pg_catalog.->>) 0)::date OPERATOR(pg_catalog.+) 1))::int)
   WHEN %1$s OPERATOR(pg_catalog.?) '$subset' THEN
     (SELECT coalesce(pg_catalog.jsonb_agg(a.e ORDER BY a.i), '[]'::jsonb)
        FROM pg_catalog.jsonb_array_elements(%1$s OPERATOR(pg_catalog.->) '$subset') WITH ORDINALITY a(e, i)
       WHERE a.i OPERATOR(pg_catalog.<=) coalesce((%1$s OPERATOR(pg_catalog.->>) '$min')::int, 1) OR (pg_catalog.hashint8extended(a.i, %2$s) OPERATOR(pg_catalog.&) 1) OPERATOR(pg_catalog.=) 0)
   WHEN %1$s OPERATOR(pg_catalog.?) '$var' THEN %3$s OPERATOR(pg_catalog.->) (%1$s OPERATOR(pg_catalog.->>) '$var')
   ELSE %1$s END AS v) s)
$sql$, p_value, p_hash, p_vars)
$fn$;

COMMENT ON FUNCTION @extschema@.vital_seed_spec_sql(text, text, text) IS
  'Internal to vital_seed_personas: SQL text of the expression resolving one template variation spec.';

CREATE FUNCTION @extschema@.vital_seed_is_spec(p_value jsonb)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
  -- a variation spec ({"$pick": ...}, {"$int": ...}, ...) or a text / text array with a {placeholder}
  SELECT (pg_catalog.jsonb_typeof(p_value) OPERATOR(pg_catalog.=) 'object' AND EXISTS (SELECT 1 FROM pg_catalog.jsonb_object_keys(p_value) k WHERE k OPERATOR(pg_catalog.~~) '$%'))
      OR (pg_catalog.jsonb_typeof(p_value) OPERATOR(pg_catalog.=) ANY (ARRAY['string', 'array']) AND pg_catalog.strpos(p_value::text, '{') OPERATOR(pg_catalog.>) 0)
$fn$;

COMMENT ON FUNCTION @extschema@.vital_seed_is_spec(jsonb) IS
  'Internal to vital_seed_personas: true when a template value varies per persona.';

CREATE FUNCTION @extschema@.vital_seed_personas(
    p_tenant_id    uuid,
    p_per_template integer DEFAULT 20,
    p_seed         integer DEFAULT 1,
    p_templates    text[]  DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
-- the generated statements look expensive to the planner (jsonb set-returning functions): JIT
-- compiled each one for ~0.3 s, 20x the cost of running it
SET jit = off
AS $fn$
DECLARE
  c_schema    constant text := '@extschema@';
  -- Tables added by version 5.0: a template section for one of these is skipped when the
  -- installed version does not have it (seeding works at 4.0); any other unknown section is an error.
  c_v5_tables constant text[] := ARRAY[
    'persona_week_in_life', 'persona_weekly_milestones', 'persona_weekly_meetings',
    'persona_month_in_life', 'persona_monthly_objectives', 'persona_monthly_stakeholders',
    'persona_year_in_life', 'persona_annual_conferences', 'persona_career_trajectory',
    'persona_internal_stakeholders', 'persona_internal_networks', 'persona_external_stakeholders',
    'persona_vendor_relationships', 'persona_customer_relationships', 'persona_regulatory_stakeholders',
    'persona_industry_relationships', 'persona_stakeholder_influence_map', 'persona_stakeholder_journey',
    'persona_stakeholder_value_exchange', 'persona_public_research', 'persona_research_quantitative_results',
    'persona_industry_reports', 'persona_expert_opinions', 'persona_case_studies',
    'persona_case_study_investments', 'persona_case_study_results', 'persona_case_study_metrics',
    'persona_supporting_statistics', 'persona_statistic_history', 'persona_evidence_summary',
    'persona_communication_preferences'];
  -- Shared pools for the built-in variables (fictional organisations; names are common given and
  -- family names, combined at random: any resemblance to a real person is coincidental).
  c_pools constant jsonb := $pools${
    "first_names": ["Amelia", "Rahul", "Sofia", "Daniel", "Mei", "Jonas", "Priya", "Marcus", "Elena", "Tomás",
                    "Aisha", "Hannah", "Kenji", "Olivia", "Samuel", "Leila", "Grace", "Mateo", "Ingrid", "David",
                    "Chloe", "Arjun", "Nadia", "Felix", "Yara", "Benjamin", "Lucia", "Omar", "Claire", "Viktor",
                    "Ana", "Patrick", "Zoe", "Hiroshi", "Fatima", "Lukas", "Isabel", "Kwame", "Sarah", "Noah"],
    "last_names":  ["Hart", "Chen", "Okafor", "Lindqvist", "Patel", "Moreau", "Novak", "García", "Schmidt", "Tanaka",
                    "Rossi", "Mensah", "Walsh", "Kowalski", "Haddad", "Nakamura", "Fischer", "O'Brien", "Silva", "Andersen",
                    "Ibrahim", "Dubois", "Kaur", "Bianchi", "Reyes", "Müller", "Sato", "Murphy", "Costa", "Yilmaz",
                    "Bergström", "Achebe", "Laurent", "Singh", "Ortega", "Weber", "Kim", "Fitzgerald", "Nowak", "Adeyemi"],
    "organizations": [
      {"org": "Northbridge Therapeutics",  "org_size": "enterprise", "org_type": "Global biopharmaceutical company", "hq": "Boston, MA"},
      {"org": "Altamira Biosciences",      "org_size": "large",      "org_type": "Specialty pharmaceutical company", "hq": "Basel"},
      {"org": "Corvane Pharma",            "org_size": "large",      "org_type": "Global biopharmaceutical company", "hq": "London"},
      {"org": "Helixion Bio",              "org_size": "mid_market", "org_type": "Biotechnology company",            "hq": "San Diego, CA"},
      {"org": "Meridale Oncology",         "org_size": "mid_market", "org_type": "Biotechnology company",            "hq": "Cambridge, MA"},
      {"org": "Solenne Medical",           "org_size": "large",      "org_type": "Medical device manufacturer",      "hq": "Minneapolis, MN"},
      {"org": "Quillon Health Sciences",   "org_size": "enterprise", "org_type": "Global biopharmaceutical company", "hq": "New Jersey"},
      {"org": "Tavira Rare Diseases",      "org_size": "small",      "org_type": "Rare-disease biotech",             "hq": "Dublin"},
      {"org": "Brightwater Biologics",     "org_size": "mid_market", "org_type": "Biologics developer",              "hq": "Munich"},
      {"org": "Ostrava Generics",          "org_size": "large",      "org_type": "Generics and biosimilars company", "hq": "Prague"},
      {"org": "Kestrel Neuroscience",      "org_size": "small",      "org_type": "Clinical-stage biotech",           "hq": "Toronto"},
      {"org": "Larkspur Vaccines",         "org_size": "mid_market", "org_type": "Vaccines company",                 "hq": "Lyon"},
      {"org": "Pinecrest Diagnostics",     "org_size": "mid_market", "org_type": "Diagnostics company",              "hq": "Raleigh, NC"},
      {"org": "Arcadia Cell Therapies",    "org_size": "startup",    "org_type": "Cell and gene therapy start-up",   "hq": "South San Francisco, CA"},
      {"org": "Vantor Pharmaceuticals",    "org_size": "enterprise", "org_type": "Global biopharmaceutical company", "hq": "Tokyo"},
      {"org": "Elmstead Respiratory",      "org_size": "small",      "org_type": "Specialty pharmaceutical company", "hq": "Copenhagen"}
    ]
  }$pools$;
  v_templates     text[];
  v_tables        text[];        -- sections present at the installed version, in insert order
  v_nested        text[];        -- grandchild sections (nested in a parent's template rows)
  v_n_templates   integer;
  v_total         integer;
  v_batches       integer;
  v_batch         integer;
  v_lo            integer;
  v_hi            integer;
  v_rows          bigint;
  v_rows_total    bigint := 0;
  v_started       timestamptz := pg_catalog.clock_timestamp();
  v_table         text;
  v_cols          text[];
  v_bad           text;
  v_fk            text;
  v_stmts         text[] := '{}';
  v_stmt          text;
  v_spec          text;
  v_t0            timestamptz;
  -- SET vital_persona.seed_debug = on: a NOTICE per statement with its row count and time
  v_debug         boolean := coalesce(pg_catalog.current_setting('vital_persona.seed_debug', true), '') OPERATOR(pg_catalog.=) 'on';
BEGIN
  IF p_tenant_id IS NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: tenant id must not be null'
      USING ERRCODE = 'null_value_not_allowed';
  END IF;
  IF p_per_template IS NULL OR p_per_template OPERATOR(pg_catalog.<) 1 OR p_per_template OPERATOR(pg_catalog.>) 100000 THEN
    RAISE EXCEPTION 'vital_seed_personas: per_template must be between 1 and 100000 (got %)', p_per_template
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_seed IS NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: seed must not be null' USING ERRCODE = 'null_value_not_allowed';
  END IF;
  EXECUTE pg_catalog.format('SELECT EXISTS (SELECT 1 FROM %I.tenants WHERE id OPERATOR(pg_catalog.=) $1)', c_schema) INTO STRICT v_bad USING p_tenant_id;
  IF NOT v_bad::boolean THEN
    RAISE EXCEPTION 'vital_seed_personas: tenant % does not exist or is not visible to role %', p_tenant_id, current_user
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Create the tenant first, or call the function as a member of that tenant (row-level security applies).';
  END IF;

  -- 1. Templates to expand (all visible ones unless a list is given; unknown codes are an error).
  --    Abstract templates ("$abstract": true) only serve as "$extends" bases.
  EXECUTE pg_catalog.format('SELECT pg_catalog.array_agg(code ORDER BY code) FROM %I.lookup_persona_templates
                   WHERE ($1 IS NULL OR code OPERATOR(pg_catalog.=) ANY ($1)) AND is_active
                     AND NOT coalesce((body OPERATOR(pg_catalog.->>) ''$abstract'')::boolean, false)', c_schema)
     INTO v_templates USING p_templates;
  IF p_templates IS NOT NULL THEN
    SELECT pg_catalog.string_agg(t, ', ') INTO v_bad FROM pg_catalog.unnest(p_templates) t WHERE t OPERATOR(pg_catalog.<>) ALL (coalesce(v_templates, '{}'));
    IF v_bad IS NOT NULL THEN
      RAISE EXCEPTION 'vital_seed_personas: unknown persona template(s): %', v_bad
        USING ERRCODE = 'invalid_parameter_value',
              HINT = pg_catalog.format('SELECT code FROM %I.lookup_persona_templates lists the available templates.', c_schema);
    END IF;
  END IF;
  IF v_templates IS NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: no persona templates found' USING ERRCODE = 'no_data_found';
  END IF;
  v_n_templates := pg_catalog.cardinality(v_templates);
  EXECUTE pg_catalog.format('SELECT pg_catalog.string_agg(pg_catalog.format(''%%s extends %%s'', t.code, t.body OPERATOR(pg_catalog.->>) ''$extends''), '', '')
                    FROM %I.lookup_persona_templates t
                   WHERE t.code OPERATOR(pg_catalog.=) ANY ($1) AND t.body OPERATOR(pg_catalog.?) ''$extends''
                     AND NOT EXISTS (SELECT 1 FROM %I.lookup_persona_templates b
                                      WHERE b.code OPERATOR(pg_catalog.=) (t.body OPERATOR(pg_catalog.->>) ''$extends'') AND NOT b.body OPERATOR(pg_catalog.?) ''$extends'')',
                 c_schema, c_schema) INTO v_bad USING v_templates;
  IF v_bad IS NOT NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: "$extends" must name an existing template that extends no other: %', v_bad
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- 2. Explode the templates: one vp_seed_rows row per template row; row_key is its path in the
  --    body ("persona_goals/2", "persona_case_studies/1/persona_case_study_metrics/3"), which keys
  --    its ids and hashes. A row's nested arrays under a "persona_*" key are grandchild sections.
  EXECUTE pg_catalog.format($q$
    SELECT pg_catalog.string_agg(DISTINCT pg_catalog.format('%%s.%%s (%%s)', t.code, s.key, pg_catalog.jsonb_typeof(s.value)), ', ')
      FROM %1$I.lookup_persona_templates t0
      LEFT JOIN %1$I.lookup_persona_templates b ON b.code OPERATOR(pg_catalog.=) (t0.body OPERATOR(pg_catalog.->>) '$extends')
     CROSS JOIN LATERAL (SELECT t0.code, coalesce(b.body, '{}'::jsonb) OPERATOR(pg_catalog.||) t0.body AS body) t
     CROSS JOIN LATERAL pg_catalog.jsonb_each(t.body) s
     WHERE t.code OPERATOR(pg_catalog.=) ANY ($1) AND s.key OPERATOR(pg_catalog.!~~) '$%%'
       AND (pg_catalog.jsonb_typeof(s.value) OPERATOR(pg_catalog.<>) ALL (ARRAY['object', 'array'])
            OR (pg_catalog.jsonb_typeof(s.value) OPERATOR(pg_catalog.=) 'array'
                AND EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements(s.value) e WHERE pg_catalog.jsonb_typeof(e) OPERATOR(pg_catalog.<>) 'object')))
  $q$, c_schema) INTO v_bad USING v_templates;
  IF v_bad IS NOT NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: template sections must be an object or an array of objects: %', v_bad
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  IF pg_catalog.to_regclass('pg_temp.vp_seed_rows') IS NOT NULL THEN DROP TABLE pg_temp.vp_seed_rows; END IF;
  CREATE TEMP TABLE vp_seed_rows (
    code text, table_name text, row_key text, parent_table text, parent_key text,
    p float8, parent_p float8, r jsonb, fixed jsonb, varying jsonb);
  EXECUTE pg_catalog.format($q$
    INSERT INTO pg_temp.vp_seed_rows (code, table_name, row_key, parent_table, parent_key, p, parent_p, r)
    WITH sec AS (
      SELECT t.code, s.key AS table_name,
             CASE WHEN pg_catalog.jsonb_typeof(s.value) OPERATOR(pg_catalog.=) 'object' THEN pg_catalog.jsonb_build_array(s.value) ELSE s.value END AS arr
        FROM %1$I.lookup_persona_templates t0
        LEFT JOIN %1$I.lookup_persona_templates b ON b.code OPERATOR(pg_catalog.=) (t0.body OPERATOR(pg_catalog.->>) '$extends')
       CROSS JOIN LATERAL (SELECT t0.code, coalesce(b.body, '{}'::jsonb) OPERATOR(pg_catalog.||) t0.body AS body) t
       CROSS JOIN LATERAL pg_catalog.jsonb_each(t.body) s
       WHERE t.code OPERATOR(pg_catalog.=) ANY ($1) AND s.key OPERATOR(pg_catalog.!~~) '$%%'
    ), top AS (
      SELECT sec.code, sec.table_name, sec.table_name OPERATOR(pg_catalog.||) '/' OPERATOR(pg_catalog.||) e.i AS row_key, e.r
        FROM sec, pg_catalog.jsonb_array_elements(sec.arr) WITH ORDINALITY e(r, i)
    ), nested AS (
      SELECT top.code, n.key AS table_name, top.row_key OPERATOR(pg_catalog.||) '/' OPERATOR(pg_catalog.||) n.key OPERATOR(pg_catalog.||) '/' OPERATOR(pg_catalog.||) e.i AS row_key,
             top.table_name AS parent_table, top.row_key AS parent_key,
             (top.r OPERATOR(pg_catalog.->>) '$p')::float8 AS parent_p, e.r
        FROM top, pg_catalog.jsonb_each(top.r) n, pg_catalog.jsonb_array_elements(n.value) WITH ORDINALITY e(r, i)
       WHERE n.key OPERATOR(pg_catalog.~~) 'persona\_%%' AND pg_catalog.jsonb_typeof(n.value) OPERATOR(pg_catalog.=) 'array'
    )
    SELECT code, table_name, row_key, NULL, NULL, (r OPERATOR(pg_catalog.->>) '$p')::float8, NULL, r FROM top
    UNION ALL
    SELECT code, table_name, row_key, parent_table, parent_key, (r OPERATOR(pg_catalog.->>) '$p')::float8, parent_p, r FROM nested
  $q$, c_schema) USING v_templates;

  -- Sections of tables this version does not have: skipped if they are 5.0 tables, else an error.
  SELECT pg_catalog.string_agg(DISTINCT pg_catalog.format('%s.%s', code, table_name), ', ') INTO v_bad
    FROM pg_temp.vp_seed_rows
   WHERE pg_catalog.to_regclass(pg_catalog.format('%I.%I', c_schema, table_name)) IS NULL AND table_name OPERATOR(pg_catalog.<>) ALL (c_v5_tables);
  IF v_bad IS NOT NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: template sections name unknown tables: %', v_bad
      USING ERRCODE = 'undefined_table',
            HINT = 'Template sections are keyed by table name (e.g. "persona_goals").';
  END IF;
  DELETE FROM pg_temp.vp_seed_rows
   WHERE pg_catalog.to_regclass(pg_catalog.format('%I.%I', c_schema, table_name)) IS NULL
      OR (parent_table IS NOT NULL AND pg_catalog.to_regclass(pg_catalog.format('%I.%I', c_schema, parent_table)) IS NULL);

  SELECT pg_catalog.string_agg(u.c, ', ') INTO v_bad FROM pg_catalog.unnest(v_templates) u(c)
   WHERE (SELECT pg_catalog.count(*) FROM pg_temp.vp_seed_rows r WHERE r.code OPERATOR(pg_catalog.=) u.c AND r.table_name OPERATOR(pg_catalog.=) 'personas') OPERATOR(pg_catalog.<>) 1;
  IF v_bad IS NOT NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: template(s) % must have exactly one "personas" row', v_bad
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- Keep only column keys: drop hints ("$..."), nested sections and the columns the generator
  -- sets itself; add the "$if_column" entries whose column exists at this version. Then split
  -- each row into its constant part (fixed) and its variation specs / {placeholders} (varying).
  UPDATE pg_temp.vp_seed_rows s
     SET r = coalesce((SELECT pg_catalog.jsonb_object_agg(e.key, e.value) FROM pg_catalog.jsonb_each(s.r) e
                        WHERE e.key OPERATOR(pg_catalog.!~~) '$%'
                          AND NOT (e.key OPERATOR(pg_catalog.~~) 'persona\_%' AND pg_catalog.jsonb_typeof(e.value) OPERATOR(pg_catalog.=) 'array')), '{}')
             OPERATOR(pg_catalog.||) (coalesce((SELECT pg_catalog.jsonb_object_agg(i.key, i.value)
                            FROM pg_catalog.jsonb_each(CASE WHEN pg_catalog.jsonb_typeof(s.r OPERATOR(pg_catalog.->) '$if_column') OPERATOR(pg_catalog.=) 'object'
                                            THEN s.r OPERATOR(pg_catalog.->) '$if_column' ELSE '{}' END) i
                           WHERE EXISTS (SELECT 1 FROM pg_attribute a
                                          WHERE a.attrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass(pg_catalog.format('%I.%I', c_schema, s.table_name))
                                            AND a.attname OPERATOR(pg_catalog.=) i.key AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped)), '{}')
             OPERATOR(pg_catalog.-) ARRAY['id', 'tenant_id', 'persona_id']
             OPERATOR(pg_catalog.-) CASE WHEN s.table_name OPERATOR(pg_catalog.=) 'personas' THEN ARRAY['slug', 'persona_number'] ELSE '{}'::text[] END);
  UPDATE pg_temp.vp_seed_rows s
     SET fixed   = coalesce((SELECT pg_catalog.jsonb_object_agg(e.key, e.value) FROM pg_catalog.jsonb_each(s.r) e
                               WHERE NOT @extschema@.vital_seed_is_spec(e.value)), '{}'),
         varying = coalesce((SELECT pg_catalog.jsonb_object_agg(e.key, e.value) FROM pg_catalog.jsonb_each(s.r) e
                               WHERE @extschema@.vital_seed_is_spec(e.value)), '{}');
  ANALYZE pg_temp.vp_seed_rows;

  -- 3. Sections in insert order: personas, the evidence summary (before the evidence rows whose
  --    maintenance triggers may update it), the other child tables by name, then grandchildren.
  SELECT pg_catalog.array_agg(table_name ORDER BY table_name OPERATOR(pg_catalog.<>) 'personas', table_name OPERATOR(pg_catalog.<>) 'persona_evidence_summary', table_name)
    INTO v_tables FROM (SELECT DISTINCT table_name FROM pg_temp.vp_seed_rows WHERE parent_table IS NULL) t;
  SELECT coalesce(pg_catalog.array_agg(table_name ORDER BY table_name), '{}')
    INTO v_nested FROM (SELECT DISTINCT table_name FROM pg_temp.vp_seed_rows WHERE parent_table IS NOT NULL) t;

  FOREACH v_table IN ARRAY v_tables OPERATOR(pg_catalog.||) v_nested LOOP
    -- Columns: the union of the keys of the table's template rows; each must be a real column.
    SELECT pg_catalog.array_agg(k ORDER BY k) INTO v_cols
      FROM (SELECT DISTINCT pg_catalog.jsonb_object_keys(r) AS k FROM pg_temp.vp_seed_rows WHERE table_name OPERATOR(pg_catalog.=) v_table) ks;
    SELECT pg_catalog.string_agg(k, ', ' ORDER BY k) INTO v_bad FROM pg_catalog.unnest(v_cols) k
     WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass(pg_catalog.format('%I.%I', c_schema, v_table))
                          AND a.attname OPERATOR(pg_catalog.=) k AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped AND a.attgenerated OPERATOR(pg_catalog.=) '');
    IF v_bad IS NOT NULL THEN
      RAISE EXCEPTION 'vital_seed_personas: template section "%" names column(s) that % does not have (or that are generated): %',
                      v_table, v_table, v_bad
        USING ERRCODE = 'undefined_column',
              DETAIL = pg_catalog.format('templates: %s', (SELECT pg_catalog.string_agg(DISTINCT code, ', ') FROM pg_temp.vp_seed_rows
                                                 WHERE table_name OPERATOR(pg_catalog.=) v_table AND r OPERATOR(pg_catalog.?|) pg_catalog.string_to_array(v_bad, ', ')));
    END IF;
    v_cols := coalesce(v_cols, '{}');

    IF v_table OPERATOR(pg_catalog.=) 'personas' THEN
      -- the generator owns id, slug, persona_number, and records its provenance in metadata
      v_cols := pg_catalog.array_remove(v_cols, 'metadata');
      v_stmt := pg_catalog.format('INSERT INTO %I.personas (id, tenant_id, slug, persona_number, metadata%s)
        SELECT b.persona_id, $1, b.slug, b.persona_number,
               coalesce(r.metadata, ''{}''::jsonb) OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object(''seed'', pg_catalog.jsonb_build_object(
                 ''template'', b.code, ''seed'', $2::integer, ''variant'', b.v))%s', c_schema,
        (SELECT pg_catalog.string_agg(', ' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(c), '') FROM pg_catalog.unnest(v_cols) c),
        (SELECT pg_catalog.string_agg(', r.' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(c), '') FROM pg_catalog.unnest(v_cols) c));
    ELSE
      IF v_table OPERATOR(pg_catalog.=) ANY (v_nested) THEN
        -- the grandchild's reference to its parent: the FK column matching the parent's id
        SELECT ca.attname INTO v_fk
          FROM pg_constraint k
          JOIN LATERAL ROWS FROM (pg_catalog.unnest(k.conkey), pg_catalog.unnest(k.confkey)) u(ck, pk) ON true
          JOIN pg_attribute ca ON ca.attrelid OPERATOR(pg_catalog.=) k.conrelid AND ca.attnum OPERATOR(pg_catalog.=) u.ck
          JOIN pg_attribute pa ON pa.attrelid OPERATOR(pg_catalog.=) k.confrelid AND pa.attnum OPERATOR(pg_catalog.=) u.pk
         WHERE k.contype OPERATOR(pg_catalog.=) 'f' AND k.conrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass(pg_catalog.format('%I.%I', c_schema, v_table))
           AND k.confrelid OPERATOR(pg_catalog.=) (SELECT pg_catalog.to_regclass(pg_catalog.format('%I.%I', c_schema, parent_table))
                                FROM pg_temp.vp_seed_rows WHERE table_name OPERATOR(pg_catalog.=) v_table LIMIT 1)
           AND pa.attname OPERATOR(pg_catalog.=) 'id'
         LIMIT 1;
        IF v_fk IS NULL THEN
          RAISE EXCEPTION 'vital_seed_personas: % is nested in a template row but has no foreign key to that parent table', v_table
            USING ERRCODE = 'invalid_parameter_value';
        END IF;
        v_fk := ', ' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(v_fk);
        v_spec := ', md5(concat_ws(''/'', $1, $2, b.code, b.v, sr.parent_key))::uuid';
      ELSE
        v_fk := ', persona_id';
        v_spec := ', b.persona_id';
      END IF;
      v_stmt := pg_catalog.format('INSERT INTO %I.%I (id, tenant_id%s%s)
        SELECT pg_catalog.md5(pg_catalog.concat_ws(''/'', $1, $2, b.code, b.v, sr.row_key))::uuid, $1%s%s', c_schema, v_table,
        v_fk, (SELECT pg_catalog.string_agg(', ' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(c), '') FROM pg_catalog.unnest(v_cols) c),
        v_spec, (SELECT pg_catalog.string_agg(', r.' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(c), '') FROM pg_catalog.unnest(v_cols) c));
    END IF;
    v_stmts := v_stmts OPERATOR(pg_catalog.||) (v_stmt OPERATOR(pg_catalog.||) format($q$
          FROM pg_temp.vp_seed_batch b
          JOIN pg_temp.vp_seed_rows sr ON sr.code OPERATOR(pg_catalog.=) b.code AND sr.table_name OPERATOR(pg_catalog.=) %2$L
          CROSS JOIN LATERAL pg_catalog.jsonb_populate_record(NULL::%1$I.%2$I, sr.fixed OPERATOR(pg_catalog.||) coalesce(
              (SELECT pg_catalog.jsonb_object_agg(c.key, %3$s)
                 FROM pg_catalog.jsonb_each(sr.varying) c,
                      LATERAL (SELECT pg_catalog.hashint8extended(b.pkey, pg_catalog.hashtextextended(sr.row_key OPERATOR(pg_catalog.||) '/' OPERATOR(pg_catalog.||) c.key, 0))
                                      OPERATOR(pg_catalog.&) 9223372036854775807 AS h) hh), '{}'::jsonb)) r
         WHERE (sr.p IS NULL OR (pg_catalog.hashint8extended(b.pkey, pg_catalog.hashtextextended(sr.row_key OPERATOR(pg_catalog.||) '/$p', 0))
                                 OPERATOR(pg_catalog.&) 9223372036854775807) OPERATOR(pg_catalog.%%) 1000000 OPERATOR(pg_catalog.<) (sr.p OPERATOR(pg_catalog.*) 1000000))
           AND (sr.parent_p IS NULL OR (pg_catalog.hashint8extended(b.pkey, pg_catalog.hashtextextended(sr.parent_key OPERATOR(pg_catalog.||) '/$p', 0))
                                        OPERATOR(pg_catalog.&) 9223372036854775807) OPERATOR(pg_catalog.%%) 1000000 OPERATOR(pg_catalog.<) (sr.parent_p OPERATOR(pg_catalog.*) 1000000))
      $q$, c_schema, v_table, @extschema@.vital_seed_spec_sql('c.value', 'hh.h', 'b.vars')));
  END LOOP;

  -- The evidence summary's computed columns (counts, dates, quality score) are maintained by the 5.0
  -- statement-level triggers on the evidence tables (sql/5.0/820_evidence.sql): the generator inserts the
  -- analyst columns of the summary before the evidence rows, and the triggers recompute the rest.

  -- 4. Batches: the personas of a batch (built-in and template variables) into vp_seed_batch,
  --    then one INSERT per table. Ten batches (a NOTICE per 10%) from 1000 personas on.
  IF pg_catalog.to_regclass('pg_temp.vp_seed_batch') IS NOT NULL THEN DROP TABLE pg_temp.vp_seed_batch; END IF;
  CREATE TEMP TABLE vp_seed_batch (
    code text, v integer, pkey bigint, persona_id uuid, slug text, persona_number integer, vars jsonb);
  v_total := v_n_templates OPERATOR(pg_catalog.*) p_per_template;
  v_batches := CASE WHEN v_total OPERATOR(pg_catalog.>=) 1000 THEN least(10, p_per_template) ELSE 1 END;
  v_spec := @extschema@.vital_seed_spec_sql('c.value', 'hh.h', 'bv.vars');
  FOR v_batch IN 1 .. v_batches LOOP
    v_lo := (p_per_template::bigint OPERATOR(pg_catalog.*) (v_batch OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) v_batches)::integer OPERATOR(pg_catalog.+) 1;
    v_hi := (p_per_template::bigint OPERATOR(pg_catalog.*) v_batch OPERATOR(pg_catalog./) v_batches)::integer;
    TRUNCATE pg_temp.vp_seed_batch;
    EXECUTE pg_catalog.format($q$
      INSERT INTO pg_temp.vp_seed_batch (code, v, pkey, persona_id, slug, persona_number, vars)
      SELECT t.code, g.v, k.pkey,
             pg_catalog.md5(pg_catalog.concat_ws('/', $1, $2, t.code, g.v, 'personas/1'))::uuid,
             k.slug, ((t.ord OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog.*) $4 OPERATOR(pg_catalog.+) g.v)::integer,
             bv.vars OPERATOR(pg_catalog.||) coalesce(tv.vars, '{}'::jsonb)
        FROM pg_catalog.unnest($3::text[]) WITH ORDINALITY t(code, ord)
        JOIN %1$I.lookup_persona_templates pt0 ON pt0.code OPERATOR(pg_catalog.=) t.code
        LEFT JOIN %1$I.lookup_persona_templates pb ON pb.code OPERATOR(pg_catalog.=) (pt0.body OPERATOR(pg_catalog.->>) '$extends')
       CROSS JOIN LATERAL (SELECT pg_catalog.jsonb_build_object('$vars', coalesce(pb.body OPERATOR(pg_catalog.->) '$vars', '{}'::jsonb)
                                                    OPERATOR(pg_catalog.||) coalesce(pt0.body OPERATOR(pg_catalog.->) '$vars', '{}'::jsonb)) AS body) pt
       CROSS JOIN pg_catalog.generate_series($5, $6) g(v)
       CROSS JOIN LATERAL (
             SELECT pg_catalog.hashint8extended(g.v, pg_catalog.hashtextextended(t.code, $2::bigint)) AS pkey,
                    pg_catalog.replace(t.code, '_', '-') OPERATOR(pg_catalog.||) '-s' OPERATOR(pg_catalog.||) pg_catalog.replace($2::text, '-', 'm') OPERATOR(pg_catalog.||) '-' OPERATOR(pg_catalog.||) pg_catalog.lpad(g.v::text, 5, '0') AS slug) k
       CROSS JOIN LATERAL (
             SELECT pg_catalog.jsonb_build_object('first_name', f.first, 'last_name', f.last, 'full_name', f.first OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) f.last,
                                       'n', g.v, 'template', t.code, 'seed', $2::integer, 'slug', k.slug)
                    OPERATOR(pg_catalog.||) f.org AS vars
               FROM (SELECT $7::jsonb OPERATOR(pg_catalog.->) 'first_names' OPERATOR(pg_catalog.->>) ((pg_catalog.hashint8extended(k.pkey, 1) OPERATOR(pg_catalog.&) 9223372036854775807)
                                                             OPERATOR(pg_catalog.%%) pg_catalog.jsonb_array_length($7::jsonb OPERATOR(pg_catalog.->) 'first_names'))::int AS first,
                            $7::jsonb OPERATOR(pg_catalog.->) 'last_names' OPERATOR(pg_catalog.->>) ((pg_catalog.hashint8extended(k.pkey, 2) OPERATOR(pg_catalog.&) 9223372036854775807)
                                                            OPERATOR(pg_catalog.%%) pg_catalog.jsonb_array_length($7::jsonb OPERATOR(pg_catalog.->) 'last_names'))::int AS last,
                            $7::jsonb OPERATOR(pg_catalog.->) 'organizations' OPERATOR(pg_catalog.->) ((pg_catalog.hashint8extended(k.pkey, 3) OPERATOR(pg_catalog.&) 9223372036854775807)
                                                              OPERATOR(pg_catalog.%%) pg_catalog.jsonb_array_length($7::jsonb OPERATOR(pg_catalog.->) 'organizations'))::int AS org) f) bv
        LEFT JOIN LATERAL (
             -- template variables: resolved like column specs (placeholders see the built-ins);
             -- a variable whose value resolves to an object contributes all its keys
             SELECT pg_catalog.jsonb_object_agg(y.key, y.value) AS vars
               FROM (SELECT c.key, %2$s AS val
                       FROM pg_catalog.jsonb_each(CASE WHEN pg_catalog.jsonb_typeof(pt.body OPERATOR(pg_catalog.->) '$vars') OPERATOR(pg_catalog.=) 'object' THEN pt.body OPERATOR(pg_catalog.->) '$vars'
                                       ELSE '{}'::jsonb END) c,
                            LATERAL (SELECT pg_catalog.hashint8extended(k.pkey, pg_catalog.hashtextextended('$vars/' OPERATOR(pg_catalog.||) c.key, 0))
                                            OPERATOR(pg_catalog.&) 9223372036854775807 AS h) hh) x,
                    LATERAL pg_catalog.jsonb_each(CASE WHEN pg_catalog.jsonb_typeof(x.val) OPERATOR(pg_catalog.=) 'object' THEN x.val
                                       ELSE pg_catalog.jsonb_build_object(x.key, x.val) END) y) tv ON true
    $q$, c_schema, v_spec)
    USING p_tenant_id::text, p_seed::text, v_templates, p_per_template, v_lo, v_hi, c_pools::text;
    ANALYZE pg_temp.vp_seed_batch;

    FOREACH v_stmt IN ARRAY v_stmts LOOP
      v_t0 := pg_catalog.clock_timestamp();
      EXECUTE v_stmt USING p_tenant_id, p_seed::text;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      v_rows_total := v_rows_total OPERATOR(pg_catalog.+) v_rows;
      IF v_debug THEN
        RAISE NOTICE 'vital_seed_personas: % rows, % ms: %', v_rows,
          pg_catalog.round(extract(epoch FROM pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) v_t0)::numeric OPERATOR(pg_catalog.*) 1000), substring(v_stmt FROM 'INSERT INTO [^ ]+');
      END IF;
    END LOOP;
    IF v_batches OPERATOR(pg_catalog.>) 1 THEN
      RAISE NOTICE 'vital_seed_personas: % %% (% of % personas, % rows, % s)',
        (100 OPERATOR(pg_catalog.*) v_batch OPERATOR(pg_catalog./) v_batches), v_n_templates OPERATOR(pg_catalog.*) v_hi, v_total, v_rows_total,
        pg_catalog.round(extract(epoch FROM pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) v_started)::numeric, 1);
    END IF;
  END LOOP;

  DROP TABLE pg_temp.vp_seed_batch;
  DROP TABLE pg_temp.vp_seed_rows;
  RAISE NOTICE 'vital_seed_personas: tenant %: % personas from % template(s), % rows in % tables, % s',
    p_tenant_id, v_total, v_n_templates, v_rows_total, pg_catalog.cardinality(v_stmts),
    pg_catalog.round(extract(epoch FROM pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) v_started)::numeric, 1);
  RETURN v_total;
END
$fn$;

COMMENT ON FUNCTION @extschema@.vital_seed_personas(uuid, integer, integer, text[]) IS
  'Generates per_template personas per template (all, or the listed codes) with their child rows into one tenant; deterministic for a seed. See docs/seed.md.';

REVOKE ALL ON FUNCTION @extschema@.vital_seed_personas(uuid, integer, integer, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.vital_seed_spec_sql(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.vital_seed_is_spec(jsonb) FROM PUBLIC;
-- GRANTs to the API roles: sql/finalize/20_seed_templates.sql.
