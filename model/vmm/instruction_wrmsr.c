/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<Instruction.WRMSR> (GHCI): R12 MSR, R13 value; the x2APIC
 * range 0x800-0x8FF goes to the vCPU's virtual x2APIC (vmm/x2apic.c); an
 * MSR the VMM does not know: INVALID_OPERAND.
 */
#include "../core/internal.h"

#include <tdx/status.h>

void tdxm_instruction_wrmsr(struct tdxh_vmcall *c)
{
	uint64_t msr = tdxh_vmm_read(c, TDXH_R12), old;

	if (tdxm__x2apic_wrmsr(c, msr, tdxh_vmm_read(c, TDXH_R13)))
		return;
	if (msr > UINT32_MAX || !tdxm_get_msr(c->m, (uint32_t)msr, &old)) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	tdxm_set_msr(c->m, (uint32_t)msr, tdxh_vmm_read(c, TDXH_R13));
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}
