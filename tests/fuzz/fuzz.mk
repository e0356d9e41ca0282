# tests/fuzz/fuzz.mk — libFuzzer targets (tests/fuzz/fuzz_*.c), included by the Makefile.
#   make fuzz [FUZZ_SECONDS=60]       replay tests/fuzz/regressions, then fuzz each target N seconds
#   make fuzz-smoke                   the same, FUZZ_SMOKE_SECONDS (30) a target: for .ci/run
#   make fuzz-build                   only build the targets
# Needs clang with its runtime (Debian: clang, libclang-rt-14-dev).  Everything lives under
# $(BUILD)/fuzz: objects, the growing corpus of each target, and crash artifacts.  One process and
# no -jobs: the machine is shared, and a crash must stop the run with its reproducer.
#   tests/fuzz/corpus/       the seed corpus (python3 tests/fuzz/make-corpus.py remakes it and text.dict):
#                            articles, and DocBook files for fuzz_docbook (which reads every input
#                            both ways); fuzz_docbook.dict holds the DocBook vocabulary
#   tests/fuzz/regressions/  inputs that once broke a target, fixed since: replayed before every run
#   tests/fuzz/open/         reproducers of bugs not fixed yet outside the reader (see each file's
#                            name); they move to regressions/ with their fix
FUZZ_CC            ?= clang
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 30
FUZZ_MAX_LEN       ?= 32768
FUZZ_EXTRA         ?=# more libFuzzer flags, e.g. -detect_leaks=0 while a known leak is being fixed
FUZZ_DIR           := $(BUILD)/fuzz
FUZZ_SAN           := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# The Makefile's standard, warnings, library flags and libraries ($(STD) $(WARN) $(PKG_CFLAGS) $(LIBS)).
FUZZ_CFLAGS         = $(STD) $(WARN) -g -O1 $(PKG_CFLAGS)
FUZZ_LIBS           = $(LIBS)
FUZZ_LIB_SRCS      := $(filter-out src/main.c,$(wildcard src/*.c))
FUZZ_LIB_OBJS      := $(FUZZ_LIB_SRCS:src/%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_TARGETS       := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS          := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)
# Per input: a time limit that no linear-time input of FUZZ_MAX_LEN bytes comes near, and the
# keyword dictionary (tests/fuzz/TARGET.dict when there is one, else the text reader's); the
# committed seed corpus (tests/fuzz/corpus-TARGET/ when there is one: fuzz_meta's -M lines) is read
# after the target's own corpus.
FUZZ_RUN_FLAGS      = -max_len=$(FUZZ_MAX_LEN) -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
                      -dict=$$(if [ -f tests/fuzz/$$t.dict ]; then echo tests/fuzz/$$t.dict; else echo tests/fuzz/text.dict; fi) \
                      -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t- $(FUZZ_EXTRA)

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-replay

fuzz-build: $(FUZZ_BINS)

$(FUZZ_DIR)/obj/%.o: src/%.c | $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/%: tests/fuzz/%.c tests/fuzz/fuzz_common.h $(FUZZ_LIB_OBJS) | $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -Isrc -DFUZZ_STYLE_DIR='"$(CURDIR)/styles"' \
	  -o $@ $< $(FUZZ_LIB_OBJS) $(FUZZ_LIBS)

$(FUZZ_DIR)/obj:
	mkdir -p $@

# Every input that once crashed a target runs through all of them first (-runs=0: just the corpus).
fuzz-replay: $(FUZZ_BINS)
	@mkdir -p $(FUZZ_DIR)/artifacts
	@for t in $(FUZZ_TARGETS); do \
	  echo "== $$t: replaying tests/fuzz/regressions"; \
	  $(FUZZ_DIR)/$$t $(FUZZ_RUN_FLAGS) -runs=0 tests/fuzz/regressions 2>&1 | tail -n 3 || exit 1; \
	done

# `|| exit 1` on the pipeline's status: the fuzzer's own (set -o pipefail is not POSIX sh).
fuzz fuzz-smoke: fuzz-replay
	@secs=$(if $(filter fuzz-smoke,$@),$(FUZZ_SMOKE_SECONDS),$(FUZZ_SECONDS)); \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t; \
	  echo "== $$t: fuzzing for $$secs s (log: $(FUZZ_DIR)/$$t.log)"; \
	  seeds=tests/fuzz/corpus; [ -d tests/fuzz/corpus-$$t ] && seeds=tests/fuzz/corpus-$$t; \
	  $(FUZZ_DIR)/$$t $(FUZZ_RUN_FLAGS) -max_total_time=$$secs \
	    $(FUZZ_DIR)/corpus/$$t $$seeds >$(FUZZ_DIR)/$$t.log 2>&1; rc=$$?; \
	  grep -E '^(stat::|Done|INFO: a corpus)|ERROR|SUMMARY|runtime error' $(FUZZ_DIR)/$$t.log | head -n 40; \
	  [ $$rc -eq 0 ] || { echo "$$t failed (exit $$rc); the input is in $(FUZZ_DIR)/artifacts/"; exit 1; }; \
	done

-include $(FUZZ_LIB_OBJS:.o=.d)
