/* SPDX-License-Identifier: MIT */
/* tdx_extend_rtmr: TDG.MR.RTMR.EXTEND (leaf 2) from a private, 64-aligned copy. */
#include <tdx/addr.h>
#include <tdx/module.h>
#include <tdx/rtmr.h>
#include <tdx/error.h>

#include "lib/internal.h"

uint64_t tdx_extend_rtmr(unsigned index, const uint8_t digest[TDX_MEASUREMENT_SIZE])
{
	/* 48 bytes at a 64-aligned offset of this 16-aligned buffer: 48 + 48 <= 96. */
	_Alignas(16) uint8_t buf[96];
	uint8_t *copy = (uint8_t *)(((uintptr_t)buf + 63) & ~(uintptr_t)63);
	uint64_t status;
	unsigned tries = 0;

	if (index >= TDX_NUM_RTMRS)
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RDX;
	if (!digest)
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX;
	memcpy(copy, digest, TDX_MEASUREMENT_SIZE);
	do
		status = tdg_mr_rtmr_extend(tdx_va_to_gpa(copy), index);
	while (tdx__busy_retry(status, &tries));
	return status;
}
