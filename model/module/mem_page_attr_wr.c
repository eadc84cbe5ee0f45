/* SPDX-License-Identifier: MIT */
/*
 * TDG.MEM.PAGE.ATTR.WR (leaf 24): RCX GPA | level 0, RDX attributes, R8
 * write mask -> RCX, RDX the page's attributes now (Intel TDX Module ABI
 * spec, TDG.MEM.PAGE.ATTR.WR leaf table).  Only the attribute words of
 * existing L2 VMs (bits 16*vm + 15 .. 16*vm, vm 1..3) may be written; the
 * L1 word (15:0) never.  The module checks the attributes (RDX, then the
 * mask in R8) before the GPA.  RCX out is the input mapping with PENDING
 * (bit 62) from the memory model; RCX = RDX = 0 after a failure
 * (tdx-module 1.5 source, tdg_mem_page_attr_wr.c).
 */
#include "module.h"

#include <tdx/status.h>

/* A failure: the module's default outputs. */
static void fail(struct tdxh_leaf_call *c, uint64_t status)
{
	c->regs->gpr[TDXH_RCX] = 0;
	c->regs->gpr[TDXH_RDX] = 0;
	c->regs->gpr[TDXH_RAX] = status;
}

void tdxm_mem_page_attr_wr(struct tdxh_leaf_call *c)
{
	uint64_t rcx = c->regs->gpr[TDXH_RCX], attr = c->regs->gpr[TDXH_RDX];
	uint64_t mask = c->regs->gpr[TDXH_R8], allowed = 0, *slot;

	for (unsigned vm = 1; vm <= c->m->td.num_l2_vms && vm <= 3; vm++)
		allowed |= 0xFFFFull << (16 * vm);
	if ((attr & ~allowed) || (mask & ~allowed)) {
		fail(c, TDX_OPERAND_INVALID | ((attr & ~allowed) ? TDX_OPERAND_ID_RDX : TDX_OPERAND_ID_R8));
		return;
	}
	if ((rcx & 0xFFF) || !tdxm_gpa_private_ok(c->m, rcx, 0x1000)) {
		fail(c, TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX);
		return;
	}
	slot = tdxm_attr_slot(c->m, rcx, true);
	if (!slot) {
		fail(c, TDX_OPERAND_BUSY | TDX_OPERAND_ID_RCX);
		return;
	}
	*slot = (*slot & ~mask) | (attr & mask);
	c->regs->gpr[TDXH_RCX] = rcx | (rcx < tdxm_mem_size(c->m) &&
					 tdxm_mem_state(c->m, rcx) == TDXH_PAGE_PENDING ? 1ull << 62 : 0);
	c->regs->gpr[TDXH_RDX] = *slot;
	c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;
}
