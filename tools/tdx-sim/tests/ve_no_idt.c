/* SPDX-License-Identifier: MIT */
/* Runner test: a real `out` (a #VE in a TD) in an image that loaded no IDT. */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	(void)vcpu_index;
	ex_printf("out without an IDT\n");
	__asm__ volatile("outb %0, %1" : : "a"((uint8_t)'!'), "Nd"((uint16_t)EX_COM1_PORT));
	ex_exit(0);
}
