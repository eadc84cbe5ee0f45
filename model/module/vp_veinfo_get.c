/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VEINFO.GET (leaf 3): RCX exit reason, RDX exit qualification, R8
 * GLA, R9 GPA, R10 instruction length | instruction info << 32; the VE info
 * becomes invalid.  None valid: TDX_NO_VALID_VE_INFO (Intel TDX Module ABI
 * spec, TDG.VP.VEINFO.GET leaf table) with the five outputs 0, the
 * defaults tdx-module 1.5 sets before any check (tdg_vp_veinfo_get.c).
 */
#include "../core/internal.h"

#include <tdx/status.h>

void tdxm_vp_veinfo_get(struct tdxh_leaf_call *c)
{
	struct tdxm_module *mod = &c->m->module;
	uint64_t *g = c->regs->gpr;
	const struct tdxh_ve_info *ve;

	if (c->vcpu >= TDXH_ABI_MAX_VCPUS || !mod->ve_valid[c->vcpu]) {
		g[TDXH_RCX] = g[TDXH_RDX] = g[TDXH_R8] = g[TDXH_R9] = g[TDXH_R10] = 0;
		g[TDXH_RAX] = TDX_NO_VALID_VE_INFO;
		return;
	}
	ve = &mod->ve[c->vcpu];
	g[TDXH_RCX] = (uint32_t)ve->exit_reason;	/* version 0: RCX[63:32] = 0 */
	g[TDXH_RDX] = ve->exit_qualification;
	g[TDXH_R8] = ve->gla;
	g[TDXH_R9] = ve->gpa;
	g[TDXH_R10] = ve->instruction_length | ((uint64_t)ve->instruction_info << 32);
	g[TDXH_RAX] = TDX_SUCCESS;
	mod->ve_valid[c->vcpu] = false;
}
