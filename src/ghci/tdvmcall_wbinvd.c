/* SPDX-License-Identifier: MIT */
#include <tdx/error.h>
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/* GHCI Instruction.WBINVD (54): R12 0 = WBINVD, 1 = WBNOINVD. */
uint64_t tdvmcall_wbinvd(unsigned type)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_INSTRUCTION_WBINVD, .r12 = type);

	if (type != TDVMCALL_WBINVD_WBINVD && type != TDVMCALL_WBINVD_WBNOINVD)
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12;
	return __tdx_hypercall6(&args);
}
