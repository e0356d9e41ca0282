# folio — build, demo, check, bench, fuzz, install.
#   make            build/folio
#   make demo       install missing Debian packages, build, convert examples/ into out/
#   make check      every test (unit tests also under ASan+UBSan), closing line "N passed, N failed"
#   make corpus     the reader's structure score on the real pages of ../shared/corpus
# BUILD=dir keeps a separate build tree (handy when several people build at once).

CC      ?= cc
BUILD   ?= build
PREFIX  ?= /usr/local
PKGS    := libxml-2.0 libzip harfbuzz-subset fontconfig libunibreak inih libpng libjpeg

CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra
STD     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libharu 2.3 ships no pkg-config file: -lhpdf by hand.
LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lm
ALL_CFLAGS = $(STD) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS      := $(wildcard src/*.c)
OBJS      := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
LIB_OBJS  := $(filter-out $(BUILD)/obj/main.o,$(OBJS))
SAN_OBJS  := $(SRCS:src/%.c=$(BUILD)/san/%.o)
SAN_LIB_OBJS := $(filter-out $(BUILD)/san/main.o,$(SAN_OBJS))
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
SAN_UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests-san/%)

.PHONY: all demo check deps bench fuzz install clean unit examples corpus

all: $(BUILD)/folio

$(BUILD)/folio: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/folio-san: $(SAN_OBJS)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/san/%.o: src/%.c | $(BUILD)/san
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJS) $(LIBS)

$(BUILD)/tests-san/%: tests/unit/%.c $(SAN_LIB_OBJS) | $(BUILD)/tests-san
	$(CC) $(ALL_CFLAGS) $(SAN) -Isrc -o $@ $< $(SAN_LIB_OBJS) $(LIBS)

$(BUILD)/obj $(BUILD)/san $(BUILD)/tests $(BUILD)/tests-san:
	mkdir -p $@

unit: $(UNIT_BINS) $(SAN_UNIT_BINS)

# Formats the demo writes for every article in examples/.
DEMO_FORMATS := xml epub pdf

deps:
	sh scripts/install-deps.sh

demo: deps
	$(MAKE) all
	mkdir -p out
	for f in examples/*.txt; do \
	  base=$$(basename "$$f" .txt); \
	  for fmt in $(DEMO_FORMATS); do \
	    $(BUILD)/folio "$$f" -o "out/$$base.$$fmt" || exit 1; \
	  done; \
	done
	@ls -l out

# examples/NAME.{xml,epub,pdf,html}: what folio makes of each bundled article (kept in git;
# tests/examples.test.sh fails when they are out of date, `make examples` rewrites them).
examples: all
	for f in examples/*.txt; do \
	  for ext in xml epub pdf html; do $(BUILD)/folio "$$f" -o "$${f%.txt}.$$ext" || exit 1; done; \
	done

check: all $(BUILD)/folio-san unit
	BUILD=$(BUILD) sh tests/run.sh

# The structure score on the real pages of ../shared/corpus (when it is there): every miss, then
# each metric against its goal; exits non-zero when a goal is missed.
corpus: all
	@if [ -d ../shared/corpus ]; then python3 ../shared/checks/score_corpus.py --folio $(BUILD)/folio -v; \
	else echo "no ../shared/corpus here: nothing to score"; fi

# A benchmark, not a test: figures side by side with pandoc and a PDF engine (installed if missing).
bench: all
	EXTRA_PKGS="pandoc weasyprint time" sh scripts/install-deps.sh
	FOLIO=$(BUILD)/folio python3 scripts/bench.py $(BENCH_ARGS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/folio/styles
	install -m 0755 $(BUILD)/folio $(DESTDIR)$(PREFIX)/bin/folio
	install -m 0644 styles/* $(DESTDIR)$(PREFIX)/share/folio/styles/

clean:
	rm -rf $(BUILD) out

# make fuzz FUZZ_SECONDS=N, make fuzz-smoke: libFuzzer targets (tests/fuzz/)
-include tests/fuzz/fuzz.mk

-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d)
