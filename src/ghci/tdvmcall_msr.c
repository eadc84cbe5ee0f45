/* SPDX-License-Identifier: MIT */
/* GHCI Instruction.RDMSR (31) and Instruction.WRMSR (32). */
#include "module/args.h"
#include <tdx/status.h>
#include <tdx/tdvmcall.h>

/* GHCI Instruction.RDMSR: R12 MSR index -> R11 value. */
uint64_t tdvmcall_rdmsr(uint32_t msr, uint64_t *value)
{
	struct tdx_module_args args;
	uint64_t status;

	tdx_vmcall_args(&args, TDVMCALL_INSTRUCTION_RDMSR);
	args.r12 = msr;
	status = __tdx_hypercall(&args);

	if (status == TDVMCALL_STATUS_SUCCESS)
		*value = args.r11;
	return status;
}

/* GHCI Instruction.WRMSR: R12 MSR index, R13 value. */
uint64_t tdvmcall_wrmsr(uint32_t msr, uint64_t value)
{
	struct tdx_module_args args;

	tdx_vmcall_args(&args, TDVMCALL_INSTRUCTION_WRMSR);
	args.r12 = msr;
	args.r13 = value;

	return __tdx_hypercall(&args);
}
