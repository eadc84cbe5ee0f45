/* SPDX-License-Identifier: MIT */
/*
 * The examples' address translation, replacing libtdx's weak identity
 * tdx_va_to_gpa(): the paging tools/tdx-sim gives a guest.  Everything is
 * flat (GPA = VA), and the MMIO window is mapped *shared*, so its GPAs carry
 * the shared bit - which is what the TDX module reports in the VE info of an
 * MMIO access there and what the VMM requires in #VE.RequestMMIO.
 * Weak, like libtdx's: an example with other paging defines its own.
 */
#include <tdx/addr.h>
#include <tdx/guest.h>

#include "example.h"

__attribute__((weak)) uint64_t tdx_va_to_gpa(const void *va)
{
	uint64_t a = (uint64_t)(uintptr_t)va;

	if (a >= EX_SIM_MMIO_BASE && a - EX_SIM_MMIO_BASE < EX_SIM_MMIO_SIZE)
		return a | tdx_shared_mask();
	return a;
}
