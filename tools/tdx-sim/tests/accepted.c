/* SPDX-License-Identifier: MIT */
/*
 * Runner test: the loader's pages are already accepted (the host added
 * them), the rest of guest RAM is pending until the guest accepts it.
 */
#include <stdint.h>
#include <tdx/tdx.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);
extern char __tdx_image_start[];

static void try_accept(const char *what, uint64_t gpa)
{
	uint64_t status = tdg_mem_page_accept(gpa & ~0xFFFull, TDX_PAGE_LEVEL_4K);

	ex_printf("%s %#llx: %s\n", what, (unsigned long long)(gpa & ~0xFFFull), tdx_strerror(status));
}

void _start(void *hob, uint32_t vcpu_index)
{
	uint64_t stack = (uint64_t)(uintptr_t)&hob;

	(void)vcpu_index;
	try_accept("image", tdx_va_to_gpa(__tdx_image_start));
	try_accept("stack", stack);
	try_accept("RAM", 0x2000000);
	try_accept("RAM again", 0x2000000);
	ex_exit(0);
}
