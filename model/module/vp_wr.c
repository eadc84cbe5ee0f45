/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.WR (leaf 10): RDX field id, R8 value, R9 write mask -> R8 the old
 * value (Intel TDX Module ABI spec, TDG.VP.WR leaf table).  vCPU scope: one
 * field per vCPU, md.vp.
 */
#include "module.h"

#include <tdx/status.h>

void tdxm_vp_wr(struct tdxh_leaf_call *c)
{
	struct tdxm_field *f = tdxm_md_vp_field(c);

	if (!f) {
		tdxm_leaf_fail(c, TDX_METADATA_FIELD_ID_INCORRECT, OUT(TDXH_R8));
		return;
	}
	tdxm_md_write(c, f);
}
