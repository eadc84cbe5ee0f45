/* SPDX-License-Identifier: MIT */
/*
 * Models of TDG.MR.REPORT, TDG.MR.VERIFYREPORT, TDG.MR.RTMR.EXTEND, and of
 * the GHCI GetQuote, SetupEventNotifyInterrupt and ReportFatalError
 * sub-functions.  Layouts and numbers are typed from the Intel TDX Module
 * ABI spec (TDREPORT_STRUCT offsets, statuses) and the GHCI (GetQuote
 * buffer), not taken from libtdx's headers, so
 * the tests compare the library against an independent reading.
 */
#include "tdxh_attest.h"
#include "tdx_harness.h"
#include "tdxh_abi.h"
#include "tdxh_memory.h"

#include <string.h>

#include <tdx/sha384.h>

struct tdxh_attest_state tdxh_attest;

/* Completion statuses and operand ids (TDX Module ABI spec, completion status codes). */
#define OPERAND_INVALID         0xC000010000000000ull
#define INVALID_REPORTMACSTRUCT 0xC000100100000000ull
#define INVALID_CPUSVN          0xC000100000000000ull
#define ID_RCX 1
#define ID_RDX 2
#define ID_R8  8
/* TDVMCALL statuses (§3). */
#define VMCALL_SUCCESS         0
#define VMCALL_INVALID_OPERAND 0x8000000000000000ull
#define VMCALL_ALIGN_ERROR     0x8000000000000002ull
/* GetQuote buffer (§3). */
#define Q_VERSION   0
#define Q_STATUS    8
#define Q_IN_LEN    16
#define Q_OUT_LEN   20
#define Q_DATA      24
#define Q_IN_FLIGHT 0xFFFFFFFFFFFFFFFFull
#define Q_SUCCESS   0
#define Q_ERROR     0x8000000000000000ull
/* TDREPORT_STRUCT (§2). */
#define R_TYPE        0
#define R_CPUSVN      16
#define R_TCB_HASH    32
#define R_TDINFO_HASH 80
#define R_REPORTDATA  128
#define R_MAC         224
#define R_TCB_INFO    256
#define R_TCB_INFO_SIZE 239
#define R_TDINFO      512
#define R_TDINFO_SIZE 512
#define R_ATTRIBUTES  512
#define R_XFAM        520
#define R_MRTD        528
#define R_MRCONFIGID  576
#define R_MROWNER     624
#define R_MROWNERCONFIG 672
#define R_RTMR0       720

#define SUBFN_GET_QUOTE    0x10002
#define SUBFN_FATAL_ERROR  0x10003

static const char mac_key[] = "tdxh fake report MAC key";

void *tdxh_gpa_to_host(uint64_t gpa)
{
	return (void *)(uintptr_t)(gpa & ~tdxh_shared_bit());
}

static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, sizeof(v));
}

void tdxh_report_mac(const uint8_t reportmac[256], uint8_t mac[32])
{
	struct tdx_sha384_ctx ctx;
	uint8_t d[48];

	tdx_sha384_init(&ctx);
	tdx_sha384_update(&ctx, mac_key, sizeof(mac_key));
	tdx_sha384_update(&ctx, reportmac, R_MAC);
	tdx_sha384_final(&ctx, d);
	memcpy(mac, d, 32);
}

void tdxh_expected_quote(const uint8_t report[1024], uint8_t *out, size_t n)
{
	uint8_t head[8 + 64 + 32];

	memcpy(head, "TDXHQUOT", 8);
	memcpy(head + 8, report + R_REPORTDATA, 64);
	memcpy(head + 72, report + R_MAC, 32);
	for (size_t i = 0; i < n; i++)
		out[i] = i < sizeof(head) ? head[i] : (uint8_t)(i * 131 + 7);
}

/* ---- TDG.MR.REPORT (leaf 4) ---------------------------------------------- */

