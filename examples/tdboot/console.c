/* SPDX-License-Identifier: MIT */
/*
 * tdboot's console: COM1 through libtdx (GHCI Instruction.IO) in a TD,
 * through plain IN/OUT in a normal VM (or in a TD once the #VE handler is
 * installed).  Every wait on the UART is bounded: the VMM answers LSR.
 */
#include <tdx/tdx.h>

#include "console.h"

#define COM1 0x3F8
#define UART_THR 0	/* transmit holding register */
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define UART_DLL 0	/* with LCR.DLAB */
#define UART_DLM 1
#define UART_LCR_DLAB 0x80
#define UART_LCR_8N1 0x03
#define UART_TX_SPINS 10000	/* the VMM answers LSR: never wait on it forever */

static uint8_t raw_inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static void raw_outb(uint8_t value, uint16_t port)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

uint8_t con_inb(const struct console *con, uint16_t port)
{
	return con->td ? tdx_inb(port) : raw_inb(port);
}

void con_outb(const struct console *con, uint8_t value, uint16_t port)
{
	if (con->td)
		tdx_outb(value, port);
	else
		raw_outb(value, port);
}

/* 115200 8N1, FIFO on, interrupts off. */
void uart_init(const struct console *con)
{
	con_outb(con, 0x00, COM1 + UART_IER);
	con_outb(con, UART_LCR_DLAB, COM1 + UART_LCR);
	con_outb(con, 1, COM1 + UART_DLL);
	con_outb(con, 0, COM1 + UART_DLM);
	con_outb(con, UART_LCR_8N1, COM1 + UART_LCR);
	con_outb(con, 0x07, COM1 + UART_FCR);
	con_outb(con, 0x03, COM1 + UART_MCR);	/* DTR, RTS */
}

void con_putc(const struct console *con, char c)
{
	unsigned spins;

	for (spins = 0; spins < UART_TX_SPINS; spins++)
		if (con_inb(con, COM1 + UART_LSR) & UART_LSR_THRE)
			break;
	con_outb(con, (uint8_t)c, COM1 + UART_THR);
}

void con_puts(const struct console *con, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			con_putc(con, '\r');
		con_putc(con, *s);
	}
}

void con_hex(const struct console *con, uint64_t value)
{
	static const char digits[] = "0123456789abcdef";
	char buf[19];
	int i = (int)sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = digits[value & 0xF];
		value >>= 4;
	} while (value && i > 2);
	buf[--i] = 'x';
	buf[--i] = '0';
	con_puts(con, &buf[i]);
}

void con_dec(const struct console *con, uint64_t value)
{
	char buf[21];
	int i = (int)sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + value % 10);
		value /= 10;
	} while (value && i > 0);
	con_puts(con, &buf[i]);
}
