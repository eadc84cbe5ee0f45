/* SPDX-License-Identifier: MIT */
/*
 * tdx_get_quote: the GHCI GetQuote exchange (TDG.VP.VMCALL sub-function
 * 0x10002) over a shared buffer the VMM may rewrite at any moment.
 *
 * Rules this file keeps: every access to the shared buffer is a volatile
 * access made exactly once per value (no re-read after a check, so the VMM
 * cannot change a value between its check and its use); everything the VMM
 * wrote is checked in private memory; the quote is copied to private memory
 * before the caller sees it; waiting is bounded.
 */
#include <tdx/addr.h>
#include <tdx/guest.h>
#include <tdx/quote.h>
#include <tdx/error.h>
#include <tdx/tdvmcall.h>

#include "lib/internal.h"

static inline uint64_t shared_read64(const void *p)
{
	return *(const volatile uint64_t *)p;
}

static inline uint32_t shared_read32(const void *p)
{
	return *(const volatile uint32_t *)p;
}

static inline void shared_write64(void *p, uint64_t v)
{
	*(volatile uint64_t *)p = v;
}

static inline void shared_write32(void *p, uint32_t v)
{
	*(volatile uint32_t *)p = v;
}

/* [a, a + an) and [b, b + bn) overlap (both non-empty and not wrapping). */
static int overlaps(const void *a, size_t an, const void *b, size_t bn)
{
	uintptr_t pa = (uintptr_t)a, pb = (uintptr_t)b;

	return pa < pb + bn && pb < pa + an;
}

static int request_valid(const struct tdx_quote_request *req)
{
	uintptr_t buf = (uintptr_t)req->shared_buf;

	if (!req->report || !req->shared_buf || !req->quote || req->quote_cap == 0)
		return 0;
	if (req->max_polls == 0)
		return 0;		/* waiting must be bounded */
	if (req->notify_vector &&
	    (req->notify_vector < TDVMCALL_EVENT_NOTIFY_VECTOR_MIN ||
	     req->notify_vector > TDVMCALL_EVENT_NOTIFY_VECTOR_MAX))
		return 0;
	if (req->shared_size < TDX_QUOTE_BUFFER_ALIGN || req->shared_size % TDX_QUOTE_BUFFER_ALIGN ||
	    req->shared_size - TDX_QUOTE_HEADER_SIZE > UINT32_MAX)	/* out_len is 32 bits */
		return 0;
	if (buf + req->shared_size < buf ||
	    (uintptr_t)req->quote + req->quote_cap < (uintptr_t)req->quote)
		return 0;
	if (tdx_va_to_gpa(req->shared_buf) & (TDX_QUOTE_BUFFER_ALIGN - 1))
		return 0;
	/* Private data must not live in (or be written into) shared memory. */
	if (overlaps(req->quote, req->quote_cap, req->shared_buf, req->shared_size) ||
	    overlaps(req->report, sizeof(*req->report), req->shared_buf, req->shared_size))
		return 0;
	return 1;
}

/* Header and TDREPORT into the shared buffer: the data first, the header last. */
static void write_request(uint8_t *buf, const struct tdx_report *report)
{
	const uint8_t *src = (const uint8_t *)report;

	for (size_t i = 0; i < TDX_REPORT_SIZE; i++)
		*(volatile uint8_t *)(buf + TDX_QUOTE_HEADER_SIZE + i) = src[i];
	shared_write64(buf + 0, TDX_QUOTE_VERSION);
	shared_write64(buf + 8, TDX_QUOTE_STATUS_SUCCESS);	/* the TD writes 0 */
	shared_write32(buf + 16, TDX_REPORT_SIZE);		/* in_len */
	shared_write32(buf + 20, 0);				/* out_len */
}

/*
 * Copy n bytes of the quote out of shared memory, each read once: aligned
 * 8-byte loads (the data starts at offset 24 of a 4K-aligned buffer, and
 * n <= size - 24, a multiple of 8, so the last load stays inside it).
 */
