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

// Supported majors: 15 and 17 (both built and tested in CI; 17 via scripts/pg17.sh). Version-specific
// code is guarded with PG_VERSION_NUM where it is used (e.g. PG17's MyProc->vxid.lxid in
// src/tenancy/memberships.cpp, PG18's NOT ENFORCED constraints in src/validate/rules.cpp).
#if PG_VERSION_NUM < 150000
#error "vital_persona needs PostgreSQL 15 or later"
#endif

// PostgreSQL's c.h defines these as macros; they break <algorithm> and friends.
#ifdef Min
#undef Min
#endif
#ifdef Max
#undef Max
#endif
