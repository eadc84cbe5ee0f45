/* SPDX-License-Identifier: MIT */
/*
 * Building a struct tdx_module_args without libc.  An aggregate initializer
 * (`= { .r10 = ... }`) zeroes the other 96 bytes with a memset call at -O0
 * (clang), which a freestanding guest does not have; field-by-field stores
 * never become one (the library is built with -fno-builtin).
 */
#ifndef TDX_SRC_ARGS_H
#define TDX_SRC_ARGS_H

#include <tdx/tdcall.h>
#include <tdx/tdvmcall.h>

/* Every register 0: "send only what you mean". */
static inline void tdx_args_clear(struct tdx_module_args *a)
{
	a->rcx = 0;
	a->rdx = 0;
	a->r8 = 0;
	a->r9 = 0;
	a->r10 = 0;
	a->r11 = 0;
	a->r12 = 0;
	a->r13 = 0;
	a->r14 = 0;
	a->r15 = 0;
	a->rbx = 0;
	a->rdi = 0;
	a->rsi = 0;
}

/* A GHCI-standard TDG.VP.VMCALL: every register 0, R10 = 0 (standard), R11 = subfn. */
static inline void tdx_vmcall_args(struct tdx_module_args *a, uint64_t subfn)
{
	tdx_args_clear(a);
	a->r10 = TDVMCALL_STANDARD;
	a->r11 = subfn;
}

#endif
