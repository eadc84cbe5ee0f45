/* SPDX-License-Identifier: MIT */
#include "module/args.h"
#include <tdx/status.h>
#include <tdx/tdvmcall.h>

/* GHCI MapGPA (0x10001): R12 GPA, R13 size; RETRY -> R11 = GPA to resume from. */
uint64_t tdvmcall_map_gpa(uint64_t gpa, uint64_t size, uint64_t *retry_gpa)
{
	struct tdx_module_args args;
	uint64_t status;

	tdx_vmcall_args(&args, TDVMCALL_MAP_GPA);
	args.r12 = gpa;
	args.r13 = size;
	status = __tdx_hypercall(&args);

	if (status == TDVMCALL_STATUS_RETRY && retry_gpa)
		*retry_gpa = args.r11;
	return status;
}
