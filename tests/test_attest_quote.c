/* SPDX-License-Identifier: MIT */
/*
 * The GetQuote protocol under the harness: every path, and a VMM that lies
 * (out_len), flips the status, or rewrites the buffer between two guest
 * reads.  The shared buffer is mmap'ed with a PROT_NONE guard page after it,
 * so any read past it crashes the test (ASan cannot see mmap'ed overruns).
 * Encodings from the GHCI: GetQuote R11 = 0x10002, R12 = shared GPA
 * (bit 47 with the default GPAW 48), R13 = size; header version 1, status
 * 0, in_len 1024, out_len 0; statuses IN_FLIGHT ~0, ERROR 1<<63,
 * SERVICE_UNAVAILABLE (1<<63)|1.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <tdx/tdx.h>
#include "tdx_harness.h"

/* Index of a status in a table of outcomes: 0 for TDX_SUCCESS, a software status's code (bits 39:32), else 255. */
#define SEEN(status) ((status) == TDX_SUCCESS ? 0u : \
		      tdx_status_is_sw(status) ? (unsigned)((status) >> 32) & 0xFF : 255u)

#define SHARED_BIT (1ull << 47)
#define BUF_SIZE   8192u
#define PATTERN    0xA5

static _Alignas(1024) struct tdx_report report;
static uint8_t *shared;		/* BUF_SIZE bytes + a guard page */
static uint8_t *quote;		/* heap: ASan checks every byte written */
static size_t quote_cap;
static unsigned waits;

static bool wait_by_io_delay(void *ctx, uint32_t poll)
{
	static uint32_t next;

	(void)ctx;
	if (poll == 0)
		next = 0;
	assert_int_equal(poll, next);	/* polls are numbered 0, 1, ... per request */
	next++;
	waits++;
	tdx_outb(0, 0x80);	/* a TDCALL: the VMM gets the CPU and works on the quote */
	return true;
}

static bool give_up(void *ctx, uint32_t poll)
{
	(void)ctx;
	(void)poll;
	waits++;
	return false;
}

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	waits = 0;
	/* beyond the memory model's GPAs: shared, untracked (GPA = VA) */
	shared = tdxh_map_untracked(BUF_SIZE + 4096);
	assert_non_null(shared);
	assert_int_equal(mprotect(shared + BUF_SIZE, 4096, PROT_NONE), 0);
	memset(shared, 0x77, BUF_SIZE);
	quote_cap = 4096;
	quote = malloc(quote_cap);
	memset(quote, PATTERN, quote_cap);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tdxh_unwatch();
	munmap(shared, BUF_SIZE + 4096);
	free(quote);
	return 0;
}

static struct tdx_quote_request request(void)
{
	struct tdx_quote_request req = {
		.report = &report,
		.shared_buf = shared,
		.shared_size = BUF_SIZE,
		.quote = quote,
		.quote_cap = quote_cap,
		.wait = wait_by_io_delay,
		.max_polls = 10,
	};
	waits = 0;
	return req;
}

static void make_report(void)
{
	_Alignas(64) uint8_t nonce[64];

	for (int i = 0; i < 64; i++)
		nonce[i] = (uint8_t)(0xF0 ^ i);
	assert_int_equal(tdx_get_report(nonce, &report), 0);
}

/* Arm the harness, get a TDREPORT, and the default request for it. */
static struct tdx_quote_request start(void)
{
	tdxh_arm();
	make_report();
	return request();
}

static void assert_quote_is_expected(size_t len)
{
	uint8_t *want = malloc(len);

	tdxm_expected_quote((const uint8_t *)&report, want, len);
	assert_memory_equal(quote, want, len);
	free(want);
	for (size_t i = len; i < quote_cap; i++)
		assert_int_equal(quote[i], PATTERN);
}

static void assert_quote_untouched(size_t len)
{
	assert_int_equal(len, 0);
	for (size_t i = 0; i < quote_cap; i++)
		assert_int_equal(quote[i], PATTERN);
}

