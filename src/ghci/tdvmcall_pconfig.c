/* SPDX-License-Identifier: MIT */
#include <tdx/status.h>
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/* GHCI Instruction.PCONFIG (65): R12 leaf, R13-R15 operands -> R11. */
uint64_t tdvmcall_pconfig(uint64_t leaf, uint64_t rbx, uint64_t rcx, uint64_t rdx,
			  uint64_t *result)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_INSTRUCTION_PCONFIG,
		.r12 = leaf, .r13 = rbx, .r14 = rcx, .r15 = rdx);
	uint64_t status = __tdx_hypercall6(&args);

	if (status == TDVMCALL_STATUS_SUCCESS && result)
		*result = args.r11;
	return status;
}
