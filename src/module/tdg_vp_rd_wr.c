/* SPDX-License-Identifier: MIT */
/* vCPU-scope metadata: TDG.VP.RD (leaf 9) and TDG.VP.WR (leaf 10). */
#include <tdx/module.h>
#include "metadata.h"
#include <tdx/status.h>
#include "lib/trampolines.h"

/* TDX Module ABI spec, TDG.VP.RD: RDX field id -> R8 value. */
uint64_t tdg_vp_rd(uint64_t field_id, uint64_t *value)
{
	struct tdx__module_regs6 args = {
		.rdx = field_id,
	};
	uint64_t status = __tdx_module_call6(TDG_VP_RD, &args);

	if (status == TDX_SUCCESS)
		*value = args.r8;
	return status;
}

/* TDX Module ABI spec, TDG.VP.WR: RDX field id, R8 value, R9 mask -> R8 old value. */
uint64_t tdg_vp_wr(uint64_t field_id, uint64_t value, uint64_t mask, uint64_t *old_value)
{
	return tdx__metadata_write(TDG_VP_WR, field_id, value, mask, old_value);
}
