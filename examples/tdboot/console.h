/* SPDX-License-Identifier: MIT */
/* tdboot's console on COM1 (console.c). */
#ifndef TDBOOT_CONSOLE_H
#define TDBOOT_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

struct console {
	bool td;	/* true: port I/O through TDG.VP.VMCALL; false: IN/OUT */
};

uint8_t con_inb(const struct console *con, uint16_t port);
void con_outb(const struct console *con, uint8_t value, uint16_t port);
void uart_init(const struct console *con);	/* 115200 8N1, FIFO on, interrupts off */
void con_putc(const struct console *con, char c);
void con_puts(const struct console *con, const char *s);	/* "\n" goes out as CR LF */
void con_hex(const struct console *con, uint64_t value);	/* 0x-prefixed, lower case */
void con_dec(const struct console *con, uint64_t value);

#endif /* TDBOOT_CONSOLE_H */
