/* SPDX-License-Identifier: MIT */
/* TD detection by CPUID leaf 0x21 (TDX Module ABI spec, "TD guest identification"). */
#include <tdx/guest.h>

bool tdx_cpuid_is_td(uint32_t max_basic_leaf, const struct tdx_cpuid_regs *leaf21)
{
	return max_basic_leaf >= TDX_CPUID_LEAF_ID &&
	       leaf21->ebx == TDX_CPUID_SIGNATURE_EBX &&
	       leaf21->edx == TDX_CPUID_SIGNATURE_EDX &&
	       leaf21->ecx == TDX_CPUID_SIGNATURE_ECX;
}

static void native_cpuid(uint32_t leaf, uint32_t subleaf, struct tdx_cpuid_regs *r)
{
#if defined(__x86_64__)
	__asm__ volatile("cpuid"
			 : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
			 : "a"(leaf), "c"(subleaf)
			 : "memory");
#else
	/*
	 * A host build for another architecture (the model's stub back-end,
	 * docs/model.md): no CPUID, so no leaf 0x21 and never a TD.
	 */
	(void)leaf;
	(void)subleaf;
	r->eax = r->ebx = r->ecx = r->edx = 0;
#endif
}

bool tdx_is_td(void)
{
	struct tdx_cpuid_regs leaf0, leaf21;

	native_cpuid(0, 0, &leaf0);
	if (leaf0.eax < TDX_CPUID_LEAF_ID)
		return false;
	native_cpuid(TDX_CPUID_LEAF_ID, 0, &leaf21);
	return tdx_cpuid_is_td(leaf0.eax, &leaf21);
}
