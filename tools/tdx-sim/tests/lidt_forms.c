/* SPDX-License-Identifier: MIT */
/*
 * Runner test: tdx-sim's lidt emulation decodes the memory operand the way
 * the CPU does, for the addressing forms compilers and hand-written boot
 * code use: RIP-relative, base, base + disp8, SIB with index and scale,
 * RSP/R12 bases (SIB required), R13 base (disp required), 32-bit
 * addressing.  Each lidt loads a different base and limit; the test reads
 * them back from tdx-sim's --trace (sidt cannot be emulated in user mode).
 */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

struct __attribute__((packed)) desc {
	uint16_t limit;
	uint64_t base;
};

__attribute__((used)) static struct desc rip_rel = { 0x0FFF, 0x1111000 };
static struct desc table[4];

void _start(void *hob, uint32_t vcpu_index)
{
	struct desc on_stack = { 0x0137, 0x2222000 };

	(void)hob;
	(void)vcpu_index;
	for (unsigned i = 0; i < 4; i++) {
		table[i].limit = (uint16_t)(0x100 + i);
		table[i].base = 0x3000000 + 0x1000 * i;
	}
	__asm__ volatile("lidt rip_rel(%%rip)" : : : "memory");
	__asm__ volatile("lidt (%0)" : : "b"(&table[0]) : "memory");
	__asm__ volatile("lidt 10(%0)" : : "S"(&table[0]) : "memory");
	__asm__ volatile("lidt (%0,%1,2)" : : "D"(&table[0]), "c"(10ull) : "memory");
	__asm__ volatile("mov %0, %%r12\n\tlidt 30(%%r12)" : : "r"(&table[0]) : "r12", "memory");
	__asm__ volatile("mov %0, %%r13\n\tlidt (%%r13)" : : "r"(&on_stack) : "r13", "memory");
	__asm__ volatile("sub $16, %%rsp\n\tmov %0, (%%rsp)\n\tmov %1, 2(%%rsp)\n\t"
			 "lidt (%%rsp)\n\tadd $16, %%rsp"
			 : : "r"((uint64_t)0x0042), "r"((uint64_t)0x4444000) : "memory");
	__asm__ volatile("lidt (%k0)" : : "a"((uint64_t)(uintptr_t)&table[1]) : "memory");
	ex_printf("8 lidt forms done\n");
	ex_exit(0);
}
