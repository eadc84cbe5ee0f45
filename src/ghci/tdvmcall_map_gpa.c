/* SPDX-License-Identifier: MIT */
#include <tdx/status.h>
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/* GHCI MapGPA (0x10001): R12 GPA, R13 size; RETRY -> R11 = GPA to resume from. */
uint64_t tdvmcall_map_gpa(uint64_t gpa, uint64_t size, uint64_t *retry_gpa)
{
	struct tdx_module_args args = TDX_VMCALL_ARGS(TDVMCALL_MAP_GPA, .r12 = gpa, .r13 = size);
	uint64_t status = __tdx_hypercall(&args);

	if (status == TDVMCALL_STATUS_RETRY && retry_gpa)
		*retry_gpa = args.r11;
	return status;
}
