/* SPDX-License-Identifier: MIT */
/* RAM behind #VE.RequestMMIO: little-endian accesses of 1, 2, 4 or 8 bytes. */
#include "devices.h"

/* The MMIO model only calls with offset + size <= the device's size. */
static uint64_t ram_read(void *ctx, uint64_t offset, unsigned size)
{
	const uint8_t *ram = ctx;
	uint64_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)ram[offset + i] << (8 * i);
	return v;
}

static void ram_write(void *ctx, uint64_t offset, unsigned size, uint64_t value)
{
	uint8_t *ram = ctx;

	for (unsigned i = 0; i < size; i++)
		ram[offset + i] = (uint8_t)(value >> (8 * i));
}

struct tdx_model_mmio_device tdxm_mmio_ram_device(uint64_t base, uint8_t *ram, uint64_t size)
{
	struct tdx_model_mmio_device dev = {
		.base = base, .size = size, .read = ram_read, .write = ram_write, .ctx = ram,
	};
	return dev;
}
