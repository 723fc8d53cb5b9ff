# vital_persona: PGXS build of a C++17 PostgreSQL extension.
#   make && make install      build and install into the server found by pg_config
#   make installcheck         pg_regress against a running server (see scripts/test.sh for the full suite)
#   make test / make demo     install dependencies, run everything on a throwaway cluster
#   make test PG=17           the same against PostgreSQL 17 (fetched once by scripts/pg17.sh)
#   make test-citus           the distributed target: a throwaway Citus cluster (docs/citus.md)
EXTENSION    = vital_persona
EXTVERSION   = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)
MODULE_big   = vital_persona
OBJS         = $(patsubst %.cpp,%.o,$(sort $(wildcard src/*.cpp src/*/*.cpp)))

# Install and update scripts are assembled from the sources by scripts/assemble-sql.sh (sql/README.md):
#   sql/<V>/*.sql        objects version V added (sections 1-56 in 4.0, 57-71 in 5.0), current state
#   sql/drop-in-<V>      older source files that version V no longer has
#   sql/updates/A--B/    the hand-written delta of the update A -> B (0*.sql before sql/B, 9*.sql after)
#   sql/finalize/*.sql   runs last in every script (dump registration, updated_at triggers, RLS policies
#                        and grants, validation triggers, summary counters; idempotent)
#   sql/registry/<V>.sql generated (make registry): facts of a fresh install of V, appended to every script
#                        that ends in V (vital_schema_drift() compares with them; docs/registry.md)
# A released script is frozen in sql/released/ and installed from there; it is never assembled again.
VERSIONS     = $(shell find sql -mindepth 1 -maxdepth 1 -type d -regex 'sql/[0-9]+\.[0-9]+' -printf '%f\n' | sort -V)
UPDATES      = $(notdir $(wildcard sql/updates/*--*))
SQL_SCRIPTS  = $(foreach v,$(VERSIONS) $(UPDATES),$(EXTENSION)--$(v).sql)
RELEASED     = $(notdir $(wildcard sql/released/$(EXTENSION)--*.sql))
SQL_SOURCES  = $(wildcard sql/*/*.sql sql/updates/*/*.sql sql/drop-in-*) $(EXTENSION).control scripts/assemble-sql.sh
BUILT_SQL    = $(addprefix sql/,$(filter-out $(RELEASED),$(SQL_SCRIPTS)))
DATA         = $(addprefix sql/released/,$(RELEASED))
DATA_built   = $(BUILT_SQL)
DOCS         =

TESTS        = $(sort $(wildcard test/sql/*.sql))
REGRESS      = $(patsubst test/sql/%.sql,%,$(TESTS))
REGRESS_OPTS = --inputdir=test --outputdir=test/results

PG_CPPFLAGS  = -Iinclude -DVP_LIBRARY_VERSION=\"$(EXTVERSION)\" -DBOOST_CONTAINER_USER_DEFINED_THROW_CALLBACKS
PG_CXXFLAGS  = -std=c++17 -Wno-register -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
               -Wno-cast-function-type -MMD -MP $(if $(WERROR),-Werror)
SHLIB_LINK  += -lstdc++
EXTRA_CLEAN  = $(OBJS:.o=.d) test/results .pg-build
# JIT bitcode for C++ needs clang flags PGXS does not pass; it only helps inline functions into JIT code.
override with_llvm = no

# Which PostgreSQL: PG_CONFIG=/path/to/pg_config, or PG=17 for the PostgreSQL 17 prefix that
# scripts/pg17.sh unpacks from Debian trixie (default: the pg_config on PATH, bookworm's 15).
VP_CACHE_DIR ?= $(HOME)/.cache/vital_persona
ifeq ($(PG),17)
PG_CONFIG   ?= $(VP_CACHE_DIR)/pg17/usr/lib/postgresql/17/bin/pg_config
else ifneq ($(filter-out 15,$(PG)),)
$(error PG=$(PG): supported majors are 15 (system) and 17 (scripts/pg17.sh); or set PG_CONFIG)
endif
PG_CONFIG   ?= pg_config
PGXS        := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
PG_INCLUDE  := $(shell $(PG_CONFIG) --includedir-server 2>/dev/null)

ifneq ($(wildcard $(PG_INCLUDE)/postgres.h),)
include $(PGXS)
-include $(OBJS:.o=.d)
# A Makefile.global built with a newer compiler may pass C++ flags this g++ rejects: trixie's 17
# (g++ 14) passes -fexcess-precision=standard, which g++ 12 refuses for C++. It only concerns x87
# arithmetic, not x86-64's SSE, so dropping it changes no code.
override CXXFLAGS := $(filter-out -fexcess-precision=standard,$(CXXFLAGS))
# Objects belong to the PostgreSQL they were compiled against (magic block, struct layouts):
# a different pg_config or version since the last build rebuilds them.
VP_PG_STAMP := .pg-build
VP_PG_ID    := $(PG_CONFIG) $(shell $(PG_CONFIG) --version)
ifneq ($(VP_PG_ID),$(shell cat $(VP_PG_STAMP) 2>/dev/null))
$(shell echo '$(VP_PG_ID)' > $(VP_PG_STAMP))
endif
$(OBJS): $(VP_PG_STAMP)
else
all install installcheck:
	@echo "vital_persona: PostgreSQL server headers not found (pg_config: '$(PG_CONFIG)')." >&2
	@echo "  Install them with 'make deps' (Debian: postgresql-server-dev-15; PG=17: scripts/pg17.sh) or set PG_CONFIG." >&2
	@exit 1
endif

sql/$(EXTENSION)--%.sql: $(SQL_SOURCES)
	@scripts/assemble-sql.sh $* > $@.tmp && mv $@.tmp $@

all: $(BUILT_SQL)

.PHONY: deps demo test test-citus bench format lint schema-diff registry docs types generated
# Files generated from a fresh install on a throwaway cluster (scripts/generate.sh); the suite fails when a
# committed one is stale. Run `make registry` first after a schema change: the registry is part of the scripts.
registry:
	@scripts/generate.sh registry
docs:
	@scripts/generate.sh docs
types:
	@scripts/generate.sh types
generated:
	@scripts/generate.sh registry && scripts/generate.sh docs types
# What changed between two versions, fact by fact (from their registries): make schema-diff FROM=4.0 TO=5.0
FROM ?= 4.0
TO   ?= $(EXTVERSION)
schema-diff:
	@scripts/schema-diff.sh $(FROM) $(TO)
deps:
	@PG=$(PG) scripts/install-deps.sh
test:
	@PG=$(PG) scripts/test.sh
test-citus:
	@scripts/test-citus.sh
demo:
	@PG=$(PG) scripts/demo.sh
bench:
	@bench/run.sh
# Static checks that need no server (scripts/lint.sh; CONTRIBUTING.md "Lint and format"): SQL sources
# schema-qualified (trusted-extension rule, sql/README.md), clang-format, clang-tidy, shellcheck and the
# C++/PostgreSQL boundary rule. `make lint STEPS="shell tidy"` runs only some.
lint:
	@scripts/lint.sh $(STEPS)
# Rewrites every C++ source and header with .clang-format (a whole-tree run goes into .git-blame-ignore-revs).
format:
	clang-format -i --style=file $(sort $(shell find src include -name '*.cpp' -o -name '*.hpp'))
