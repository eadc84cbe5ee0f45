/* SPDX-License-Identifier: MIT */
/* GHCI Instruction.RDMSR (31) and Instruction.WRMSR (32). */
#include <tdx/status.h>
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/* GHCI Instruction.RDMSR: R12 MSR index -> R11 value. */
uint64_t tdvmcall_rdmsr(uint32_t msr, uint64_t *value)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_INSTRUCTION_RDMSR, .r12 = msr);
	uint64_t status = __tdx_hypercall6(&args);

	if (status == TDVMCALL_STATUS_SUCCESS)
		*value = args.r11;
	return status;
}

/* GHCI Instruction.WRMSR: R12 MSR index, R13 value. */
uint64_t tdvmcall_wrmsr(uint32_t msr, uint64_t value)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_INSTRUCTION_WRMSR,
		.r12 = msr, .r13 = value);

	return __tdx_hypercall6(&args);
}
