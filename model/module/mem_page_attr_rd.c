/* SPDX-License-Identifier: MIT */
/*
 * TDG.MEM.PAGE.ATTR.RD (leaf 23): RCX 4K-aligned private GPA -> RCX GPA |
 * level 0, RDX the page's attributes (Intel TDX Module ABI spec,
 * TDG.MEM.PAGE.ATTR.RD leaf table).
 */
#include "module.h"

#include <tdx/status.h>

#define OUTPUTS (OUT(TDXH_RCX) | OUT(TDXH_RDX))

void tdxm_mem_page_attr_rd(struct tdxh_leaf_call *c)
{
	uint64_t gpa = c->regs->gpr[TDXH_RCX];
	uint64_t *attr;

	if (!tdxm_gpa_private_ok(c->m, gpa, 0x1000)) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RCX, OUTPUTS);
		return;
	}
	attr = tdxm_attr_slot(c->m, gpa, false);
	c->regs->gpr[TDXH_RCX] = gpa;
	c->regs->gpr[TDXH_RDX] = attr ? *attr : 0;
	c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;
}
