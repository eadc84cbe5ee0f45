/* SPDX-License-Identifier: MIT */
/*
 * The GHCI GetQuote protocol (TDG.VP.VMCALL sub-function 0x10002): the TD
 * hands a TDREPORT to the VMM's quoting service through a shared buffer and
 * gets a quote back in the same buffer, asynchronously.
 *
 * The buffer is shared memory: the VMM can rewrite any byte of it at any
 * moment.  tdx_get_quote() therefore reads each field the VMM answers with
 * exactly once into private memory, checks it there, and copies the quote
 * into the caller's private buffer before anything parses it.
 */
#ifndef TDX_QUOTE_H
#define TDX_QUOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "report.h"

#ifdef __cplusplus
extern "C" {
#endif

/* GHCI GetQuote buffer: this 24-byte header, then the data (TDREPORT in, quote out). */
struct tdx_quote_header {
	uint64_t version;	/* TD writes TDX_QUOTE_VERSION */
	uint64_t status;	/* TD writes 0; the VMM writes TDX_QUOTE_STATUS_* */
	uint32_t in_len;	/* TD: bytes of data sent (the TDREPORT, 1024) */
	uint32_t out_len;	/* VMM: bytes of quote returned (untrusted) */
};

#define TDX_QUOTE_VERSION         1
#define TDX_QUOTE_HEADER_SIZE     24
#define TDX_QUOTE_BUFFER_ALIGN    4096	/* buffer: 4K-aligned, a multiple of 4K */

/* The buffer status word (written by the quoting service: neither RAX nor R10). */
#define TDX_QUOTE_STATUS_SUCCESS             0x0000000000000000ull
#define TDX_QUOTE_STATUS_IN_FLIGHT           0xFFFFFFFFFFFFFFFFull
#define TDX_QUOTE_STATUS_ERROR               0x8000000000000000ull
#define TDX_QUOTE_STATUS_SERVICE_UNAVAILABLE 0x8000000000000001ull

struct tdx_quote_request {
	/* The TDREPORT to quote (from tdx_get_report); private memory. */
	const struct tdx_report *report;

	/*
	 * The exchange buffer: TDX_QUOTE_BUFFER_ALIGN-aligned GPA, size a
	 * multiple of 4K (at least 4K; QEMU accepts up to 128 KiB), and ALREADY
	 * SHARED: converted with TDG.VP.VMCALL<MapGPA> (tdx_set_memory_shared())
	 * and mapped with the shared bit in the page tables, so that shared_buf
	 * reaches the shared GPA.  The VMM is given
	 * tdx_va_to_gpa(shared_buf) | tdx_shared_mask().
	 */
	void *shared_buf;
	size_t shared_size;

	/* Private memory for the quote; must not overlap the shared buffer. */
	uint8_t *quote;
	size_t quote_cap;

	/*
	 * Waiting, always bounded: the status is polled at most max_polls
	 * (> 0) times.  After each poll that finds the request in flight,
	 * wait(wait_ctx, poll) runs (poll = 0, 1, ...): it sleeps however the
	 * caller likes - a timer, or tdx_safe_halt() until the notify interrupt
	 * - and returns false to give up early.  NULL: spin with `pause`.
	 */
	bool (*wait)(void *wait_ctx, uint32_t poll);
	void *wait_ctx;
	uint32_t max_polls;

	/*
	 * 0: poll only.  32..255: first ask the VMM (SetupEventNotifyInterrupt)
	 * to raise this vector when a quote completes; the caller's IDT must
	 * handle it and `wait` should halt until it arrives.
	 */
	uint32_t notify_vector;
};

/* The raw values behind a result, each layer apart (for logs; untrusted). */
struct tdx_quote_info {
	uint64_t vmcall_subfn;	/* R11 of the last TDVMCALL made: TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT,
				   TDVMCALL_GET_QUOTE, or 0 (none) */
	uint64_t vmcall_status;	/* R10 of the last TDVMCALL made */
	uint64_t buffer_status;	/* the status word as read from the buffer */
	uint32_t out_len;	/* out_len as read from the buffer, unchecked */
	uint32_t polls;		/* status reads made */
};

/*
 * Run one GetQuote exchange: write the header (version 1, status 0,
 * in_len 1024, out_len 0) and the TDREPORT into the shared buffer, issue
 * GetQuote with its shared GPA, wait (bounded) while the status reads
 * TDX_QUOTE_STATUS_IN_FLIGHT, then check the status and out_len
 * (0 < out_len <= shared_size - 24 and <= quote_cap) and copy the quote into
 * req->quote.  *quote_len (may be NULL) gets the quote's length on
 * TDX_SUCCESS and 0 otherwise; req->quote is written only on TDX_SUCCESS.
 * info may be NULL.  Returns (tdx/error.h; only TDX_SUCCESS hands out a
 * quote):
 *  - TDX_SUCCESS;
 *  - TDX_SW_INVALID_ARGUMENT: a request field is unusable; nothing sent;
 *  - TDX_SW_NO_SHARED_BIT: tdx_shared_mask() is 0 (TDG.VP.INFO failed);
 *    nothing sent;
 *  - a lifted TDVMCALL status (tdx_status_is_vmcall()): the VMM refused
 *    SetupEventNotifyInterrupt or GetQuote (RETRY included);
 *    info.vmcall_subfn says which, info.vmcall_status the raw R10;
 *  - TDX_SW_TIMEOUT: still in flight when the wait gave up (see below);
 *  - TDX_SW_QUOTE_SERVICE_ERROR: buffer status TDX_QUOTE_STATUS_ERROR or
 *    another error value; TDX_SW_QUOTE_SERVICE_UNAVAILABLE: status
 *    TDX_QUOTE_STATUS_SERVICE_UNAVAILABLE (info.buffer_status has it);
 *  - TDX_SW_VMM_BAD_ANSWER: an undefined buffer status, or out_len 0 or
 *    beyond the buffer;
 *  - TDX_SW_BUFFER_TOO_SMALL: the quote (info.out_len bytes) exceeds
 *    quote_cap.
 *
 * TDX_SW_TIMEOUT leaves the request queued at the VMM, which may still
 * write into the shared buffer later: do not reuse the buffer for another
 * request, or read it as a result, until its status leaves IN_FLIGHT.
 */
uint64_t tdx_get_quote(const struct tdx_quote_request *req, size_t *quote_len,
		       struct tdx_quote_info *info);

#ifdef __cplusplus
}
#endif

#endif /* TDX_QUOTE_H */
