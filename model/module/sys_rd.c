/* SPDX-License-Identifier: MIT */
/*
 * TDG.SYS.RD (leaf 11): RDX field id -> R8 value, RDX the next element id
 * (-1 after the last); the null id answers the first one with
 * TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT (Intel TDX Module ABI spec,
 * TDG.SYS.RD leaf table; tdx-module 1.5 source, tdg_sys_rd.c).  R8 = 0 and
 * RDX = -1 unless the leaf says otherwise.  Only when TDG.VP.INFO says
 * SYS.RD is available (td.sys_rd_available); otherwise the leaf does not
 * exist.  Module scope: md.sys, read only; a field may have several
 * elements, each read by its own id.
 */
#include "module.h"

#include <tdx/status.h>

void tdxm_sys_rd(struct tdxh_leaf_call *c)
{
	struct tdxm_metadata *md = &c->m->md;
	uint64_t id = c->regs->gpr[TDXH_RDX];

	if (!c->m->td.sys_rd_available) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RAX, 0);	/* the leaf does not exist */
		return;
	}
	tdxm_md_defaults(c, true);
	if (tdxm_md_is_null_id(id)) {
		tdxm_md_first_field(c, md->sys, md->nr_sys);
		return;
	}
	c->regs->gpr[TDXH_RAX] = tdxm_md_read(c, md->sys, md->nr_sys, id, true);
}
