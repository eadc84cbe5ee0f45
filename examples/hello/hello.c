/* SPDX-License-Identifier: MIT */
/*
 * hello: the smallest TD payload.  Prints a greeting on COM1 (GHCI
 * Instruction.IO through tdx_outb) and ends through the isa-debug-exit port.
 */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	ex_printf("Hello from a TD guest (vCPU %u), via TDG.VP.VMCALL<Instruction.IO> on COM1!\n",
		  vcpu_index);
	ex_exit(0);
}
