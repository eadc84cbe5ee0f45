/* SPDX-License-Identifier: MIT */
/* TDG.VP.VMCALL<Instruction.WBINVD> (GHCI): R12 0 = WBINVD, 1 = WBNOINVD; counted in vmm.wbinvds. */
#include "../core/internal.h"

#include <tdx/status.h>
#include <tdx/tdvmcall.h>

void tdxm_instruction_wbinvd(struct tdxh_vmcall *c)
{
	uint64_t kind = tdxh_vmm_read(c, TDXH_R12);

	if (kind > TDVMCALL_WBINVD_WBNOINVD) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	c->m->vmm.wbinvds[kind]++;
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}
