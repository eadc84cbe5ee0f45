/* SPDX-License-Identifier: MIT */
/* The exit paths and the address map of the platform (platform.h). */
#include <stdbool.h>
#include <stdint.h>
#include <tdx/addr.h>
#include <tdx/guest.h>
#include <tdx/io.h>
#include <tdx/tdvmcall.h>

#include "platform.h"

void guest_halt(void)
{
	for (;;)
		(void)tdvmcall_hlt(true);
}

void guest_exit(uint8_t value)
{
	tdx_outb(value, DEBUG_EXIT_PORT);
	guest_halt();
}

/*
 * The GPA of `va`, for libtdx (every buffer it hands the TDX module or the
 * VMM by address) and for tdx_mmio_*().  This definition replaces libtdx's
 * weak identity default.  tdx-sim runs the guest flat (VA = GPA) with the
 * MMIO window shared; a guest with other page tables translates here.
 */
uint64_t tdx_va_to_gpa(const void *va)
{
	uint64_t a = (uint64_t)(uintptr_t)va;

	if (a >= SIM_MMIO_BASE && a - SIM_MMIO_BASE < SIM_MMIO_SIZE)
		return a | tdx_shared_mask();	/* 0 if TDG.VP.INFO failed: tdx_mmio_*() refuse it */
	return a;
}
