/* SPDX-License-Identifier: MIT */
/*
 * TDREPORT, VERIFYREPORT, RTMR extend, measure-and-extend and event-log
 * replay under the harness.  Encodings expected from the TDX Module ABI spec: leaf 4
 * (RCX report GPA 1024-aligned, RDX REPORTDATA GPA 64-aligned, R8 0), leaf 22
 * (RCX 256-aligned), leaf 2 (RCX digest GPA 64-aligned, RDX index);
 * OPERAND_INVALID | operand id = 0xC0000100_000000id; OPERAND_BUSY =
 * 0x80000200_00000000.  RTMR reference values from Python's hashlib.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <tdx/tdx.h>
#include "tdx_harness.h"

#define BUSY        0x8000020000000000ull
#define INVALID_RDX 0xC000010000000002ull
/* The library refuses an operand itself: its own status, naming the register. */
#define REFUSED_RCX (TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX)
#define REFUSED_RDX (TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RDX)

static _Alignas(1024) struct tdx_report report;
static _Alignas(1024) uint8_t raw[4096];

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	memset(&report, 0xAA, sizeof(report));
	return 0;
}

static void unhex(const char *h, uint8_t *out)
{
	for (size_t i = 0; h[2 * i]; i++) {
		unsigned v;

		sscanf(h + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
}

static void report_with_nonce(void **state)
{
	_Alignas(64) uint8_t nonce[64];
	const struct tdxh_record *rec;
	uint8_t hash[48];

	(void)state;
	tdxh_arm();
	for (int i = 0; i < 64; i++)
		nonce[i] = (uint8_t)(3 * i + 1);
	assert_int_equal(tdx_get_report(nonce, &report), 0);
	assert_int_equal(tdxh_count(4, 0), 1);
	rec = tdxh_last_record();
	assert_int_equal(rec->in.gpr[TDXH_RAX], 4);
	assert_int_equal(rec->in.gpr[TDXH_RCX], (uint64_t)(uintptr_t)&report);
	assert_int_equal(rec->in.gpr[TDXH_RDX], (uint64_t)(uintptr_t)nonce);	/* no copy */
	assert_int_equal(rec->in.gpr[TDXH_R8], 0);

	assert_int_equal(report.mac.type, 0x81);
	assert_memory_equal(report.mac.reportdata, nonce, 64);
	assert_memory_equal(report.tdinfo.mrtd, tdxh.attest.mrtd, 48);
	assert_int_equal(report.tdinfo.attributes, tdxh.td.attributes);
	assert_int_equal(report.tdinfo.xfam, tdxh.attest.xfam);
	/* The struct's offsets agree with the model's raw offsets (TDREPORT_STRUCT table). */
	assert_int_equal(((uint8_t *)&report)[128], nonce[0]);
	assert_int_equal(((uint8_t *)&report)[528], 0x4D);
	tdx_sha384(&report.tdinfo, sizeof(report.tdinfo), hash);
	assert_memory_equal(report.mac.tee_info_hash, hash, 48);
	tdx_sha384(&report.tee_tcb_info, sizeof(report.tee_tcb_info), hash);
	assert_memory_equal(report.mac.tee_tcb_info_hash, hash, 48);

	assert_int_equal(tdx_verify_report(&report.mac), 0);
	rec = tdxh_last_record();
	assert_int_equal(rec->in.gpr[TDXH_RAX], 22);
	assert_int_equal(rec->in.gpr[TDXH_RCX], (uint64_t)(uintptr_t)&report.mac);
}

static void null_reportdata_is_zeros(void **state)
{
	uint8_t zero[64] = { 0 };

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_get_report(NULL, &report), 0);
	assert_memory_equal(report.mac.reportdata, zero, 64);
}

static void misaligned_operands_refused_without_tdcall(void **state)
{
	struct tdx_report *bad = (struct tdx_report *)(raw + 512);

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_get_report(NULL, bad), REFUSED_RCX);
	assert_int_equal(tdx_get_report(NULL, (struct tdx_report *)(raw + 64)), REFUSED_RCX);
	assert_int_equal(tdx_get_report(NULL, NULL), REFUSED_RCX);
	/* REPORTDATA must be 64-aligned: the module's own answer, RDX */
	assert_int_equal(tdx_get_report(raw + 1024 + 32, &report), REFUSED_RDX);
	assert_int_equal(tdx_get_report(raw + 1024 + 1, &report), REFUSED_RDX);
	assert_int_equal(tdxh.state.nr_calls, 0);
	assert_int_equal(report.mac.type, 0xAA);	/* untouched: refused before anything */
	assert_int_equal(tdx_get_report(raw + 1024 + 64, &report), 0);
}

