/* SPDX-License-Identifier: MIT */
/* The RTMR extend operation in software: RTMR = SHA-384(RTMR || digest). */
#include <tdx/rtmr.h>
#include <tdx/sha384.h>

void tdx_rtmr_extend_value(uint8_t rtmr[TDX_MEASUREMENT_SIZE],
			   const uint8_t digest[TDX_MEASUREMENT_SIZE])
{
	struct tdx_sha384_ctx ctx;

	tdx_sha384_init(&ctx);
	tdx_sha384_update(&ctx, rtmr, TDX_MEASUREMENT_SIZE);
	tdx_sha384_update(&ctx, digest, TDX_MEASUREMENT_SIZE);
	tdx_sha384_final(&ctx, rtmr);
}
