/* SPDX-License-Identifier: MIT */
/* GHCI #VE.RequestMMIO (48): R12 size, R13 direction, R14 GPA, R15 data; R11 data read. */
#include "lib/internal.h"
#include <tdx/error.h>
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

static int mmio_size_valid(unsigned size)
{
	return size == 1 || size == 2 || size == 4 || size == 8;
}

/* GHCI #VE.RequestMMIO, direction 0 (read). */
uint64_t tdvmcall_mmio_read(unsigned size, uint64_t gpa, uint64_t *value)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_VE_REQUEST_MMIO,
		.r12 = size, .r13 = TDVMCALL_MMIO_READ, .r14 = gpa);
	uint64_t status;

	if (!mmio_size_valid(size))
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12;
	status = __tdx_hypercall6(&args);
	if (status == TDVMCALL_STATUS_SUCCESS)
		*value = args.r11 & tdx__width_mask(size);
	return status;
}

/* GHCI #VE.RequestMMIO, direction 1 (write). */
uint64_t tdvmcall_mmio_write(unsigned size, uint64_t gpa, uint64_t value)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_VE_REQUEST_MMIO,
		.r12 = size, .r13 = TDVMCALL_MMIO_WRITE, .r14 = gpa,
		.r15 = value & tdx__width_mask(size));

	if (!mmio_size_valid(size))
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12;
	return __tdx_hypercall6(&args);
}