static void busy_is_retried_boundedly(void **state)
{
	(void)state;
	tdxh_arm();
	tdxh_inject(4, 0, BUSY, 5);
	assert_int_equal(tdx_get_report(NULL, &report), 0);
	assert_int_equal(tdxh_count(4, 0), 6);
	assert_int_equal(report.mac.type, 0x81);

	/* Busy for ever: 1 call + 100 retries, then BUSY comes back. */
	tdxh_reset();
	tdxh_arm();
	tdxh_inject(4, 0, BUSY | 0x1234, 1000);
	assert_int_equal(tdx_get_report(NULL, &report), BUSY | 0x1234);
	assert_int_equal(tdxh_count(4, 0), 101);
}

/* An interrupted TDG.MR.REPORT re-executes by itself: same registers, one result. */
static void interrupted_report_reexecutes(void **state)
{
	(void)state;
	tdxh_arm();
	tdxh.attest.report_interrupts = 2;
	assert_int_equal(tdx_get_report(NULL, &report), 0);
	assert_int_equal(tdxh_count(4, 0), 3);
	assert_int_equal(tdxh_record(0)->in.gpr[TDXH_RCX], tdxh_record(2)->in.gpr[TDXH_RCX]);
	assert_int_equal(tdxh_record(0)->in.gpr[TDXH_RDX], tdxh_record(2)->in.gpr[TDXH_RDX]);
	assert_int_equal(tdxh.attest.nr_reports, 1);
	assert_int_equal(report.mac.type, 0x81);
}

static void failure_leaves_no_report(void **state)
{
	static const uint8_t zero[1024];

	(void)state;
	tdxh_arm();
	tdxh_inject(4, 0, 0xC000010000000002ull, 1);
	assert_int_equal(tdx_get_report(NULL, &report), INVALID_RDX);
	assert_memory_equal(&report, zero, sizeof(report));
	assert_int_equal(tdxh_count(4, 0), 1);
}

static void verify_detects_tampering(void **state)
{
	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_get_report(NULL, &report), 0);
	report.mac.reportdata[5] ^= 1;
	assert_int_equal(tdx_verify_report(&report.mac), 0xC000100100000000ull);
	report.mac.reportdata[5] ^= 1;
	assert_int_equal(tdx_verify_report(&report.mac), 0);
	tdxh.attest.cpusvn[0] ^= 1;	/* the platform's SVN moved on */
	assert_int_equal(tdx_verify_report(&report.mac), 0xC000100000000000ull);
}

static void verify_alignment_and_busy(void **state)
{
	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_verify_report((const struct tdx_reportmac *)(raw + 128)), REFUSED_RCX);
	assert_int_equal(tdx_verify_report(NULL), REFUSED_RCX);
	assert_int_equal(tdxh.state.nr_calls, 0);
	assert_int_equal(tdx_get_report(NULL, &report), 0);
	tdxh_inject(22, 0, BUSY, 2);
	assert_int_equal(tdx_verify_report(&report.mac), 0);
	assert_int_equal(tdxh_count(22, 0), 3);
}

