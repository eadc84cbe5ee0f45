/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.CPUIDVE.SET (leaf 5): RCX bits 1:0 (#VE on CPUID at CPL 0 / > 0),
 * the rest reserved: OPERAND_INVALID | RCX (Intel TDX Module ABI spec,
 * TDG.VP.CPUIDVE.SET leaf table).
 */
#include "../core/internal.h"

#include <tdx/module.h>
#include <tdx/status.h>

void tdxm_vp_cpuidve_set(struct tdxh_leaf_call *c)
{
	uint64_t flags = c->regs->gpr[TDXH_RCX];

	if (flags & ~(TDX_CPUIDVE_SUPERVISOR | TDX_CPUIDVE_USER)) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RCX, 0);
		return;
	}
	if (c->vcpu < TDXH_ABI_MAX_VCPUS)
		c->m->module.cpuidve[c->vcpu] = flags;
	c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;
}
