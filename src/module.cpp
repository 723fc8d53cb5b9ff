// Module entry: the magic block, library load hook and vital_persona_version().
#include "vital_persona/pg/entry.hpp"
#include "vital_persona/validate.hpp"
#include "vital_persona/version.hpp"

extern "C" {
PG_MODULE_MAGIC;
PGDLLEXPORT void _PG_init(void);
}

// No global constructors touch PostgreSQL; per-feature caches register their callbacks lazily.
void _PG_init(void) { vp::validate::init(); }

// The version of the shared library (one library serves every SQL version of the extension).
VP_FUNCTION(vital_persona_version) {
	return vp::pg::pg_call([] { return CStringGetTextDatum(VP_LIBRARY_VERSION); });  // palloc can raise
}
