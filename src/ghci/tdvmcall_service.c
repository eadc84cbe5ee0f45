/* SPDX-License-Identifier: MIT */
#include "module/args.h"
#include <tdx/tdvmcall.h>

/* GHCI Service (0x10005): R12 command GPA, R13 response GPA, R14 vector, R15 timeout. */
uint64_t tdvmcall_service(uint64_t cmd_gpa, uint64_t resp_gpa, uint64_t notify_vector,
			  uint64_t timeout)
{
	struct tdx_module_args args;

	tdx_vmcall_args(&args, TDVMCALL_SERVICE);
	args.r12 = cmd_gpa;
	args.r13 = resp_gpa;
	args.r14 = notify_vector;
	args.r15 = timeout;

	return __tdx_hypercall(&args);
}
