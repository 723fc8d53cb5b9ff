// The one place that includes PostgreSQL headers into C++ code.
// PG headers are C: they get C linkage here, and macros that collide with C++ are tamed.
#pragma once

extern "C" {
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/memutils.h"
}

// PostgreSQL's c.h defines these as macros; they break <algorithm> and friends.
#ifdef Min
#undef Min
#endif
#ifdef Max
#undef Max
#endif
