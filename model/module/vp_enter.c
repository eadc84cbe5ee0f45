/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.ENTER (leaf 25): RDX 256-aligned private GPA (else OPERAND_INVALID
 * | RDX); RCX bits 1:0 INVEPT type, 53:52 the L2 VM, others reserved (else
 * | RCX) (Intel TDX Module ABI spec, TDG.VP.ENTER leaf table).  The model
 * "runs" the L2 VM until an HLT exit: RAX = the exit reason, RCX..R9 0.
 */
#include "module.h"

#include <tdx/exit_reason.h>
#include <tdx/status.h>

bool tdxm_l2_vm_ok(const struct tdxm *m, uint64_t rcx, uint64_t reserved)
{
	unsigned vm = (unsigned)((rcx >> 52) & 3);

	return vm != 0 && vm <= m->td.num_l2_vms && (rcx & reserved) == 0;
}

void tdxm_vp_enter(struct tdxh_leaf_call *c)
{
	uint64_t *g = c->regs->gpr;

	if (!tdxm_gpa_private_ok(c->m, g[TDXH_RDX], 256)) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RDX, 0);
		return;
	}
	if (!tdxm_l2_vm_ok(c->m, g[TDXH_RCX], ~(3ull | (3ull << 52)))) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RCX, 0);
		return;
	}
	g[TDXH_RCX] = g[TDXH_RDX] = g[TDXH_R8] = g[TDXH_R9] = 0;
	g[TDXH_RAX] = EXIT_REASON_HLT;
}