static void extend_copies_to_aligned_private_buffer(void **state)
{
	uint8_t src[49], want[48];
	const struct tdxh_record *rec;

	(void)state;
	tdxh_arm();
	tdx_sha384("abc", 3, src + 1);	/* deliberately misaligned source */
	assert_int_equal(tdx_extend_rtmr(2, src + 1), 0);
	rec = tdxh_last_record();
	assert_int_equal(rec->in.gpr[TDXH_RAX], 2);
	assert_int_equal(rec->in.gpr[TDXH_RCX] & 63, 0);
	assert_int_equal(rec->in.gpr[TDXH_RDX], 2);
	unhex("93732e3733514a841c982cfa75ea76ab55fe011acb9cd980ef4523913c65be1b"
	      "0998e04d77f8c174f81a82151619ca40", want);
	assert_memory_equal(tdxh.attest.rtmr[2], want, 48);

	assert_int_equal(tdx_measure_and_extend(2, "kernel", 6), 0);
	unhex("ac20d43ea59d3ffab8a2b8028d28d6113c60e79d2fc9ed095e2fad8979c78b62"
	      "177e308700ca973b5b0239daa5dacada", want);
	assert_memory_equal(tdxh.attest.rtmr[2], want, 48);
}

static void extend_index_and_busy(void **state)
{
	uint8_t d[48] = { 1 };

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_extend_rtmr(4, d), REFUSED_RDX);
	assert_int_equal(tdx_measure_and_extend(7, "x", 1), REFUSED_RDX);
	assert_int_equal(tdx_extend_rtmr(0, NULL), REFUSED_RCX);
	assert_int_equal(tdxh.state.nr_calls, 0);
	tdxh_inject(2, 0, BUSY, 3);
	assert_int_equal(tdx_extend_rtmr(3, d), 0);
	assert_int_equal(tdxh_count(2, 0), 4);
	assert_int_equal(tdxh.attest.nr_extends, 1);
	tdxh_inject(2, 0, BUSY, 500);
	assert_int_equal(tdx_extend_rtmr(3, d), BUSY);
	assert_int_equal(tdxh_count(2, 0), 4 + 101);
}

/* Measure a few things, log them, and replay the log: it equals the module's RTMRs. */
static void replay_equals_modelled_rtmrs(void **state)
{
	static const char *const blobs[] = { "firmware", "config", "kernel", "initrd", "cmdline" };
	static const unsigned where[] = { 0, 1, 2, 2, 3 };
	struct tdx_rtmr_event log[5];
	uint8_t rtmr[4][48];

	(void)state;
	tdxh_arm();
	for (int i = 0; i < 5; i++) {
		log[i].index = where[i];
		tdx_sha384(blobs[i], strlen(blobs[i]), log[i].digest);
		assert_int_equal(tdx_extend_rtmr(where[i], log[i].digest), 0);
	}
	assert_int_equal(tdx_rtmr_replay(log, 5, rtmr), TDX_SUCCESS);
	assert_memory_equal(rtmr, tdxh.attest.rtmr, sizeof(rtmr));
	/* and the TDREPORT shows the same values */
	assert_int_equal(tdx_get_report(NULL, &report), 0);
	assert_memory_equal(report.tdinfo.rtmr, rtmr, sizeof(rtmr));

	/* a log with one event missing does not replay to the same values */
	assert_int_equal(tdx_rtmr_replay(log, 4, rtmr), TDX_SUCCESS);
	assert_memory_not_equal(rtmr[3], tdxh.attest.rtmr[3], 48);
	assert_memory_equal(rtmr[2], tdxh.attest.rtmr[2], 48);

	log[1].index = 4;
	assert_int_equal(tdx_rtmr_replay(log, 5, rtmr), TDX_SW_INVALID_ARGUMENT);
	assert_memory_equal(rtmr, (uint8_t[4][48]){ { 0 } }, sizeof(rtmr));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(report_with_nonce, setup),
		cmocka_unit_test_setup(null_reportdata_is_zeros, setup),
		cmocka_unit_test_setup(misaligned_operands_refused_without_tdcall, setup),
		cmocka_unit_test_setup(busy_is_retried_boundedly, setup),
		cmocka_unit_test_setup(interrupted_report_reexecutes, setup),
		cmocka_unit_test_setup(failure_leaves_no_report, setup),
		cmocka_unit_test_setup(verify_detects_tampering, setup),
		cmocka_unit_test_setup(verify_alignment_and_busy, setup),
		cmocka_unit_test_setup(extend_copies_to_aligned_private_buffer, setup),
		cmocka_unit_test_setup(extend_index_and_busy, setup),
		cmocka_unit_test_setup(replay_equals_modelled_rtmrs, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
