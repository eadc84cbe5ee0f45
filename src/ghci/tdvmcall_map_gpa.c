/* SPDX-License-Identifier: MIT */
#include <tdx/status.h>
#include <tdx/tdvmcall.h>
#include "map_gpa.h"

/* GHCI MapGPA (0x10001): R12 GPA, R13 size; RETRY -> R11 = GPA to resume from. */
uint64_t tdvmcall_map_gpa(uint64_t gpa, uint64_t size, uint64_t *retry_gpa)
{
	struct tdx__vmcall_regs6 args;
	uint64_t status = tdx__map_gpa(&args, gpa, size);

	if (status == TDVMCALL_STATUS_RETRY && retry_gpa)
		*retry_gpa = args.r11;
	return status;
}
