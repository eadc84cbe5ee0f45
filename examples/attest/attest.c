/* SPDX-License-Identifier: MIT */
/*
 * attest: the whole attestation path of a TD payload.
 *  1. measure a blob into RTMR[2] and keep an event log of it;
 *  2. TDREPORT with a 64-byte nonce as REPORTDATA (TDG.MR.REPORT);
 *  3. check its MAC (TDG.MR.VERIFYREPORT) and replay the log against its RTMRs;
 *  4. convert the GetQuote buffer to shared (MapGPA), run GetQuote through it,
 *     asking the VMM for a notify interrupt (SetupEventNotifyInterrupt) and
 *     halting until it arrives (tdx_safe_halt, at most 100 times);
 *  5. print the sizes, and how often the notify vector fired (once).
 * Built with ATTEST_POLL defined (attest_poll.c, the attest-poll example)
 * it asks for no interrupt and polls the status instead, with an I/O-port
 * delay between reads.  Under tdx-sim the model plays the module and the
 * quoting service.
 */
#include <stdint.h>

#include <tdx/tdx.h>

#include "example.h"
#include "irq.h"

#define NOTIFY_VECTOR 0xF3

#define SHARED_SIZE 8192

static _Alignas(TDX_REPORT_ALIGN) struct tdx_report report;
/* Whole pages: the GetQuote buffer, shared with the VMM; nothing secret goes here. */
static _Alignas(TDX_QUOTE_BUFFER_ALIGN) uint8_t shared[SHARED_SIZE];
static uint8_t quote[SHARED_SIZE];	/* private */

#ifdef ATTEST_POLL
/* Give the VMM time: an I/O-delay write to port 0x80 (a TDVMCALL, so the VMM runs). */
static bool io_delay(void *ctx, uint32_t poll)
{
	(void)ctx;
	(void)poll;
	tdx_outb(0, 0x80);
	return true;
}
#else
static volatile unsigned notifies;

static void on_notify(unsigned vector)
{
	(void)vector;
	notifies++;
	ex_eoi();
}

/*
 * Called with interrupts disabled after a status read found the request in
 * flight: sti; TDCALL (tdx_safe_halt) sleeps until an interrupt - a
 * notification that came after the read is still pending, so it cannot be
 * lost - which its handler takes on the way out; cli again for the next read.
 */
static bool halt_until_notified(void *ctx, uint32_t poll)
{
	(void)ctx;
	(void)poll;
	tdx_safe_halt();
	ex_cli();
	return true;
}
#endif

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
#ifdef ATTEST_POLL
		.wait = io_delay,
#else
		.wait = halt_until_notified,
		.notify_vector = NOTIFY_VECTOR,
#endif
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
#ifndef ATTEST_POLL
	ex_set_irq_handler(NOTIFY_VECTOR, on_notify);
	ex_cli();
#endif
	r = tdx_get_quote(&req, &quote_len, &info);
	ex_printf("GetQuote: %s after %u polls, buffer %u bytes, quote %u bytes\n",
		  tdx_strerror(r), info.polls, (unsigned)sizeof(shared), (unsigned)quote_len);
#ifndef ATTEST_POLL
	/* Room for a second notification, which must not come: interrupts on for 20 TDCALLs. */
	ex_sti();
	for (unsigned i = 0; i < 20; i++)
		tdx_outb(0, 0x80);
	ex_cli();
	ex_printf("notify vector %#x: fired %u time(s)\n", NOTIFY_VECTOR, notifies);
	if (notifies != 1)
		ex_exit(4);
#endif
	ex_exit(r == TDX_SUCCESS ? 0 : 2);
}
