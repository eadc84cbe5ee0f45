/* SPDX-License-Identifier: MIT */
/* The registers of a GHCI-standard TDG.VP.VMCALL; not a public header. */
#ifndef TDX_SRC_GHCI_VMCALL_ARGS_H
#define TDX_SRC_GHCI_VMCALL_ARGS_H

#include <tdx/tdvmcall.h>
#include "lib/trampolines.h"

/*
 * The registers of sub-function `subfn` (struct tdx__vmcall_regs6 for
 * __tdx_hypercall6, or struct tdx_module_args): R10 = 0 (GHCI standard),
 * R11 = subfn, the registers named after it (designated initializers:
 * `.r12 = leaf, .r13 = subleaf`), every other register 0.
 */
#define TDX_VMCALL_ARGS(subfn, ...) \
	{ .r10 = TDVMCALL_STANDARD, .r11 = (subfn), __VA_ARGS__ }

#endif /* TDX_SRC_GHCI_VMCALL_ARGS_H */