static void copy_quote(uint8_t *dst, const uint8_t *data, uint32_t n)
{
	for (uint32_t off = 0; off < n; off += 8) {
		uint64_t w = shared_read64(data + off);

		for (uint32_t k = 0; k < 8 && off + k < n; k++)
			dst[off + k] = (uint8_t)(w >> (8 * k));
	}
}

/* Poll until the status leaves IN_FLIGHT or the wait gives up; the status read last. */
static uint64_t wait_for_completion(const struct tdx_quote_request *req, const uint8_t *buf,
				    struct tdx_quote_info *info)
{
	uint64_t status;

	for (uint32_t poll = 0;; poll++) {
		status = shared_read64(buf + 8);
		info->polls = poll + 1;
		if (status != TDX_QUOTE_STATUS_IN_FLIGHT || poll + 1 >= req->max_polls)
			return status;
		if (req->wait) {
			if (!req->wait(req->wait_ctx, poll))
				return status;
		} else {
			tdx__cpu_relax();
		}
	}
}

/*
 * The exchange, for a valid request and a known shared bit.  Not inlined:
 * the caller looks the shared bit up from a frame of its own, beside this
 * one rather than under it (the library's stack budget).
 */
static __attribute__((noinline)) uint64_t exchange(const struct tdx_quote_request *req,
						    uint64_t shared_bit, size_t *quote_len,
						    struct tdx_quote_info *info)
{
	struct tdx_quote_info scratch = { 0 };
	uint8_t *buf = req->shared_buf;
	uint64_t status;
	uint32_t out_len;

	if (!info)
		info = &scratch;

	if (req->notify_vector) {
		info->vmcall_subfn = TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT;
		info->vmcall_status = tdvmcall_setup_event_notify_interrupt(req->notify_vector);
		if (info->vmcall_status != TDVMCALL_STATUS_SUCCESS)
			return tdx_status_from_vmcall(info->vmcall_status);
	}

	write_request(buf, req->report);
	info->vmcall_subfn = TDVMCALL_GET_QUOTE;
	info->vmcall_status = tdvmcall_get_quote(tdx_va_to_gpa(buf) | shared_bit, req->shared_size);
	if (info->vmcall_status != TDVMCALL_STATUS_SUCCESS)	/* RETRY included: nothing queued */
		return tdx_status_from_vmcall(info->vmcall_status);

	/* From here on each field is read once; only the private copies are used. */
	status = wait_for_completion(req, buf, info);
	info->buffer_status = status;
	if (status == TDX_QUOTE_STATUS_IN_FLIGHT)
		return TDX_SW_TIMEOUT;
	if (status == TDX_QUOTE_STATUS_SERVICE_UNAVAILABLE)
		return TDX_SW_QUOTE_SERVICE_UNAVAILABLE;
	if (status & TDX_QUOTE_STATUS_ERROR)	/* the buffer status's error bit */
		return TDX_SW_QUOTE_SERVICE_ERROR;
	if (status != TDX_QUOTE_STATUS_SUCCESS)
		return TDX_SW_VMM_BAD_ANSWER;

	out_len = shared_read32(buf + 20);
	info->out_len = out_len;
	if (out_len == 0 || out_len > req->shared_size - TDX_QUOTE_HEADER_SIZE)
		return TDX_SW_VMM_BAD_ANSWER;
	if (out_len > req->quote_cap)
		return TDX_SW_BUFFER_TOO_SMALL;

	copy_quote(req->quote, buf + TDX_QUOTE_HEADER_SIZE, out_len);
	if (quote_len)
		*quote_len = out_len;
	return TDX_SUCCESS;
}

uint64_t tdx_get_quote(const struct tdx_quote_request *req, size_t *quote_len,
		       struct tdx_quote_info *info)
{
	uint64_t shared_bit;

	if (info)
		*info = (struct tdx_quote_info){ 0 };
	if (quote_len)
		*quote_len = 0;
	if (!req || !request_valid(req))
		return TDX_SW_INVALID_ARGUMENT;
	shared_bit = tdx_shared_mask();
	if (!shared_bit)
		return TDX_SW_NO_SHARED_BIT;
	return exchange(req, shared_bit, quote_len, info);
}
