/* SPDX-License-Identifier: MIT */
#include <tdx/error.h>
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/* GHCI GetTdVmCallInfo (0x10000): R12 leaf -> leaf 0: R11-R14; leaf 1: R11, R12. */
uint64_t tdvmcall_get_td_vmcall_info(uint64_t leaf, struct tdx_td_vmcall_info *info)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_GET_TD_VM_CALL_INFO, .r12 = leaf);
	uint64_t status;

	if (leaf != TDVMCALL_INFO_LEAF_BASE && leaf != TDVMCALL_INFO_LEAF_OPTIONAL)
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12;
	status = __tdx_hypercall6(&args);
	if (status != TDVMCALL_STATUS_SUCCESS)
		return status;
	info->r11 = args.r11;
	info->r12 = args.r12;
	/* Leaf 1 defines only R11 and R12: the VMM's R13/R14 mean nothing. */
	info->r13 = leaf == TDVMCALL_INFO_LEAF_BASE ? args.r13 : 0;
	info->r14 = leaf == TDVMCALL_INFO_LEAF_BASE ? args.r14 : 0;
	return status;
}