static void model_report(struct tdxh_leaf_call *call)
{
	uint64_t *g = call->regs->gpr;
	uint64_t rcx = g[TDXH_RCX], rdx = g[TDXH_RDX];
	uint8_t r[1024];

	if (tdxh_attest.report_interrupts > 0) {
		/* An interrupt is pending: no RAX written, RIP not advanced. */
		tdxh_attest.report_interrupts--;
		call->no_advance = true;
		return;
	}
	if ((rcx & 1023) || (rcx & tdxh_shared_bit())) {
		g[TDXH_RAX] = OPERAND_INVALID | ID_RCX;
		return;
	}
	if ((rdx & 63) || (rdx & tdxh_shared_bit())) {
		g[TDXH_RAX] = OPERAND_INVALID | ID_RDX;
		return;
	}
	if (g[TDXH_R8] != 0) {
		g[TDXH_RAX] = OPERAND_INVALID | ID_R8;
		return;
	}
	memset(r, 0, sizeof(r));
	r[R_TYPE] = 0x81;	/* TDX */
	memcpy(r + R_CPUSVN, tdxh_attest.cpusvn, 16);
	memcpy(r + R_REPORTDATA, tdxh_gpa_to_host(rdx), 64);
	/* TEE_TCB_INFO: valid bits and a recognisable MRSEAM. */
	r[R_TCB_INFO] = 0xFF;
	memset(r + R_TCB_INFO + 24, 0x5E, 48);
	put64(r + R_ATTRIBUTES, tdxh_attest.attributes);
	put64(r + R_XFAM, tdxh_attest.xfam);
	memcpy(r + R_MRTD, tdxh_attest.mrtd, 48);
	memcpy(r + R_MRCONFIGID, tdxh_attest.mrconfigid, 48);
	memcpy(r + R_MROWNER, tdxh_attest.mrowner, 48);
	memcpy(r + R_MROWNERCONFIG, tdxh_attest.mrownerconfig, 48);
	memcpy(r + R_RTMR0, tdxh_attest.rtmr, sizeof(tdxh_attest.rtmr));
	tdx_sha384(r + R_TCB_INFO, R_TCB_INFO_SIZE, r + R_TCB_HASH);
	tdx_sha384(r + R_TDINFO, R_TDINFO_SIZE, r + R_TDINFO_HASH);
	tdxh_report_mac(r, r + R_MAC);
	memcpy(tdxh_gpa_to_host(rcx), r, sizeof(r));
	tdxh_attest.nr_reports++;
	g[TDXH_RAX] = 0;
}

/* ---- TDG.MR.VERIFYREPORT (leaf 22) ---------------------------------------- */

static void model_verifyreport(struct tdxh_leaf_call *call)
{
	uint64_t *g = call->regs->gpr;
	const uint8_t *m;
	uint8_t mac[32];

	if ((g[TDXH_RCX] & 255) || (g[TDXH_RCX] & tdxh_shared_bit())) {
		g[TDXH_RAX] = OPERAND_INVALID | ID_RCX;
		return;
	}
	m = tdxh_gpa_to_host(g[TDXH_RCX]);
	tdxh_attest.nr_verifies++;
	tdxh_report_mac(m, mac);
	if (memcmp(m + R_CPUSVN, tdxh_attest.cpusvn, 16) != 0)
		g[TDXH_RAX] = INVALID_CPUSVN;
	else if (memcmp(m + R_MAC, mac, 32) != 0)
		g[TDXH_RAX] = INVALID_REPORTMACSTRUCT;
	else
		g[TDXH_RAX] = 0;
}

/* ---- TDG.MR.RTMR.EXTEND (leaf 2) ------------------------------------------ */

static void model_rtmr_extend(struct tdxh_leaf_call *call)
{
	uint64_t *g = call->regs->gpr;
	uint64_t rcx = g[TDXH_RCX], index = g[TDXH_RDX];
	struct tdx_sha384_ctx ctx;
	const uint8_t *digest;

	if ((rcx & 63) || (rcx & tdxh_shared_bit())) {
		g[TDXH_RAX] = OPERAND_INVALID | ID_RCX;
		return;
	}
	if (index > 3) {
		g[TDXH_RAX] = OPERAND_INVALID | ID_RDX;
		return;
	}
	digest = tdxh_gpa_to_host(rcx);
	if (tdxh_attest.nr_extends < TDXH_MAX_EXTENDS) {
		tdxh_attest.extends[tdxh_attest.nr_extends].index = (unsigned)index;
		memcpy(tdxh_attest.extends[tdxh_attest.nr_extends].digest, digest, 48);
	}
	tdxh_attest.nr_extends++;
	tdx_sha384_init(&ctx);
	tdx_sha384_update(&ctx, tdxh_attest.rtmr[index], 48);
	tdx_sha384_update(&ctx, digest, 48);
	tdx_sha384_final(&ctx, tdxh_attest.rtmr[index]);
	g[TDXH_RAX] = 0;
}

