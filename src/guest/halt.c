/* SPDX-License-Identifier: MIT */
#include <tdx/guest.h>

static uint64_t read_rflags(void)
{
#if defined(__x86_64__)
	uint64_t rflags;

	__asm__ volatile("pushfq\n\tpopq %0" : "=r"(rflags) : : "memory");
	return rflags;
#else
	/*
	 * A host build for another architecture (the model's stub back-end,
	 * docs/model.md): a host program runs with interrupts on, as x86-64
	 * user mode shows RFLAGS.IF.
	 */
	return TDX_RFLAGS_IF;
#endif
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
