/* SPDX-License-Identifier: MIT */
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/* GHCI GetQuote (0x10002): R12 shared buffer GPA, R13 buffer size. */
uint64_t tdvmcall_get_quote(uint64_t buffer_gpa, uint64_t size)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_GET_QUOTE,
		.r12 = buffer_gpa, .r13 = size);

	return __tdx_hypercall6(&args);
}