/* ---- GetQuote (0x10002) ---------------------------------------------------- */

static void quote_complete(void)
{
	struct tdxh_quote_model *q = &tdxh_attest.quote;
	uint8_t *b = q->buf;
	uint32_t out_len = 0;

	q->pending = false;
	q->nr_completions++;
	if (tdxh_abi.event_notify_vector)	/* registered with tdxh_abi.h's SetupEventNotifyInterrupt model */
		q->nr_notifies++;
	tdxh_watch_pause();
	if (!q->request_ok) {
		put64(b + Q_STATUS, Q_ERROR);
	} else {
		if (q->result_status == Q_SUCCESS) {
			uint32_t n = q->quote_size;

			if (n > q->size - Q_DATA)
				n = (uint32_t)(q->size - Q_DATA);
			/* the quote overwrites the TDREPORT: keep a copy to derive it from */
			uint8_t report[1024];
			memcpy(report, b + Q_DATA, sizeof(report));
			tdxh_expected_quote(report, b + Q_DATA, n);
			out_len = n;
		}
		if (q->mode == TDXH_QUOTE_OUT_LEN_LIE)
			out_len = q->out_len_lie;
		memcpy(b + Q_OUT_LEN, &out_len, 4);
		put64(b + Q_STATUS, q->result_status);
	}
	tdxh_watch_resume();
}

/* Background: each TDCALL the VMM gets the CPU and the request ages by one. */
static void quote_tick(void)
{
	struct tdxh_quote_model *q = &tdxh_attest.quote;

	if (!q->pending || q->mode == TDXH_QUOTE_NEVER)
		return;
	if (q->ticks_left > 0)
		q->ticks_left--;
	if (q->ticks_left == 0)
		quote_complete();
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
	if (version != 1 || status != 0 || in_len != 1024 || out_len != 0)
		return false;
	tdxh_report_mac(b + Q_DATA, mac);
	return memcmp(b + Q_DATA + R_MAC, mac, 32) == 0;
}

/* Pages the memory model tracks must be SHARED; GPAs beyond its space are untracked. */
static bool buffer_is_shared(uint64_t gpa, uint64_t size)
{
	if (gpa >= tdxh_mem_size())
		return true;
	return tdxh_mem_count(gpa, size, TDXH_PAGE_SHARED) == size / 4096;
}

static void model_get_quote(struct tdxh_vmcall *call)
{
	struct tdxh_quote_model *q = &tdxh_attest.quote;
	uint64_t gpa = tdxh_vmm_read(call, TDXH_R12), size = tdxh_vmm_read(call, TDXH_R13);

	q->nr_requests++;
	q->gpa = gpa;
	q->size = size;
	/* QEMU: shared, 4K-aligned, a 4K multiple, at most 128 KiB. */
	if ((gpa | size) & 4095) {
		q->request_ok = false;
		tdxh_vmm_status(call, VMCALL_ALIGN_ERROR);
		return;
	}
	if (!(gpa & tdxh_shared_bit()) || size == 0 || size > TDXH_QUOTE_MAX || q->pending) {
		q->request_ok = false;
		tdxh_vmm_status(call, VMCALL_INVALID_OPERAND);
		return;
	}
	if (q->vmcall_status != VMCALL_SUCCESS) {
		tdxh_vmm_status(call, q->vmcall_status);
		return;
	}
	if (!buffer_is_shared(gpa & ~tdxh_shared_bit(), size)) {
		/*
		 * The guest never converted the pages: the VMM's view of this GPA
		 * is other memory.  It queues the request, but nothing it reads
		 * or writes reaches the guest's (private) buffer.
		 */
		q->request_ok = false;
		q->private_buffer = true;
		tdxh_vmm_status(call, VMCALL_SUCCESS);
		return;
	}
	q->buf = tdxh_gpa_to_host(gpa);
	tdxh_watch_pause();
	q->request_ok = request_well_formed(q->buf);
	put64(q->buf + Q_STATUS, Q_IN_FLIGHT);
	tdxh_watch_resume();
	q->pending = true;
	q->ticks_left = q->delay;
	if (q->delay == 0 && q->mode != TDXH_QUOTE_NEVER)
		quote_complete();
	tdxh_vmm_status(call, VMCALL_SUCCESS);
}

