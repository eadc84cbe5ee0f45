/* SPDX-License-Identifier: MIT */
#include <tdx/guest.h>

/*
 * GHCI Instruction.CPUID, hardened as Linux does: only the hypervisor range
 * goes to the VMM; every other leaf, and a failed call, reads as zeros.
 */
void tdx_cpuid(uint32_t leaf, uint32_t subleaf, struct tdx_cpuid_regs *out)
{
	struct tdx_cpuid_regs regs = { 0 };

	if (leaf >= TDX_CPUID_HYPERVISOR_FIRST && leaf <= TDX_CPUID_HYPERVISOR_LAST)
		(void)tdvmcall_cpuid(leaf, subleaf, &regs);	/* untouched on failure */
	*out = regs;
}
