/* SPDX-License-Identifier: MIT */
/*
 * Runner test: a jump to an address outside guest RAM (0x20000000 is above
 * the 128 MiB tdx-sim gives by default).  The instruction fetch faults with
 * RIP at the target: the guest's fault, not tdx-sim's.
 */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	(void)vcpu_index;
	ex_printf("jumping to 0x20000000\n");
	__asm__ volatile("jmp *%0" : : "r"(0x20000000ull));
	__builtin_unreachable();
}
