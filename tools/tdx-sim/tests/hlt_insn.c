/* SPDX-License-Identifier: MIT */
/*
 * Runner test: a real `hlt` with interrupts blocked (cli), in a loop, the
 * way a dead-end in firmware looks.  Each is a #VE; libtdx's handler makes
 * it TDVMCALL<Instruction.HLT> with "interrupts blocked" from the frame's
 * RFLAGS.IF, and tdx-sim parks the vCPU for good.
 */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	(void)vcpu_index;
	ex_install_ve_handler();
	ex_printf("cli; hlt forever\n");
	__asm__ volatile("cli");
	for (;;)
		__asm__ volatile("hlt");
}
