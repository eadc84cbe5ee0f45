/* SPDX-License-Identifier: MIT */
/* Port I/O over GHCI TDG.VP.VMCALL<Instruction.IO> (sub-function 30). */
#include <tdx/io.h>
#include <tdx/error.h>
#include <tdx/tdvmcall.h>
#include "instruction_io.h"

static int io_size_valid(unsigned size)
{
	return size == 1 || size == 2 || size == 4;
}

/* All ones of an access width (1, 2 or 4): what a port with no device reads as. */
static uint32_t io_width_mask(unsigned size)
{
	return (uint32_t)tdx__width_mask(size);
}

/* GHCI Instruction.IO, direction 0 (in): R12 size, R13 0, R14 port -> R11 data. */
uint64_t tdx_io_read(unsigned size, uint16_t port, uint32_t *value)
{
	struct tdx__vmcall_regs6 args;
	uint64_t status;

	if (!io_size_valid(size))
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12;
	status = tdx__instruction_io(&args, size, port, TDX_IO_READ, 0);
	if (status == TDVMCALL_STATUS_SUCCESS)
		*value = (uint32_t)args.r11 & io_width_mask(size);
	return status;
}

/* GHCI Instruction.IO, direction 1 (out): R12 size, R13 1, R14 port, R15 data. */
uint64_t tdx_io_write(unsigned size, uint16_t port, uint32_t value)
{
	struct tdx__vmcall_regs6 args;

	if (!io_size_valid(size))
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12;
	return tdx__instruction_io(&args, size, port, TDX_IO_WRITE, value);
}

static uint32_t io_in(unsigned size, uint16_t port)
{
	uint32_t value;

	if (tdx_io_read(size, port, &value) != TDVMCALL_STATUS_SUCCESS)
		return io_width_mask(size);
	return value;
}

uint8_t tdx_inb(uint16_t port)
{
	return (uint8_t)io_in(1, port);
}

uint16_t tdx_inw(uint16_t port)
{
	return (uint16_t)io_in(2, port);
}

uint32_t tdx_inl(uint16_t port)
{
	return io_in(4, port);
}

/* An out has nowhere to report a failure: like x86 `out`, it is fire and forget. */
void tdx_outb(uint8_t value, uint16_t port)
{
	(void)tdx_io_write(1, port, value);
}

void tdx_outw(uint16_t value, uint16_t port)
{
	(void)tdx_io_write(2, port, value);
}

void tdx_outl(uint32_t value, uint16_t port)
{
	(void)tdx_io_write(4, port, value);
}
