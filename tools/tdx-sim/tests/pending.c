/* SPDX-License-Identifier: MIT */
/*
 * Runner test: guest RAM follows the page states.  An accept zeroes the
 * page (what the TD wrote before it was shared and made private again is
 * gone); touching a pending page, or handing one to a TDCALL as a memory
 * operand (PENDING_OPERAND set), ends the run.
 */
#include <stdint.h>
#include <tdx/tdx.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

#define PAGE0 0x2000000ull
#define PENDING 0x2001000ull

void _start(void *hob, uint32_t vcpu_index)
{
	volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)PAGE0;

	(void)hob;
	(void)vcpu_index;
	ex_printf("accept %#llx: %s\n", PAGE0, tdx_strerror(tdx_accept_memory(PAGE0, PAGE0 + 0x1000)));
	p[0] = 0xAB;
	ex_printf("wrote %#x\n", p[0]);
	ex_printf("shared: %s\n", tdx_strerror(tdx_set_memory_shared(PAGE0, 0x1000)));
	ex_printf("private again: %s\n", tdx_strerror(tdx_set_memory_private(PAGE0, 0x1000)));
	ex_printf("now %#x\n", p[0]);
#ifdef PENDING_OPERAND
	/* TDG.MR.RTMR.EXTEND by hand: the library's wrapper reads the digest itself first. */
	struct tdx_module_args args = { .rcx = PENDING, .rdx = 2 };

	ex_printf("extending an RTMR with a digest in pending memory\n");
	__tdx_module_call(TDG_MR_RTMR_EXTEND, &args);
#else
	ex_printf("reading pending memory\n");
	ex_printf("read %#x\n", *(volatile uint8_t *)(uintptr_t)PENDING);
#endif
	ex_exit(0);
}
