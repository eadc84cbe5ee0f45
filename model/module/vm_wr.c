/* SPDX-License-Identifier: MIT */
/*
 * TDG.VM.WR (leaf 8): RCX 0, RDX field id, R8 value, R9 write mask -> R8
 * the old value (Intel TDX Module ABI spec, TDG.VM.WR leaf table).  TD
 * scope: md.td.
 */
#include "module.h"

#include <tdx/status.h>

void tdxm_vm_wr(struct tdxh_leaf_call *c)
{
	struct tdxm_metadata *md = &c->m->md;
	struct tdxm_field *f;

	if (c->regs->gpr[TDXH_RCX] != 0) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RCX, OUT(TDXH_R8));
		return;
	}
	f = tdxm_md_find(md->td, md->nr_td, c->regs->gpr[TDXH_RDX], NULL);
	if (!f) {
		tdxm_leaf_fail(c, TDX_METADATA_FIELD_ID_INCORRECT, OUT(TDXH_R8));
		return;
	}
	tdxm_md_write(c, f);
}
