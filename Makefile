# regscope build. `make` builds ./regscope; `make check` runs every test.
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKGS    := ncursesw openblas
# Build: compiler, pkg-config, ncursesw, OpenBLAS, libcsv, cmocka. Tests also
# drive the TUI in tmux, read JSON with python3, parse exports with xmllint
# and run an emitted scikit-learn script.
DEB_PKGS := build-essential pkg-config libncurses-dev libopenblas-dev libcsv-dev libcmocka-dev \
            tmux python3 python3-sklearn libxml2-utils

# Install missing build dependencies (as root with apt-get) or say how to.
DEPS_OK := $(shell pkg-config --exists $(PKGS) 2>/dev/null && test -f /usr/include/csv.h && test -f /usr/include/cmocka.h && command -v tmux >/dev/null && command -v xmllint >/dev/null && /usr/bin/python3 -c 'import sklearn' 2>/dev/null && echo yes)
ifneq ($(DEPS_OK),yes)
  ifeq ($(shell id -u),0)
    ifneq ($(shell command -v apt-get),)
      $(info regscope: installing build dependencies: $(DEB_PKGS))
      $(shell apt-get update -qq >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PKGS) >&2)
    endif
  endif
  DEPS_OK := $(shell pkg-config --exists $(PKGS) 2>/dev/null && test -f /usr/include/csv.h && test -f /usr/include/cmocka.h && echo yes)
  ifneq ($(DEPS_OK),yes)
    $(error missing build dependencies; install them with: sudo apt-get install -y $(DEB_PKGS))
  endif
  TEST_DEPS_OK := $(shell command -v tmux >/dev/null && command -v xmllint >/dev/null && /usr/bin/python3 -c 'import sklearn' 2>/dev/null && echo yes)
  ifneq ($(TEST_DEPS_OK),yes)
    $(info regscope: some end-to-end tests need: sudo apt-get install -y tmux python3 python3-sklearn libxml2-utils)
  endif
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
BLAS_LIBS  := $(shell pkg-config --libs openblas)
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wmissing-prototypes -Werror -D_POSIX_C_SOURCE=200809L -DREGSCOPE_DATADIR=\"$(PREFIX)/share/regscope/datasets\"
# The engine's folders (README, "Code map"); headers are included by bare name.
ENGINE_DIRS := $(sort $(dir $(wildcard src/*/*.c src/*/*.h)))
ENGINE_INC  := $(addprefix -iquote ,$(ENGINE_DIRS:/=))
ALL_CFLAGS = $(CFLAGS) $(WARN) $(PKG_CFLAGS) $(ENGINE_INC) -iquote ui -MMD -MP
# libmvec (glibc >= 2.35, x86_64) gives vector tanh/exp; see src/math/vmath.c
MVEC    := $(shell printf 'int main(void){return 0;}' | $(CC) -x c - -o /dev/null -lmvec 2>/dev/null && echo -lmvec)
LDLIBS  := $(PKG_LIBS) -lcsv -lpthread $(MVEC) -lm
# What the engine alone may link against: no ncurses.
ENGINE_LDLIBS := $(BLAS_LIBS) -lcsv -lpthread $(MVEC) -lm
LDFLAGS ?=

