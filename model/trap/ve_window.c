/* SPDX-License-Identifier: MIT */
/*
 * MMIO windows: PROT_NONE pages standing for shared GPAs.  Like a TD whose
 * page tables map a device at some virtual address, a window's GPAs are
 * not its addresses: windows take GPAs from TDXH_VE_MMIO_GPA_BASE up,
 * reached with the shared bit.  The devices behind them are the model's
 * MMIO device plug-ins (tdxh_add_mmio_device), keyed by that GPA and
 * answered by its #VE.RequestMMIO, so a request to any other GPA (the
 * window's address, say) finds no device.
 */
#define _GNU_SOURCE
#include "tdxh_ve.h"
#include "tdxh_trap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define TDXH_MEMCHECK_DEFINED(p, n) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (n)))
#endif
#endif
#ifndef TDXH_MEMCHECK_DEFINED
#define TDXH_MEMCHECK_DEFINED(p, n) ((void)(p), (void)(n))
#endif

#define MAX_WINDOWS 8

static struct window {
	uint8_t *va;
	size_t size;
	uint64_t gpa;	/* without the shared bit */
} windows[MAX_WINDOWS];
static unsigned nr_windows;
static uint64_t next_gpa = TDXH_VE_MMIO_GPA_BASE;

void *tdxh_ve_map_mmio(size_t size, const struct tdx_model_mmio_device *dev)
{
	struct tdx_model_mmio_device d = *dev;
	void *va;

	if (nr_windows == MAX_WINDOWS || size == 0 || (size & 0xFFF)) {
		fprintf(stderr, "tdxh_ve_map_mmio: bad size or too many windows\n");
		abort();
	}
	/* Below 2 GiB (MAP_32BIT): reachable by disp32, moffs32 and 32-bit addressing too. */
	va = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (va == MAP_FAILED) {
		perror("tdxh_ve_map_mmio: mmap");
		abort();
	}
	/*
	 * Under memcheck: every access to the window faults on purpose and is
	 * emulated; the page is "defined" so that memcheck does not report the
	 * access it lets fault.
	 */
	TDXH_MEMCHECK_DEFINED(va, size);
	d.base = next_gpa;
	d.size = size;
	if (tdxh_add_mmio_device(&d) != 0) {
		fprintf(stderr, "tdxh_ve_map_mmio: MMIO device table full\n");
		abort();
	}
	windows[nr_windows].va = va;
	windows[nr_windows].size = size;
	windows[nr_windows].gpa = next_gpa;
	nr_windows++;
	next_gpa += size + 0x1000;	/* a hole between windows: no access runs into the next */
	return va;
}

static const struct window *window_of(uint64_t va)
{
	for (unsigned i = 0; i < nr_windows; i++)
		if (va >= (uint64_t)(uintptr_t)windows[i].va &&
		    va - (uint64_t)(uintptr_t)windows[i].va < windows[i].size)
			return &windows[i];
	return NULL;
}

/* Is `va` inside a window?  (ve_signal.c) */
int tdxh__ve_in_window(uint64_t va)
{
	return window_of(va) != NULL;
}

uint64_t tdxh_ve_va_to_gpa(const void *va)
{
	uint64_t a = (uint64_t)(uintptr_t)va;
	const struct window *w = window_of(a);

	return w ? (w->gpa + (a - (uint64_t)(uintptr_t)w->va)) | tdxh_shared_bit() : a;
}

void tdxh__ve_reset(void)
{
	for (unsigned i = 0; i < nr_windows; i++)
		munmap(windows[i].va, windows[i].size);
	memset(windows, 0, sizeof(windows));
	nr_windows = 0;
	next_gpa = TDXH_VE_MMIO_GPA_BASE;
	tdxh_ve_tamper = NULL;
	memset(&tdxh_ve_stats, 0, sizeof(tdxh_ve_stats));
}
