/* SPDX-License-Identifier: MIT */
/*
 * Runner test: HLT with interrupts unblocked and no interrupt to come: every
 * vCPU halted, status 6.  The vCPUs print in turn (a ticket in .bss) so their
 * lines do not interleave on the one UART.
 */
#include <stdint.h>

#include <tdx/tdx.h>

#include "example.h"
#include "irq.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

static volatile uint32_t turn;	/* the vCPU index whose turn it is to print */

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	ex_load_irq_idt();
	while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != vcpu_index)
		__asm__ volatile("pause");
	ex_printf("vCPU %u: safe halt, no interrupt will come\n", vcpu_index);
	__atomic_store_n(&turn, vcpu_index + 1, __ATOMIC_RELEASE);
	for (;;)
		tdx_safe_halt();
}
