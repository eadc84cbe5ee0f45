/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.INFO (leaf 1): RCX GPAW, RDX ATTRIBUTES, R8 NUM_VCPUS | MAX_VCPUS
 * << 32, R9 VCPU_INDEX, R10 bit 0 TDG.SYS.RD available, R11 0 (Intel TDX
 * Module ABI spec, TDG.VP.INFO leaf table).
 */
#include "../core/internal.h"

#include <tdx/status.h>

void tdxm_vp_info(struct tdxh_leaf_call *c)
{
	const struct tdxh_td_config *td = &c->m->td;
	uint64_t *g = c->regs->gpr;

	g[TDXH_RCX] = td->gpaw & 0x3F;
	g[TDXH_RDX] = td->attributes;
	g[TDXH_R8] = td->num_vcpus | ((uint64_t)td->max_vcpus << 32);
	g[TDXH_R9] = c->vcpu;
	g[TDXH_R10] = td->sys_rd_available ? 1 : 0;
	g[TDXH_R11] = 0;
	g[TDXH_RAX] = TDX_SUCCESS;
}
