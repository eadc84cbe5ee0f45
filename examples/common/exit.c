/* SPDX-License-Identifier: MIT */
/* The examples' exit paths: QEMU's isa-debug-exit, then HLT with interrupts blocked. */
#include <tdx/tdx.h>

#include "example.h"

void ex_halt_forever(void)
{
	for (;;) {
		/* GHCI Instruction.HLT: R12 = 1, interrupts are blocked. */
		struct tdx_module_args args = {
			.r10 = TDVMCALL_STANDARD,
			.r11 = TDVMCALL_INSTRUCTION_HLT,
			.r12 = 1,
		};
		(void)__tdx_hypercall(&args);
	}
}

void ex_exit(uint8_t value)
{
	tdx_outb(value, EX_DEBUG_EXIT_PORT);
	ex_halt_forever();
}
