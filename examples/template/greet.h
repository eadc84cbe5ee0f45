/* SPDX-License-Identifier: MIT */
/* The code under test: it runs in the guest (guest.c) and, on a dev box, in greet_test.c. */
#ifndef GREET_H
#define GREET_H

#define COM1_PORT 0x3F8		/* the first serial port: its THR is at the base */

/* Write `s` to COM1, one tdx_outb() (GHCI Instruction.IO) per byte. */
void com1_puts(const char *s);

/* Write "Hello, <who>!\n" to COM1. */
void greet(const char *who);

#endif
