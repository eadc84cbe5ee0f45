/* SPDX-License-Identifier: MIT */
/* L2 translation invalidation: TDG.VP.INVEPT (leaf 26) and TDG.VP.INVGLA (leaf 27). */
#include <tdx/module.h>

/* TDX Module ABI spec, TDG.VP.INVEPT: RCX = bitmap of L2 VMs. */
uint64_t tdg_vp_invept(uint64_t vm_mask)
{
	struct tdx_module_args args = {
		.rcx = vm_mask,
	};

	return __tdx_module_call(TDG_VP_INVEPT, &args);
}

/* TDX Module ABI spec, TDG.VP.INVGLA: RCX flags, RDX GLA or GLA list info. */
uint64_t tdg_vp_invgla(uint64_t flags, uint64_t gla_or_list)
{
	struct tdx_module_args args = {
		.rcx = flags,
		.rdx = gla_or_list,
	};

	return __tdx_module_call(TDG_VP_INVGLA, &args);
}
