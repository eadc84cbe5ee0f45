/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<GetTdVmCallInfo> (GHCI): R12 leaf 0 -> R11-R14 = 0 (the base
 * set of sub-functions); leaf 1 -> R11, R12 bitmaps of the optional ones
 * supported (vmm.vmcall_info_r11/r12); any other leaf: INVALID_OPERAND.
 */
#include "../core/internal.h"

#include <tdx/status.h>
#include <tdx/tdvmcall.h>

void tdxm_get_td_vm_call_info(struct tdxh_vmcall *c)
{
	switch (tdxh_vmm_read(c, TDXH_R12)) {
	case TDVMCALL_INFO_LEAF_BASE:
		tdxh_vmm_write(c, TDXH_R11, 0);
		tdxh_vmm_write(c, TDXH_R12, 0);
		tdxh_vmm_write(c, TDXH_R13, 0);
		tdxh_vmm_write(c, TDXH_R14, 0);
		break;
	case TDVMCALL_INFO_LEAF_OPTIONAL:
		tdxh_vmm_write(c, TDXH_R11, c->m->vmm.vmcall_info_r11);
		tdxh_vmm_write(c, TDXH_R12, c->m->vmm.vmcall_info_r12);
		break;
	default:
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}
