/* SPDX-License-Identifier: MIT */
/* Port I/O: the GHCI Instruction.IO model and the small devices behind it. */
#include "tdx_harness.h"

#include <stddef.h>

#define VMCALL_INVALID_OPERAND 0x8000000000000000ull

/* 16550 UART at COM1: THR captures bytes; LSR says "transmitter empty". */
static uint32_t com1_read(void *ctx, uint16_t port, unsigned size)
{
	(void)ctx;
	(void)size;
	if (port == TDXH_COM1_PORT + 5)
		return 0x60;	/* LSR: THRE | TEMT */
	return 0;
}

static void com1_write(void *ctx, uint16_t port, unsigned size, uint32_t value)
{
	(void)ctx;
	(void)size;
	if (port != TDXH_COM1_PORT)
		return;	/* control registers: accepted, ignored */
	if (tdxh_state.com1_len < sizeof(tdxh_state.com1) - 1)
		tdxh_state.com1[tdxh_state.com1_len++] = (char)value;
}

static uint32_t scratch_read(void *ctx, uint16_t port, unsigned size)
{
	(void)ctx;
	(void)port;
	(void)size;
	return tdxh_state.scratch;
}

static void scratch_write(void *ctx, uint16_t port, unsigned size, uint32_t value)
{
	(void)ctx;
	(void)port;
	tdxh_state.scratch = value;
	tdxh_state.scratch_size = size;
}

/* GHCI Instruction.IO: R12 size, R13 0 = in / 1 = out, R14 port, R15 data; R11 data in. */
static void vmcall_io(struct tdxh_vmcall *c)
{
	uint64_t size = tdxh_vmm_read(c, TDXH_R12);
	uint64_t dir = tdxh_vmm_read(c, TDXH_R13);
	uint64_t port = tdxh_vmm_read(c, TDXH_R14);
	uint64_t data = tdxh_vmm_read(c, TDXH_R15);
	const struct tdxh_port_device *dev = NULL;

	if ((size != 1 && size != 2 && size != 4) || dir > 1 || port > 0xFFFF) {
		tdxh_vmm_status(c, VMCALL_INVALID_OPERAND);
		return;
	}
	for (unsigned i = 0; tdxh_port_device_at(i); i++) {
		const struct tdxh_port_device *d = tdxh_port_device_at(i);
		if (port >= d->base && port < (uint64_t)d->base + d->count)
			dev = d;
	}
	if (dir == 1) {
		uint32_t mask = size == 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
		if (dev && dev->write)
			dev->write(dev->ctx, (uint16_t)port, (unsigned)size, (uint32_t)data & mask);
	} else {
		uint32_t value = 0xFFFFFFFFu;	/* no device: all ones */
		if (dev && dev->read)
			value = dev->read(dev->ctx, (uint16_t)port, (unsigned)size);
		if (size < 4)
			value &= (1u << (8 * size)) - 1;
		tdxh_vmm_write(c, TDXH_R11, value);
	}
	tdxh_vmm_status(c, 0);
}

void tdxh_install_io_models(void)
{
	static const struct tdxh_port_device com1 = {
		.base = TDXH_COM1_PORT, .count = 8, .read = com1_read, .write = com1_write,
	};
	static const struct tdxh_port_device scratch = {
		.base = TDXH_SCRATCH_PORT, .count = 1, .read = scratch_read, .write = scratch_write,
	};

	tdxh_add_port_device(&com1);
	tdxh_add_port_device(&scratch);
	tdxh_set_vmcall_model(30, vmcall_io);
}
