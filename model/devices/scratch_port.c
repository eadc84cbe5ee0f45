/* SPDX-License-Identifier: MIT */
/* The scratch (POST code) port 0x80: remembers the last value written and its size, reads it back. */
#include "devices.h"

static uint32_t scratch_read(void *ctx, uint16_t port, unsigned size)
{
	const struct tdxm_scratch_port *s = ctx;

	(void)port;
	(void)size;
	return s->value;
}

static void scratch_write(void *ctx, uint16_t port, unsigned size, uint32_t value)
{
	struct tdxm_scratch_port *s = ctx;

	(void)port;
	s->value = value;
	s->size = size;
}

struct tdx_model_port_device tdxm_scratch_port_device(struct tdxm_scratch_port *scratch)
{
	struct tdx_model_port_device dev = {
		.base = TDXH_SCRATCH_PORT, .count = 1,
		.read = scratch_read, .write = scratch_write, .ctx = scratch,
	};
	return dev;
}
