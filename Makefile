# folio — build, demo, check, bench, fuzz, install.
#   make            build/folio
#   make demo       install missing Debian packages, build, convert examples/ into out/
#   make check      every test (unit tests also under ASan+UBSan), closing line "N passed, N failed"
#   make test       the unit tests and the golden files only, in seconds
#   make corpus     the reader's structure score on the real pages of ../shared/corpus
#   make install    PREFIX/bin/folio, PREFIX/share/folio/styles, PREFIX/share/man/man1/folio.1
#   make uninstall  removes them again
# BUILD=dir keeps a separate build tree (handy when several people build at once); the usual
# CPPFLAGS, CFLAGS and LDFLAGS are honoured, DESTDIR too.

CC      ?= cc
BUILD   ?= build
PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/folio
MANDIR  ?= $(PREFIX)/share/man
PKGS    := libxml-2.0 libzip harfbuzz-subset fontconfig libunibreak inih libpng libjpeg libgif libwebp libwebpdemux icu-uc

CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra
STD     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
# pkg-config's flags, asked once and only when something is compiled (so `make deps` and `make
# clean` work without the libraries); a package it cannot find stops the build with its name.
pkg_config = $(shell pkg-config $(1) $(PKGS))$(if $(filter 0,$(.SHELLSTATUS)),,$(error pkg-config \
  cannot find every one of: $(PKGS) (see the message above; `make deps` installs them)))
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(call pkg_config,--cflags))$(PKG_CFLAGS)
# libharu 2.3 ships no pkg-config file: -lhpdf by hand.
LIBS     = $(eval LIBS := $$(call pkg_config,--libs) -lhpdf -lm)$(LIBS)
ALL_CFLAGS = $(STD) $(WARN) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS      := $(wildcard src/*.c)
OBJS      := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
LIB_OBJS  := $(filter-out $(BUILD)/obj/main.o,$(OBJS))
SAN_OBJS  := $(SRCS:src/%.c=$(BUILD)/san/%.o)
SAN_LIB_OBJS := $(filter-out $(BUILD)/san/main.o,$(SAN_OBJS))
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
SAN_UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests-san/%)

.PHONY: all demo check test deps bench fuzz install uninstall clean unit examples corpus FORCE

all: $(BUILD)/folio

$(BUILD)/folio: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/folio-san: $(SAN_OBJS)
	$(CC) $(CFLAGS) $(SAN) $(LDFLAGS) -o $@ $^ $(LIBS)

# Where a binary finds styles/ (after --style-dir and $FOLIO_STYLES): build/folio in this source
# tree, the installed copy in $(DATADIR)/styles.  Only style_find.c knows, so the installed binary
# is the same objects with style_find.c compiled once more ($(BUILD)/install/).
$(BUILD)/obj/style_find.o $(BUILD)/san/style_find.o: CPPFLAGS += -DFOLIO_STYLE_DIR='"$(CURDIR)/styles"'
$(BUILD)/install/style_find.o: CPPFLAGS += -DFOLIO_STYLE_DIR='"$(DATADIR)/styles"'
$(BUILD)/install/style_find.o: src/style_find.c $(BUILD)/install/datadir
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
# rewritten only when DATADIR changes, so that style_find.o follows PREFIX
$(BUILD)/install/datadir: FORCE | $(BUILD)/install
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
$(BUILD)/install/folio: $(filter-out %/style_find.o,$(OBJS)) $(BUILD)/install/style_find.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/san/%.o: src/%.c | $(BUILD)/san
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(LIBS)

$(BUILD)/tests-san/%: tests/unit/%.c $(SAN_LIB_OBJS) | $(BUILD)/tests-san
	$(CC) $(ALL_CFLAGS) $(SAN) -Isrc $(LDFLAGS) -o $@ $< $(SAN_LIB_OBJS) $(LIBS)

$(BUILD)/obj $(BUILD)/san $(BUILD)/tests $(BUILD)/tests-san $(BUILD)/install:
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

# examples/NAME.{xml,epub,pdf,html,layout}: what folio makes of each bundled article (kept in git;
# tests/examples.test.sh fails when they are out of date, `make examples` rewrites them).
examples: all
	for f in examples/*.txt; do \
	  for ext in xml epub pdf html layout; do $(BUILD)/folio "$$f" -o "$${f%.txt}.$$ext" || exit 1; done; \
	done

check: all $(BUILD)/folio-san unit
	BUILD=$(BUILD) sh tests/run.sh

# The quick tests, in seconds: the unit tests and every golden file (make check runs them too).
test: all $(UNIT_BINS)
	BUILD=$(BUILD) sh tests/run.sh quick

# The structure score on the real pages of ../shared/corpus (when it is there): every miss, then
# each metric against its goal; exits non-zero when a goal is missed.
corpus: all
	@if [ -d ../shared/corpus ]; then python3 ../shared/checks/score_corpus.py --folio $(BUILD)/folio -v; \
	else echo "no ../shared/corpus here: nothing to score"; fi

# A benchmark, not a test: figures side by side with pandoc and a PDF engine (installed if missing).
bench: all
	EXTRA_PKGS="pandoc weasyprint time" sh scripts/install-deps.sh
	FOLIO=$(BUILD)/folio python3 scripts/bench.py $(BENCH_ARGS)

install: $(BUILD)/install/folio
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/styles $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BUILD)/install/folio $(DESTDIR)$(PREFIX)/bin/folio
	install -m 0644 styles/* $(DESTDIR)$(DATADIR)/styles/
	install -m 0644 folio.1 $(DESTDIR)$(MANDIR)/man1/folio.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/folio $(DESTDIR)$(MANDIR)/man1/folio.1
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/styles/,$(notdir $(wildcard styles/*)))
	-rmdir $(DESTDIR)$(DATADIR)/styles $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf $(BUILD) out

# make fuzz FUZZ_SECONDS=N, make fuzz-smoke: libFuzzer targets (tests/fuzz/)
-include tests/fuzz/fuzz.mk

-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d) $(BUILD)/install/style_find.d
