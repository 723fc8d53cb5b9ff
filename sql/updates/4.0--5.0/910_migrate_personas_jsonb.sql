-- 4.0 -> 5.0, part 9a (after the 5.0 objects): move the content of the four legacy personas JSONB columns into
-- rows (DECISIONS.md §3). Rules (docs/backup.md "Updating 4.0 -> 5.0" has the full table):
--  * goals / pain_points / challenges: a JSON array gives one row per element, in array order (sequence_order
--    continues after the persona's existing rows); any other non-null value is one element. JSON null, "",
--    {} and [] elements carry nothing and are skipped.
--  * A string element is the item's text. An object element is mapped when every key is known and every known
--    value is valid (e.g. {"text":..,"type":"primary","priority":"high"}); otherwise the row still gets the
--    valid mapped attributes, and the text column holds the element's raw JSON, so nothing is lost and no
--    unknown shape can abort the update.
--  * An element identical to a row the persona already has (same text and attributes) is not inserted twice.
--  * communication_preferences: an object gives one row per key (preference_type = key); a non-empty array of
--    scalars under a key gives one row per element; other values are kept as JSON text. An array or scalar
--    document gives one row per element with preference_type 'general' unless the element names its type.
-- The update runs as the bootstrap superuser, which bypasses RLS (even FORCEd): every tenant's rows are migrated.
-- Locks: reads personas (ACCESS SHARE) and inserts into the four tables (ROW EXCLUSIVE); no rewrite.

-- Temporary helpers (dropped at the end of this file, so they are not part of 5.0).
CREATE FUNCTION @extschema@.vp_legacy_items(p_doc jsonb) RETURNS TABLE (ord bigint, item jsonb)
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT row_number() OVER (ORDER BY e.o), e.v
    FROM jsonb_array_elements(CASE WHEN p_doc IS NULL OR jsonb_typeof(p_doc) = 'null' THEN '[]'::jsonb
                                   WHEN jsonb_typeof(p_doc) = 'array' THEN p_doc
                                   ELSE jsonb_build_array(p_doc) END) WITH ORDINALITY AS e(v, o)
    WHERE jsonb_typeof(e.v) <> 'null'
      AND e.v NOT IN ('{}'::jsonb, '[]'::jsonb)
      AND NOT (jsonb_typeof(e.v) = 'string' AND btrim(e.v #>> '{}') = '')
$fn$;
-- value of the first present key (strings unquoted, other JSON as text); NULL if none
CREATE FUNCTION @extschema@.vp_legacy_first(p_item jsonb, p_keys text[]) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT nullif(btrim(p_item ->> k.k), '')
    FROM unnest(p_keys) WITH ORDINALITY AS k(k, o)
    WHERE jsonb_typeof(p_item) = 'object' AND p_item ? k.k
    ORDER BY k.o LIMIT 1
$fn$;
CREATE FUNCTION @extschema@.vp_legacy_count(p_item jsonb, p_keys text[]) RETURNS integer
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT count(*)::integer FROM unnest(p_keys) AS k WHERE jsonb_typeof(p_item) = 'object' AND p_item ? k
$fn$;
CREATE FUNCTION @extschema@.vp_legacy_known(p_item jsonb, p_keys text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT jsonb_typeof(p_item) = 'object'
       AND NOT EXISTS (SELECT FROM jsonb_object_keys(p_item) AS k WHERE k <> ALL (p_keys))
$fn$;
-- lowercase value if it is one of the allowed values
CREATE FUNCTION @extschema@.vp_legacy_enum(p_value text, p_allowed text[]) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT v FROM (SELECT lower(btrim(p_value)) AS v) s WHERE s.v = ANY (p_allowed)
$fn$;
-- priority: integers as such; high/medium/low (the loader convention) as 1/2/3
CREATE FUNCTION @extschema@.vp_legacy_rank(p_value jsonb) RETURNS integer
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT CASE
        WHEN jsonb_typeof(p_value) = 'number' AND (p_value #>> '{}') ~ '^-?[0-9]{1,9}(\.0+)?$'
            THEN trunc((p_value #>> '{}')::numeric)::integer
        WHEN jsonb_typeof(p_value) = 'string' AND btrim(p_value #>> '{}') ~ '^-?[0-9]{1,9}$'
            THEN btrim(p_value #>> '{}')::integer
        WHEN jsonb_typeof(p_value) = 'string' THEN
            CASE lower(btrim(p_value #>> '{}')) WHEN 'critical' THEN 1 WHEN 'high' THEN 1
                                                WHEN 'medium' THEN 2 WHEN 'low' THEN 3 END
    END
$fn$;

-- goals -> persona_goals
INSERT INTO @extschema@.persona_goals (tenant_id, persona_id, goal_type, goal_text, priority, sequence_order)
SELECT x.tenant_id, x.persona_id, x.gtype, x.txt, x.prio, x.base + x.ord
FROM (
    SELECT m.tenant_id, m.persona_id, m.ord, m.base, m.gtype, m.prio,
           CASE WHEN m.item_type = 'object'
                 AND @extschema@.vp_legacy_known(m.item, m.tkeys || m.ykeys || ARRAY['priority'])
                 AND @extschema@.vp_legacy_count(m.item, m.tkeys) = 1
                 AND @extschema@.vp_legacy_count(m.item, m.ykeys) <= 1
                 AND m.mtxt IS NOT NULL
                 AND (m.ytxt IS NULL OR m.gtype IS NOT NULL)
                 AND (m.item -> 'priority' IS NULL OR jsonb_typeof(m.item -> 'priority') = 'null' OR m.prio IS NOT NULL)
                THEN m.mtxt ELSE m.raw END AS txt
    FROM (
        SELECT p.tenant_id, p.id AS persona_id, i.ord, i.item, jsonb_typeof(i.item) AS item_type,
               coalesce((SELECT max(g.sequence_order) FROM @extschema@.persona_goals g
                          WHERE g.tenant_id = p.tenant_id AND g.persona_id = p.id), 0) AS base,
               CASE WHEN jsonb_typeof(i.item) = 'string' THEN i.item #>> '{}' ELSE i.item::text END AS raw,
               k.tkeys, k.ykeys,
               @extschema@.vp_legacy_first(i.item, k.tkeys) AS mtxt,
               @extschema@.vp_legacy_first(i.item, k.ykeys) AS ytxt,
               @extschema@.vp_legacy_enum(@extschema@.vp_legacy_first(i.item, k.ykeys),
                                          ARRAY['primary','secondary','long_term','personal']) AS gtype,
               @extschema@.vp_legacy_rank(CASE WHEN jsonb_typeof(i.item) = 'object' THEN i.item -> 'priority' END) AS prio
        FROM @extschema@.personas p
        CROSS JOIN LATERAL @extschema@.vp_legacy_items(p.goals) i
        CROSS JOIN (SELECT ARRAY['goal_text','text','goal','title','name','description','value'] AS tkeys,
                           ARRAY['goal_type','type','category'] AS ykeys) k
    ) m
) x
WHERE NOT EXISTS (
    SELECT FROM @extschema@.persona_goals g
    WHERE g.tenant_id = x.tenant_id AND g.persona_id = x.persona_id
      AND g.goal_text IS NOT DISTINCT FROM x.txt AND g.goal_type IS NOT DISTINCT FROM x.gtype
      AND (x.prio IS NULL OR g.priority IS NOT DISTINCT FROM x.prio));

-- pain_points -> persona_pain_points (pain_point_text = the statement, pain_description = a description key)
INSERT INTO @extschema@.persona_pain_points (tenant_id, persona_id, pain_category, severity, pain_point_text, pain_description, sequence_order)
SELECT x.tenant_id, x.persona_id, x.cat, x.sev, x.txt, x.descr, x.base + x.ord
FROM (
    SELECT m.tenant_id, m.persona_id, m.ord, m.base, m.cat, m.sev,
           CASE WHEN m.ok THEN m.mtxt ELSE m.raw END AS txt,
           CASE WHEN m.ok THEN m.mdesc END AS descr
    FROM (
        SELECT n.*,
               (n.item_type = 'object'
                AND @extschema@.vp_legacy_known(n.item, n.tkeys || n.dkeys || n.ckeys || n.skeys)
                AND @extschema@.vp_legacy_count(n.item, n.tkeys) <= 1
                AND @extschema@.vp_legacy_count(n.item, n.dkeys) <= 1
                AND @extschema@.vp_legacy_count(n.item, n.ckeys) <= 1
                AND @extschema@.vp_legacy_count(n.item, n.skeys) <= 1
                AND (n.mtxt IS NOT NULL OR n.mdesc IS NOT NULL)
                AND (n.ctxt IS NULL OR n.cat IS NOT NULL)
                AND (n.stxt IS NULL OR n.sev IS NOT NULL)) AS ok
        FROM (
            SELECT p.tenant_id, p.id AS persona_id, i.ord, i.item, jsonb_typeof(i.item) AS item_type,
                   coalesce((SELECT max(t.sequence_order) FROM @extschema@.persona_pain_points t
                              WHERE t.tenant_id = p.tenant_id AND t.persona_id = p.id), 0) AS base,
                   CASE WHEN jsonb_typeof(i.item) = 'string' THEN i.item #>> '{}' ELSE i.item::text END AS raw,
                   k.tkeys, k.dkeys, k.ckeys, k.skeys,
                   @extschema@.vp_legacy_first(i.item, k.tkeys) AS mtxt,
                   @extschema@.vp_legacy_first(i.item, k.dkeys) AS mdesc,
                   @extschema@.vp_legacy_first(i.item, k.ckeys) AS ctxt,
                   @extschema@.vp_legacy_first(i.item, k.skeys) AS stxt,
                   @extschema@.vp_legacy_enum(@extschema@.vp_legacy_first(i.item, k.ckeys),
                                              ARRAY['operational','strategic','technology','interpersonal']) AS cat,
                   @extschema@.vp_legacy_enum(@extschema@.vp_legacy_first(i.item, k.skeys),
                                              ARRAY['critical','high','medium','low']) AS sev
            FROM @extschema@.personas p
            CROSS JOIN LATERAL @extschema@.vp_legacy_items(p.pain_points) i
            CROSS JOIN (SELECT ARRAY['pain_point_text','text','pain_point','pain','title','name','value'] AS tkeys,
                               ARRAY['pain_description','description','details'] AS dkeys,
                               ARRAY['pain_category','category','type'] AS ckeys,
                               ARRAY['severity','impact','level'] AS skeys) k
        ) n
    ) m
) x
WHERE NOT EXISTS (
    SELECT FROM @extschema@.persona_pain_points t
    WHERE t.tenant_id = x.tenant_id AND t.persona_id = x.persona_id
      AND t.pain_point_text IS NOT DISTINCT FROM x.txt AND t.pain_description IS NOT DISTINCT FROM x.descr
      AND t.pain_category IS NOT DISTINCT FROM x.cat AND t.severity IS NOT DISTINCT FROM x.sev);

-- challenges -> persona_challenges (challenge_text = the statement, challenge_description = a description key)
INSERT INTO @extschema@.persona_challenges (tenant_id, persona_id, challenge_type, impact_level, challenge_text, challenge_description, sequence_order)
SELECT x.tenant_id, x.persona_id, x.ctype, x.impact, x.txt, x.descr, x.base + x.ord
FROM (
    SELECT m.tenant_id, m.persona_id, m.ord, m.base, m.ctype, m.impact,
           CASE WHEN m.ok THEN m.mtxt ELSE m.raw END AS txt,
           CASE WHEN m.ok THEN m.mdesc END AS descr
    FROM (
        SELECT n.*,
               (n.item_type = 'object'
                AND @extschema@.vp_legacy_known(n.item, n.tkeys || n.dkeys || n.ykeys || n.ikeys)
                AND @extschema@.vp_legacy_count(n.item, n.tkeys) <= 1
                AND @extschema@.vp_legacy_count(n.item, n.dkeys) <= 1
                AND @extschema@.vp_legacy_count(n.item, n.ykeys) <= 1
                AND @extschema@.vp_legacy_count(n.item, n.ikeys) <= 1
                AND (n.mtxt IS NOT NULL OR n.mdesc IS NOT NULL)
                AND (n.ytxt IS NULL OR n.ctype IS NOT NULL)
                AND (n.itxt IS NULL OR n.impact IS NOT NULL)) AS ok
        FROM (
            SELECT p.tenant_id, p.id AS persona_id, i.ord, i.item, jsonb_typeof(i.item) AS item_type,
                   coalesce((SELECT max(t.sequence_order) FROM @extschema@.persona_challenges t
                              WHERE t.tenant_id = p.tenant_id AND t.persona_id = p.id), 0) AS base,
                   CASE WHEN jsonb_typeof(i.item) = 'string' THEN i.item #>> '{}' ELSE i.item::text END AS raw,
                   k.tkeys, k.dkeys, k.ykeys, k.ikeys,
                   @extschema@.vp_legacy_first(i.item, k.tkeys) AS mtxt,
                   @extschema@.vp_legacy_first(i.item, k.dkeys) AS mdesc,
                   @extschema@.vp_legacy_first(i.item, k.ykeys) AS ytxt,
                   @extschema@.vp_legacy_first(i.item, k.ikeys) AS itxt,
                   @extschema@.vp_legacy_enum(@extschema@.vp_legacy_first(i.item, k.ykeys),
                                              ARRAY['daily','weekly','strategic','external']) AS ctype,
                   @extschema@.vp_legacy_enum(@extschema@.vp_legacy_first(i.item, k.ikeys),
                                              ARRAY['critical','high','medium','low']) AS impact
            FROM @extschema@.personas p
            CROSS JOIN LATERAL @extschema@.vp_legacy_items(p.challenges) i
            CROSS JOIN (SELECT ARRAY['challenge_text','text','challenge','title','name','value'] AS tkeys,
                               ARRAY['challenge_description','description','details'] AS dkeys,
                               ARRAY['challenge_type','type','category'] AS ykeys,
                               ARRAY['impact_level','impact','severity'] AS ikeys) k
        ) n
    ) m
) x
WHERE NOT EXISTS (
    SELECT FROM @extschema@.persona_challenges t
    WHERE t.tenant_id = x.tenant_id AND t.persona_id = x.persona_id
      AND t.challenge_text IS NOT DISTINCT FROM x.txt AND t.challenge_description IS NOT DISTINCT FROM x.descr
      AND t.challenge_type IS NOT DISTINCT FROM x.ctype AND t.impact_level IS NOT DISTINCT FROM x.impact);

-- communication_preferences -> persona_communication_preferences (a table new in 5.0: no existing rows)
INSERT INTO @extschema@.persona_communication_preferences
    (tenant_id, persona_id, preference_type, preference_value, preference_description, sequence_order)
SELECT u.tenant_id, u.persona_id, u.ptype, u.pvalue, u.pdesc,
       row_number() OVER (PARTITION BY u.persona_id ORDER BY u.o1, u.o2)
FROM (
    -- object document: one row per key; a non-empty array of scalars gives one row per element
    SELECT p.tenant_id, p.id AS persona_id, kv.o AS o1, el.o AS o2, kv.key AS ptype,
           CASE jsonb_typeof(el.v) WHEN 'string' THEN el.v #>> '{}' WHEN 'null' THEN NULL ELSE el.v::text END AS pvalue,
           NULL::text AS pdesc
    FROM @extschema@.personas p
    CROSS JOIN LATERAL jsonb_each(p.communication_preferences) WITH ORDINALITY AS kv(key, value, o)
    CROSS JOIN LATERAL (
        SELECT a.v, a.o
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(kv.value) = 'array' THEN kv.value ELSE '[]'::jsonb END)
             WITH ORDINALITY AS a(v, o)
        WHERE jsonb_typeof(kv.value) = 'array' AND jsonb_array_length(kv.value) > 0
          AND NOT EXISTS (SELECT FROM jsonb_array_elements(kv.value) z(v) WHERE jsonb_typeof(z.v) IN ('object', 'array'))
        UNION ALL
        SELECT kv.value, 1
        WHERE NOT (jsonb_typeof(kv.value) = 'array' AND jsonb_array_length(kv.value) > 0
                   AND NOT EXISTS (SELECT FROM jsonb_array_elements(kv.value) z(v) WHERE jsonb_typeof(z.v) IN ('object', 'array')))
    ) el
    WHERE jsonb_typeof(p.communication_preferences) = 'object'
    UNION ALL
    -- array or scalar document: one row per element
    SELECT m.tenant_id, m.persona_id, m.ord, 0,
           coalesce(m.ytxt, 'general'),
           CASE WHEN m.ok THEN m.vtxt ELSE m.raw END,
           CASE WHEN m.ok THEN m.dtxt END
    FROM (
        SELECT n.*,
               (n.item_type = 'object'
                AND @extschema@.vp_legacy_known(n.item, n.ykeys || n.vkeys || n.dkeys)
                AND @extschema@.vp_legacy_count(n.item, n.ykeys) <= 1
                AND @extschema@.vp_legacy_count(n.item, n.vkeys) <= 1
                AND @extschema@.vp_legacy_count(n.item, n.dkeys) <= 1
                AND (n.vtxt IS NOT NULL OR n.dtxt IS NOT NULL)) AS ok
        FROM (
            SELECT p.tenant_id, p.id AS persona_id, i.ord, i.item, jsonb_typeof(i.item) AS item_type,
                   CASE WHEN jsonb_typeof(i.item) = 'string' THEN i.item #>> '{}' ELSE i.item::text END AS raw,
                   k.ykeys, k.vkeys, k.dkeys,
                   @extschema@.vp_legacy_first(i.item, k.ykeys) AS ytxt,
                   @extschema@.vp_legacy_first(i.item, k.vkeys) AS vtxt,
                   @extschema@.vp_legacy_first(i.item, k.dkeys) AS dtxt
            FROM @extschema@.personas p
            CROSS JOIN LATERAL @extschema@.vp_legacy_items(p.communication_preferences) i
            CROSS JOIN (SELECT ARRAY['preference_type','type','category','key'] AS ykeys,
                               ARRAY['preference_value','value','preference'] AS vkeys,
                               ARRAY['preference_description','description','details','notes'] AS dkeys) k
            WHERE jsonb_typeof(p.communication_preferences) <> 'object'
        ) n
    ) m
) u;

DROP FUNCTION @extschema@.vp_legacy_rank(jsonb);
DROP FUNCTION @extschema@.vp_legacy_enum(text, text[]);
DROP FUNCTION @extschema@.vp_legacy_known(jsonb, text[]);
DROP FUNCTION @extschema@.vp_legacy_count(jsonb, text[]);
DROP FUNCTION @extschema@.vp_legacy_first(jsonb, text[]);
DROP FUNCTION @extschema@.vp_legacy_items(jsonb);
