/* SPDX-License-Identifier: MIT */
#include "module/args.h"
#include <tdx/tdvmcall.h>

/* GHCI GetQuote (0x10002): R12 shared buffer GPA, R13 buffer size. */
uint64_t tdvmcall_get_quote(uint64_t buffer_gpa, uint64_t size)
{
	struct tdx_module_args args;

	tdx_vmcall_args(&args, TDVMCALL_GET_QUOTE);
	args.r12 = buffer_gpa;
	args.r13 = size;

	return __tdx_hypercall(&args);
}
