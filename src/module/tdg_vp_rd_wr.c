/* SPDX-License-Identifier: MIT */
/* vCPU-scope metadata: TDG.VP.RD (leaf 9) and TDG.VP.WR (leaf 10). */
#include "args.h"
#include <tdx/module.h>
#include <tdx/status.h>

/* TDX Module ABI spec, TDG.VP.RD: RDX field id -> R8 value. */
uint64_t tdg_vp_rd(uint64_t field_id, uint64_t *value)
{
	struct tdx_module_args args;
	uint64_t status;

	tdx_args_clear(&args);
	args.rdx = field_id;
	status = __tdx_module_call(TDG_VP_RD, &args);

	if (status == TDX_SUCCESS)
		*value = args.r8;
	return status;
}

/* TDX Module ABI spec, TDG.VP.WR: RDX field id, R8 value, R9 mask -> R8 old value. */
uint64_t tdg_vp_wr(uint64_t field_id, uint64_t value, uint64_t mask, uint64_t *old_value)
{
	struct tdx_module_args args;
	uint64_t status;

	tdx_args_clear(&args);
	args.rdx = field_id;
	args.r8 = value;
	args.r9 = mask;
	status = __tdx_module_call(TDG_VP_WR, &args);

	if (status == TDX_SUCCESS && old_value)
		*old_value = args.r8;
	return status;
}
