/* SPDX-License-Identifier: MIT */
#include <tdx/guest.h>

static uint64_t read_rflags(void)
{
	uint64_t rflags;

	__asm__ volatile("pushfq\n\tpopq %0" : "=r"(rflags) : : "memory");
	return rflags;
}

/* GHCI Instruction.HLT: R12 = 1 iff RFLAGS.IF is clear in `rflags`. */
uint64_t tdx_halt_rflags(uint64_t rflags)
{
	return tdvmcall_hlt((rflags & TDX_RFLAGS_IF) == 0);
}

/* GHCI Instruction.HLT with the interrupts-blocked flag from the live RFLAGS.IF. */
uint64_t tdx_halt(void)
{
	return tdx_halt_rflags(read_rflags());
}
