/* SPDX-License-Identifier: MIT */
/*
 * Runner test: a call through a null function pointer.  Page 0 is never
 * mapped; the instruction fetch faults with RIP 0, the return address on
 * the guest's stack.
 */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	void (*volatile fn)(void) = 0;

	(void)hob;
	(void)vcpu_index;
	ex_printf("calling a null function pointer\n");
	fn();
	ex_exit(0);
}
