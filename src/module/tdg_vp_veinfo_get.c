/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>
#include <tdx/status.h>
#include "lib/trampolines.h"

/* TDX Module ABI spec, TDG.VP.VEINFO.GET (leaf 3): RCX, RDX, R8, R9, R10 outputs. */
uint64_t tdg_vp_veinfo_get(struct tdx_ve_info *ve)
{
	struct tdx__module_regs6 args = { 0 };
	uint64_t status = __tdx_module_call6(TDG_VP_VEINFO_GET, &args);

	if (status != TDX_SUCCESS)
		return status;
	ve->exit_reason = (uint32_t)args.rcx;
	ve->exit_qualification = args.rdx;
	ve->gla = args.r8;
	ve->gpa = args.r9;
	ve->instruction_length = (uint32_t)args.r10;
	ve->instruction_info = (uint32_t)(args.r10 >> 32);
	return status;
}
