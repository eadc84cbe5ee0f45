/* SPDX-License-Identifier: MIT */
/* GHCI #VE.RequestMMIO over a caller's registers; not a public header. */
#ifndef TDX_SRC_GHCI_REQUEST_MMIO_H
#define TDX_SRC_GHCI_REQUEST_MMIO_H

#include "lib/internal.h"
#include "vmcall_args.h"

/*
 * GHCI #VE.RequestMMIO (48): R12 size (1, 2, 4 or 8: the caller checked
 * it), R13 direction (TDVMCALL_MMIO_READ/WRITE), R14 GPA, R15 the value for
 * a write (masked to the width); for a read the value comes back in
 * regs->r11, unmasked.  Returns R10.  The registers are the caller's, so
 * the #VE MMIO emulation holds them in its own frame instead of a
 * wrapper's under it; tdvmcall_mmio_read() and tdvmcall_mmio_write() are
 * this with a frame.
 */
static inline __attribute__((always_inline))
uint64_t tdx__request_mmio(struct tdx__vmcall_regs6 *regs, unsigned size, unsigned direction,
			   uint64_t gpa, uint64_t value)
{
	*regs = (struct tdx__vmcall_regs6)TDX_VMCALL_ARGS(TDVMCALL_VE_REQUEST_MMIO, .r12 = size,
		.r13 = direction, .r14 = gpa,
		.r15 = direction == TDVMCALL_MMIO_WRITE ? value & tdx__width_mask(size) : 0);
	return __tdx_hypercall6(regs);
}

#endif /* TDX_SRC_GHCI_REQUEST_MMIO_H */
