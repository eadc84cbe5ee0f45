/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.INVEPT (leaf 26): RCX a bitmap of L2 VMs, bits 1..num_l2_vms
 * (else OPERAND_INVALID | RCX) (Intel TDX Module ABI spec, TDG.VP.INVEPT
 * leaf table).
 */
#include "module.h"

#include <tdx/status.h>

void tdxm_vp_invept(struct tdxh_leaf_call *c)
{
	uint64_t mask = c->regs->gpr[TDXH_RCX];
	uint64_t valid = ((1ull << (c->m->td.num_l2_vms + 1)) - 1) & ~1ull;

	if (mask & ~valid) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RCX, 0);
		return;
	}
	c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;
}
