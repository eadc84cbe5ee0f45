/* SPDX-License-Identifier: MIT */
/*
 * The default quote service behind GetQuote: answers the quote model's
 * result_status and, on success, quote_size bytes (at most the room) of a
 * made-up quote derived from the TDREPORT (tdxm_expected_quote): "TDXHQUOT",
 * the REPORTDATA, the MAC, then a byte pattern.  A test recomputes it.
 */
#include "devices.h"

#include <stddef.h>
#include <string.h>

#include <tdx/quote.h>
#include <tdx/report.h>

void tdxm_expected_quote(const uint8_t report[1024], uint8_t *out, size_t n)
{
	uint8_t head[8 + TDX_REPORTDATA_SIZE + 32];

	memcpy(head, "TDXHQUOT", 8);
	memcpy(head + 8, report + offsetof(struct tdx_reportmac, reportdata), TDX_REPORTDATA_SIZE);
	memcpy(head + 8 + TDX_REPORTDATA_SIZE, report + offsetof(struct tdx_reportmac, mac), 32);
	for (size_t i = 0; i < n; i++)
		out[i] = i < sizeof(head) ? head[i] : (uint8_t)(i * 131 + 7);
}

static uint64_t serve(void *ctx, const uint8_t *report, uint8_t *quote, uint32_t room, uint32_t *len)
{
	const struct tdxh_quote_model *q = ctx;

	*len = 0;
	if (q->result_status == TDX_QUOTE_STATUS_SUCCESS) {
		*len = q->quote_size < room ? q->quote_size : room;
		tdxm_expected_quote(report, quote, *len);
	}
	return q->result_status;
}

struct tdxh_quote_service tdxm_default_quote_service(struct tdxh_quote_model *q)
{
	struct tdxh_quote_service svc = { .serve = serve, .ctx = q };
	return svc;
}
