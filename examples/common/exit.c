/* SPDX-License-Identifier: MIT */
/* The examples' exit paths: QEMU's isa-debug-exit, then HLT with interrupts blocked. */
#include <tdx/tdx.h>

#include "example.h"

void ex_halt_forever(void)
{
	for (;;)
		(void)tdvmcall_hlt(true);
}

void ex_exit(uint8_t value)
{
	tdx_outb(value, EX_DEBUG_EXIT_PORT);
	ex_halt_forever();
}