/* Hostile VMM between two guest reads of the buffer (used with tdxh_watch). */
void tdxh_quote_hostile_after(size_t off, bool write, void *ctx)
{
	struct tdxh_quote_model *q = &tdxh_attest.quote;
	uint8_t *b = q->buf;

	(void)ctx;
	if (write || !b || q->pending)
		return;
	if (q->mode == TDXH_QUOTE_STATUS_FLIP) {
		uint64_t s;

		memcpy(&s, b + Q_STATUS, 8);
		s = s == Q_SUCCESS ? Q_ERROR : s == Q_ERROR ? Q_IN_FLIGHT : Q_SUCCESS;
		put64(b + Q_STATUS, s);
	} else if (q->mode == TDXH_QUOTE_REWRITE) {
		uint32_t huge = 0xFFFFFFF0u;

		/* The field just read is now different: a second read would see it. */
		if (off >= Q_STATUS && off < Q_STATUS + 8)
			put64(b + Q_STATUS, Q_ERROR);
		else if (off >= Q_OUT_LEN && off < Q_OUT_LEN + 4)
			memcpy(b + Q_OUT_LEN, &huge, 4);
		else if (off >= Q_DATA && (off & ~(size_t)7) + 8 <= q->size)
			put64(b + (off & ~(size_t)7), tdxh_junk());
	}
}

/* ---- ReportFatalError (0x10003) -------------------------------------------- */

static void model_fatal(struct tdxh_vmcall *call)
{
	static const enum tdxh_gpr order[8] = {
		TDXH_R14, TDXH_R15, TDXH_RBX, TDXH_RDI, TDXH_RSI, TDXH_R8, TDXH_R9, TDXH_RDX,
	};
	struct tdxh_fatal_report *f = &tdxh_attest.fatal;
	uint64_t r12 = tdxh_vmm_read(call, TDXH_R12), r13 = tdxh_vmm_read(call, TDXH_R13);

	f->nr_reports++;
	f->r12 = r12;
	f->r13 = r13;
	if (r12 & 0xFFFF) {	/* QEMU refuses these */
		tdxh_vmm_status(call, VMCALL_INVALID_OPERAND);
		return;
	}
	f->reported = true;
	for (int i = 0; i < 8; i++) {
		uint64_t v = tdxh_vmm_read(call, order[i]);

		for (int k = 0; k < 8; k++)
			f->message[8 * i + k] = (char)(v >> (8 * k));
	}
	f->message[64] = '\0';
	f->shared[0] = '\0';
	if ((r12 >> 63) && (r13 & tdxh_shared_bit())) {
		const char *s = tdxh_gpa_to_host(r13);
		size_t room = 4096 - (r13 & 4095), i;

		for (i = 0; i < room && s[i]; i++)
			f->shared[i] = s[i];
		f->shared[i] = '\0';
	}
	tdxh_vmm_status(call, VMCALL_SUCCESS);
	if (!f->resume)
		tdxh_request_stop(TDXH_STOP_FATAL_ERROR);
}

void tdxh_install_attest_models(void)
{
	memset(&tdxh_attest, 0, sizeof(tdxh_attest));
	tdxh_attest.attributes = 0x10000000;	/* SEPT_VE_DISABLE */
	tdxh_attest.xfam = 0xE7;
	memset(tdxh_attest.mrtd, 0x4D, 48);
	memset(tdxh_attest.cpusvn, 0x0C, 16);
	tdxh_attest.quote.delay = 3;
	tdxh_attest.quote.quote_size = 600;
	tdxh_set_leaf_model(2, model_rtmr_extend);
	tdxh_set_leaf_model(4, model_report);
	tdxh_set_leaf_model(22, model_verifyreport);
	tdxh_set_vmcall_model(SUBFN_GET_QUOTE, model_get_quote);
	tdxh_add_background(quote_tick);
}

void tdxh_use_attest_fatal_model(void)
{
	tdxh_set_vmcall_model(SUBFN_FATAL_ERROR, model_fatal);
}
