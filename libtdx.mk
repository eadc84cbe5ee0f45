# SPDX-License-Identifier: MIT
#
# libtdx.mk: build libtdx.a with plain GNU Make, for projects without CMake.
#
#   include path/to/libtdx/libtdx.mk
#   CFLAGS += $(LIBTDX_CPPFLAGS)
#   kernel.elf: $(OBJS) $(LIBTDX_A)
#           $(CC) -nostdlib -static -o $@ $(OBJS) $(LIBTDX_A)
#
# Every src/*/*.c and asm/x86_64/*.S of the library is compiled (wildcards: a
# file added to the library is picked up without touching this fragment) with
# the consumer's $(CC) and $(AR) and the library's own freestanding flags.
# The consumer's CFLAGS are NOT used: libtdx must not inherit -msse, -O0
# -fstack-protector or anything else that would break its rules.  Add flags
# for the library (a --target, -nostdinc, -g) with LIBTDX_EXTRA_CFLAGS.
#
# Variables you may set before including:
#   LIBTDX_BUILD_DIR     where objects and libtdx.a go (default: libtdx-build)
#   LIBTDX_OPT           optimisation (default: -O2)
#   LIBTDX_EXTRA_CFLAGS  more flags for the library's C and assembly
# Variables it defines for you:
#   LIBTDX_A             the archive, a make target
#   LIBTDX_CPPFLAGS      -I for <tdx/tdx.h>
#   LIBTDX_DIR           the library's source tree
# Targets: $(LIBTDX_A), libtdx-clean.  Including it does not change your
# default goal.  All its variables and targets start with LIBTDX_/libtdx-.

LIBTDX_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
LIBTDX_BUILD_DIR ?= libtdx-build
LIBTDX_OPT ?= -O2
LIBTDX_EXTRA_CFLAGS ?=

LIBTDX_A := $(LIBTDX_BUILD_DIR)/libtdx.a
LIBTDX_CPPFLAGS := -I$(LIBTDX_DIR)/include

LIBTDX_C_SOURCES := $(sort $(wildcard $(LIBTDX_DIR)/src/*/*.c))
LIBTDX_ASM_SOURCES := $(sort $(wildcard $(LIBTDX_DIR)/asm/x86_64/*.S))
LIBTDX_OBJS := \
	$(patsubst $(LIBTDX_DIR)/src/%.c,$(LIBTDX_BUILD_DIR)/src/%.o,$(LIBTDX_C_SOURCES)) \
	$(patsubst $(LIBTDX_DIR)/asm/x86_64/%.S,$(LIBTDX_BUILD_DIR)/asm/%.o,$(LIBTDX_ASM_SOURCES))

# The house rules (same list as TDX_FREESTANDING_FLAGS in CMakeLists.txt).
LIBTDX_CFLAGS := -std=c11 $(LIBTDX_OPT) \
	-ffreestanding -fno-builtin -nostdlib \
	-mno-red-zone -mgeneral-regs-only -fno-stack-protector \
	-fPIE -fno-asynchronous-unwind-tables \
	-ffunction-sections -fdata-sections \
	-Wall -Wextra -Werror
# -nostdlib only matters when linking; clang warns that compiling ignores it.
ifneq ($(shell $(CC) -dM -E - </dev/null 2>/dev/null | grep -c '__clang__'),0)
LIBTDX_CFLAGS += -Wno-unused-command-line-argument
endif
LIBTDX_CFLAGS += $(LIBTDX_EXTRA_CFLAGS) $(LIBTDX_CPPFLAGS) -I$(LIBTDX_DIR)/src -MMD -MP

LIBTDX_SAVED_DEFAULT_GOAL := $(.DEFAULT_GOAL)

$(LIBTDX_A): $(LIBTDX_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(LIBTDX_BUILD_DIR)/src/%.o: $(LIBTDX_DIR)/src/%.c $(LIBTDX_DIR)/libtdx.mk
	@mkdir -p $(@D)
	$(CC) $(LIBTDX_CFLAGS) -c -o $@ $<

$(LIBTDX_BUILD_DIR)/asm/%.o: $(LIBTDX_DIR)/asm/x86_64/%.S $(LIBTDX_DIR)/libtdx.mk
	@mkdir -p $(@D)
	$(CC) $(LIBTDX_CFLAGS) -c -o $@ $<

.PHONY: libtdx-clean
libtdx-clean:
	rm -rf $(LIBTDX_BUILD_DIR)

-include $(LIBTDX_OBJS:.o=.d)

.DEFAULT_GOAL := $(LIBTDX_SAVED_DEFAULT_GOAL)
