/* SPDX-License-Identifier: MIT */
/*
 * A first TD guest: greets on COM1, writes and reads back the device
 * register at the start of tdx-sim's MMIO window, and ends the run with
 * status 1 (it wrote 0 to the exit port) when all went well.
 *
 * tdx-sim enters _start on every vCPU as if it had been called, with the
 * vCPU index in RSI and a stack of its own; a TD loader does the same.
 */
#include <stdint.h>
#include <tdx/tdx.h>

#include "greet.h"
#include "platform.h"

static void put_hex(uint64_t v)
{
	char text[19] = "0x";
	unsigned n = 2;

	for (int shift = 60; shift >= 0; shift -= 4) {
		unsigned digit = (unsigned)(v >> shift) & 0xF;
		if (digit || n > 2 || shift == 0)
			text[n++] = "0123456789abcdef"[digit];
	}
	text[n] = '\0';
	com1_puts(text);
}

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	const uint32_t written = 0xC0FFEE11;
	uint64_t reg, status;
	uint32_t back = 0;

	(void)hob;
	if (vcpu_index != 0)
		guest_halt();	/* run with --vcpus N: only vCPU 0 works */

	greet("TD guest");

	reg = tdx_va_to_gpa((const void *)(uintptr_t)SIM_MMIO_BASE);
	status = tdx_mmio_write32(reg, written);
	if (status == TDX_SUCCESS)
		status = tdx_mmio_read32(reg, &back);
	com1_puts("MMIO register at GPA ");
	put_hex(reg);
	com1_puts(": ");
	com1_puts(tdx_strerror(status));
	com1_puts(", read back ");
	put_hex(back);
	com1_puts("\n");

	guest_exit(status == TDX_SUCCESS && back == written ? 0 : 1);
}
