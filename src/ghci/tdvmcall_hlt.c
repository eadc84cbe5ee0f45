/* SPDX-License-Identifier: MIT */
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/* GHCI Instruction.HLT (12): R12 = 1 when interrupts are blocked. */
uint64_t tdvmcall_hlt(bool interrupts_blocked)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_INSTRUCTION_HLT,
		.r12 = interrupts_blocked ? 1 : 0);

	return __tdx_hypercall6(&args);
}