/*
 * Runs FIRST in this program: tdx_shared_mask() caches the first good
 * answer of TDG.VP.INFO for the life of the process, so only a process that
 * has not asked yet can see it fail.
 */
static void no_shared_bit_sends_nothing(void **state)
{
	struct tdx_quote_request req;
	size_t len;

	(void)state;
	req = start();
	tdxh_inject(1, 0, 0xC000010000000000ull, 1);	/* TDG.VP.INFO fails */
	assert_int_equal(tdx_get_quote(&req, &len, NULL), TDX_SW_NO_SHARED_BIT);
	assert_int_equal(tdxh_count(0, 0x10002), 0);
	assert_quote_untouched(len);
}

static void honest_async_quote(void **state)
{
	struct tdx_quote_request req;
	struct tdx_quote_info info;
	const struct tdxh_record *rec = NULL;
	size_t len = 99;

	(void)state;
	req = start();
	tdxh.state.hostile = true;	/* junk in every exposed register the VMM does not answer */
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SUCCESS);
	assert_int_equal(len, 600);
	assert_quote_is_expected(len);
	/* in flight for 3 TDCALLs: 4 polls, 3 waits */
	assert_int_equal(info.polls, 4);
	assert_int_equal(waits, 3);
	assert_int_equal(info.vmcall_status, 0);
	assert_int_equal(info.buffer_status, 0);
	assert_int_equal(info.out_len, 600);

	for (uint64_t i = 0; i < tdxh.state.nr_records; i++)
		if (tdxh_record(i)->subfn == 0x10002)
			rec = tdxh_record(i);
	assert_non_null(rec);
	assert_int_equal(tdxh_count(0, 0x10002), 1);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R10], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R12], (uint64_t)(uintptr_t)shared | SHARED_BIT);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R13], BUF_SIZE);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RDX], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RBX], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RSI], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RDI], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R8], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R9], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R14], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R15], 0);
	/* the request was well formed: version 1, status 0, in_len 1024, out_len 0, a real TDREPORT */
	assert_true(tdxh.vmm.quote.request_ok);
	assert_int_equal(tdxh.vmm.quote.nr_completions, 1);
}

static void synchronous_completion_and_default_spin(void **state)
{
	struct tdx_quote_request req;
	struct tdx_quote_info info;
	size_t len;

	(void)state;
	req = start();
	tdxh.vmm.quote.delay = 0;
	req.wait = NULL;
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SUCCESS);
	assert_int_equal(info.polls, 1);
	assert_quote_is_expected(len);

	/* NULL wait spins with pause: a request that never completes times out */
	tdxh.vmm.quote.mode = TDXH_QUOTE_NEVER;
	memset(quote, PATTERN, quote_cap);
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SW_TIMEOUT);
	assert_int_equal(info.polls, 10);
	assert_quote_untouched(len);
}

static void vmcall_refused(void **state)
{
	struct tdx_quote_request req;
	struct tdx_quote_info info;
	size_t len;

	(void)state;
	req = start();
	tdxh_inject(0, 0x10002, 0x8000000000000001ull, 1);	/* GPA_INUSE */
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_VMCALL_STATUS(0x8000000000000001ull));
	assert_int_equal(info.vmcall_subfn, TDVMCALL_GET_QUOTE);
	assert_int_equal(info.vmcall_status, 0x8000000000000001ull);
	assert_int_equal(info.polls, 0);
	assert_quote_untouched(len);

	tdxh.vmm.quote.vmcall_status = 1;	/* RETRY is not success either */
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_VMCALL_STATUS(1));
	assert_int_equal(info.vmcall_subfn, TDVMCALL_GET_QUOTE);
	assert_int_equal(info.vmcall_status, 1);
	assert_quote_untouched(len);
}

