/* SPDX-License-Identifier: MIT */
/* Code that calls libtdx: freestanding in the guest, under the TDX model in greet_test. */
#include <stdint.h>
#include <tdx/io.h>

#include "greet.h"

void com1_puts(const char *s)
{
	for (; *s; s++)
		tdx_outb((uint8_t)*s, COM1_PORT);
}

void greet(const char *who)
{
	com1_puts("Hello, ");
	com1_puts(who);
	com1_puts("!\n");
}
