/* SPDX-License-Identifier: MIT */
/*
 * The smallest external user of libtdx: a freestanding guest that prints one
 * line over COM1 and spins.  The consumer tests only link it (each way an
 * outside project can get libtdx) and inspect the result; it is not run.
 */
#include <tdx/tdx.h>

#if !defined(TDX_VERSION_MAJOR) || TDX_VERSION_NUMBER < 100
#error "<tdx/tdx.h> should provide the libtdx version"
#endif

#define COM1 0x3F8

void _start(void);

void _start(void)
{
	static const char msg[] = "libtdx consumer " TDX_VERSION_STRING "\n";
	const char *p;

	for (p = msg; *p; p++)
		tdx_outb((uint8_t)*p, COM1);
	for (;;)
		__asm__ volatile("pause");
}
