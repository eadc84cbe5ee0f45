/* SPDX-License-Identifier: MIT */
/* GHCI #VE.RequestMMIO (48): R12 size, R13 direction, R14 GPA, R15 data; R11 data read. */
#include <tdx/error.h>
#include <tdx/tdvmcall.h>
#include "request_mmio.h"

static int mmio_size_valid(unsigned size)
{
	return size == 1 || size == 2 || size == 4 || size == 8;
}

/* GHCI #VE.RequestMMIO, direction 0 (read). */
uint64_t tdvmcall_mmio_read(unsigned size, uint64_t gpa, uint64_t *value)
{
	struct tdx__vmcall_regs6 regs;
	uint64_t status;

	if (!mmio_size_valid(size))
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12;
	status = tdx__request_mmio(&regs, size, TDVMCALL_MMIO_READ, gpa, 0);
	if (status == TDVMCALL_STATUS_SUCCESS)
		*value = regs.r11 & tdx__width_mask(size);
	return status;
}

/* GHCI #VE.RequestMMIO, direction 1 (write). */
uint64_t tdvmcall_mmio_write(unsigned size, uint64_t gpa, uint64_t value)
{
	struct tdx__vmcall_regs6 regs;

	if (!mmio_size_valid(size))
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12;
	return tdx__request_mmio(&regs, size, TDVMCALL_MMIO_WRITE, gpa, value);
}
