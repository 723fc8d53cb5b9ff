-- finalize (summary): tables, columns and policies may have changed in this script; make every
-- backend rebuild its vital_summary section registry and cached plans (idempotent).
SELECT @extschema@._vital_summary_invalidate();
