/* SPDX-License-Identifier: MIT */
/* GHCI #VE.RequestMMIO (48): R12 size, R13 direction, R14 GPA, R15 data; R11 data read. */
#include "module/args.h"
#include "lib/internal.h"
#include <tdx/status.h>
#include <tdx/tdvmcall.h>

static int mmio_size_valid(unsigned size)
{
	return size == 1 || size == 2 || size == 4 || size == 8;
}

/* GHCI #VE.RequestMMIO, direction 0 (read). */
uint64_t tdvmcall_mmio_read(unsigned size, uint64_t gpa, uint64_t *value)
{
	struct tdx_module_args args;
	uint64_t status;

	tdx_vmcall_args(&args, TDVMCALL_VE_REQUEST_MMIO);
	args.r12 = size;
	args.r13 = TDVMCALL_MMIO_READ;
	args.r14 = gpa;

	if (!mmio_size_valid(size))
		return TDVMCALL_STATUS_INVALID_OPERAND;
	status = __tdx_hypercall(&args);
	if (status == TDVMCALL_STATUS_SUCCESS)
		*value = args.r11 & tdx__width_mask(size);
	return status;
}

/* GHCI #VE.RequestMMIO, direction 1 (write). */
uint64_t tdvmcall_mmio_write(unsigned size, uint64_t gpa, uint64_t value)
{
	struct tdx_module_args args;

	tdx_vmcall_args(&args, TDVMCALL_VE_REQUEST_MMIO);
	args.r12 = size;
	args.r13 = TDVMCALL_MMIO_WRITE;
	args.r14 = gpa;

	if (!mmio_size_valid(size))
		return TDVMCALL_STATUS_INVALID_OPERAND;
	args.r15 = value & tdx__width_mask(size);
	return __tdx_hypercall(&args);
}
