# mptcp-lab: top-level build.
#   make            build build/mptcp-proxy and build/mptcp-lab
#   make test       unit tests (cmocka) + integration tests (root)
#   make unit       unit tests only
#   make asan       the whole suite built and run with ASan+UBSan
#                   (time limits x MPTCP_LAB_TIME_SCALE, default 3)
#   make bench      benchmarks (root); figures, not pass/fail
#   make fuzz       the topology fuzzer (clang, libFuzzer) for FUZZ_TIME s
#   make matrix     the scenarios and the suite on several kernels (root):
#                   KERNELS="6.1 6.12 host" MATRIX_TESTS=all|scenarios|suite|PATTERN
#   make install    PREFIX=/usr/local DESTDIR= (binaries, man pages, the
#                   systemd unit mptcp-proxy@.service, an example config)
#
# Sources are discovered by wildcard: proxy/*.c make mptcp-proxy, lab/*/*.c
# (one folder per layer, see lab/README.md) make mptcp-lab, tests/unit/test_proxy_*.c link against the proxy objects,
# every other tests/unit/test_*.c against the lab objects. Adding a file
# needs no edit here.

BUILD    ?= build
CC       ?= cc
PREFIX   ?= /usr/local
SYSCONFDIR ?= /etc
# systemd units go under PREFIX too (/usr/local/lib/systemd/system is in
# systemd's search path; PREFIX=/usr puts them in /usr/lib/systemd/system).
UNITDIR  ?= $(PREFIX)/lib/systemd/system
DESTDIR  ?=
SAN      ?=
VERSION  := 0.1.0
KERNELS      ?= 6.1 6.12 host
MATRIX_TESTS ?= all

NL_CFLAGS := $(shell pkg-config --cflags libnl-3.0 libnl-route-3.0 libnl-genl-3.0 2>/dev/null || echo -I/usr/include/libnl3)
# libjansson writes every JSON the lab prints and reads iperf3's.
JSON_LIBS := $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson) -lm
# libsystemd: sd_notify() for mptcp-proxy under systemd (Type=notify).
SD_LIBS   := $(shell pkg-config --libs libsystemd 2>/dev/null || echo -lsystemd)
NL_LIBS   := $(shell pkg-config --libs libnl-3.0 libnl-route-3.0 libnl-genl-3.0 2>/dev/null || echo -lnl-route-3 -lnl-genl-3 -lnl-3)

