/* SPDX-License-Identifier: MIT */
/*
 * Runner test: an interrupt waits while IF is clear and is taken after
 * sti; EOI ends its in-service state.  A self-IPI through the ICR (a real
 * WRMSR, a #VE) with interrupts disabled stays requested (IRR) across
 * several TDCALLs; sti delivers it; the handler sees it in service (ISR),
 * sends the EOI and sees it no longer in service.
 */
#include <stdint.h>

#include <tdx/tdx.h>

#include "example.h"
#include "irq.h"

#define VECTOR 0x52

static volatile unsigned taken;
static int isr_before_eoi, isr_after_eoi, irr_in_handler;

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

static void on_irq(unsigned vector)
{
	taken++;
	isr_before_eoi = ex_in_service(vector);
	irr_in_handler = ex_requested(vector);
	ex_eoi();
	isr_after_eoi = ex_in_service(vector);
}

void _start(void *hob, uint32_t vcpu_index)
{
	unsigned while_cli;
	int requested;

	(void)hob;
	(void)vcpu_index;
	ex_set_irq_handler(VECTOR, on_irq);
	ex_cli();
	ex_send_ipi((uint32_t)ex_rdmsr(EX_X2APIC_ID), VECTOR);
	for (unsigned i = 0; i < 50; i++)
		tdx_outb(0, 0x80);
	while_cli = taken;
	requested = ex_requested(VECTOR);
	ex_printf("IF clear: taken %u time(s), requested (IRR) %d\n", while_cli, requested);
	ex_sti();
	__asm__ volatile("nop" ::: "memory");
	ex_cli();
	ex_printf("after sti: taken %u time(s); in its handler: in service %d, requested %d; "
		  "after EOI: in service %d\n", taken, isr_before_eoi, irr_in_handler, isr_after_eoi);
	ex_exit(while_cli == 0 && requested == 1 && taken == 1 && isr_before_eoi == 1 &&
		irr_in_handler == 0 && isr_after_eoi == 0 ? 0 : 1);
}
