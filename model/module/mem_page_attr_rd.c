/* SPDX-License-Identifier: MIT */
/*
 * TDG.MEM.PAGE.ATTR.RD (leaf 23): RCX a private GPA, any alignment -> RCX
 * the GPA mapping: the GPA aligned down to the level the page is mapped at,
 * that level in bits 2:0 and PENDING (not accepted yet) in bit 62; RDX the
 * page's attributes (Intel TDX Module ABI spec, TDG.MEM.PAGE.ATTR.RD leaf
 * table; tdx-module 1.5 source, tdg_mem_page_attr_rd.c, which checks only
 * that the GPA is private and inside GPAW).  RCX = RDX = 0 after a
 * failure.  The level and the pending bit come from the memory model; a
 * GPA beyond it is an accepted 4K page.
 */
#include "module.h"

#include <tdx/status.h>

#define GPA_MAPPING_PENDING (1ull << 62)

void tdxm_mem_page_attr_rd(struct tdxh_leaf_call *c)
{
	uint64_t gpa = c->regs->gpr[TDXH_RCX], page = gpa & ~0xFFFull;
	uint64_t *attr, mapping;
	unsigned level = 0;
	bool pending = false;

	if (!tdxm_gpa_private_ok(c->m, gpa, 1)) {
		c->regs->gpr[TDXH_RCX] = 0;
		c->regs->gpr[TDXH_RDX] = 0;
		c->regs->gpr[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
		return;
	}
	if (gpa < tdxm_mem_size(c->m)) {
		level = tdxm_mem_mapped_level(c->m, gpa);
		pending = tdxm_mem_state(c->m, gpa) == TDXH_PAGE_PENDING;
	}
	mapping = (gpa & ~((0x1000ull << (9 * level)) - 1)) | level;
	attr = tdxm_attr_slot(c->m, page, false);
	c->regs->gpr[TDXH_RCX] = mapping | (pending ? GPA_MAPPING_PENDING : 0);
	c->regs->gpr[TDXH_RDX] = attr ? *attr : 0;
	c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;
}
