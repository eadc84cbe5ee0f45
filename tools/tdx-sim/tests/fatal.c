/* SPDX-License-Identifier: MIT */
/* Runner test: the guest gives up through TDG.VP.VMCALL<ReportFatalError>. */
#include <stdint.h>
#include <tdx/tdx.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

static const char detail[] = "details in shared memory";
/* The parameter is `const char message[64]`: gcc checks callers pass 64 bytes. */
static const char message[64] = "sim-fatal: the guest cannot go on";

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	(void)vcpu_index;
	ex_printf("reporting a fatal error\n");
	(void)tdvmcall_report_fatal_error(0xBAD0000, tdx_va_to_gpa(detail) | tdx_shared_mask(),
					  message);
	ex_printf("the VMM resumed the TD\n");
	ex_exit(3);
}