static void each_error_status(void **state)
{
	static const struct { uint64_t status; uint64_t result; } v[] = {
		{ 0x8000000000000000ull, TDX_SW_QUOTE_SERVICE_ERROR },
		{ 0x8000000000000001ull, TDX_SW_QUOTE_SERVICE_UNAVAILABLE },
		{ 0x8000000000000007ull, TDX_SW_QUOTE_SERVICE_ERROR },
		{ 0x0000000000000042ull, TDX_SW_VMM_BAD_ANSWER },
	};
	struct tdx_quote_info info;
	size_t len;

	(void)state;
	tdxh_arm();
	make_report();
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct tdx_quote_request req = request();

		waits = 0;
		tdxh.vmm.quote.result_status = v[i].status;
		assert_int_equal(tdx_get_quote(&req, &len, &info), v[i].result);
		assert_int_equal(info.buffer_status, v[i].status);
		assert_int_equal(info.out_len, 0);	/* not even read */
		assert_quote_untouched(len);
	}
}

static void timeout_is_bounded(void **state)
{
	struct tdx_quote_request req;
	struct tdx_quote_info info;
	size_t len;

	(void)state;
	req = start();
	tdxh.vmm.quote.mode = TDXH_QUOTE_NEVER;
	req.max_polls = 5;
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SW_TIMEOUT);
	assert_int_equal(info.polls, 5);
	assert_int_equal(waits, 4);
	assert_int_equal(info.buffer_status, 0xFFFFFFFFFFFFFFFFull);
	assert_quote_untouched(len);

	/* the caller's wait may give up early */
	tdxh_reset();
	tdxh_arm();
	make_report();
	waits = 0;
	req.wait = give_up;
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SW_TIMEOUT);
	assert_int_equal(info.polls, 1);
	assert_int_equal(waits, 1);
	assert_quote_untouched(len);
}

static void out_len_lies(void **state)
{
	static const uint32_t lies[] = { 0, BUF_SIZE - 24 + 1, BUF_SIZE, 0x7FFFFFFFu, 0xFFFFFFFFu };
	struct tdx_quote_info info;
	size_t len;

	(void)state;
	tdxh_arm();
	make_report();
	tdxh.vmm.quote.mode = TDXH_QUOTE_OUT_LEN_LIE;
	for (size_t i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		struct tdx_quote_request req = request();

		tdxh.vmm.quote.out_len_lie = lies[i];
		assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SW_VMM_BAD_ANSWER);
		assert_int_equal(info.out_len, lies[i]);
		assert_quote_untouched(len);
	}
}

/* out_len may fill the buffer to its last byte: the copy stays inside it. */
static void quote_filling_the_buffer(void **state)
{
	struct tdx_quote_request req;
	size_t len;

	(void)state;
	tdxh_arm();
	make_report();
	free(quote);
	quote_cap = BUF_SIZE - 24;
	quote = malloc(quote_cap);
	memset(quote, PATTERN, quote_cap);
	tdxh.vmm.quote.quote_size = BUF_SIZE - 24;
	req = request();
	assert_int_equal(tdx_get_quote(&req, &len, NULL), TDX_SUCCESS);
	assert_int_equal(len, BUF_SIZE - 24);
	assert_quote_is_expected(len);

	/* an odd length: the tail bytes come from the last aligned load */
	tdxh.vmm.quote.quote_size = 8131;
	assert_int_equal(tdx_get_quote(&req, &len, NULL), TDX_SUCCESS);
	assert_int_equal(len, 8131);
	tdxm_expected_quote((const uint8_t *)&report, shared, 0);
	{
		uint8_t *want = malloc(len);

		tdxm_expected_quote((const uint8_t *)&report, want, len);
		assert_memory_equal(quote, want, len);
		free(want);
	}
}

