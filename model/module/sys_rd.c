/* SPDX-License-Identifier: MIT */
/*
 * TDG.SYS.RD (leaf 11): RDX field id -> R8 value, RDX the next field id
 * (-1 after the last); the null id answers the first one with
 * TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT (Intel TDX Module ABI spec,
 * TDG.SYS.RD leaf table).  Only when TDG.VP.INFO says SYS.RD is available
 * (td.sys_rd_available); otherwise the leaf does not exist.  Module scope:
 * md.sys, read only.
 */
#include "module.h"

#include <tdx/metadata.h>
#include <tdx/status.h>

void tdxm_sys_rd(struct tdxh_leaf_call *c)
{
	struct tdxm_metadata *md = &c->m->md;
	struct tdxm_field *f;
	unsigned i;

	if (!c->m->td.sys_rd_available) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RAX, 0);	/* the leaf does not exist */
		return;
	}
	if (tdxm_md_is_null_id(c->regs->gpr[TDXH_RDX])) {
		tdxm_md_first_field(c, md->sys, md->nr_sys);
		return;
	}
	f = tdxm_md_find(md->sys, md->nr_sys, c->regs->gpr[TDXH_RDX], &i);
	if (!f) {
		tdxm_leaf_fail(c, TDX_METADATA_FIELD_ID_INCORRECT, OUT(TDXH_R8) | OUT(TDXH_RDX));
		return;
	}
	c->regs->gpr[TDXH_R8] = f->value;
	c->regs->gpr[TDXH_RDX] = i + 1 < md->nr_sys ? md->sys[i + 1].id : TDX_MD_FIELD_ID_NA;
	c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;
}
