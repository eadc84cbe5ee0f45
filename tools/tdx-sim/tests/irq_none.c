/* SPDX-License-Identifier: MIT */
/* Runner test: HLT with interrupts unblocked and no interrupt to come: every vCPU halted, status 6. */
#include <stdint.h>

#include <tdx/tdx.h>

#include "example.h"
#include "irq.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	ex_load_irq_idt();
	ex_printf("vCPU %u: safe halt, no interrupt will come\n", vcpu_index);
	for (;;)
		tdx_safe_halt();
}