static void quote_bigger_than_caller_buffer(void **state)
{
	struct tdx_quote_request req;
	struct tdx_quote_info info;
	size_t len;

	(void)state;
	req = start();
	req.quote_cap = 599;
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SW_BUFFER_TOO_SMALL);
	assert_int_equal(info.out_len, 600);
	assert_quote_untouched(len);
}

static void invalid_requests_send_nothing(void **state)
{
	struct tdx_quote_request req;
	size_t len;
	int n = 0;

	(void)state;
	tdxh_arm();
	make_report();
	tdxh_reset();
	tdxh_arm();
#define REFUSED(field, value)                                                          \
	do {                                                                           \
		req = request();                                                       \
		req.field = value;                                                     \
		len = 7;                                                               \
		assert_int_equal(tdx_get_quote(&req, &len, NULL), TDX_SW_INVALID_ARGUMENT); \
		assert_int_equal(len, 0);                                              \
		n++;                                                                   \
	} while (0)
	REFUSED(report, NULL);
	REFUSED(shared_buf, NULL);
	REFUSED(quote, NULL);
	REFUSED(quote_cap, 0);
	REFUSED(max_polls, 0);			/* unbounded waiting is not offered */
	REFUSED(notify_vector, 31);
	REFUSED(notify_vector, 256);
	REFUSED(shared_buf, shared + 64);	/* not 4K-aligned */
	REFUSED(shared_size, 0);
	REFUSED(shared_size, 4095);
	REFUSED(shared_size, 6000);
	REFUSED(quote, shared + 100);		/* private output inside shared memory */
	REFUSED(quote, shared - 10);		/* overlapping its start */
	REFUSED(report, (const struct tdx_report *)(shared + 4096));
	REFUSED(shared_size, (size_t)0 - 4096);	/* wraps */
#undef REFUSED
	assert_int_equal(n, 15);
	assert_int_equal(tdx_get_quote(NULL, &len, NULL), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdxh.state.nr_calls, 0);
	assert_quote_untouched(0);
}

static void notify_interrupt_requested_first(void **state)
{
	struct tdx_quote_request req;
	struct tdx_quote_info info;
	size_t len;

	(void)state;
	req = start();
	req.notify_vector = 0x40;
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SUCCESS);
	assert_int_equal(tdxh_count(0, 0x10004), 1);
	assert_int_equal(tdxh.vmm.event_notify_vector, 0x40);
	assert_int_equal(tdxh.vmm.quote.nr_notifies, 1);
	assert_quote_is_expected(len);

	/* refused: no GetQuote is sent */
	tdxh_inject(0, 0x10004, 0x8000000000000000ull, 1);
	memset(quote, PATTERN, quote_cap);
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_VMCALL_STATUS(0x8000000000000000ull));
	assert_int_equal(info.vmcall_subfn, TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT);
	assert_int_equal(info.vmcall_status, 0x8000000000000000ull);
	assert_int_equal(tdxh_count(0, 0x10002), 1);
	assert_quote_untouched(len);
}

/* Each header field and each quote byte the VMM wrote is read exactly once. */
static void assert_read_once(size_t out_len, uint32_t polls)
{
	assert_int_equal(tdxh_watch_reads[0], 0);	/* version: never read back */
	assert_int_equal(tdxh_watch_reads[8], polls);	/* status: once per poll */
	assert_int_equal(tdxh_watch_reads[16], 0);	/* in_len: never read back */
	assert_int_equal(tdxh_watch_reads[20], out_len ? 1 : 0);
	for (size_t off = 24; off < BUF_SIZE; off++) {
		unsigned want = off < 24 + out_len && off % 8 == 0 ? 1 : 0;

		if (tdxh_watch_reads[off] != want)
			fail_msg("offset %zu read %u times, expected %u", off,
				 tdxh_watch_reads[off], want);
	}
}

/* The page watch single-steps each access: valgrind's CPU does not single-step. */
static void skip_unless_single_step(void)
{
	if (!tdxh_single_step_available()) {
		print_message("this CPU does not single-step (RFLAGS.TF): the page watch cannot run\n");
		skip();
	}
}

