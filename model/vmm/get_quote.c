/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<GetQuote> (GHCI): R12 shared GPA of the buffer, R13 its
 * size, checked as KVM and QEMU check them and in their order: a private
 * GPA or size 0 -> INVALID_OPERAND; not 4K-aligned -> ALIGN_ERROR; more
 * than 128 KiB, a header version other than 1 or an in_len beyond the
 * buffer -> INVALID_OPERAND; a request already in flight -> RETRY.  The buffer (<tdx/quote.h>): version 1, status, in_len
 * 1024, out_len 0, then the TDREPORT.  The VMM marks it in flight and
 * serves it asynchronously: after vmm.quote.delay TDCALLs (the VMM's
 * background work, tdxm_get_quote_tick) the quote service
 * (struct tdxh_quote_service, devices/quote_service.c) writes the quote and
 * the status.  A malformed request completes with
 * TDX_QUOTE_STATUS_ERROR.  The buffer must be shared in the memory model:
 * pages it tracks but the guest never converted are out of the VMM's reach
 * - the request is queued and the guest's buffer never changes.
 * vmm.quote.mode picks the hostile variants.
 */
#include "../core/internal.h"

#include <stddef.h>
#include <string.h>

#include <tdx/quote.h>
#include <tdx/report.h>
#include <tdx/status.h>

/* The buffer's header (GHCI, GetQuote): version, status, in_len, out_len, data. */
#define Q_VERSION 0
#define Q_STATUS  8
#define Q_IN_LEN  16
#define Q_OUT_LEN 20
#define Q_DATA    TDX_QUOTE_HEADER_SIZE

static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, sizeof(v));
}

static void access_begin(struct tdxm *m)
{
	if (m->guest_access_begin)
		m->guest_access_begin();
}

static void access_end(struct tdxm *m)
{
	if (m->guest_access_end)
		m->guest_access_end();
}

static void complete(struct tdxm *m)
{
	struct tdxh_quote_model *q = &m->vmm.quote;
	uint8_t *b = q->buf;
	uint32_t out_len = 0;
	uint64_t status = TDX_QUOTE_STATUS_ERROR;

	q->pending = false;
	q->nr_completions++;
	access_begin(m);
	if (q->request_ok) {
		/* the quote overwrites the TDREPORT: the service gets a copy */
		uint8_t report[TDX_REPORT_SIZE];

		memcpy(report, b + Q_DATA, sizeof(report));
		status = q->service.serve(q->service.ctx, report, b + Q_DATA,
					  (uint32_t)(q->size - Q_DATA), &out_len);
		if (out_len > q->size - Q_DATA)
			out_len = (uint32_t)(q->size - Q_DATA);
		if (q->mode == TDXH_QUOTE_OUT_LEN_LIE)
			out_len = q->out_len_lie;
		memcpy(b + Q_OUT_LEN, &out_len, 4);
	}
	put64(b + Q_STATUS, status);
	access_end(m);
	/* Registered with SetupEventNotifyInterrupt: the vector, once, after the status is written. */
	if (m->vmm.event_notify_vector) {
		q->nr_notifies++;
		tdxm__apic_raise(m, m->vmm.event_notify_vcpu, (unsigned)m->vmm.event_notify_vector);
	}
}

void tdxm_get_quote_tick(struct tdxm *m)
{
	struct tdxh_quote_model *q = &m->vmm.quote;

	if (!q->pending || q->mode == TDXH_QUOTE_NEVER)
		return;
	if (q->ticks_left > 0)
		q->ticks_left--;
	if (q->ticks_left == 0)
		complete(m);
}

static bool request_well_formed(const uint8_t *b)
{
	uint64_t version, status;
	uint32_t in_len, out_len;
	uint8_t mac[32];

	memcpy(&version, b + Q_VERSION, 8);
	memcpy(&status, b + Q_STATUS, 8);
	memcpy(&in_len, b + Q_IN_LEN, 4);
	memcpy(&out_len, b + Q_OUT_LEN, 4);
	if (version != TDX_QUOTE_VERSION || status != TDX_QUOTE_STATUS_SUCCESS ||
	    in_len != TDX_REPORT_SIZE || out_len != 0)
		return false;
	tdxm_report_mac(b + Q_DATA, mac);
	return memcmp(b + Q_DATA + offsetof(struct tdx_reportmac, mac), mac, 32) == 0;
}

/*
 * QEMU reads the header at the call: a version other than 1, or an in_len
 * beyond the buffer, is refused there (INVALID_OPERAND).  A buffer the VMM
 * cannot see (still private) reads as nothing it could refuse.
 */
