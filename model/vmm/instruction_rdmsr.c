/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<Instruction.RDMSR> (GHCI): R12 MSR -> R11 value; the x2APIC
 * ID (0x802) is the vCPU index; an MSR the VMM does not know: INVALID_OPERAND.
 */
#include "../core/internal.h"

#include <tdx/status.h>

void tdxm_instruction_rdmsr(struct tdxh_vmcall *c)
{
	uint64_t msr = tdxh_vmm_read(c, TDXH_R12), value;

	if (msr == 0x802) {	/* IA32_X2APIC_APICID */
		tdxh_vmm_write(c, TDXH_R11, c->vcpu);
		tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
		return;
	}
	if (msr > UINT32_MAX || !tdxm_get_msr(c->m, (uint32_t)msr, &value)) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	tdxh_vmm_write(c, TDXH_R11, value);
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}
