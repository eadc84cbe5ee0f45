/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.INVGLA (leaf 27): RCX bit 0 list mode, bits 53:52 the L2 VM, others
 * reserved (else OPERAND_INVALID | RCX); RDX a GLA or a list (Intel TDX
 * Module ABI spec, TDG.VP.INVGLA leaf table).
 */
#include "module.h"

#include <tdx/status.h>

void tdxm_vp_invgla(struct tdxh_leaf_call *c)
{
	if (!tdxm_l2_vm_ok(c->m, c->regs->gpr[TDXH_RCX], ~(1ull | (3ull << 52)))) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RCX, 0);
		return;
	}
	c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;
}
