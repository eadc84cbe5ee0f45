/* SPDX-License-Identifier: MIT */
/* tdx_measure_and_extend: SHA-384 of the data, extended into an RTMR. */
#include <tdx/rtmr.h>
#include <tdx/sha384.h>
#include <tdx/error.h>

uint64_t tdx_measure_and_extend(unsigned index, const void *data, size_t len)
{
	uint8_t digest[TDX_SHA384_DIGEST_SIZE];

	if (index >= TDX_NUM_RTMRS)
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RDX;
	tdx_sha384(data, len, digest);
	return tdx_extend_rtmr(index, digest);
}
