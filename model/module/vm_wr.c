/* SPDX-License-Identifier: MIT */
/*
 * TDG.VM.WR (leaf 8): RCX 0, RDX field id, R8 value, R9 write mask -> R8
 * the old value (Intel TDX Module ABI spec, TDG.VM.WR leaf table;
 * tdx-module 1.5 source, tdg_vm_rd_wr.c).  R8 is 0 after a failure.  TD
 * scope: md.td.
 */
#include "module.h"

#include <tdx/status.h>

void tdxm_vm_wr(struct tdxh_leaf_call *c)
{
	struct tdxm_metadata *md = &c->m->md;
	uint64_t id = c->regs->gpr[TDXH_RDX], value = c->regs->gpr[TDXH_R8], mask = c->regs->gpr[TDXH_R9];

	tdxm_md_defaults(c, false);
	if (c->regs->gpr[TDXH_RCX] != 0) {
		c->regs->gpr[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
		return;
	}
	c->regs->gpr[TDXH_RAX] = tdxm_md_write(c, md->td, md->nr_td, id, value, mask);
}
