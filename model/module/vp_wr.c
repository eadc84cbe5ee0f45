/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.WR (leaf 10): RCX 0, RDX field id, R8 value, R9 write mask -> R8
 * the old value (Intel TDX Module ABI spec, TDG.VP.WR leaf table;
 * tdx-module 1.5 source, tdg_vp_rd_wr.c).  R8 is 0 after a failure.  vCPU
 * scope: one field per vCPU, md.vp.
 */
#include "module.h"

#include <tdx/status.h>

void tdxm_vp_wr(struct tdxh_leaf_call *c)
{
	struct tdxm_field *f = c->vcpu < TDXH_ABI_MAX_VCPUS ? &c->m->md.vp[c->vcpu] : NULL;
	uint64_t id = c->regs->gpr[TDXH_RDX], value = c->regs->gpr[TDXH_R8], mask = c->regs->gpr[TDXH_R9];

	tdxm_md_defaults(c, false);
	if (c->regs->gpr[TDXH_RCX] != 0) {
		c->regs->gpr[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
		return;
	}
	c->regs->gpr[TDXH_RAX] = tdxm_md_write(c, f, f ? 1 : 0, id, value, mask);
}
