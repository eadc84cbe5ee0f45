/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.RD (leaf 9): RCX 0, RDX field id -> R8 value, RDX the next
 * element id (-1 after the last); the null id answers the first one with
 * TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT (Intel TDX Module ABI spec,
 * TDG.VP.RD leaf table; tdx-module 1.5 source, tdg_vp_rd_wr.c).  R8 = 0
 * and RDX = -1 unless the leaf says otherwise.  vCPU scope: one field per
 * vCPU, md.vp.
 */
#include "module.h"

#include <tdx/status.h>

void tdxm_vp_rd(struct tdxh_leaf_call *c)
{
	struct tdxm_field *f = c->vcpu < TDXH_ABI_MAX_VCPUS ? &c->m->md.vp[c->vcpu] : NULL;
	unsigned n = f ? 1 : 0;
	uint64_t id = c->regs->gpr[TDXH_RDX];

	tdxm_md_defaults(c, true);
	if (c->regs->gpr[TDXH_RCX] != 0) {
		c->regs->gpr[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
		return;
	}
	if (tdxm_md_is_null_id(id)) {
		tdxm_md_first_field(c, f, n);
		return;
	}
	c->regs->gpr[TDXH_RAX] = tdxm_md_read(c, f, n, id, true);
}
