/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<Instruction.PCONFIG> (GHCI): R12 leaf (0 = MKTME_KEY_PROGRAM
 * only), R13-R15 its operands -> R11 the result (vmm.pconfig_result); the
 * inputs are kept in vmm.pconfig_in.
 */
#include "../core/internal.h"

#include <tdx/status.h>

void tdxm_instruction_pconfig(struct tdxh_vmcall *c)
{
	struct tdxm_vmm *v = &c->m->vmm;

	v->pconfig_in[0] = tdxh_vmm_read(c, TDXH_R12);
	v->pconfig_in[1] = tdxh_vmm_read(c, TDXH_R13);
	v->pconfig_in[2] = tdxh_vmm_read(c, TDXH_R14);
	v->pconfig_in[3] = tdxh_vmm_read(c, TDXH_R15);
	if (v->pconfig_in[0] != 0) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	tdxh_vmm_write(c, TDXH_R11, v->pconfig_result);
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}