static void status_flipping_between_reads(void **state)
{
	struct tdx_quote_request req;
	struct tdx_quote_info info;
	size_t len;

	(void)state;
	skip_unless_single_step();
	req = start();
	tdxh.vmm.quote.mode = TDXH_QUOTE_STATUS_FLIP;
	tdxh_watch(shared, BUF_SIZE, NULL, tdxh_quote_hostile_after, NULL);
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SUCCESS);
	tdxh_unwatch();
	assert_quote_is_expected(len);
	assert_read_once(len, info.polls);
	/* the guest wrote the request: 1024 bytes of TDREPORT and the header */
	assert_int_equal(tdxh_watch_writes[24], 1);
	assert_int_equal(tdxh_watch_writes[24 + 1023], 1);

	/* the first completed status seen is ERROR: out_len is never read */
	tdxh.vmm.quote.result_status = 0x8000000000000000ull;
	memset(quote, PATTERN, quote_cap);
	tdxh_watch(shared, BUF_SIZE, NULL, tdxh_quote_hostile_after, NULL);
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SW_QUOTE_SERVICE_ERROR);
	tdxh_unwatch();
	assert_read_once(0, info.polls);
	assert_quote_untouched(len);
}

static void buffer_rewritten_between_reads(void **state)
{
	struct tdx_quote_request req;
	struct tdx_quote_info info;
	size_t len;

	(void)state;
	skip_unless_single_step();
	req = start();
	tdxh.vmm.quote.mode = TDXH_QUOTE_REWRITE;
	tdxh.vmm.quote.quote_size = 1001;
	tdxh_watch(shared, BUF_SIZE, NULL, tdxh_quote_hostile_after, NULL);
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SUCCESS);
	tdxh_unwatch();
	/* what the guest holds is what it read, not what the VMM wrote afterwards */
	assert_int_equal(len, 1001);
	assert_quote_is_expected(len);
	assert_read_once(len, info.polls);
	assert_int_equal(*(uint32_t *)(shared + 20), 0xFFFFFFF0u);	/* the VMM did rewrite it */
}

/* A buffer in the memory model's GPA space must be converted first (MapGPA). */
static void buffer_must_really_be_shared(void **state)
{
	/* A buffer inside the modelled 4 GiB GPA space (VA = GPA): the first free candidate. */
	static const uintptr_t candidates[] = { 0x40000000, 0x50000000, 0x30000000, 0x60000000 };
	uint8_t *low = NULL;
	struct tdx_quote_request req;
	struct tdx_quote_info info;
	size_t len;

	(void)state;
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]) && !low; i++) {
		void *p = mmap((void *)candidates[i], BUF_SIZE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

		if (p == (void *)candidates[i])
			low = p;
		else if (p != MAP_FAILED)
			munmap(p, BUF_SIZE);
	}
	if (!low)
		skip();
	req = start();
	req.shared_buf = low;
	/* never converted: the VMM's writes never arrive; the status the TD wrote (0) with out_len 0 */
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SW_VMM_BAD_ANSWER);
	assert_true(tdxh.vmm.quote.private_buffer);
	assert_int_equal(info.buffer_status, 0);
	assert_int_equal(info.out_len, 0);
	assert_quote_untouched(len);

	assert_int_equal(tdx_set_memory_shared((uint64_t)(uintptr_t)low, BUF_SIZE), 0);
	tdxh.vmm.quote.private_buffer = false;
	assert_int_equal(tdx_get_quote(&req, &len, &info), TDX_SUCCESS);
	assert_false(tdxh.vmm.quote.private_buffer);
	assert_quote_is_expected(len);
	munmap(low, BUF_SIZE);
}

/*
 * Many random VMM answers (status, out_len, quote size, delay, the caller's
 * capacity): whatever comes back, OK means a quote within every bound and
 * equal to what the VMM wrote, anything else means nothing was handed out.
 */
