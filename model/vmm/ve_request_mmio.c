/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<#VE.RequestMMIO> (GHCI): R12 size 1/2/4/8, R13 0 read / 1
 * write, R14 GPA (shared bit set, inside GPAW), R15 data -> R11 data.  The
 * MMIO devices answer (tdxm_add_mmio_device, keyed by the GPA without the
 * shared bit; the one added last wins); an access must lie inside one
 * device.  No device: reads all ones, writes are dropped.
 */
#include "../core/internal.h"

#include <tdx/status.h>
#include <tdx/tdvmcall.h>

void tdxm_ve_request_mmio(struct tdxh_vmcall *c)
{
	uint64_t size = tdxh_vmm_read(c, TDXH_R12), dir = tdxh_vmm_read(c, TDXH_R13);
	uint64_t gpa = tdxh_vmm_read(c, TDXH_R14), data = tdxh_vmm_read(c, TDXH_R15);
	uint64_t shared = tdxm_shared_bit(c->m), addr = gpa & ~shared;
	const struct tdx_model_mmio_device *dev = NULL, *d;
	uint64_t mask;

	if ((size != 1 && size != 2 && size != 4 && size != 8) || dir > TDVMCALL_MMIO_WRITE ||
	    !(gpa & shared) || gpa >= (1ull << c->m->td.gpaw)) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
	for (unsigned i = 0; (d = tdxm_mmio_device_at(c->m, i)) != NULL; i++)
		if (addr >= d->base && addr - d->base + size <= d->size)
			dev = d;
	if (dir == TDVMCALL_MMIO_WRITE) {
		if (dev && dev->write)
			dev->write(dev->ctx, addr - dev->base, (unsigned)size, data & mask);
	} else {
		uint64_t value = mask;

		if (dev && dev->read)
			value = dev->read(dev->ctx, addr - dev->base, (unsigned)size) & mask;
		tdxh_vmm_write(c, TDXH_R11, value);
	}
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}
