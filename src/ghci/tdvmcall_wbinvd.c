/* SPDX-License-Identifier: MIT */
#include <tdx/status.h>
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/* GHCI Instruction.WBINVD (54): R12 0 = WBINVD, 1 = WBNOINVD. */
uint64_t tdvmcall_wbinvd(unsigned type)
{
	struct tdx_module_args args = TDX_VMCALL_ARGS(TDVMCALL_INSTRUCTION_WBINVD, .r12 = type);

	if (type != TDVMCALL_WBINVD_WBINVD && type != TDVMCALL_WBINVD_WBNOINVD)
		return TDVMCALL_STATUS_INVALID_OPERAND;
	return __tdx_hypercall(&args);
}
