/* SPDX-License-Identifier: MIT */
/*
 * attest: the whole attestation path of a TD payload.
 *  1. measure a blob into RTMR[2] and keep an event log of it;
 *  2. TDREPORT with a 64-byte nonce as REPORTDATA (TDG.MR.REPORT);
 *  3. check its MAC (TDG.MR.VERIFYREPORT) and replay the log against its RTMRs;
 *  4. convert the GetQuote buffer to shared (MapGPA), run GetQuote through it,
 *     waiting with an I/O-port delay;
 *  5. print the sizes.
 * Under tdx-sim the model plays the module and the quoting service.
 */
#include <stdint.h>

#include <tdx/tdx.h>

#include "example.h"

#define SHARED_SIZE 8192

static _Alignas(TDX_REPORT_ALIGN) struct tdx_report report;
/* Whole pages: the GetQuote buffer, shared with the VMM; nothing secret goes here. */
static _Alignas(TDX_QUOTE_BUFFER_ALIGN) uint8_t shared[SHARED_SIZE];
static uint8_t quote[SHARED_SIZE];	/* private */

/* Give the VMM time: an I/O-delay write to port 0x80 (a TDVMCALL, so the VMM runs). */
static bool io_delay(void *ctx, uint32_t poll)
{
	(void)ctx;
	(void)poll;
	tdx_outb(0, 0x80);
	return true;
}

static int same(const uint8_t *a, const uint8_t *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	static const char blob[] = "the code this TD is about to run";
	struct tdx_rtmr_event log[1];
	uint8_t rtmr[TDX_NUM_RTMRS][TDX_MEASUREMENT_SIZE];
	_Alignas(TDX_REPORTDATA_ALIGN) uint8_t nonce[TDX_REPORTDATA_SIZE];
	struct tdx_quote_request req = {
		.report = &report,
		.shared_buf = shared,
		.shared_size = sizeof(shared),
		.quote = quote,
		.quote_cap = sizeof(quote),
		.wait = io_delay,
		.max_polls = 100,
	};
	struct tdx_quote_info info;
	uint64_t r;
	size_t quote_len;
	uint64_t st;

	(void)hob;
	(void)vcpu_index;
	/* 1. measure */
	log[0].index = 2;
	tdx_sha384(blob, sizeof(blob) - 1, log[0].digest);
	st = tdx_extend_rtmr(2, log[0].digest);
	ex_printf("RTMR[2] extend: status %#llx\n", (unsigned long long)st);

	/* 2. report */
	for (unsigned i = 0; i < sizeof(nonce); i++)
		nonce[i] = (uint8_t)(0xA0 + i);
	st = tdx_get_report(nonce, &report);
	ex_printf("TDREPORT: status %#llx, %u bytes, REPORTDATA %s, MRTD %02x%02x%02x%02x...\n",
		  (unsigned long long)st, (unsigned)sizeof(report),
		  same(report.mac.reportdata, nonce, sizeof(nonce)) ? "matches the nonce" : "WRONG",
		  report.tdinfo.mrtd[0], report.tdinfo.mrtd[1], report.tdinfo.mrtd[2],
		  report.tdinfo.mrtd[3]);
	if (st != TDX_SUCCESS)
		ex_exit(1);

	/* 3. verify the MAC, replay the event log */
	st = tdx_verify_report(&report.mac);
	ex_printf("VERIFYREPORT: status %#llx\n", (unsigned long long)st);
	tdx_rtmr_replay(log, 1, rtmr);
	ex_printf("event log replay: RTMR[2] %s the report\n",
		  same(rtmr[2], report.tdinfo.rtmr[2], TDX_MEASUREMENT_SIZE) ? "matches" : "DIFFERS FROM");

	/*
	 * 4. quote.  The buffer's pages become shared (MapGPA with the shared
	 * bit).  A payload with paging would also set the shared bit in their
	 * PTEs; tdx-sim maps guest memory flat, so the same pointer reaches them.
	 */
	if (tdx_set_memory_shared(tdx_va_to_gpa(shared), sizeof(shared)) != TDX_SUCCESS) {
		ex_printf("MapGPA to shared failed\n");
		ex_exit(3);
	}
	r = tdx_get_quote(&req, &quote_len, &info);
	ex_printf("GetQuote: %s after %u polls, buffer %u bytes, quote %u bytes\n",
		  tdx_strerror(r), info.polls, (unsigned)sizeof(shared), (unsigned)quote_len);
	ex_exit(r == TDX_SUCCESS ? 0 : 2);
}
