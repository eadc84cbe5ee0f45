/* SPDX-License-Identifier: MIT */
/*
 * The examples' interrupt entry: 224 stubs (vectors 32-255, 16 bytes
 * apart) that push their vector and jump to one common entry, which saves
 * the caller-saved registers, calls ex_irq_dispatch(vector) and returns
 * with iretq; and the 256-gate IDT that points at them.
 */
#include <tdx/ve.h>

#include "irq.h"

#define VE_VECTOR 20
#define FIRST_IRQ 32
#define NR_GATES 256
#define GATE_INTERRUPT_PRESENT 0x8E	/* P = 1, DPL = 0, type 0xE: 64-bit interrupt gate */

struct idt_gate {
	uint16_t offset_0_15;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attributes;
	uint16_t offset_16_31;
	uint32_t offset_32_63;
	uint32_t reserved;
};

static struct idt_gate idt[NR_GATES] __attribute__((aligned(16)));
static ex_irq_fn handlers[NR_GATES];

void ex_irq_dispatch(uint64_t vector);
extern const char ex_irq_stubs[];

/*
 * On entry RSP = 8 mod 16 (the CPU aligned it to 16, then pushed 5
 * qwords); the stub's push makes it 0, nine registers 8, and the sub 0 for
 * the call.
 */
__asm__(
	"	.section .text.ex_irq_stubs, \"ax\", @progbits\n"
	"	.globl	ex_irq_stubs\n"
	"	.p2align 4\n"
	"ex_irq_stubs:\n"
	"	.set	vec, 32\n"
	"	.rept	224\n"
	"	.p2align 4\n"
	"	pushq	$vec\n"
	"	jmp	ex_irq_common\n"
	"	.set	vec, vec + 1\n"
	"	.endr\n"
	"ex_irq_common:\n"
	"	push	%rax\n	push	%rcx\n	push	%rdx\n	push	%rsi\n	push	%rdi\n"
	"	push	%r8\n	push	%r9\n	push	%r10\n	push	%r11\n"
	"	mov	72(%rsp), %rdi\n"
	"	cld\n"
	"	sub	$8, %rsp\n"
	"	call	ex_irq_dispatch\n"
	"	add	$8, %rsp\n"
	"	pop	%r11\n	pop	%r10\n	pop	%r9\n	pop	%r8\n	pop	%rdi\n"
	"	pop	%rsi\n	pop	%rdx\n	pop	%rcx\n	pop	%rax\n"
	"	add	$8, %rsp\n"
	"	iretq\n"
	"	.text\n");

void ex_irq_dispatch(uint64_t vector)
{
	if (vector < NR_GATES && handlers[vector])
		handlers[vector]((unsigned)vector);
}

static void set_gate(unsigned vector, uint64_t handler)
{
	uint16_t cs;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	idt[vector].offset_0_15 = (uint16_t)handler;
	idt[vector].selector = cs;
	idt[vector].ist = 0;
	idt[vector].type_attributes = GATE_INTERRUPT_PRESENT;
	idt[vector].offset_16_31 = (uint16_t)(handler >> 16);
	idt[vector].offset_32_63 = (uint32_t)(handler >> 32);
	idt[vector].reserved = 0;
}

void ex_load_irq_idt(void)
{
	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } idtr;

	set_gate(VE_VECTOR, (uint64_t)(uintptr_t)&tdx_ve_entry);
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (uint64_t)(uintptr_t)idt;
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}

void ex_set_irq_handler(unsigned vector, ex_irq_fn fn)
{
	if (vector < FIRST_IRQ || vector >= NR_GATES)
		return;
	handlers[vector] = fn;
	set_gate(vector, (uint64_t)(uintptr_t)(ex_irq_stubs + (vector - FIRST_IRQ) * 16));
	ex_load_irq_idt();
}

uint64_t ex_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr) : "memory");
	return (uint64_t)hi << 32 | lo;
}

void ex_wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32))
			 : "memory");
}

void ex_eoi(void)
{
	ex_wrmsr(EX_X2APIC_EOI, 0);
}

void ex_send_ipi(uint32_t apic_id, unsigned vector)
{
	ex_wrmsr(EX_X2APIC_ICR, (uint64_t)apic_id << 32 | (vector & 0xFF));
}

int ex_in_service(unsigned vector)
{
	return (int)((ex_rdmsr(EX_X2APIC_ISR0 + vector / 32) >> (vector % 32)) & 1);
}

int ex_requested(unsigned vector)
{
	return (int)((ex_rdmsr(EX_X2APIC_IRR0 + vector / 32) >> (vector % 32)) & 1);
}
