/* SPDX-License-Identifier: MIT */
/*
 * MMIO windows (PROT_NONE pages standing for shared GPAs) and the GHCI
 * #VE.RequestMMIO model (sub-function 48): R12 size 1/2/4/8, R13 0 read /
 * 1 write, R14 GPA (must be shared), R15 data; data read back in R11.
 */
#define _GNU_SOURCE
#include "tdxh_ve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define VMCALL_INVALID_OPERAND 0x8000000000000000ull
#define MAX_WINDOWS 8

static struct window {
	uint8_t *va;
	size_t size;
	struct tdxh_mmio_device dev;
} windows[MAX_WINDOWS];
static unsigned nr_windows;

uint64_t tdxh_ve_shared_bit(void)
{
	return 1ull << (tdxh_shim_gpaw - 1);
}

void *tdxh_ve_map_mmio(size_t size, const struct tdxh_mmio_device *dev)
{
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
	windows[nr_windows].va = va;
	windows[nr_windows].size = size;
	windows[nr_windows].dev = *dev;
	nr_windows++;
	return va;
}

static struct window *window_of(uint64_t va)
{
	for (unsigned i = 0; i < nr_windows; i++)
		if (va >= (uint64_t)(uintptr_t)windows[i].va &&
		    va - (uint64_t)(uintptr_t)windows[i].va < windows[i].size)
			return &windows[i];
	return NULL;
}

uint64_t tdxh_ve_va_to_gpa(const void *va)
{
	uint64_t a = (uint64_t)(uintptr_t)va;

	return window_of(a) ? a | tdxh_ve_shared_bit() : a;
}

void tdxh_ve_reset(void)
{
	for (unsigned i = 0; i < nr_windows; i++)
		munmap(windows[i].va, windows[i].size);
	memset(windows, 0, sizeof(windows));
	nr_windows = 0;
	memset(&tdxh_ve_stats, 0, sizeof(tdxh_ve_stats));
}

/* Is the fault address in a window?  (ve_signal.c) */
int tdxh__ve_in_window(uint64_t va)
{
	return window_of(va) != NULL;
}

static void vmcall_mmio(struct tdxh_vmcall *c)
{
	uint64_t size = tdxh_vmm_read(c, TDXH_R12), dir = tdxh_vmm_read(c, TDXH_R13);
	uint64_t gpa = tdxh_vmm_read(c, TDXH_R14), data = tdxh_vmm_read(c, TDXH_R15);
	uint64_t shared = tdxh_ve_shared_bit(), mask;
	struct window *w;

	if ((size != 1 && size != 2 && size != 4 && size != 8) || dir > 1 || !(gpa & shared) ||
	    !(w = window_of(gpa & ~shared)) ||
	    (gpa & ~shared) + size > (uint64_t)(uintptr_t)w->va + w->size) {
		tdxh_vmm_status(c, VMCALL_INVALID_OPERAND);
		return;
	}
	mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
	uint64_t offset = (gpa & ~shared) - (uint64_t)(uintptr_t)w->va;
	if (dir == 1) {
		if (w->dev.write)
			w->dev.write(w->dev.ctx, offset, (unsigned)size, data & mask);
	} else {
		tdxh_vmm_write(c, TDXH_R11, w->dev.read ? w->dev.read(w->dev.ctx, offset, (unsigned)size) & mask
							 : mask);
	}
	tdxh_vmm_status(c, 0);
}

void tdxh_install_ve_models(void)
{
	tdxh_set_vmcall_model(48, vmcall_mmio);
}
