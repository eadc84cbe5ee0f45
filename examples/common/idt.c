/* SPDX-License-Identifier: MIT */
/*
 * The smallest IDT that takes #VE: 21 gates, only vector 20 present, a
 * 64-bit interrupt gate to libtdx's tdx_ve_entry.  Loaded with lidt, which
 * tools/tdx-sim emulates (docs/sim.md) and a real TD executes.
 */
#include <tdx/ve.h>

#include "example.h"

#define VE_VECTOR 20
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

/* Shared by every vCPU; written once (each vCPU writes the same values). */
static struct idt_gate idt[VE_VECTOR + 1] __attribute__((aligned(16)));

void ex_install_ve_handler(void)
{
	uint64_t handler = (uint64_t)(uintptr_t)&tdx_ve_entry;
	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } idtr;
	uint16_t cs;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	idt[VE_VECTOR].offset_0_15 = (uint16_t)handler;
	idt[VE_VECTOR].selector = cs;
	idt[VE_VECTOR].ist = 0;
	idt[VE_VECTOR].type_attributes = GATE_INTERRUPT_PRESENT;
	idt[VE_VECTOR].offset_16_31 = (uint16_t)(handler >> 16);
	idt[VE_VECTOR].offset_32_63 = (uint32_t)(handler >> 32);
	idt[VE_VECTOR].reserved = 0;
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (uint64_t)(uintptr_t)idt;
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}
