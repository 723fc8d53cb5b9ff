# vital_persona: PGXS build of a C++17 PostgreSQL extension.
#   make && make install      build and install into the server found by pg_config
#   make installcheck         pg_regress against a running server (see scripts/test.sh for the full suite)
#   make test / make demo     install dependencies, run everything on a throwaway cluster
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
EXTRA_CLEAN  = $(OBJS:.o=.d) test/results
# JIT bitcode for C++ needs clang flags PGXS does not pass; it only helps inline functions into JIT code.
override with_llvm = no

PG_CONFIG   ?= pg_config
PGXS        := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
PG_INCLUDE  := $(shell $(PG_CONFIG) --includedir-server 2>/dev/null)

ifneq ($(wildcard $(PG_INCLUDE)/postgres.h),)
include $(PGXS)
-include $(OBJS:.o=.d)
else
all install installcheck:
	@echo "vital_persona: PostgreSQL server headers not found (pg_config: '$(PG_CONFIG)')." >&2
	@echo "  Install them with 'make deps' (Debian: postgresql-server-dev-15) or set PG_CONFIG." >&2
	@exit 1
endif

sql/$(EXTENSION)--%.sql: $(SQL_SOURCES)
	@scripts/assemble-sql.sh $* > $@.tmp && mv $@.tmp $@

all: $(BUILT_SQL)

.PHONY: deps demo test bench format lint
deps:
	@scripts/install-deps.sh
test:
	@scripts/test.sh
demo:
	@scripts/demo.sh
bench:
	@bench/run.sh
# Static checks that need no server: SQL sources schema-qualified (trusted-extension rule, sql/README.md).
lint:
	@python3 scripts/sql_qualify.py $(filter %.sql,$(SQL_SOURCES))
format:
	clang-format -i $(wildcard src/*.cpp src/*/*.cpp include/*/*.hpp include/*/*/*.hpp)
