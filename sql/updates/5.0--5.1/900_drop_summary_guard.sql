-- 5.0 -> 5.1: the counter triggers check their own arguments now (sql/5.1/071_summary_counts.sql); the guard
-- function they called per statement is gone.
DROP FUNCTION IF EXISTS @extschema@._vital_summary_guard(oid, integer);
