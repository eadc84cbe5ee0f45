/* SPDX-License-Identifier: MIT */
/*
 * Interrupts for the examples and tdx-sim's runner tests: an IDT whose
 * vector 20 is libtdx's #VE entry and whose vectors 32-255 can each call a
 * C function, and the x2APIC MSRs reached with real RDMSR/WRMSR (in a TD
 * those the CPU does not virtualize #VE into TDG.VP.VMCALL<Instruction.
 * RDMSR/WRMSR>; under tdx-sim every one does).  Lives in examples/, never
 * in the library.
 */
#ifndef TDX_EXAMPLE_IRQ_H
#define TDX_EXAMPLE_IRQ_H

#include <stdint.h>

/* x2APIC MSRs (Intel SDM Vol. 3A, x2APIC register address space). */
#define EX_X2APIC_ID   0x802
#define EX_X2APIC_EOI  0x80B
#define EX_X2APIC_ISR0 0x810	/* ISR bits 31:0; vector v is bit v % 32 of MSR 0x810 + v / 32 */
#define EX_X2APIC_IRR0 0x820
#define EX_X2APIC_ICR  0x830	/* fixed, physical: vector | (uint64_t)x2apic_id << 32 */

typedef void (*ex_irq_fn)(unsigned vector);

/*
 * Make vector (32..255) call fn(vector) through an interrupt gate (IF clear
 * inside), and load the IDT - 256 gates, vector 20 the #VE entry - on this
 * vCPU.  The table is shared: every vCPU that takes interrupts calls this
 * (or ex_load_irq_idt) once.  The handler must send the EOI (ex_eoi).
 */
void ex_set_irq_handler(unsigned vector, ex_irq_fn fn);
/* Load the shared IDT on this vCPU. */
void ex_load_irq_idt(void);

uint64_t ex_rdmsr(uint32_t msr);
void ex_wrmsr(uint32_t msr, uint64_t value);
/* End of interrupt: write 0 to the x2APIC EOI register. */
void ex_eoi(void);
/* A fixed IPI to x2APIC ID `apic_id` (in a TD: the VCPU_INDEX). */
void ex_send_ipi(uint32_t apic_id, unsigned vector);
/* Is `vector` in service / requested on this vCPU's x2APIC? */
int ex_in_service(unsigned vector);
int ex_requested(unsigned vector);

static inline void ex_cli(void)
{
	__asm__ volatile("cli" ::: "memory");
}

static inline void ex_sti(void)
{
	__asm__ volatile("sti" ::: "memory");
}

#endif
