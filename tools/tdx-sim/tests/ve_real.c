/* SPDX-License-Identifier: MIT */
/*
 * Runner test: real port I/O and MMIO instructions, each a #VE that
 * tdx-sim delivers through the IDT to libtdx's tdx_ve_entry / tdx_handle_ve,
 * which turns it into a TDVMCALL.  Even the exit is a real `out`.
 */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

static void real_outb(uint8_t value, uint16_t port)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port) : "memory");
}

static uint8_t real_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static void real_puts(const char *s)
{
	while (*s)
		real_outb((uint8_t)*s++, EX_COM1_PORT);
}

void _start(void *hob, uint32_t vcpu_index)
{
	volatile uint32_t *mmio32 = (volatile uint32_t *)(uintptr_t)EX_SIM_MMIO_BASE;
	volatile uint8_t *mmio8 = (volatile uint8_t *)(uintptr_t)(EX_SIM_MMIO_BASE + 0x10);
	uint32_t v32;
	uint8_t lsr, v8;

	(void)hob;
	(void)vcpu_index;
	ex_install_ve_handler();
	real_puts("out: through #VE\n");
	real_outb(0x5A, 0x80);
	lsr = real_inb(EX_COM1_PORT + 5);
	ex_printf("in: LSR %#x, POST port %#x\n", lsr, real_inb(0x80));
	mmio32[1] = 0xC0FFEE11;
	*mmio8 = 0x7F;
	v32 = mmio32[1];
	v8 = *mmio8;
	ex_printf("mmio: %#x %#x\n", v32, v8);
	real_outb(0, EX_DEBUG_EXIT_PORT);
	ex_halt_forever();
}
