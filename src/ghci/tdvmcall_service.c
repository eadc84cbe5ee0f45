/* SPDX-License-Identifier: MIT */
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/* GHCI Service (0x10005): R12 command GPA, R13 response GPA, R14 vector, R15 timeout. */
uint64_t tdvmcall_service(uint64_t cmd_gpa, uint64_t resp_gpa, uint64_t notify_vector,
			  uint64_t timeout)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_SERVICE,
		.r12 = cmd_gpa, .r13 = resp_gpa, .r14 = notify_vector, .r15 = timeout);

	return __tdx_hypercall6(&args);
}
