/* SPDX-License-Identifier: MIT */
/* GHCI MapGPA over a caller's registers; not a public header. */
#ifndef TDX_SRC_GHCI_MAP_GPA_H
#define TDX_SRC_GHCI_MAP_GPA_H

#include "vmcall_args.h"

/*
 * GHCI MapGPA (0x10001): R12 GPA, R13 size; on RETRY, regs->r11 = the GPA
 * to resume from, raw.  Returns R10.  The registers are the caller's, so a
 * loop of MapGPAs (src/memory/set_memory.c) holds them in its own frame
 * instead of a wrapper's under it; tdvmcall_map_gpa() is this with a frame.
 */
static inline __attribute__((always_inline))
uint64_t tdx__map_gpa(struct tdx__vmcall_regs6 *regs, uint64_t gpa, uint64_t size)
{
	*regs = (struct tdx__vmcall_regs6)TDX_VMCALL_ARGS(TDVMCALL_MAP_GPA, .r12 = gpa, .r13 = size);
	return __tdx_hypercall6(regs);
}

#endif /* TDX_SRC_GHCI_MAP_GPA_H */
