/* SPDX-License-Identifier: MIT */
/*
 * The lean trampolines of the library's own wrappers (asm/x86_64/tdcall.S):
 * six registers in memory, or three in C arguments; not a public header.
 *
 * Most TDCALL leaves carry all their operands in RCX, RDX and R8-R11, and
 * most GHCI sub-functions in R10-R15.  A wrapper that holds just those six
 * registers (48 bytes) instead of a whole struct tdx_module_args (104)
 * keeps the call chains above it within the library's stack budget
 * (tools/footprint).  What the module and the VMM see is exactly what
 * __tdx_module_call and __tdx_hypercall show them: the other registers are
 * 0, the mask is the same, and every register they could write is zeroed
 * before the trampoline returns.
 */
#ifndef TDX_SRC_LIB_TRAMPOLINES_H
#define TDX_SRC_LIB_TRAMPOLINES_H

#include <stdint.h>

/* RCX, RDX, R8-R11: the first six fields of struct tdx_module_args. */
struct tdx__module_regs6 {
	uint64_t rcx, rdx, r8, r9, r10, r11;
};

/* R10-R15 of a GHCI-standard TDG.VP.VMCALL. */
struct tdx__vmcall_regs6 {
	uint64_t r10, r11, r12, r13, r14, r15;
};

/* TDCALL leaf `fn` with RCX..R11 from *regs (and back), every other register 0; returns RAX. */
uint64_t __tdx_module_call6(uint64_t fn, struct tdx__module_regs6 *regs);

/* TDG.VP.VMCALL, mask 0xFFCC, R10-R15 from *regs (and back), every other register 0; returns R10. */
uint64_t __tdx_hypercall6(struct tdx__vmcall_regs6 *regs);

/*
 * TDCALL leaf `fn` (never TDG.VP.VMCALL) with RCX, RDX, R8 as given, every
 * other register 0, for the leaves whose only output is RAX; returns RAX.
 * No struct in memory: the cheapest call in stack.
 */
uint64_t __tdx_module_call3(uint64_t fn, uint64_t rcx, uint64_t rdx, uint64_t r8);

#endif /* TDX_SRC_LIB_TRAMPOLINES_H */
