/* SPDX-License-Identifier: MIT */
/*
 * Runner test (2 vCPUs): an IPI wakes a halted vCPU.  vCPU 0 halts with
 * interrupts unblocked (tdx_safe_halt) until its handler has run; vCPU 1
 * waits until vCPU 0 is about to halt, gives it time to fall asleep, then
 * writes the x2APIC ICR (a real WRMSR, a #VE) for vCPU 0.  Without the
 * wake-up every vCPU ends halted (status 6), or vCPU 0 never returns.
 */
#include <stdint.h>

#include <tdx/tdx.h>

#include "example.h"
#include "irq.h"

#define IPI_VECTOR 0x41
#define MAX_HALTS 100

static volatile uint32_t taken, halting;
static uint64_t isr_in_handler;

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

static void on_ipi(unsigned vector)
{
	isr_in_handler = ex_in_service(vector);
	__atomic_fetch_add(&taken, 1, __ATOMIC_RELEASE);
	ex_eoi();
}

void _start(void *hob, uint32_t vcpu_index)
{
	unsigned halts = 0;

	(void)hob;
	ex_load_irq_idt();
	if (vcpu_index == 1) {
		while (!__atomic_load_n(&halting, __ATOMIC_ACQUIRE))
			__asm__ volatile("pause");
		/* Time for vCPU 0 to reach the HLT: a few hundred TDCALLs. */
		for (unsigned i = 0; i < 300; i++)
			tdx_outb(0, 0x80);
		ex_send_ipi(0, IPI_VECTOR);
		ex_halt_forever();
	}
	if (vcpu_index != 0)
		ex_halt_forever();
	ex_set_irq_handler(IPI_VECTOR, on_ipi);
	ex_printf("vCPU 0: x2APIC ID %llu, halting until vector %#x arrives\n",
		  (unsigned long long)ex_rdmsr(EX_X2APIC_ID), IPI_VECTOR);
	__atomic_store_n(&halting, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&taken, __ATOMIC_ACQUIRE) && halts < MAX_HALTS) {
		tdx_safe_halt();
		ex_cli();
		halts++;
	}
	ex_printf("vCPU 0: woken, vector %#x taken %u time(s) (in service in its handler: %llu), "
		  "HLTs: %u; in service after EOI: %d\n", IPI_VECTOR, taken,
		  (unsigned long long)isr_in_handler, halts, ex_in_service(IPI_VECTOR));
	ex_exit(taken == 1 && halts == 1 && isr_in_handler == 1 ? 0 : 1);
}
