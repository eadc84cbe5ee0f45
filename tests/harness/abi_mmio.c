/* SPDX-License-Identifier: MIT */
/* #VE.RequestMMIO: the VMM side and its devices; the default is 4 KiB of scratch RAM. */
#include "abi_internal.h"

#define MAX_MMIO_DEVICES 8
static struct tdxh_mmio_device devices[MAX_MMIO_DEVICES];
static unsigned nr_devices;

int tdxh_add_mmio_device(const struct tdxh_mmio_device *dev)
{
	if (nr_devices == MAX_MMIO_DEVICES)
		return -1;
	devices[nr_devices++] = *dev;
	return 0;
}

static uint64_t scratch_read(void *ctx, uint64_t offset, unsigned size)
{
	uint64_t v = 0;

	(void)ctx;
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)tdxh_abi.mmio_scratch[offset + i] << (8 * i);
	return v;
}

static void scratch_write(void *ctx, uint64_t offset, unsigned size, uint64_t value)
{
	(void)ctx;
	for (unsigned i = 0; i < size; i++)
		tdxh_abi.mmio_scratch[offset + i] = (uint8_t)(value >> (8 * i));
}

/*
 * #VE.RequestMMIO: R12 size 1/2/4/8, R13 0 read / 1 write, R14 GPA (shared
 * bit set, inside GPAW), R15 data -> R11 data.  No device: reads all ones,
 * writes are dropped.  An access must lie inside one device.
 */
static void vmcall_mmio(struct tdxh_vmcall *c)
{
	uint64_t size = tdxh_vmm_read(c, TDXH_R12), dir = tdxh_vmm_read(c, TDXH_R13);
	uint64_t gpa = tdxh_vmm_read(c, TDXH_R14), data = tdxh_vmm_read(c, TDXH_R15);
	uint64_t shared = tdxh_shared_bit(), addr = gpa & ~shared;
	const struct tdxh_mmio_device *dev = NULL;
	uint64_t mask;

	if ((size != 1 && size != 2 && size != 4 && size != 8) || dir > 1 ||
	    !(gpa & shared) || gpa >= (1ull << tdxh_td.gpaw)) {
		tdxh_vmm_status(c, 0x8000000000000000ull);
		return;
	}
	mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
	for (unsigned i = 0; i < nr_devices; i++)
		if (addr >= devices[i].base && addr - devices[i].base + size <= devices[i].size)
			dev = &devices[i];
	if (dir == 1) {
		if (dev && dev->write)
			dev->write(dev->ctx, addr - dev->base, (unsigned)size, data & mask);
	} else {
		uint64_t value = mask;
		if (dev && dev->read)
			value = dev->read(dev->ctx, addr - dev->base, (unsigned)size) & mask;
		tdxh_vmm_write(c, TDXH_R11, value);
	}
	tdxh_vmm_status(c, 0);
}

void abi_install_device_models(void)
{
	static const struct tdxh_mmio_device scratch = {
		.base = TDXH_MMIO_SCRATCH_GPA, .size = TDXH_MMIO_SCRATCH_SIZE,
		.read = scratch_read, .write = scratch_write,
	};

	nr_devices = 0;
	tdxh_add_mmio_device(&scratch);
	tdxh_set_vmcall_model(48, vmcall_mmio);
}