static bool buffer_is_shared(struct tdxm *m, uint64_t gpa, uint64_t size);
static bool header_refused(struct tdxm *m, uint64_t gpa, uint64_t size)
{
	const uint8_t *b;
	uint64_t version;
	uint32_t in_len;

	if (!buffer_is_shared(m, gpa & ~tdxm_shared_bit(m), size))
		return false;
	b = tdxm_gpa_to_host(m, gpa);
	access_begin(m);
	memcpy(&version, b + Q_VERSION, 8);
	memcpy(&in_len, b + Q_IN_LEN, 4);
	access_end(m);
	return version != TDX_QUOTE_VERSION || in_len > size - Q_DATA;
}

/* Pages the memory model tracks must be SHARED; GPAs beyond its space are untracked. */
static bool buffer_is_shared(struct tdxm *m, uint64_t gpa, uint64_t size)
{
	if (gpa >= tdxm_mem_size(m))
		return true;
	return tdxm_mem_count(m, gpa, size, TDXH_PAGE_SHARED) == size / 4096;
}

void tdxm_get_quote(struct tdxh_vmcall *c)
{
	struct tdxm *m = c->m;
	struct tdxh_quote_model *q = &m->vmm.quote;
	uint64_t gpa = tdxh_vmm_read(c, TDXH_R12), size = tdxh_vmm_read(c, TDXH_R13);

	q->nr_requests++;
	q->gpa = gpa;
	q->size = size;
	/* KVM's check (tdx_get_quote), then QEMU's (tdx_handle_get_quote), in their order. */
	if (!(gpa & tdxm_shared_bit(m)) || size == 0) {
		q->request_ok = false;
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	if ((gpa | size) & (TDX_QUOTE_BUFFER_ALIGN - 1)) {
		q->request_ok = false;
		tdxh_vmm_status(c, TDVMCALL_STATUS_ALIGN_ERROR);
		return;
	}
	if (size > TDXH_QUOTE_MAX || header_refused(m, gpa, size)) {
		q->request_ok = false;
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	if (q->pending) {
		/*
		 * QEMU serves 16 requests at a time and answers RETRY beyond;
		 * this VMM serves one (stricter: a guest that keeps several in
		 * flight sees RETRY sooner, never a wrong answer).
		 */
		tdxh_vmm_status(c, TDVMCALL_STATUS_RETRY);
		return;
	}
	if (q->vmcall_status != TDVMCALL_STATUS_SUCCESS) {
		tdxh_vmm_status(c, q->vmcall_status);
		return;
	}
	if (!buffer_is_shared(m, gpa & ~tdxm_shared_bit(m), size)) {
		/*
		 * The guest never converted the pages: the VMM's view of this GPA
		 * is other memory.  It queues the request, but nothing it reads
		 * or writes reaches the guest's (private) buffer.
		 */
		q->request_ok = false;
		q->private_buffer = true;
		tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
		return;
	}
	q->buf = tdxm_gpa_to_host(m, gpa);
	access_begin(m);
	q->request_ok = request_well_formed(q->buf);
	put64(q->buf + Q_STATUS, TDX_QUOTE_STATUS_IN_FLIGHT);
	access_end(m);
	q->pending = true;
	q->ticks_left = q->delay;
	if (q->delay == 0 && q->mode != TDXH_QUOTE_NEVER)
		complete(m);
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}

void tdxm_quote_after_guest_access(size_t off, bool write, void *ctx)
{
	struct tdxm *m = ctx;
	struct tdxh_quote_model *q = &m->vmm.quote;
	uint8_t *b = q->buf;

	if (write || !b || q->pending)
		return;
	if (q->mode == TDXH_QUOTE_STATUS_FLIP) {
		uint64_t s;

		memcpy(&s, b + Q_STATUS, 8);
		s = s == TDX_QUOTE_STATUS_SUCCESS ? TDX_QUOTE_STATUS_ERROR :
		    s == TDX_QUOTE_STATUS_ERROR ? TDX_QUOTE_STATUS_IN_FLIGHT : TDX_QUOTE_STATUS_SUCCESS;
		put64(b + Q_STATUS, s);
	} else if (q->mode == TDXH_QUOTE_REWRITE) {
		uint32_t huge = 0xFFFFFFF0u;

		/* The field just read is now different: a second read would see it. */
		if (off >= Q_STATUS && off < Q_STATUS + 8)
			put64(b + Q_STATUS, TDX_QUOTE_STATUS_ERROR);
		else if (off >= Q_OUT_LEN && off < Q_OUT_LEN + 4)
			memcpy(b + Q_OUT_LEN, &huge, 4);
		else if (off >= Q_DATA && (off & ~(size_t)7) + 8 <= q->size)
			put64(b + (off & ~(size_t)7), tdxm_junk(m));
	}
}
