-- 4.0 -> 5.0, part 9b: drop the four legacy JSONB columns of personas (their content is now in rows, 910).
-- DROP COLUMN only marks the columns dropped in pg_attribute: no table rewrite, no index rebuild (none of the four
-- is indexed or used by the generated search_vector). It takes an ACCESS EXCLUSIVE lock on personas, held until
-- the update transaction commits; that is why this step comes last among the data steps.
ALTER TABLE @extschema@.personas
    DROP COLUMN goals,
    DROP COLUMN pain_points,
    DROP COLUMN challenges,
    DROP COLUMN communication_preferences;
