/* SPDX-License-Identifier: MIT */
/* Runner test: linked with its entry point in the (non-executable) data segment. */
#include <stdint.h>

#include "example.h"

void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	(void)vcpu_index;
	ex_exit(0);
}
