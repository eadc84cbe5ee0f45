/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<Instruction.HLT> (GHCI): R12 = interrupts blocked (0 or 1).
 * Unblocked, the vCPU sleeps until it has an interrupt to take: here the
 * VMM's background work runs meanwhile (tdxm_halt_idle, a GetQuote in
 * flight completes) and the call returns either way - a back-end that runs
 * vCPUs (tdx-sim) puts its own model in place to wait for real.
 */
#include "../core/internal.h"

#include <tdx/status.h>

void tdxm_instruction_hlt(struct tdxh_vmcall *c)
{
	uint64_t blocked = tdxh_vmm_read(c, TDXH_R12);

	if (blocked > 1) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	c->m->vmm.halts++;
	c->m->vmm.last_halt_blocked = blocked == 1;
	if (!blocked && tdxm_halt_idle(c->m, c->vcpu))
		c->m->vmm.halt_wakes++;
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}
