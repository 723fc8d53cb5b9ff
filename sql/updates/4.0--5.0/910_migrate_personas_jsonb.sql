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
    SELECT pg_catalog.row_number() OVER (ORDER BY e.o), e.v
    FROM pg_catalog.jsonb_array_elements(CASE WHEN p_doc IS NULL OR pg_catalog.jsonb_typeof(p_doc) OPERATOR(pg_catalog.=) 'null' THEN '[]'::jsonb
                                   WHEN pg_catalog.jsonb_typeof(p_doc) OPERATOR(pg_catalog.=) 'array' THEN p_doc
                                   ELSE pg_catalog.jsonb_build_array(p_doc) END) WITH ORDINALITY AS e(v, o)
    WHERE pg_catalog.jsonb_typeof(e.v) OPERATOR(pg_catalog.<>) 'null'
      AND e.v OPERATOR(pg_catalog.<>) ALL (ARRAY['{}'::jsonb, '[]'::jsonb])
      AND NOT (pg_catalog.jsonb_typeof(e.v) OPERATOR(pg_catalog.=) 'string' AND pg_catalog.btrim(e.v OPERATOR(pg_catalog.#>>) '{}') OPERATOR(pg_catalog.=) '')
$fn$;
-- value of the first present key (strings unquoted, other JSON as text); NULL if none
CREATE FUNCTION @extschema@.vp_legacy_first(p_item jsonb, p_keys text[]) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT CASE WHEN t.v OPERATOR(pg_catalog.<>) '' THEN t.v END
    FROM pg_catalog.unnest(p_keys) WITH ORDINALITY AS k(k, o)
    CROSS JOIN LATERAL (SELECT pg_catalog.btrim(p_item OPERATOR(pg_catalog.->>) k.k) AS v) t
    WHERE pg_catalog.jsonb_typeof(p_item) OPERATOR(pg_catalog.=) 'object' AND p_item OPERATOR(pg_catalog.?) k.k
    ORDER BY k.o LIMIT 1
$fn$;
CREATE FUNCTION @extschema@.vp_legacy_count(p_item jsonb, p_keys text[]) RETURNS integer
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT pg_catalog.count(*)::integer FROM pg_catalog.unnest(p_keys) AS k WHERE pg_catalog.jsonb_typeof(p_item) OPERATOR(pg_catalog.=) 'object' AND p_item OPERATOR(pg_catalog.?) k
$fn$;
CREATE FUNCTION @extschema@.vp_legacy_known(p_item jsonb, p_keys text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT pg_catalog.jsonb_typeof(p_item) OPERATOR(pg_catalog.=) 'object'
       AND NOT EXISTS (SELECT FROM pg_catalog.jsonb_object_keys(p_item) AS k WHERE k OPERATOR(pg_catalog.<>) ALL (p_keys))
$fn$;
-- lowercase value if it is one of the allowed values
CREATE FUNCTION @extschema@.vp_legacy_enum(p_value text, p_allowed text[]) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT v FROM (SELECT pg_catalog.lower(pg_catalog.btrim(p_value)) AS v) s WHERE s.v OPERATOR(pg_catalog.=) ANY (p_allowed)
$fn$;
-- priority: integers as such; high/medium/low (the loader convention) as 1/2/3
CREATE FUNCTION @extschema@.vp_legacy_rank(p_value jsonb) RETURNS integer
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT CASE
        WHEN pg_catalog.jsonb_typeof(p_value) OPERATOR(pg_catalog.=) 'number' AND (p_value OPERATOR(pg_catalog.#>>) '{}') OPERATOR(pg_catalog.~) '^-?[0-9]{1,9}(\.0+)?$'
            THEN pg_catalog.trunc((p_value OPERATOR(pg_catalog.#>>) '{}')::numeric)::integer
        WHEN pg_catalog.jsonb_typeof(p_value) OPERATOR(pg_catalog.=) 'string' AND pg_catalog.btrim(p_value OPERATOR(pg_catalog.#>>) '{}') OPERATOR(pg_catalog.~) '^-?[0-9]{1,9}$'
            THEN pg_catalog.btrim(p_value OPERATOR(pg_catalog.#>>) '{}')::integer
        WHEN pg_catalog.jsonb_typeof(p_value) OPERATOR(pg_catalog.=) 'string' THEN
            (SELECT CASE WHEN l.v OPERATOR(pg_catalog.=) ANY (ARRAY['critical', 'high']) THEN 1
                         WHEN l.v OPERATOR(pg_catalog.=) 'medium' THEN 2 WHEN l.v OPERATOR(pg_catalog.=) 'low' THEN 3 END
             FROM (SELECT pg_catalog.lower(pg_catalog.btrim(p_value OPERATOR(pg_catalog.#>>) '{}')) AS v) l)
    END
$fn$;

-- goals -> persona_goals
INSERT INTO @extschema@.persona_goals (tenant_id, persona_id, goal_type, goal_text, priority, sequence_order)
SELECT x.tenant_id, x.persona_id, x.gtype, x.txt, x.prio, x.base OPERATOR(pg_catalog.+) x.ord
FROM (
    SELECT m.tenant_id, m.persona_id, m.ord, m.base, m.gtype, m.prio,
           CASE WHEN m.item_type OPERATOR(pg_catalog.=) 'object'
                 AND @extschema@.vp_legacy_known(m.item, m.tkeys OPERATOR(pg_catalog.||) m.ykeys OPERATOR(pg_catalog.||) ARRAY['priority'])
                 AND @extschema@.vp_legacy_count(m.item, m.tkeys) OPERATOR(pg_catalog.=) 1
                 AND @extschema@.vp_legacy_count(m.item, m.ykeys) OPERATOR(pg_catalog.<=) 1
                 AND m.mtxt IS NOT NULL
                 AND (m.ytxt IS NULL OR m.gtype IS NOT NULL)
                 AND (m.item OPERATOR(pg_catalog.->) 'priority' IS NULL OR pg_catalog.jsonb_typeof(m.item OPERATOR(pg_catalog.->) 'priority') OPERATOR(pg_catalog.=) 'null' OR m.prio IS NOT NULL)
                THEN m.mtxt ELSE m.raw END AS txt
    FROM (
        SELECT p.tenant_id, p.id AS persona_id, i.ord, i.item, pg_catalog.jsonb_typeof(i.item) AS item_type,
               coalesce((SELECT pg_catalog.max(g.sequence_order) FROM @extschema@.persona_goals g
                          WHERE g.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND g.persona_id OPERATOR(pg_catalog.=) p.id), 0) AS base,
               CASE WHEN pg_catalog.jsonb_typeof(i.item) OPERATOR(pg_catalog.=) 'string' THEN i.item OPERATOR(pg_catalog.#>>) '{}' ELSE i.item::text END AS raw,
               k.tkeys, k.ykeys,
               @extschema@.vp_legacy_first(i.item, k.tkeys) AS mtxt,
               @extschema@.vp_legacy_first(i.item, k.ykeys) AS ytxt,
               @extschema@.vp_legacy_enum(@extschema@.vp_legacy_first(i.item, k.ykeys),
                                          ARRAY['primary','secondary','long_term','personal']) AS gtype,
               @extschema@.vp_legacy_rank(CASE WHEN pg_catalog.jsonb_typeof(i.item) OPERATOR(pg_catalog.=) 'object' THEN i.item OPERATOR(pg_catalog.->) 'priority' END) AS prio
        FROM @extschema@.personas p
        CROSS JOIN LATERAL @extschema@.vp_legacy_items(p.goals) i
        CROSS JOIN (SELECT ARRAY['goal_text','text','goal','title','name','description','value'] AS tkeys,
                           ARRAY['goal_type','type','category'] AS ykeys) k
    ) m
) x
WHERE NOT EXISTS (
    SELECT FROM @extschema@.persona_goals g
    WHERE g.tenant_id OPERATOR(pg_catalog.=) x.tenant_id AND g.persona_id OPERATOR(pg_catalog.=) x.persona_id
      AND ARRAY[g.goal_text] OPERATOR(pg_catalog.=) ARRAY[x.txt] AND ARRAY[g.goal_type] OPERATOR(pg_catalog.=) ARRAY[x.gtype]
      AND (x.prio IS NULL OR ARRAY[g.priority] OPERATOR(pg_catalog.=) ARRAY[x.prio]));

-- pain_points -> persona_pain_points (pain_point_text = the statement, pain_description = a description key)
INSERT INTO @extschema@.persona_pain_points (tenant_id, persona_id, pain_category, severity, pain_point_text, pain_description, sequence_order)
SELECT x.tenant_id, x.persona_id, x.cat, x.sev, x.txt, x.descr, x.base OPERATOR(pg_catalog.+) x.ord
FROM (
    SELECT m.tenant_id, m.persona_id, m.ord, m.base, m.cat, m.sev,
           CASE WHEN m.ok THEN m.mtxt ELSE m.raw END AS txt,
           CASE WHEN m.ok THEN m.mdesc END AS descr
    FROM (
        SELECT n.*,
               (n.item_type OPERATOR(pg_catalog.=) 'object'
                AND @extschema@.vp_legacy_known(n.item, n.tkeys OPERATOR(pg_catalog.||) n.dkeys OPERATOR(pg_catalog.||) n.ckeys OPERATOR(pg_catalog.||) n.skeys)
                AND @extschema@.vp_legacy_count(n.item, n.tkeys) OPERATOR(pg_catalog.<=) 1
                AND @extschema@.vp_legacy_count(n.item, n.dkeys) OPERATOR(pg_catalog.<=) 1
                AND @extschema@.vp_legacy_count(n.item, n.ckeys) OPERATOR(pg_catalog.<=) 1
                AND @extschema@.vp_legacy_count(n.item, n.skeys) OPERATOR(pg_catalog.<=) 1
                AND (n.mtxt IS NOT NULL OR n.mdesc IS NOT NULL)
                AND (n.ctxt IS NULL OR n.cat IS NOT NULL)
                AND (n.stxt IS NULL OR n.sev IS NOT NULL)) AS ok
        FROM (
            SELECT p.tenant_id, p.id AS persona_id, i.ord, i.item, pg_catalog.jsonb_typeof(i.item) AS item_type,
                   coalesce((SELECT pg_catalog.max(t.sequence_order) FROM @extschema@.persona_pain_points t
                              WHERE t.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND t.persona_id OPERATOR(pg_catalog.=) p.id), 0) AS base,
                   CASE WHEN pg_catalog.jsonb_typeof(i.item) OPERATOR(pg_catalog.=) 'string' THEN i.item OPERATOR(pg_catalog.#>>) '{}' ELSE i.item::text END AS raw,
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
    WHERE t.tenant_id OPERATOR(pg_catalog.=) x.tenant_id AND t.persona_id OPERATOR(pg_catalog.=) x.persona_id
      AND ARRAY[t.pain_point_text] OPERATOR(pg_catalog.=) ARRAY[x.txt] AND ARRAY[t.pain_description] OPERATOR(pg_catalog.=) ARRAY[x.descr]
      AND ARRAY[t.pain_category] OPERATOR(pg_catalog.=) ARRAY[x.cat] AND ARRAY[t.severity] OPERATOR(pg_catalog.=) ARRAY[x.sev]);

-- challenges -> persona_challenges (challenge_text = the statement, challenge_description = a description key)
INSERT INTO @extschema@.persona_challenges (tenant_id, persona_id, challenge_type, impact_level, challenge_text, challenge_description, sequence_order)
SELECT x.tenant_id, x.persona_id, x.ctype, x.impact, x.txt, x.descr, x.base OPERATOR(pg_catalog.+) x.ord
FROM (
    SELECT m.tenant_id, m.persona_id, m.ord, m.base, m.ctype, m.impact,
           CASE WHEN m.ok THEN m.mtxt ELSE m.raw END AS txt,
           CASE WHEN m.ok THEN m.mdesc END AS descr
    FROM (
        SELECT n.*,
               (n.item_type OPERATOR(pg_catalog.=) 'object'
                AND @extschema@.vp_legacy_known(n.item, n.tkeys OPERATOR(pg_catalog.||) n.dkeys OPERATOR(pg_catalog.||) n.ykeys OPERATOR(pg_catalog.||) n.ikeys)
                AND @extschema@.vp_legacy_count(n.item, n.tkeys) OPERATOR(pg_catalog.<=) 1
                AND @extschema@.vp_legacy_count(n.item, n.dkeys) OPERATOR(pg_catalog.<=) 1
                AND @extschema@.vp_legacy_count(n.item, n.ykeys) OPERATOR(pg_catalog.<=) 1
                AND @extschema@.vp_legacy_count(n.item, n.ikeys) OPERATOR(pg_catalog.<=) 1
                AND (n.mtxt IS NOT NULL OR n.mdesc IS NOT NULL)
                AND (n.ytxt IS NULL OR n.ctype IS NOT NULL)
                AND (n.itxt IS NULL OR n.impact IS NOT NULL)) AS ok
        FROM (
            SELECT p.tenant_id, p.id AS persona_id, i.ord, i.item, pg_catalog.jsonb_typeof(i.item) AS item_type,
                   coalesce((SELECT pg_catalog.max(t.sequence_order) FROM @extschema@.persona_challenges t
                              WHERE t.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND t.persona_id OPERATOR(pg_catalog.=) p.id), 0) AS base,
                   CASE WHEN pg_catalog.jsonb_typeof(i.item) OPERATOR(pg_catalog.=) 'string' THEN i.item OPERATOR(pg_catalog.#>>) '{}' ELSE i.item::text END AS raw,
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
    WHERE t.tenant_id OPERATOR(pg_catalog.=) x.tenant_id AND t.persona_id OPERATOR(pg_catalog.=) x.persona_id
      AND ARRAY[t.challenge_text] OPERATOR(pg_catalog.=) ARRAY[x.txt] AND ARRAY[t.challenge_description] OPERATOR(pg_catalog.=) ARRAY[x.descr]
      AND ARRAY[t.challenge_type] OPERATOR(pg_catalog.=) ARRAY[x.ctype] AND ARRAY[t.impact_level] OPERATOR(pg_catalog.=) ARRAY[x.impact]);

-- communication_preferences -> persona_communication_preferences (a table new in 5.0: no existing rows)
INSERT INTO @extschema@.persona_communication_preferences
    (tenant_id, persona_id, preference_type, preference_value, preference_description, sequence_order)
SELECT u.tenant_id, u.persona_id, u.ptype, u.pvalue, u.pdesc,
       pg_catalog.row_number() OVER (PARTITION BY u.persona_id ORDER BY u.o1, u.o2)
FROM (
    -- object document: one row per key; a non-empty array of scalars gives one row per element
    SELECT p.tenant_id, p.id AS persona_id, kv.o AS o1, el.o AS o2, kv.key AS ptype,
           CASE WHEN pg_catalog.jsonb_typeof(el.v) OPERATOR(pg_catalog.=) 'string' THEN el.v OPERATOR(pg_catalog.#>>) '{}'
                WHEN pg_catalog.jsonb_typeof(el.v) OPERATOR(pg_catalog.=) 'null' THEN NULL ELSE el.v::text END AS pvalue,
           NULL::text AS pdesc
    FROM @extschema@.personas p
    CROSS JOIN LATERAL pg_catalog.jsonb_each(p.communication_preferences) WITH ORDINALITY AS kv(key, value, o)
    CROSS JOIN LATERAL (
        SELECT a.v, a.o
        FROM pg_catalog.jsonb_array_elements(CASE WHEN pg_catalog.jsonb_typeof(kv.value) OPERATOR(pg_catalog.=) 'array' THEN kv.value ELSE '[]'::jsonb END)
             WITH ORDINALITY AS a(v, o)
        WHERE pg_catalog.jsonb_typeof(kv.value) OPERATOR(pg_catalog.=) 'array' AND pg_catalog.jsonb_array_length(kv.value) OPERATOR(pg_catalog.>) 0
          AND NOT EXISTS (SELECT FROM pg_catalog.jsonb_array_elements(kv.value) z(v) WHERE pg_catalog.jsonb_typeof(z.v) OPERATOR(pg_catalog.=) ANY (ARRAY['object', 'array']))
        UNION ALL
        SELECT kv.value, 1
        WHERE NOT (pg_catalog.jsonb_typeof(kv.value) OPERATOR(pg_catalog.=) 'array' AND pg_catalog.jsonb_array_length(kv.value) OPERATOR(pg_catalog.>) 0
                   AND NOT EXISTS (SELECT FROM pg_catalog.jsonb_array_elements(kv.value) z(v) WHERE pg_catalog.jsonb_typeof(z.v) OPERATOR(pg_catalog.=) ANY (ARRAY['object', 'array'])))
    ) el
    WHERE pg_catalog.jsonb_typeof(p.communication_preferences) OPERATOR(pg_catalog.=) 'object'
    UNION ALL
    -- array or scalar document: one row per element
    SELECT m.tenant_id, m.persona_id, m.ord, 0,
           coalesce(m.ytxt, 'general'),
           CASE WHEN m.ok THEN m.vtxt ELSE m.raw END,
           CASE WHEN m.ok THEN m.dtxt END
    FROM (
        SELECT n.*,
               (n.item_type OPERATOR(pg_catalog.=) 'object'
                AND @extschema@.vp_legacy_known(n.item, n.ykeys OPERATOR(pg_catalog.||) n.vkeys OPERATOR(pg_catalog.||) n.dkeys)
                AND @extschema@.vp_legacy_count(n.item, n.ykeys) OPERATOR(pg_catalog.<=) 1
                AND @extschema@.vp_legacy_count(n.item, n.vkeys) OPERATOR(pg_catalog.<=) 1
                AND @extschema@.vp_legacy_count(n.item, n.dkeys) OPERATOR(pg_catalog.<=) 1
                AND (n.vtxt IS NOT NULL OR n.dtxt IS NOT NULL)) AS ok
        FROM (
            SELECT p.tenant_id, p.id AS persona_id, i.ord, i.item, pg_catalog.jsonb_typeof(i.item) AS item_type,
                   CASE WHEN pg_catalog.jsonb_typeof(i.item) OPERATOR(pg_catalog.=) 'string' THEN i.item OPERATOR(pg_catalog.#>>) '{}' ELSE i.item::text END AS raw,
                   k.ykeys, k.vkeys, k.dkeys,
                   @extschema@.vp_legacy_first(i.item, k.ykeys) AS ytxt,
                   @extschema@.vp_legacy_first(i.item, k.vkeys) AS vtxt,
                   @extschema@.vp_legacy_first(i.item, k.dkeys) AS dtxt
            FROM @extschema@.personas p
            CROSS JOIN LATERAL @extschema@.vp_legacy_items(p.communication_preferences) i
            CROSS JOIN (SELECT ARRAY['preference_type','type','category','key'] AS ykeys,
                               ARRAY['preference_value','value','preference'] AS vkeys,
                               ARRAY['preference_description','description','details','notes'] AS dkeys) k
            WHERE pg_catalog.jsonb_typeof(p.communication_preferences) OPERATOR(pg_catalog.<>) 'object'
        ) n
    ) m
) u;

DROP FUNCTION @extschema@.vp_legacy_rank(jsonb);
DROP FUNCTION @extschema@.vp_legacy_enum(text, text[]);
DROP FUNCTION @extschema@.vp_legacy_known(jsonb, text[]);
DROP FUNCTION @extschema@.vp_legacy_count(jsonb, text[]);
DROP FUNCTION @extschema@.vp_legacy_first(jsonb, text[]);
DROP FUNCTION @extschema@.vp_legacy_items(jsonb);
