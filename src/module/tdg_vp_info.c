/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>
#include <tdx/status.h>
#include "lib/trampolines.h"

/* TDX Module ABI spec, TDG.VP.INFO (leaf 1): no inputs; RCX..R10 outputs. */
uint64_t tdg_vp_info(struct tdx_td_info *info)
{
	struct tdx__module_regs6 args = { 0 };
	uint64_t status = __tdx_module_call6(TDG_VP_INFO, &args);

	if (status != TDX_SUCCESS)
		return status;
	info->gpaw = (uint32_t)(args.rcx & 0x3F);
	info->attributes = args.rdx;
	info->num_vcpus = (uint32_t)args.r8;
	info->max_vcpus = (uint32_t)(args.r8 >> 32);
	info->vcpu_index = (uint32_t)args.r9;
	info->sys_rd_available = (args.r10 & 1) != 0;
	return status;
}
