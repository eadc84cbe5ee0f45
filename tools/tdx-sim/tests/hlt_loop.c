/* SPDX-License-Identifier: MIT */
/* Runner test: a guest that halts with interrupts blocked, over and over. */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	ex_printf("vCPU %u halting with interrupts blocked\n", vcpu_index);
	ex_halt_forever();
}
