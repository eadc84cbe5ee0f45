/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.RD (leaf 9): RDX field id -> R8 value (Intel TDX Module ABI spec,
 * TDG.VP.RD leaf table).  vCPU scope: one field per vCPU, md.vp.
 */
#include "module.h"

#include <tdx/status.h>

void tdxm_vp_rd(struct tdxh_leaf_call *c)
{
	struct tdxm_field *f = tdxm_md_vp_field(c);

	if (!f) {
		tdxm_leaf_fail(c, TDX_METADATA_FIELD_ID_INCORRECT, OUT(TDXH_R8));
		return;
	}
	c->regs->gpr[TDXH_R8] = f->value;
	c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;
}
