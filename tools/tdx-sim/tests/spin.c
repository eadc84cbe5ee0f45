/* SPDX-License-Identifier: MIT */
/* Runner test: a guest that never ends (and never makes a TDCALL again). */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	(void)vcpu_index;
	ex_printf("spinning\n");
	for (;;)
		__asm__ volatile("pause");
}
