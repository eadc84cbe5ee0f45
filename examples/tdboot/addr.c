/* SPDX-License-Identifier: MIT */
/*
 * tdboot's tdx_va_to_gpa(), replacing libtdx's weak identity default: the
 * page tables map TempMem twice, at its own address and at the data window
 * TDBOOT_WINDOW_VA where .data and .bss are linked (linker/tdboot.ld).
 * Every address libtdx hands to the TDX module or the VMM goes through here.
 */
#include <stdint.h>
#include <tdx/addr.h>

#define WINDOW_SIZE 0x200000ull	/* one 2 MiB page */

uint64_t tdx_va_to_gpa(const void *va)
{
	uint64_t addr = (uint64_t)(uintptr_t)va;
	uint64_t window, tempmem;

	/* Absolute linker symbols, as immediates (no GOT in this image). */
	__asm__("movabs $TDBOOT_WINDOW_VA, %0" : "=r"(window));
	__asm__("movabs $TDBOOT_TEMPMEM_BASE, %0" : "=r"(tempmem));
	if (addr - window < WINDOW_SIZE)
		return tempmem + (addr - window);
	return addr;
}
