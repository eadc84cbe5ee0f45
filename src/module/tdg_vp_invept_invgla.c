/* SPDX-License-Identifier: MIT */
/* L2 translation invalidation: TDG.VP.INVEPT (leaf 26) and TDG.VP.INVGLA (leaf 27). */
#include <tdx/module.h>
#include "lib/trampolines.h"

/* TDX Module ABI spec, TDG.VP.INVEPT: RCX = bitmap of L2 VMs. */
uint64_t tdg_vp_invept(uint64_t vm_mask)
{
	return __tdx_module_call3(TDG_VP_INVEPT, vm_mask, 0, 0);
}

/* TDX Module ABI spec, TDG.VP.INVGLA: RCX flags, RDX GLA or GLA list info. */
uint64_t tdg_vp_invgla(uint64_t flags, uint64_t gla_or_list)
{
	return __tdx_module_call3(TDG_VP_INVGLA, flags, gla_or_list, 0);
}
