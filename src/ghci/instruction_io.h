/* SPDX-License-Identifier: MIT */
/* GHCI Instruction.IO over a caller's registers; not a public header. */
#ifndef TDX_SRC_GHCI_INSTRUCTION_IO_H
#define TDX_SRC_GHCI_INSTRUCTION_IO_H

#include <tdx/io.h>
#include "lib/internal.h"
#include "vmcall_args.h"

/*
 * GHCI Instruction.IO (30): R12 size (1, 2 or 4: the caller checked it), R13
 * direction, R14 port, R15 the value for out (masked to the width); for in
 * the value read comes back in regs->r11, unmasked.  Returns R10.  The
 * registers are the caller's, so the #VE string I/O loop holds them in its
 * own frame instead of a wrapper's under it; tdx_io_read() and
 * tdx_io_write() are this with a frame.
 */
static inline __attribute__((always_inline))
uint64_t tdx__instruction_io(struct tdx__vmcall_regs6 *regs, unsigned size, uint16_t port,
			     unsigned direction, uint32_t value)
{
	*regs = (struct tdx__vmcall_regs6)TDX_VMCALL_ARGS(TDVMCALL_INSTRUCTION_IO, .r12 = size,
		.r13 = direction, .r14 = port,
		.r15 = direction == TDX_IO_WRITE ? value & tdx__width_mask(size) : 0);
	return __tdx_hypercall6(regs);
}

#endif /* TDX_SRC_GHCI_INSTRUCTION_IO_H */
