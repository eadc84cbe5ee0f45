/* SPDX-License-Identifier: MIT */
/*
 * The model's stand-in for the CPU's REPORTMACSTRUCT MAC: SHA-384 keyed
 * with a fixed string over the first 224 bytes, truncated to 32 bytes.
 * Deterministic, so a test can recompute it; libtdx's own SHA-384, which
 * its known-answer tests check.
 */
#include "../core/internal.h"

#include <stddef.h>
#include <string.h>

#include <tdx/report.h>
#include <tdx/sha384.h>

static const char mac_key[] = "tdxh fake report MAC key";

void tdxm_report_mac(const uint8_t reportmac[256], uint8_t mac[32])
{
	struct tdx_sha384_ctx ctx;
	uint8_t d[TDX_SHA384_DIGEST_SIZE];

	tdx_sha384_init(&ctx);
	tdx_sha384_update(&ctx, mac_key, sizeof(mac_key));
	tdx_sha384_update(&ctx, reportmac, offsetof(struct tdx_reportmac, mac));
	tdx_sha384_final(&ctx, d);
	memcpy(mac, d, 32);
}
