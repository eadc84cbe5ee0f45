/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<Instruction.IO> (GHCI): R12 size 1/2/4, R13 0 = in / 1 = out,
 * R14 port, R15 data out -> R11 data in.  The port devices answer
 * (tdxm_add_port_device; the one added last wins); a port with no device
 * reads all ones and drops writes.
 */
#include "../core/internal.h"

#include <tdx/io.h>
#include <tdx/status.h>

void tdxm_instruction_io(struct tdxh_vmcall *c)
{
	uint64_t size = tdxh_vmm_read(c, TDXH_R12);
	uint64_t dir = tdxh_vmm_read(c, TDXH_R13);
	uint64_t port = tdxh_vmm_read(c, TDXH_R14);
	uint64_t data = tdxh_vmm_read(c, TDXH_R15);
	const struct tdx_model_port_device *dev = NULL, *d;

	if ((size != 1 && size != 2 && size != 4) || dir > TDX_IO_WRITE || port > 0xFFFF) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	for (unsigned i = 0; (d = tdxm_port_device_at(c->m, i)) != NULL; i++)
		if (port >= d->base && port < (uint64_t)d->base + d->count)
			dev = d;
	if (dir == TDX_IO_WRITE) {
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
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}
