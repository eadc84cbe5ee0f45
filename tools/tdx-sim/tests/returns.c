/* SPDX-License-Identifier: MIT */
/* Runner test: an entry point that returns. */
#include <stdint.h>

#include "example.h"

void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	(void)vcpu_index;
	ex_printf("returning from _start\n");
}
