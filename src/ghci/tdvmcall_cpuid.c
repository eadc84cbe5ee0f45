/* SPDX-License-Identifier: MIT */
#include "module/args.h"
#include <tdx/status.h>
#include <tdx/tdvmcall.h>

/* GHCI Instruction.CPUID (10): R12 leaf, R13 sub-leaf -> R12-R15 = EAX, EBX, ECX, EDX. */
uint64_t tdvmcall_cpuid(uint32_t leaf, uint32_t subleaf, struct tdx_cpuid_regs *out)
{
	struct tdx_module_args args;
	uint64_t status;

	tdx_vmcall_args(&args, TDVMCALL_INSTRUCTION_CPUID);
	args.r12 = leaf;
	args.r13 = subleaf;
	status = __tdx_hypercall(&args);

	if (status != TDVMCALL_STATUS_SUCCESS)
		return status;
	out->eax = (uint32_t)args.r12;
	out->ebx = (uint32_t)args.r13;
	out->ecx = (uint32_t)args.r14;
	out->edx = (uint32_t)args.r15;
	return status;
}
