/* SPDX-License-Identifier: MIT */
/* Runner test: an instruction the runner cannot emulate (mov from CR3). */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	uint64_t cr3;

	(void)hob;
	(void)vcpu_index;
	ex_printf("reading CR3\n");
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	ex_printf("CR3 = %#llx\n", (unsigned long long)cr3);
	ex_exit(0);
}