# CFLAGS and LDFLAGS are the user's (`make CFLAGS=-O0` replaces only
# them); the project's own flags are always applied after them.
CFLAGS   ?= -O2 -g
WARNINGS := -Wall -Wextra -Werror -Wvla
PROJECT_CFLAGS  := -std=gnu11 $(WARNINGS) -D_GNU_SOURCE -DVERSION=\"$(VERSION)\" -MMD -MP
PROJECT_LDFLAGS :=
ifneq ($(SAN),)
PROJECT_CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
PROJECT_LDFLAGS += -fsanitize=address,undefined
endif
ALL_CFLAGS  = $(CFLAGS) $(PROJECT_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(PROJECT_LDFLAGS)

PROXY_SRC := $(wildcard proxy/*.c)
LAB_SRC   := $(wildcard lab/*/*.c)
PROXY_OBJ := $(PROXY_SRC:%.c=$(BUILD)/%.o)
LAB_OBJ   := $(LAB_SRC:%.c=$(BUILD)/%.o)
PROXY_LIB := $(filter-out $(BUILD)/proxy/main.o,$(PROXY_OBJ))
LAB_LIB   := $(filter-out $(BUILD)/lab/cli/main.o,$(LAB_OBJ))

UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC  := $(wildcard tests/tools/*.c)
TOOL_BIN  := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all test unit integration asan bench matrix install clean fuzz \
	lint lint-layers lint-cppcheck lint-tidy
all: $(BUILD)/mptcp-proxy $(BUILD)/mptcp-lab $(TOOL_BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(NL_CFLAGS) -Iproxy -Ilab -c -o $@ $<

$(BUILD)/mptcp-proxy: $(PROXY_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ -lpthread $(SD_LIBS)

$(BUILD)/mptcp-lab: $(LAB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(NL_LIBS) $(JSON_LIBS)

$(BUILD)/tests/test_proxy_%: tests/unit/test_proxy_%.c $(PROXY_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iproxy $(ALL_LDFLAGS) -o $@ $^ -lcmocka -lpthread $(SD_LIBS)

# The relay test makes splice() refuse on demand (see the test).
$(BUILD)/tests/test_proxy_relay: PROJECT_LDFLAGS += -Wl,--wrap=splice

$(BUILD)/tests/test_%: tests/unit/test_%.c $(LAB_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(NL_CFLAGS) -Ilab $(ALL_LDFLAGS) -o $@ $^ -lcmocka $(NL_LIBS) $(JSON_LIBS)

$(BUILD)/tools/%: tests/tools/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ilab $(ALL_LDFLAGS) -o $@ $< -lpthread

$(BUILD)/bench/%: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ilab $(ALL_LDFLAGS) -o $@ $< -lpthread

unit: $(UNIT_BIN)
	@tests/run-unit.sh $(BUILD) $(UNIT_BIN)

test: all $(UNIT_BIN)
	@tests/run-all.sh $(BUILD)

integration: all
	@tests/run-integration.sh $(BUILD)

# ASan+UBSan binaries run two to three times slower than the native
# build: the lab's and the tests' time limits are stretched (and the
# heavy tests' bulk shrunk) by MPTCP_LAB_TIME_SCALE, 3 unless the caller
# sets it, as for any slow machine; counts, bytes and verdicts stay.
ASAN_TIME_SCALE := $(or $(MPTCP_LAB_TIME_SCALE),3)
asan:
	MPTCP_LAB_TIME_SCALE=$(ASAN_TIME_SCALE) $(MAKE) BUILD=build-asan SAN=1 test

bench: all $(BENCH_BIN)
	@bench/run.sh $(BUILD)

# The fuzzer: lab/topo and what it uses of lab/util, built with clang's
# libFuzzer, ASan and UBSan in build-fuzz/, run on a corpus seeded from
# tests/good, tests/bad and topologies/ (tests/run-fuzz.sh).
FUZZ_TIME  ?= 60
FUZZ_BUILD := build-fuzz
FUZZ_CC    ?= clang
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_SRC   := $(wildcard lab/topo/*.c) lab/util/event_names.c lab/util/features.c
FUZZ_OBJ   := $(FUZZ_SRC:%.c=$(FUZZ_BUILD)/%.o)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -std=gnu11 $(WARNINGS) -D_GNU_SOURCE -DVERSION=\"$(VERSION)\" -MMD -MP -Ilab -c -o $@ $<

$(FUZZ_BUILD)/fuzz_topo: tests/fuzz/fuzz_topo.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -std=gnu11 $(WARNINGS) -D_GNU_SOURCE -Ilab -o $@ $^

fuzz: $(FUZZ_BUILD)/fuzz_topo
	@tests/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_TIME)

matrix: all $(UNIT_BIN)
	@KERNELS="$(KERNELS)" MATRIX_TESTS="$(MATRIX_TESTS)" scripts/matrix $(BUILD)
# make lint: the layering of lab/ (scripts/check-layers.sh), cppcheck, and
# clang-tidy with the checks listed in .clang-tidy, over proxy/ and lab/;
# any finding fails. clang-tidy runs once per file (use -j2); its stamp in
# BUILD/lint/ is redone when the file's object is rebuilt.
LINT_SRC   := $(PROXY_SRC) $(LAB_SRC)
LINT_STAMP := $(LINT_SRC:%.c=$(BUILD)/lint/%.tidy)
LINT_FLAGS  = -std=gnu11 -D_GNU_SOURCE -DVERSION=\"$(VERSION)\" $(NL_CFLAGS) -Iproxy -Ilab

lint: lint-layers lint-cppcheck lint-tidy

lint-layers:
	@scripts/check-layers.sh

lint-cppcheck:
	@echo "cppcheck proxy lab"
	@cppcheck --quiet --error-exitcode=1 --inline-suppr \
		--enable=warning,performance,portability --std=c11 \
		-D_GNU_SOURCE -DVERSION=\"$(VERSION)\" -Iproxy -Ilab proxy lab

lint-tidy: $(LINT_STAMP)

$(BUILD)/lint/%.tidy: %.c $(BUILD)/%.o .clang-tidy
	@mkdir -p $(dir $@)
	@echo "clang-tidy $<"
	@out=$$(clang-tidy --quiet $< -- $(LINT_FLAGS) 2>&1); rc=$$?; \
	 echo "$$out" | grep -v -e 'warnings\? generated\.$$' -e '^$$' >&2; \
	 [ $$rc -eq 0 ] && touch $@

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man8 $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 0755 $(BUILD)/mptcp-proxy $(BUILD)/mptcp-lab $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 man/*.8 $(DESTDIR)$(PREFIX)/share/man/man8/
	install -m 0644 man/*.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSCONFDIR)/mptcp-proxy
	sed -e 's|@BINDIR@|$(PREFIX)/bin|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
		deploy/mptcp-proxy@.service.in >$(DESTDIR)$(UNITDIR)/mptcp-proxy@.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/mptcp-proxy@.service
	sed -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' deploy/example.conf \
		>$(DESTDIR)$(SYSCONFDIR)/mptcp-proxy/example.conf

clean:
	rm -rf build build-asan build-fuzz

-include $(PROXY_OBJ:.o=.d) $(LAB_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d)
