/* SPDX-License-Identifier: MIT */
/* Who this vCPU is: its VCPU_INDEX (the TDX module's) and its x2APIC ID (the VMM's). */
#include <tdx/guest.h>
#include <tdx/module.h>
#include <tdx/mp_wakeup.h>

/* TDG.VP.INFO (Intel TDX Module ABI spec, TDG.VP.INFO leaf table): R9 VCPU_INDEX. */
uint64_t tdx_get_vcpu_index(uint32_t *index)
{
	struct tdx_td_info info;
	uint64_t status;

	if (!index)
		return TDX_SW_INVALID_ARGUMENT;
	status = tdg_vp_info(&info);
	if (status == TDX_SUCCESS)
		*index = info.vcpu_index;
	return status;
}

/* GHCI Instruction.RDMSR (R12 = IA32_X2APIC_APICID) -> R11: the VMM's answer, checked. */
uint64_t tdx_get_x2apic_id(uint32_t *id)
{
	uint64_t value = 0, status;

	if (!id)
		return TDX_SW_INVALID_ARGUMENT;
	status = tdvmcall_rdmsr(TDX_MSR_X2APIC_APICID, &value);
	if (status != TDVMCALL_STATUS_SUCCESS)
		return tdx_status_from_vmcall(status);
	if (value >= TDX_MP_WAKEUP_INVALID_APIC_ID)
		return TDX_SW_VMM_BAD_ANSWER;
	*id = (uint32_t)value;
	return TDX_SUCCESS;
}