static void random_vmm_answers_keep_the_invariants(void **state)
{
	static const uint64_t statuses[] = { 0, 0, 0, 0x8000000000000000ull, 0x8000000000000001ull,
					     0x8000000000000002ull, 1, 0x7FFFFFFFFFFFFFFFull };
	uint64_t x = 0x243F6A8885A308D3ull;
	struct tdx_quote_info info;
	unsigned seen[256] = { 0 };	/* by software status code, bits 39:32 */
	size_t len;

	(void)state;
	(void)start();
	for (int i = 0; i < 300; i++) {
		struct tdx_quote_request req = request();
		uint64_t r;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		tdxh.vmm.quote.result_status = statuses[x % 8];
		tdxh.vmm.quote.mode = (x >> 8) & 1 ? TDXH_QUOTE_OUT_LEN_LIE : TDXH_QUOTE_HONEST;
		tdxh.vmm.quote.out_len_lie = (uint32_t)(x >> 16) % (BUF_SIZE + 64);
		tdxh.vmm.quote.quote_size = 1 + (uint32_t)(x >> 32) % (BUF_SIZE - 24);
		tdxh.vmm.quote.delay = (unsigned)(x >> 48) % 12;	/* sometimes beyond max_polls */
		req.quote_cap = 1 + (size_t)(x >> 20) % quote_cap;
		memset(quote, PATTERN, quote_cap);
		r = tdx_get_quote(&req, &len, &info);
		seen[SEEN(r)]++;
		if (r == TDX_SUCCESS) {
			assert_int_equal(info.buffer_status, 0);
			assert_true(len > 0 && len <= req.quote_cap && len <= BUF_SIZE - 24);
			assert_int_equal(len, info.out_len);
			if (tdxh.vmm.quote.mode == TDXH_QUOTE_HONEST)
				assert_quote_is_expected(len);
		} else {
			assert_quote_untouched(len);
		}
		if (r == TDX_SW_TIMEOUT)	/* the VMM still has it: let it finish */
			while (tdxh.vmm.quote.pending)
				tdx_outb(0, 0x80);
	}
	/* every outcome a VMM can cause was reached */
	assert_true(seen[SEEN(TDX_SUCCESS)] && seen[SEEN(TDX_SW_TIMEOUT)] &&
		    seen[SEEN(TDX_SW_QUOTE_SERVICE_ERROR)] && seen[SEEN(TDX_SW_QUOTE_SERVICE_UNAVAILABLE)] &&
		    seen[SEEN(TDX_SW_VMM_BAD_ANSWER)] && seen[SEEN(TDX_SW_BUFFER_TOO_SMALL)]);
}

static void result_names(void **state)
{
	(void)state;
	assert_string_equal(tdx_strerror(TDX_SUCCESS), "TDX_SUCCESS");
	assert_string_equal(tdx_strerror(TDX_SW_TIMEOUT), "TDX_SW_TIMEOUT");
	assert_string_equal(tdx_strerror(TDX_SW_BUFFER_TOO_SMALL), "TDX_SW_BUFFER_TOO_SMALL");
	assert_string_equal(tdx_strerror(TDX_SW_STATUS(99)), "TDX status (unknown code)");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(no_shared_bit_sends_nothing),	/* first: see there */
		T(honest_async_quote),
		T(synchronous_completion_and_default_spin),
		T(vmcall_refused),
		T(each_error_status),
		T(timeout_is_bounded),
		T(out_len_lies),
		T(quote_filling_the_buffer),
		T(quote_bigger_than_caller_buffer),
		T(invalid_requests_send_nothing),
		T(notify_interrupt_requested_first),
		T(status_flipping_between_reads),
		T(buffer_rewritten_between_reads),
		T(buffer_must_really_be_shared),
		T(random_vmm_answers_keep_the_invariants),
		T(result_names),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
