/* SPDX-License-Identifier: MIT */
#include <tdx/status.h>
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/* GHCI Instruction.CPUID (10): R12 leaf, R13 sub-leaf -> R12-R15 = EAX, EBX, ECX, EDX. */
uint64_t tdvmcall_cpuid(uint32_t leaf, uint32_t subleaf, struct tdx_cpuid_regs *out)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_INSTRUCTION_CPUID,
		.r12 = leaf, .r13 = subleaf);
	uint64_t status = __tdx_hypercall6(&args);

	if (status != TDVMCALL_STATUS_SUCCESS)
		return status;
	out->eax = (uint32_t)args.r12;
	out->ebx = (uint32_t)args.r13;
	out->ecx = (uint32_t)args.r14;
	out->edx = (uint32_t)args.r15;
	return status;
}
