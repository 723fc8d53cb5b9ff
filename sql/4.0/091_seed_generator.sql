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
SELECT format($sql$
(SELECT CASE
   WHEN jsonb_typeof(s.v) = 'string' AND strpos(s.v #>> '{}', '{') > 0 THEN
     to_jsonb((SELECT string_agg(CASE WHEN x.i %% 2 = 0 THEN coalesce(%3$s ->> x.part, '{' || x.part || '}')
                                      ELSE x.part END, '' ORDER BY x.i)
                 FROM regexp_split_to_table(s.v #>> '{}', '[{}]') WITH ORDINALITY x(part, i)))
   WHEN jsonb_typeof(s.v) = 'array' AND strpos(s.v::text, '{') > 0 THEN
     (SELECT jsonb_agg(CASE WHEN jsonb_typeof(a.e) <> 'string' THEN a.e
                            ELSE to_jsonb((SELECT string_agg(CASE WHEN x.i %% 2 = 0
                                                                  THEN coalesce(%3$s ->> x.part, '{' || x.part || '}')
                                                                  ELSE x.part END, '' ORDER BY x.i)
                                             FROM regexp_split_to_table(a.e #>> '{}', '[{}]') WITH ORDINALITY x(part, i)))
                       END ORDER BY a.i)
        FROM jsonb_array_elements(s.v) WITH ORDINALITY a(e, i))
   ELSE s.v END
 FROM (SELECT CASE
   WHEN jsonb_typeof(%1$s) <> 'object' THEN %1$s
   WHEN %1$s ? '$pick' THEN %1$s -> '$pick' -> ((%2$s) %% jsonb_array_length(%1$s -> '$pick'))::int
   WHEN %1$s ? '$int' THEN to_jsonb((%1$s -> '$int' ->> 0)::bigint
        + (%2$s) %% ((%1$s -> '$int' ->> 1)::bigint - (%1$s -> '$int' ->> 0)::bigint + 1))
   WHEN %1$s ? '$num' THEN to_jsonb(round((%1$s -> '$num' ->> 0)::numeric
        + ((%2$s) %% 1000001)::numeric / 1000000 * ((%1$s -> '$num' ->> 1)::numeric - (%1$s -> '$num' ->> 0)::numeric),
        coalesce((%1$s -> '$num' ->> 2)::int, 2)))
   WHEN %1$s ? '$date' THEN to_jsonb((%1$s -> '$date' ->> 0)::date
        + ((%2$s) %% ((%1$s -> '$date' ->> 1)::date - (%1$s -> '$date' ->> 0)::date + 1))::int)
   WHEN %1$s ? '$subset' THEN
     (SELECT coalesce(jsonb_agg(a.e ORDER BY a.i), '[]'::jsonb)
        FROM jsonb_array_elements(%1$s -> '$subset') WITH ORDINALITY a(e, i)
       WHERE a.i <= coalesce((%1$s ->> '$min')::int, 1) OR (hashint8extended(a.i, %2$s) & 1) = 0)
   WHEN %1$s ? '$var' THEN %3$s -> (%1$s ->> '$var')
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
  SELECT (jsonb_typeof(p_value) = 'object' AND EXISTS (SELECT 1 FROM jsonb_object_keys(p_value) k WHERE k LIKE '$%'))
      OR (jsonb_typeof(p_value) IN ('string', 'array') AND strpos(p_value::text, '{') > 0)
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
  v_started       timestamptz := clock_timestamp();
  v_table         text;
  v_cols          text[];
  v_bad           text;
  v_fk            text;
  v_stmts         text[] := '{}';
  v_stmt          text;
  v_spec          text;
  v_t0            timestamptz;
  -- SET vital_persona.seed_debug = on: a NOTICE per statement with its row count and time
  v_debug         boolean := coalesce(current_setting('vital_persona.seed_debug', true), '') = 'on';
BEGIN
  IF p_tenant_id IS NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: tenant id must not be null'
      USING ERRCODE = 'null_value_not_allowed';
  END IF;
  IF p_per_template IS NULL OR p_per_template < 1 OR p_per_template > 100000 THEN
    RAISE EXCEPTION 'vital_seed_personas: per_template must be between 1 and 100000 (got %)', p_per_template
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_seed IS NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: seed must not be null' USING ERRCODE = 'null_value_not_allowed';
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.tenants WHERE id = $1)', c_schema) INTO STRICT v_bad USING p_tenant_id;
  IF NOT v_bad::boolean THEN
    RAISE EXCEPTION 'vital_seed_personas: tenant % does not exist or is not visible to role %', p_tenant_id, current_user
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Create the tenant first, or call the function as a member of that tenant (row-level security applies).';
  END IF;

  -- 1. Templates to expand (all visible ones unless a list is given; unknown codes are an error).
  --    Abstract templates ("$abstract": true) only serve as "$extends" bases.
  EXECUTE format('SELECT array_agg(code ORDER BY code) FROM %I.lookup_persona_templates
                   WHERE ($1 IS NULL OR code = ANY ($1)) AND is_active
                     AND NOT coalesce((body ->> ''$abstract'')::boolean, false)', c_schema)
     INTO v_templates USING p_templates;
  IF p_templates IS NOT NULL THEN
    SELECT string_agg(t, ', ') INTO v_bad FROM unnest(p_templates) t WHERE t <> ALL (coalesce(v_templates, '{}'));
    IF v_bad IS NOT NULL THEN
      RAISE EXCEPTION 'vital_seed_personas: unknown persona template(s): %', v_bad
        USING ERRCODE = 'invalid_parameter_value',
              HINT = format('SELECT code FROM %I.lookup_persona_templates lists the available templates.', c_schema);
    END IF;
  END IF;
  IF v_templates IS NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: no persona templates found' USING ERRCODE = 'no_data_found';
  END IF;
  v_n_templates := cardinality(v_templates);
  EXECUTE format('SELECT string_agg(format(''%%s extends %%s'', t.code, t.body ->> ''$extends''), '', '')
                    FROM %I.lookup_persona_templates t
                   WHERE t.code = ANY ($1) AND t.body ? ''$extends''
                     AND NOT EXISTS (SELECT 1 FROM %I.lookup_persona_templates b
                                      WHERE b.code = t.body ->> ''$extends'' AND NOT b.body ? ''$extends'')',
                 c_schema, c_schema) INTO v_bad USING v_templates;
  IF v_bad IS NOT NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: "$extends" must name an existing template that extends no other: %', v_bad
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- 2. Explode the templates: one vp_seed_rows row per template row; row_key is its path in the
  --    body ("persona_goals/2", "persona_case_studies/1/persona_case_study_metrics/3"), which keys
  --    its ids and hashes. A row's nested arrays under a "persona_*" key are grandchild sections.
  EXECUTE format($q$
    SELECT string_agg(DISTINCT format('%%s.%%s (%%s)', t.code, s.key, jsonb_typeof(s.value)), ', ')
      FROM %1$I.lookup_persona_templates t0
      LEFT JOIN %1$I.lookup_persona_templates b ON b.code = t0.body ->> '$extends'
     CROSS JOIN LATERAL (SELECT t0.code, coalesce(b.body, '{}'::jsonb) || t0.body AS body) t
     CROSS JOIN LATERAL jsonb_each(t.body) s
     WHERE t.code = ANY ($1) AND s.key NOT LIKE '$%%'
       AND (jsonb_typeof(s.value) NOT IN ('object', 'array')
            OR (jsonb_typeof(s.value) = 'array'
                AND EXISTS (SELECT 1 FROM jsonb_array_elements(s.value) e WHERE jsonb_typeof(e) <> 'object')))
  $q$, c_schema) INTO v_bad USING v_templates;
  IF v_bad IS NOT NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: template sections must be an object or an array of objects: %', v_bad
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  IF to_regclass('pg_temp.vp_seed_rows') IS NOT NULL THEN DROP TABLE pg_temp.vp_seed_rows; END IF;
  CREATE TEMP TABLE vp_seed_rows (
    code text, table_name text, row_key text, parent_table text, parent_key text,
    p float8, parent_p float8, r jsonb, fixed jsonb, varying jsonb);
  EXECUTE format($q$
    INSERT INTO pg_temp.vp_seed_rows (code, table_name, row_key, parent_table, parent_key, p, parent_p, r)
    WITH sec AS (
      SELECT t.code, s.key AS table_name,
             CASE jsonb_typeof(s.value) WHEN 'object' THEN jsonb_build_array(s.value) ELSE s.value END AS arr
        FROM %1$I.lookup_persona_templates t0
        LEFT JOIN %1$I.lookup_persona_templates b ON b.code = t0.body ->> '$extends'
       CROSS JOIN LATERAL (SELECT t0.code, coalesce(b.body, '{}'::jsonb) || t0.body AS body) t
       CROSS JOIN LATERAL jsonb_each(t.body) s
       WHERE t.code = ANY ($1) AND s.key NOT LIKE '$%%'
    ), top AS (
      SELECT sec.code, sec.table_name, sec.table_name || '/' || e.i AS row_key, e.r
        FROM sec, jsonb_array_elements(sec.arr) WITH ORDINALITY e(r, i)
    ), nested AS (
      SELECT top.code, n.key AS table_name, top.row_key || '/' || n.key || '/' || e.i AS row_key,
             top.table_name AS parent_table, top.row_key AS parent_key,
             (top.r ->> '$p')::float8 AS parent_p, e.r
        FROM top, jsonb_each(top.r) n, jsonb_array_elements(n.value) WITH ORDINALITY e(r, i)
       WHERE n.key LIKE 'persona\_%%' AND jsonb_typeof(n.value) = 'array'
    )
    SELECT code, table_name, row_key, NULL, NULL, (r ->> '$p')::float8, NULL, r FROM top
    UNION ALL
    SELECT code, table_name, row_key, parent_table, parent_key, (r ->> '$p')::float8, parent_p, r FROM nested
  $q$, c_schema) USING v_templates;

  -- Sections of tables this version does not have: skipped if they are 5.0 tables, else an error.
  SELECT string_agg(DISTINCT format('%s.%s', code, table_name), ', ') INTO v_bad
    FROM pg_temp.vp_seed_rows
   WHERE to_regclass(format('%I.%I', c_schema, table_name)) IS NULL AND table_name <> ALL (c_v5_tables);
  IF v_bad IS NOT NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: template sections name unknown tables: %', v_bad
      USING ERRCODE = 'undefined_table',
            HINT = 'Template sections are keyed by table name (e.g. "persona_goals").';
  END IF;
  DELETE FROM pg_temp.vp_seed_rows
   WHERE to_regclass(format('%I.%I', c_schema, table_name)) IS NULL
      OR (parent_table IS NOT NULL AND to_regclass(format('%I.%I', c_schema, parent_table)) IS NULL);

  SELECT string_agg(u.c, ', ') INTO v_bad FROM unnest(v_templates) u(c)
   WHERE (SELECT count(*) FROM pg_temp.vp_seed_rows r WHERE r.code = u.c AND r.table_name = 'personas') <> 1;
  IF v_bad IS NOT NULL THEN
    RAISE EXCEPTION 'vital_seed_personas: template(s) % must have exactly one "personas" row', v_bad
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- Keep only column keys: drop hints ("$..."), nested sections and the columns the generator
  -- sets itself; add the "$if_column" entries whose column exists at this version. Then split
  -- each row into its constant part (fixed) and its variation specs / {placeholders} (varying).
  UPDATE pg_temp.vp_seed_rows s
     SET r = coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(s.r) e
                        WHERE e.key NOT LIKE '$%'
                          AND NOT (e.key LIKE 'persona\_%' AND jsonb_typeof(e.value) = 'array')), '{}')
             || coalesce((SELECT jsonb_object_agg(i.key, i.value)
                            FROM jsonb_each(CASE jsonb_typeof(s.r -> '$if_column') WHEN 'object'
                                            THEN s.r -> '$if_column' ELSE '{}' END) i
                           WHERE EXISTS (SELECT 1 FROM pg_attribute a
                                          WHERE a.attrelid = to_regclass(format('%I.%I', c_schema, s.table_name))
                                            AND a.attname = i.key AND a.attnum > 0 AND NOT a.attisdropped)), '{}')
             - ARRAY['id', 'tenant_id', 'persona_id']
             - CASE WHEN s.table_name = 'personas' THEN ARRAY['slug', 'persona_number'] ELSE '{}'::text[] END;
  UPDATE pg_temp.vp_seed_rows s
     SET fixed   = coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(s.r) e
                               WHERE NOT @extschema@.vital_seed_is_spec(e.value)), '{}'),
         varying = coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(s.r) e
                               WHERE @extschema@.vital_seed_is_spec(e.value)), '{}');
  ANALYZE pg_temp.vp_seed_rows;

  -- 3. Sections in insert order: personas, the evidence summary (before the evidence rows whose
  --    maintenance triggers may update it), the other child tables by name, then grandchildren.
  SELECT array_agg(table_name ORDER BY table_name <> 'personas', table_name <> 'persona_evidence_summary', table_name)
    INTO v_tables FROM (SELECT DISTINCT table_name FROM pg_temp.vp_seed_rows WHERE parent_table IS NULL) t;
  SELECT coalesce(array_agg(table_name ORDER BY table_name), '{}')
    INTO v_nested FROM (SELECT DISTINCT table_name FROM pg_temp.vp_seed_rows WHERE parent_table IS NOT NULL) t;

  FOREACH v_table IN ARRAY v_tables || v_nested LOOP
    -- Columns: the union of the keys of the table's template rows; each must be a real column.
    SELECT array_agg(k ORDER BY k) INTO v_cols
      FROM (SELECT DISTINCT jsonb_object_keys(r) AS k FROM pg_temp.vp_seed_rows WHERE table_name = v_table) ks;
    SELECT string_agg(k, ', ' ORDER BY k) INTO v_bad FROM unnest(v_cols) k
     WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = to_regclass(format('%I.%I', c_schema, v_table))
                          AND a.attname = k AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '');
    IF v_bad IS NOT NULL THEN
      RAISE EXCEPTION 'vital_seed_personas: template section "%" names column(s) that % does not have (or that are generated): %',
                      v_table, v_table, v_bad
        USING ERRCODE = 'undefined_column',
              DETAIL = format('templates: %s', (SELECT string_agg(DISTINCT code, ', ') FROM pg_temp.vp_seed_rows
                                                 WHERE table_name = v_table AND r ?| string_to_array(v_bad, ', ')));
    END IF;
    v_cols := coalesce(v_cols, '{}');

    IF v_table = 'personas' THEN
      -- the generator owns id, slug, persona_number, and records its provenance in metadata
      v_cols := array_remove(v_cols, 'metadata');
      v_stmt := format('INSERT INTO %I.personas (id, tenant_id, slug, persona_number, metadata%s)
        SELECT b.persona_id, $1, b.slug, b.persona_number,
               coalesce(r.metadata, ''{}''::jsonb) || jsonb_build_object(''seed'', jsonb_build_object(
                 ''template'', b.code, ''seed'', $2::integer, ''variant'', b.v))%s', c_schema,
        (SELECT string_agg(', ' || quote_ident(c), '') FROM unnest(v_cols) c),
        (SELECT string_agg(', r.' || quote_ident(c), '') FROM unnest(v_cols) c));
    ELSE
      IF v_table = ANY (v_nested) THEN
        -- the grandchild's reference to its parent: the FK column matching the parent's id
        SELECT ca.attname INTO v_fk
          FROM pg_constraint k
          JOIN LATERAL unnest(k.conkey, k.confkey) u(ck, pk) ON true
          JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = u.ck
          JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = u.pk
         WHERE k.contype = 'f' AND k.conrelid = to_regclass(format('%I.%I', c_schema, v_table))
           AND k.confrelid = (SELECT to_regclass(format('%I.%I', c_schema, parent_table))
                                FROM pg_temp.vp_seed_rows WHERE table_name = v_table LIMIT 1)
           AND pa.attname = 'id'
         LIMIT 1;
        IF v_fk IS NULL THEN
          RAISE EXCEPTION 'vital_seed_personas: % is nested in a template row but has no foreign key to that parent table', v_table
            USING ERRCODE = 'invalid_parameter_value';
        END IF;
        v_fk := ', ' || quote_ident(v_fk);
        v_spec := ', md5(concat_ws(''/'', $1, $2, b.code, b.v, sr.parent_key))::uuid';
      ELSE
        v_fk := ', persona_id';
        v_spec := ', b.persona_id';
      END IF;
      v_stmt := format('INSERT INTO %I.%I (id, tenant_id%s%s)
        SELECT md5(concat_ws(''/'', $1, $2, b.code, b.v, sr.row_key))::uuid, $1%s%s', c_schema, v_table,
        v_fk, (SELECT string_agg(', ' || quote_ident(c), '') FROM unnest(v_cols) c),
        v_spec, (SELECT string_agg(', r.' || quote_ident(c), '') FROM unnest(v_cols) c));
    END IF;
    v_stmts := v_stmts || (v_stmt || format($q$
          FROM pg_temp.vp_seed_batch b
          JOIN pg_temp.vp_seed_rows sr ON sr.code = b.code AND sr.table_name = %2$L
          CROSS JOIN LATERAL jsonb_populate_record(NULL::%1$I.%2$I, sr.fixed || coalesce(
              (SELECT jsonb_object_agg(c.key, %3$s)
                 FROM jsonb_each(sr.varying) c,
                      LATERAL (SELECT hashint8extended(b.pkey, hashtextextended(sr.row_key || '/' || c.key, 0))
                                      & 9223372036854775807 AS h) hh), '{}'::jsonb)) r
         WHERE (sr.p IS NULL OR (hashint8extended(b.pkey, hashtextextended(sr.row_key || '/$p', 0))
                                 & 9223372036854775807) %% 1000000 < sr.p * 1000000)
           AND (sr.parent_p IS NULL OR (hashint8extended(b.pkey, hashtextextended(sr.parent_key || '/$p', 0))
                                        & 9223372036854775807) %% 1000000 < sr.parent_p * 1000000)
      $q$, c_schema, v_table, @extschema@.vital_seed_spec_sql('c.value', 'hh.h', 'b.vars')));
  END LOOP;

  -- The evidence summary's computed columns (counts, dates, quality score) are maintained by the 5.0
  -- statement-level triggers on the evidence tables (sql/5.0/820_evidence.sql): the generator inserts the
  -- analyst columns of the summary before the evidence rows, and the triggers recompute the rest.

  -- 4. Batches: the personas of a batch (built-in and template variables) into vp_seed_batch,
  --    then one INSERT per table. Ten batches (a NOTICE per 10%) from 1000 personas on.
  IF to_regclass('pg_temp.vp_seed_batch') IS NOT NULL THEN DROP TABLE pg_temp.vp_seed_batch; END IF;
  CREATE TEMP TABLE vp_seed_batch (
    code text, v integer, pkey bigint, persona_id uuid, slug text, persona_number integer, vars jsonb);
  v_total := v_n_templates * p_per_template;
  v_batches := CASE WHEN v_total >= 1000 THEN least(10, p_per_template) ELSE 1 END;
  v_spec := @extschema@.vital_seed_spec_sql('c.value', 'hh.h', 'bv.vars');
  FOR v_batch IN 1 .. v_batches LOOP
    v_lo := (p_per_template::bigint * (v_batch - 1) / v_batches)::integer + 1;
    v_hi := (p_per_template::bigint * v_batch / v_batches)::integer;
    TRUNCATE pg_temp.vp_seed_batch;
    EXECUTE format($q$
      INSERT INTO pg_temp.vp_seed_batch (code, v, pkey, persona_id, slug, persona_number, vars)
      SELECT t.code, g.v, k.pkey,
             md5(concat_ws('/', $1, $2, t.code, g.v, 'personas/1'))::uuid,
             k.slug, ((t.ord - 1) * $4 + g.v)::integer,
             bv.vars || coalesce(tv.vars, '{}'::jsonb)
        FROM unnest($3::text[]) WITH ORDINALITY t(code, ord)
        JOIN %1$I.lookup_persona_templates pt0 ON pt0.code = t.code
        LEFT JOIN %1$I.lookup_persona_templates pb ON pb.code = pt0.body ->> '$extends'
       CROSS JOIN LATERAL (SELECT jsonb_build_object('$vars', coalesce(pb.body -> '$vars', '{}'::jsonb)
                                                    || coalesce(pt0.body -> '$vars', '{}'::jsonb)) AS body) pt
       CROSS JOIN generate_series($5, $6) g(v)
       CROSS JOIN LATERAL (
             SELECT hashint8extended(g.v, hashtextextended(t.code, $2::bigint)) AS pkey,
                    replace(t.code, '_', '-') || '-s' || replace($2::text, '-', 'm') || '-' || lpad(g.v::text, 5, '0') AS slug) k
       CROSS JOIN LATERAL (
             SELECT jsonb_build_object('first_name', f.first, 'last_name', f.last, 'full_name', f.first || ' ' || f.last,
                                       'n', g.v, 'template', t.code, 'seed', $2::integer, 'slug', k.slug)
                    || f.org AS vars
               FROM (SELECT $7::jsonb -> 'first_names' ->> ((hashint8extended(k.pkey, 1) & 9223372036854775807)
                                                             %% jsonb_array_length($7::jsonb -> 'first_names'))::int AS first,
                            $7::jsonb -> 'last_names' ->> ((hashint8extended(k.pkey, 2) & 9223372036854775807)
                                                            %% jsonb_array_length($7::jsonb -> 'last_names'))::int AS last,
                            $7::jsonb -> 'organizations' -> ((hashint8extended(k.pkey, 3) & 9223372036854775807)
                                                              %% jsonb_array_length($7::jsonb -> 'organizations'))::int AS org) f) bv
        LEFT JOIN LATERAL (
             -- template variables: resolved like column specs (placeholders see the built-ins);
             -- a variable whose value resolves to an object contributes all its keys
             SELECT jsonb_object_agg(y.key, y.value) AS vars
               FROM (SELECT c.key, %2$s AS val
                       FROM jsonb_each(CASE jsonb_typeof(pt.body -> '$vars') WHEN 'object' THEN pt.body -> '$vars'
                                       ELSE '{}'::jsonb END) c,
                            LATERAL (SELECT hashint8extended(k.pkey, hashtextextended('$vars/' || c.key, 0))
                                            & 9223372036854775807 AS h) hh) x,
                    LATERAL jsonb_each(CASE jsonb_typeof(x.val) WHEN 'object' THEN x.val
                                       ELSE jsonb_build_object(x.key, x.val) END) y) tv ON true
    $q$, c_schema, v_spec)
    USING p_tenant_id::text, p_seed::text, v_templates, p_per_template, v_lo, v_hi, c_pools::text;
    ANALYZE pg_temp.vp_seed_batch;

    FOREACH v_stmt IN ARRAY v_stmts LOOP
      v_t0 := clock_timestamp();
      EXECUTE v_stmt USING p_tenant_id, p_seed::text;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      v_rows_total := v_rows_total + v_rows;
      IF v_debug THEN
        RAISE NOTICE 'vital_seed_personas: % rows, % ms: %', v_rows,
          round(extract(epoch FROM clock_timestamp() - v_t0)::numeric * 1000), substring(v_stmt FROM 'INSERT INTO [^ ]+');
      END IF;
    END LOOP;
    IF v_batches > 1 THEN
      RAISE NOTICE 'vital_seed_personas: % %% (% of % personas, % rows, % s)',
        (100 * v_batch / v_batches), v_n_templates * v_hi, v_total, v_rows_total,
        round(extract(epoch FROM clock_timestamp() - v_started)::numeric, 1);
    END IF;
  END LOOP;

  DROP TABLE pg_temp.vp_seed_batch;
  DROP TABLE pg_temp.vp_seed_rows;
  RAISE NOTICE 'vital_seed_personas: tenant %: % personas from % template(s), % rows in % tables, % s',
    p_tenant_id, v_total, v_n_templates, v_rows_total, cardinality(v_stmts),
    round(extract(epoch FROM clock_timestamp() - v_started)::numeric, 1);
  RETURN v_total;
END
$fn$;

COMMENT ON FUNCTION @extschema@.vital_seed_personas(uuid, integer, integer, text[]) IS
  'Generates per_template personas per template (all, or the listed codes) with their child rows into one tenant; deterministic for a seed. See docs/seed.md.';

REVOKE ALL ON FUNCTION @extschema@.vital_seed_personas(uuid, integer, integer, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.vital_seed_spec_sql(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.vital_seed_is_spec(jsonb) FROM PUBLIC;
-- GRANTs to the API roles: sql/finalize/20_seed_templates.sql.
