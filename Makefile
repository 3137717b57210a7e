# modscope — plain Makefile.  See README.md.
#   make                      build build/modscope
#   make test                 unit tests, golden cases, CPython conformance
#   make SANITIZE=address,undefined test
#   make valgrind             unit tests under valgrind
#   make BUILD=build-x        build into another folder (parallel work trees)

CC      ?= cc
CFLAGS  ?= -O2 -g
BUILD   ?= build
SANITIZE ?=

override CFLAGS += -std=c17 -D_GNU_SOURCE -Isrc -MMD -MP
override CFLAGS += -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
                   -Wno-unused-parameter -Wpointer-arith -Wvla -Wformat=2
ifneq ($(SANITIZE),)
override CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
override LDFLAGS += -fsanitize=$(SANITIZE)
endif
ifeq ($(WERROR),1)
override CFLAGS += -Werror
endif
LDLIBS += -lpthread

SRC      := $(sort $(shell find src -name '*.c' ! -name main.c))
OBJ      := $(SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard fuzz/*.c))

.PHONY: all test unit valgrind example clean deps bench
all: $(BUILD)/modscope

$(BUILD)/libmodscope.a: $(OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/modscope: $(BUILD)/src/main.o $(BUILD)/libmodscope.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmodscope.a tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libmodscope.a $(LDLIBS)

unit: $(TEST_BIN)

# The whole suite; prints "N passed, N failed" last.
test: all unit
	@scripts/deps.sh test
	@python3 tests/run.py --build $(BUILD)

valgrind: all unit
	@python3 tests/run.py --build $(BUILD) --valgrind --only unit

# The main job on the bundled example: it has seven planted defects, so
# check exits 1 (findings); only 2 (an error) fails the make.
example: all
	@echo '$$ modscope check examples/shop'
	@$(BUILD)/modscope check examples/shop; s=$$?; [ $$s -le 1 ] || exit $$s

bench: all
	@scripts/deps.sh bench
	@python3 bench/run.py --build $(BUILD)

deps:
	@scripts/deps.sh test bench

clean:
	rm -rf $(BUILD)

-include $(OBJ:.o=.d) $(BUILD)/src/main.d
