/* SPDX-License-Identifier: MIT */
/*
 * TDG.VM.RD (leaf 7, versions 0 and 1): RCX 0, RDX field id -> R8 value;
 * version 1 also RDX = the next element id (-1 after the last), and the
 * null id answers the first one with TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT
 * (Intel TDX Module ABI spec, TDG.VM.RD leaf table; tdx-module 1.5 source,
 * tdg_vm_rd_wr.c).  Whatever happens, R8 is 0 and (version 1) RDX -1 unless
 * the leaf says otherwise.  TD scope: md.td.
 */
#include "module.h"

#include <tdx/status.h>

void tdxm_vm_rd(struct tdxh_leaf_call *c)
{
	struct tdxm_metadata *md = &c->m->md;
	uint64_t version = (c->regs->gpr[TDXH_RAX] >> 16) & 0xFF, id = c->regs->gpr[TDXH_RDX];

	tdxm_md_defaults(c, version > 0);
	if (version > 1) {
		c->regs->gpr[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RAX;
		return;
	}
	if (c->regs->gpr[TDXH_RCX] != 0) {
		c->regs->gpr[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
		return;
	}
	if (version && tdxm_md_is_null_id(id)) {
		tdxm_md_first_field(c, md->td, md->nr_td);
		return;
	}
	c->regs->gpr[TDXH_RAX] = tdxm_md_read(c, md->td, md->nr_td, id, version > 0);
}
