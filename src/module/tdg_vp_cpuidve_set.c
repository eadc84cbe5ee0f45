/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>
#include "lib/trampolines.h"

/* TDX Module ABI spec, TDG.VP.CPUIDVE.SET (leaf 5): RCX bit 0 CPL0, bit 1 CPL>0. */
uint64_t tdg_vp_cpuidve_set(uint64_t flags)
{
	return __tdx_module_call3(TDG_VP_CPUIDVE_SET, flags, 0, 0);
}
