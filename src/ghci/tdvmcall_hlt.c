/* SPDX-License-Identifier: MIT */
#include "module/args.h"
#include <tdx/tdvmcall.h>

/* GHCI Instruction.HLT (12): R12 = 1 when interrupts are blocked. */
uint64_t tdvmcall_hlt(bool interrupts_blocked)
{
	struct tdx_module_args args;

	tdx_vmcall_args(&args, TDVMCALL_INSTRUCTION_HLT);
	args.r12 = interrupts_blocked ? 1 : 0;

	return __tdx_hypercall(&args);
}