BUILD   ?= build
ENGINE_SRC := $(wildcard src/*/*.c)
UI_SRC     := $(wildcard ui/*.c)
ENGINE_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(ENGINE_SRC))
UI_OBJ     := $(patsubst %.c,$(BUILD)/%.o,$(UI_SRC))
LIBS       := $(BUILD)/libregscope-ui.a $(BUILD)/libregscope-engine.a
TEST_SRC   := $(wildcard tests/unit/test_*.c)
TEST_BIN   := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRC))

.PHONY: all run check unit e2e asan tsan install uninstall clean fuzz bench

# The program: ./regscope for the normal build; sanitizer builds keep
# theirs in their own folder, and the tests run whichever REGSCOPE names.
ifeq ($(BUILD),build)
PROG := regscope
else
PROG := $(BUILD)/regscope
endif

all: $(PROG)

$(PROG): $(BUILD)/main.o $(LIBS) $(BUILD)/engine-links-alone
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/main.o $(LIBS) $(LDLIBS)

# The engine is a library of its own (src/); the UI (ui/) is another on top.
$(BUILD)/libregscope-engine.a: $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libregscope-ui.a: $(UI_OBJ)
	@rm -f $@
	ar rcs $@ $^

# Every engine object linked without ncurses: the build fails here if the
# engine ever reaches for the terminal.
$(BUILD)/engine-links-alone: $(BUILD)/libregscope-engine.a
	printf 'int main(void) { return 0; }\n' > $@.c
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $@.c -Wl,--whole-archive $< -Wl,--no-whole-archive $(ENGINE_LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -iquote tests/unit $(LDFLAGS) -o $@ $< $(LIBS) $(LDLIBS) -lcmocka

run: regscope
	./regscope

# Every test: cmocka unit tests, then end-to-end tests in tmux. Ends with "N passed, N failed".
check: $(PROG) $(TEST_BIN)
	@REGSCOPE=./$(PROG) sh tests/run_all.sh $(BUILD)

unit: $(TEST_BIN)
	@sh tests/run_all.sh $(BUILD) unit

asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all" LDFLAGS="-fsanitize=address,undefined,float-cast-overflow" check

# ThreadSanitizer: the unit tests (the training thread's tests among them)
# and the end-to-end tests against a TSan build of the program.
tsan:
	$(MAKE) BUILD=build-tsan CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" check

install: regscope
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/regscope/datasets $(DESTDIR)$(PREFIX)/share/regscope/lessons $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 regscope $(DESTDIR)$(PREFIX)/bin/regscope
	install -m 644 datasets/*.csv datasets/README.md $(DESTDIR)$(PREFIX)/share/regscope/datasets/
	install -m 644 lessons/*.lesson $(DESTDIR)$(PREFIX)/share/regscope/lessons/
	if [ -f regscope.1 ]; then install -m 644 regscope.1 $(DESTDIR)$(PREFIX)/share/man/man1/regscope.1; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/regscope $(DESTDIR)$(PREFIX)/share/man/man1/regscope.1
	rm -rf $(DESTDIR)$(PREFIX)/share/regscope

clean:
	rm -rf build build-asan build-tsan build-fuzz regscope

# Reformats the sources in place with the checked-in .clang-format.
.PHONY: format
CLANG_FORMAT ?= clang-format
format:
	@command -v $(CLANG_FORMAT) >/dev/null 2>&1 || { echo "make format needs clang-format: sudo apt-get install -y clang-format" >&2; exit 1; }
	$(CLANG_FORMAT) -i --style=file $(wildcard src/*/*.[ch] ui/*.[ch] main.c tests/unit/*.[ch] tests/fuzz/*.c)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Benchmarks: each script in tests/bench/bench_*.sh prints rows of one table.
bench: regscope
	@sh tests/bench/run_all.sh

# ---- fuzzing (libFuzzer) ----
# `make fuzz FUZZ_SECONDS=N` (default 60): each reader regscope has, built
# with clang's libFuzzer + ASan/UBSan into build-fuzz/ and run for N seconds
# on a copy of its corpus: the CSV loader (tests/fuzz/corpus), the scene
# reader (corpus_scene), the command line with the lessons (corpus_cli) and
# the lesson-file reader (corpus_lesson).
# Any crash, leak or hang (10 s) fails. The engine is instrumented but for
# src/math/vmath.c, whose AVX code clang will not build without -mavx: that one
# is compiled by $(CC) and linked in as it is.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_SRC     := tests/fuzz/fuzz_csv.c $(wildcard src/data/csvload*.c) src/data/data.c src/util/err.c src/util/mem.c src/util/utf8.c src/math/rng.c
FUZZ_FLAGS   := -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(ENGINE_INC) \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_ENGINE  := $(filter-out src/math/vmath.c,$(ENGINE_SRC))
FUZZ_LIBS    := $(shell pkg-config --libs openblas) -lcsv -lpthread $(MVEC) -lm
FUZZ_RUN      = -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/

build-fuzz/fuzz_csv: $(FUZZ_SRC) $(wildcard src/*/*.h)
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(FUZZ_SRC) -lcsv -lm

build-fuzz/vmath.o: src/math/vmath.c src/math/vmath.h
	@mkdir -p build-fuzz
	$(CC) -O2 -std=c11 -D_POSIX_C_SOURCE=200809L $(PKG_CFLAGS) $(ENGINE_INC) -c -o $@ $<

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_ENGINE) $(wildcard src/*/*.h) build-fuzz/vmath.o
	$(FUZZ_CC) $(FUZZ_FLAGS) $(PKG_CFLAGS) -o $@ $< $(FUZZ_ENGINE) build-fuzz/vmath.o $(FUZZ_LIBS)

fuzz: build-fuzz/fuzz_csv build-fuzz/fuzz_scene build-fuzz/fuzz_cli build-fuzz/fuzz_lesson
	rm -rf build-fuzz/corpus* && mkdir -p build-fuzz/corpus build-fuzz/corpus_scene build-fuzz/corpus_cli build-fuzz/corpus_lesson
	cp tests/fuzz/corpus/* build-fuzz/corpus/
	cp tests/fuzz/corpus_scene/* build-fuzz/corpus_scene/
	cp tests/fuzz/corpus_cli/* build-fuzz/corpus_cli/
	cp tests/fuzz/corpus_lesson/* build-fuzz/corpus_lesson/
	build-fuzz/fuzz_csv $(FUZZ_RUN) build-fuzz/corpus
	build-fuzz/fuzz_scene $(FUZZ_RUN) build-fuzz/corpus_scene
	build-fuzz/fuzz_cli $(FUZZ_RUN) build-fuzz/corpus_cli
	build-fuzz/fuzz_lesson $(FUZZ_RUN) build-fuzz/corpus_lesson
