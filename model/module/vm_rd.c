/* SPDX-License-Identifier: MIT */
/*
 * TDG.VM.RD (leaf 7, versions 0 and 1): RCX 0, RDX field id -> R8 value;
 * version 1 also RDX = the next field id (-1 after the last), and the null
 * id answers the first one with TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT
 * (Intel TDX Module ABI spec, TDG.VM.RD leaf table).  TD scope: md.td.
 */
#include "module.h"

#include <tdx/metadata.h>
#include <tdx/status.h>

void tdxm_vm_rd(struct tdxh_leaf_call *c)
{
	struct tdxm_metadata *md = &c->m->md;
	uint64_t version = (c->regs->gpr[TDXH_RAX] >> 16) & 0xFF;
	unsigned outputs = OUT(TDXH_R8) | (version ? OUT(TDXH_RDX) : 0);
	struct tdxm_field *f;
	unsigned i;

	if (version > 1) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RAX, 0);
		return;
	}
	if (c->regs->gpr[TDXH_RCX] != 0) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RCX, outputs);
		return;
	}
	if (version && tdxm_md_is_null_id(c->regs->gpr[TDXH_RDX])) {
		tdxm_md_first_field(c, md->td, md->nr_td);
		return;
	}
	f = tdxm_md_find(md->td, md->nr_td, c->regs->gpr[TDXH_RDX], &i);
	if (!f) {
		tdxm_leaf_fail(c, TDX_METADATA_FIELD_ID_INCORRECT, outputs);
		return;
	}
	c->regs->gpr[TDXH_R8] = f->value;
	if (version)
		c->regs->gpr[TDXH_RDX] = i + 1 < md->nr_td ? md->td[i + 1].id : TDX_MD_FIELD_ID_NA;
	c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;
}
