/* SPDX-License-Identifier: MIT */
#include "module/args.h"
#include <tdx/status.h>
#include <tdx/tdvmcall.h>

/* GHCI Instruction.PCONFIG (65): R12 leaf, R13-R15 operands -> R11. */
uint64_t tdvmcall_pconfig(uint64_t leaf, uint64_t rbx, uint64_t rcx, uint64_t rdx,
			  uint64_t *result)
{
	struct tdx_module_args args;
	uint64_t status;

	tdx_vmcall_args(&args, TDVMCALL_INSTRUCTION_PCONFIG);
	args.r12 = leaf;
	args.r13 = rbx;
	args.r14 = rcx;
	args.r15 = rdx;
	status = __tdx_hypercall(&args);

	if (status == TDVMCALL_STATUS_SUCCESS && result)
		*result = args.r11;
	return status;
}
