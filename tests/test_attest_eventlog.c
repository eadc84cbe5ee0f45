/* SPDX-License-Identifier: MIT */
/*
 * The TCG2 crypto-agile event log (tdx/eventlog.h) under the harness:
 * the writer's bytes against hand-computed ones (TCG PC Client PFP
 * layouts: Spec ID Event03, TCG_PCR_EVENT2), a full log that extends
 * nothing, the reader's refusal of each malformed input, and a replay
 * that equals the model's RTMRs and the TDREPORT's.  Reference digests
 * from Python's hashlib; the td-shim-style log and its RTMR values were
 * made by a Python script and checked with tpm2_eventlog 5.4.
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

#define BUSY 0x8000020000000000ull

static _Alignas(1024) struct tdx_report report;
static uint8_t area[4096];
static struct tdx_eventlog wlog;
static struct tdx_eventlog_replay rep;

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	memset(area, 0xAA, sizeof(area));
	memset(&wlog, 0, sizeof(wlog));
	memset(&rep, 0xAA, sizeof(rep));
	return 0;
}

static size_t unhex(const char *h, uint8_t *out)
{
	size_t i;

	for (i = 0; h[2 * i]; i++) {
		unsigned v;

		sscanf(h + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
	return i;
}

static const uint8_t zero48[48];

/* The header the writer makes, byte by byte (TCG PFP, TCG_EfiSpecIDEventStruct). */
static const char spec_id_hex[] =
	"00000000"				/* PCRIndex 0 */
	"03000000"				/* EV_NO_ACTION */
	"0000000000000000000000000000000000000000"	/* 20-byte digest, zero */
	"21000000"				/* EventSize 33 */
	"53706563204944204576656e74303300"	/* "Spec ID Event03\0" */
	"00000000"				/* platformClass 0 */
	"00" "02" "00" "02"			/* version 2.0, errata 0, uintnSize 2 */
	"01000000"				/* numberOfAlgorithms 1 */
	"0c00" "3000"				/* SHA-384, 48 bytes */
	"00";					/* vendorInfoSize 0 */

static void header_bytes(void **state)
{
	uint8_t want[TDX_EVENTLOG_SPEC_ID_SIZE];

	(void)state;
	assert_int_equal(unhex(spec_id_hex, want), TDX_EVENTLOG_SPEC_ID_SIZE);
	assert_int_equal(tdx_eventlog_init(&wlog, area, sizeof(area)), TDX_SUCCESS);
	assert_int_equal(wlog.len, 65);
	assert_memory_equal(area, want, sizeof(want));
	/* The rest of the area reads as "no more events". */
	for (size_t i = sizeof(want); i < sizeof(area); i++)
		assert_int_equal(area[i], 0);
	/* An empty log replays to zeros. */
	assert_int_equal(tdx_eventlog_replay(area, sizeof(area), &rep), TDX_SUCCESS);
	assert_int_equal(rep.length, 65);
	assert_int_equal(rep.events, 0);
	assert_int_equal(rep.algorithms, 1);
	assert_memory_equal(rep.rtmr, (uint8_t[4][48]){ { 0 } }, sizeof(rep.rtmr));
}

/* One event: MR index 2 (RTMR[1]), SHA-384(00 01 02), event data "event1:012". */
static void event_bytes(void **state)
{
	static const uint8_t data[3] = { 0, 1, 2 };
	uint8_t want[66 + 10], digest[48], rtmr1[48];

	(void)state;
	tdxh_arm();
	unhex("02000000" "03000080" "01000000" "0c00"
	      "4f895854c1a4fc5aa2e0456eaf8d0ecaa70c196bd901153861d76b8fa3cd95ce"
	      "ea29eab6a279f8b08437703ce0b4b91a"
	      "0a000000" "6576656e74313a303132", want);
	assert_int_equal(tdx_eventlog_init(&wlog, area, sizeof(area)), TDX_SUCCESS);
	assert_int_equal(tdx_eventlog_append(&wlog, TDX_CC_MR_RTMR1, TDX_EV_EFI_BOOT_SERVICES_APPLICATION,
					     data, sizeof(data), "event1:012", 10), TDX_SUCCESS);
	assert_int_equal(wlog.len, 65 + sizeof(want));
	assert_memory_equal(area + 65, want, sizeof(want));
	assert_int_equal(area[65 + sizeof(want)], 0);
	/* The module saw one extend of RTMR[1] with that digest, from a 64-aligned GPA. */
	assert_int_equal(tdxh.attest.nr_extends, 1);
	assert_int_equal(tdxh_last_record()->in.gpr[TDXH_RAX], 2);
	assert_int_equal(tdxh_last_record()->in.gpr[TDXH_RCX] & 63, 0);
	assert_int_equal(tdxh_last_record()->in.gpr[TDXH_RDX], 1);
	memcpy(digest, want + 14, 48);
	memset(rtmr1, 0, 48);
	tdx_rtmr_extend_value(rtmr1, digest);
	assert_memory_equal(tdxh.attest.rtmr[1], rtmr1, 48);
	assert_memory_equal(tdxh.attest.rtmr[0], zero48, 48);
}

static void mapping_follows_uefi_table(void **state)
{
	static const uint32_t mr_of_pcr[16] = { 0, 1, 2, 2, 2, 2, 2, 1, 3, 3, 3, 3, 3, 3, 3, 3 };

	(void)state;
	for (uint32_t pcr = 0; pcr < 16; pcr++)
		assert_int_equal(tdx_pcr_to_cc_mr(pcr), mr_of_pcr[pcr]);
	assert_int_equal(tdx_pcr_to_cc_mr(16), TDX_CC_MR_INVALID);
	assert_int_equal(tdx_pcr_to_cc_mr(0xFFFFFFFFu), TDX_CC_MR_INVALID);
	assert_int_equal(tdx_cc_mr_to_rtmr(0), TDX_CC_MR_INVALID);
	for (uint32_t mr = 1; mr <= 4; mr++)
		assert_int_equal(tdx_cc_mr_to_rtmr(mr), mr - 1);
	assert_int_equal(tdx_cc_mr_to_rtmr(5), TDX_CC_MR_INVALID);
}

static void bad_arguments(void **state)
{
	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_eventlog_init(NULL, area, sizeof(area)), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_eventlog_init(&wlog, NULL, sizeof(area)), TDX_SW_INVALID_ARGUMENT);
	/* Too small for the header: nothing written. */
	assert_int_equal(tdx_eventlog_init(&wlog, area, 64), TDX_SW_EVENTLOG_FULL);
	assert_int_equal(area[0], 0xAA);
	assert_int_equal(tdx_eventlog_init(&wlog, area, 65), TDX_SUCCESS);
	assert_int_equal(tdx_eventlog_append(&wlog, 0, 4, "x", 1, NULL, 0), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_eventlog_append(&wlog, 5, 4, "x", 1, NULL, 0), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_eventlog_append(&wlog, 1, TDX_EV_NO_ACTION, "x", 1, NULL, 0),
			 TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_eventlog_append(&wlog, 1, 4, NULL, 1, NULL, 0), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_eventlog_append(&wlog, 1, 4, "x", 1, NULL, 1), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_eventlog_append(NULL, 1, 4, "x", 1, NULL, 0), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdxh.state.nr_calls, 0);
	assert_int_equal(tdx_eventlog_replay(area, 65, NULL), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_eventlog_replay(NULL, 65, &rep), TDX_SW_INVALID_ARGUMENT);
}

/* Append until the log is full: the event that does not fit extends nothing, writes nothing. */
static void append_until_full(void **state)
{
	/* Room for the header and exactly three 66 + 8 byte events, plus 73 bytes. */
	size_t size = 65 + 3 * 74 + 73;
	uint8_t before[sizeof(area)], rtmrs[4][48];
	unsigned n = 0;
	uint64_t status;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_eventlog_init(&wlog, area, size), TDX_SUCCESS);
	while ((status = tdx_eventlog_append(&wlog, 1 + n % 4, TDX_EV_SEPARATOR, &n, sizeof(n),
					     "12345678", 8)) == TDX_SUCCESS) {
		n++;
		memcpy(before, area, sizeof(area));
		memcpy(rtmrs, tdxh.attest.rtmr, sizeof(rtmrs));
	}
	assert_int_equal(status, TDX_SW_EVENTLOG_FULL);
	assert_string_equal(tdx_strerror(status), "TDX_SW_EVENTLOG_FULL");
	assert_int_equal(n, 3);
	assert_int_equal(wlog.len, size - 73);
	assert_int_equal(tdxh.attest.nr_extends, 3);
	assert_memory_equal(area, before, sizeof(area));		/* nothing half-written */
	assert_memory_equal(tdxh.attest.rtmr, rtmrs, sizeof(rtmrs));	/* nothing extended */
	/* A shorter event still fits: 66 + 7 = 73. */
	assert_int_equal(tdx_eventlog_append(&wlog, 4, TDX_EV_SEPARATOR, "", 0, "1234567", 7), TDX_SUCCESS);
	assert_int_equal(wlog.len, size);
	assert_int_equal(tdx_eventlog_append(&wlog, 4, TDX_EV_SEPARATOR, "", 0, NULL, 0),
			 TDX_SW_EVENTLOG_FULL);
	assert_int_equal(area[size], 0xAA);
	/* and the log replays to what the module holds */
	assert_int_equal(tdx_eventlog_replay(area, size, &rep), TDX_SUCCESS);
	assert_int_equal(rep.events, 4);
	assert_memory_equal(rep.rtmr, tdxh.attest.rtmr, sizeof(rep.rtmr));
}

/* A failed extend: the status comes back, the log stays as it was. */
static void extend_failure_logs_nothing(void **state)
{
	uint8_t before[sizeof(area)];

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_eventlog_init(&wlog, area, sizeof(area)), TDX_SUCCESS);
	memcpy(before, area, sizeof(area));
	tdxh_inject(2, 0, BUSY, 500);
	assert_int_equal(tdx_eventlog_append(&wlog, 2, TDX_EV_SEPARATOR, "x", 1, "e", 1), BUSY);
	assert_int_equal(wlog.len, 65);
	assert_memory_equal(area, before, sizeof(area));
}

/* Measure several things into every RTMR: the replay equals the module's RTMRs and the TDREPORT's. */
static void replay_equals_model(void **state)
{
	static const char *const blobs[] = { "config", "payload", "cmdline", "initrd", "app", "policy" };
	static const uint32_t mr[] = { 1, 2, 3, 3, 4, 1 };

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_eventlog_init(&wlog, area, sizeof(area)), TDX_SUCCESS);
	for (int i = 0; i < 6; i++)
		assert_int_equal(tdx_eventlog_append(&wlog, mr[i], TDX_EV_EFI_PLATFORM_FIRMWARE_BLOB2,
						     blobs[i], strlen(blobs[i]), blobs[i], 3), TDX_SUCCESS);
	assert_int_equal(tdxh.attest.nr_extends, 6);
	assert_int_equal(tdx_eventlog_replay(area, sizeof(area), &rep), TDX_SUCCESS);
	assert_int_equal(rep.events, 6);
	assert_int_equal(rep.extended, 6);
	assert_int_equal(rep.length, wlog.len);
	assert_memory_equal(rep.rtmr, tdxh.attest.rtmr, sizeof(rep.rtmr));
	assert_int_equal(tdx_get_report(NULL, &report), 0);
	assert_memory_equal(report.tdinfo.rtmr, rep.rtmr, sizeof(rep.rtmr));
	/* The exact length replays the same; so does the area filled with 0xFF. */
	assert_int_equal(tdx_eventlog_replay(area, wlog.len, &rep), TDX_SUCCESS);
	assert_memory_equal(rep.rtmr, tdxh.attest.rtmr, sizeof(rep.rtmr));
	memset(area + wlog.len, 0xFF, sizeof(area) - wlog.len);
	assert_int_equal(tdx_eventlog_replay(area, sizeof(area), &rep), TDX_SUCCESS);
	assert_memory_equal(rep.rtmr, tdxh.attest.rtmr, sizeof(rep.rtmr));
	/* One digest byte flipped: the replay no longer matches. */
	area[65 + 14] ^= 1;
	assert_int_equal(tdx_eventlog_replay(area, sizeof(area), &rep), TDX_SUCCESS);
	assert_memory_not_equal(rep.rtmr[0], tdxh.attest.rtmr[0], 48);
	assert_memory_equal(rep.rtmr[1], tdxh.attest.rtmr[1], 48);
}

/* A td-shim-style log (vendor info "td-shim", errata 105), checked with tpm2_eventlog 5.4. */
static const char tdshim_hex[] =
	"000000000300000000000000000000000000000000000000000000002800000053706563204944204576656e743033000000000000026902010000000c003000"
	"0774642d7368696d010000000a000080010000000c00731d940a86735ba194f57d95bee7e937dfb7e2c19eb77536f202064b99bb1be72e01f2e9c3c769173fe8"
	"0601974abcdf14000000034346560000c0ff0000000000400800000000000100000004000000010000000c00394341b7182cd227c5c6b07ef8000cdfd86136c4"
	"292b8e576573ad7ed9ae41019f5818b4b971c9effc60e1ad9f1289f004000000000000000200000004000000010000000c00394341b7182cd227c5c6b07ef800"
	"0cdfd86136c4292b8e576573ad7ed9ae41019f5818b4b971c9effc60e1ad9f1289f004000000000000000200000003000080010000000c00e79f1488f7b09339"
	"5bb9110d4587c148783933fda5ea8e9a418fb52aa1d8603eacd96fc1696f6cebdfc8d54ff46cd703280000004141414141414141414141414141414141414141"
	"41414141414141414141414141414141414141410300000004000000010000000c00394341b7182cd227c5c6b07ef8000cdfd86136c4292b8e576573ad7ed9ae"
	"41019f5818b4b971c9effc60e1ad9f1289f004000000000000000300000006000000010000000c000ea077a251cb5b89108623041521d525aa49452a84239b04"
	"232bd69ad66b2885b792748e445082253569dd304c50a1100c000000ec223b8f04000000696e6974";

static void replays_a_foreign_log(void **state)
{
	uint8_t want[4][48] = { { 0 } };
	size_t n;

	(void)state;
	n = unhex(tdshim_hex, area);
	assert_int_equal(n, 552);
	unhex("217364cbfd943cb3285dfddb08c1b270603e75024cd978bbd2d09a66b60f88781db93e123a0e981619beb439397bfc68", want[0]);
	unhex("5d0f9f2d8b5ec9feddd4e2f5f5f1250556b963ec1d2b9e1cdab8a7cdf61aa5006f36e804f6bb48ae8d34635ffb9ed1e8", want[1]);
	unhex("c5327cb240af5e7b55a0fb979b6c9d473f5df2e1b12ed1c970625a5619935672196baf40e0be49b7d24f1a6b454c36ad", want[2]);
	assert_int_equal(tdx_eventlog_replay(area, n, &rep), TDX_SUCCESS);
	assert_int_equal(rep.events, 6);
	assert_int_equal(rep.length, 552);
	assert_memory_equal(rep.rtmr, want, sizeof(want));
	/* td-shim's zero fill after it, then TDVF's 0xFF fill. */
	memset(area + n, 0, sizeof(area) - n);
	assert_int_equal(tdx_eventlog_replay(area, sizeof(area), &rep), TDX_SUCCESS);
	assert_int_equal(rep.length, 552);
	assert_memory_equal(rep.rtmr, want, sizeof(want));
	memset(area + n, 0xFF, sizeof(area) - n);
	assert_int_equal(tdx_eventlog_replay(area, sizeof(area), &rep), TDX_SUCCESS);
	assert_memory_equal(rep.rtmr, want, sizeof(want));
	/* Something after the fill is no fill: a record that is refused. */
	area[sizeof(area) - 1] = 0;
	assert_int_equal(tdx_eventlog_replay(area, sizeof(area), &rep), TDX_SW_EVENTLOG_BAD_INDEX);
	assert_int_equal(rep.length, 552);
}

/* ---- a log builder for the reader's tests: any banks, any records ---------- */

static uint8_t *put(uint8_t *p, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		*p++ = (uint8_t)(v >> (8 * i));
	return p;
}

/* A Spec ID header with `n` banks {id, size}; returns its length. */
static size_t make_header(uint8_t *p, uint32_t pcr, const uint16_t (*algs)[2], uint32_t n)
{
	uint8_t *q = p;

	q = put(q, pcr, 4);
	q = put(q, TDX_EV_NO_ACTION, 4);
	memset(q, 0, 20);
	q += 20;
	q = put(q, 29 + 4 * n, 4);
	memcpy(q, "Spec ID Event03", 16);
	q += 16;
	q = put(q, 0, 4);
	*q++ = 0;
	*q++ = 2;
	*q++ = 0;
	*q++ = 2;
	q = put(q, n, 4);
	for (uint32_t i = 0; i < n; i++) {
		q = put(q, algs[i][0], 2);
		q = put(q, algs[i][1], 2);
	}
	*q++ = 0;
	return (size_t)(q - p);
}

/* A TCG_PCR_EVENT2 with the banks' digests, each filled with its bank's id; returns its length. */
static size_t make_event(uint8_t *p, uint32_t mr, uint32_t type, const uint16_t (*algs)[2], uint32_t n,
			 const uint8_t *sha384, uint32_t evsize)
{
	uint8_t *q = p;

	q = put(q, mr, 4);
	q = put(q, type, 4);
	q = put(q, n, 4);
	for (uint32_t i = 0; i < n; i++) {
		q = put(q, algs[i][0], 2);
		if (algs[i][0] == TDX_TPM_ALG_SHA384)
			memcpy(q, sha384, 48);
		else
			memset(q, algs[i][0], algs[i][1]);
		q += algs[i][1];
	}
	q = put(q, evsize, 4);
	memset(q, 'e', evsize);
	return (size_t)(q - p) + evsize;
}

static const uint16_t two_banks[2][2] = { { TDX_TPM_ALG_SHA256, 32 }, { TDX_TPM_ALG_SHA384, 48 } };

/* SHA-256 + SHA-384, TDVF's header index (1), EV_NO_ACTION and MR 0 events skipped. */
static void replays_several_banks(void **state)
{
	uint8_t d1[48], d2[48], want[4][48] = { { 0 } };
	size_t len;

	(void)state;
	tdx_sha384("one", 3, d1);
	tdx_sha384("two", 3, d2);
	len = make_header(area, 1, two_banks, 2);
	len += make_event(area + len, 2, TDX_EV_SEPARATOR, two_banks, 2, d1, 4);
	len += make_event(area + len, 3, TDX_EV_NO_ACTION, two_banks, 2, d2, 0);
	len += make_event(area + len, 0, TDX_EV_POST_CODE, two_banks, 2, d2, 1);
	len += make_event(area + len, 4, TDX_EV_EVENT_TAG, two_banks, 2, d2, 9);
	tdx_rtmr_extend_value(want[1], d1);
	tdx_rtmr_extend_value(want[3], d2);
	assert_int_equal(tdx_eventlog_replay(area, len, &rep), TDX_SUCCESS);
	assert_int_equal(rep.algorithms, 2);
	assert_int_equal(rep.algorithm_id[0], TDX_TPM_ALG_SHA256);
	assert_int_equal(rep.digest_size[0], 32);
	assert_int_equal(rep.algorithm_id[1], TDX_TPM_ALG_SHA384);
	assert_int_equal(rep.digest_size[1], 48);
	assert_int_equal(rep.events, 4);
	assert_int_equal(rep.extended, 2);
	assert_memory_equal(rep.rtmr, want, sizeof(want));
}

/* Replay `len` bytes of area; expect `status`, zeroed RTMRs, and the refused record's offset. */
static void refused(size_t len, uint64_t status, size_t at)
{
	memset(&rep, 0xAA, sizeof(rep));
	assert_int_equal(tdx_eventlog_replay(area, len, &rep), status);
	assert_memory_equal(rep.rtmr, (uint8_t[4][48]){ { 0 } }, sizeof(rep.rtmr));
	assert_int_equal(rep.length, at);
}

static void refuses_malformed_headers(void **state)
{
	static const uint16_t sha1_only[1][2] = { { TDX_TPM_ALG_SHA1, 20 } };
	static const uint16_t unknown[2][2] = { { 0x0099, 32 }, { TDX_TPM_ALG_SHA384, 48 } };
	static const uint16_t bad_size[1][2] = { { TDX_TPM_ALG_SHA384, 32 } };
	static const uint16_t twice[2][2] = { { TDX_TPM_ALG_SHA384, 48 }, { TDX_TPM_ALG_SHA384, 48 } };
	uint16_t many[9][2];
	size_t len;

	(void)state;
	/* Truncated anywhere in the header. */
	len = make_header(area, 0, two_banks, 2);
	for (size_t cut = 0; cut < len; cut++)
		refused(cut, TDX_SW_EVENTLOG_TRUNCATED, 0);
	/* Not EV_NO_ACTION; a non-zero SHA-1 digest; a wrong signature; PCRIndex 5. */
	area[4] = 4;
	refused(len, TDX_SW_EVENTLOG_BAD_HEADER, 0);
	area[4] = 3;
	area[27] = 1;
	refused(len, TDX_SW_EVENTLOG_BAD_HEADER, 0);
	area[27] = 0;
	area[32 + 14] = '4';
	refused(len, TDX_SW_EVENTLOG_BAD_HEADER, 0);
	area[32 + 14] = '3';
	area[0] = 5;
	refused(len, TDX_SW_EVENTLOG_BAD_INDEX, 0);
	area[0] = 0;
	assert_int_equal(tdx_eventlog_replay(area, len, &rep), TDX_SUCCESS);
	/* numberOfAlgorithms 0, or more than the list holds. */
	area[32 + 24] = 0;
	refused(len, TDX_SW_EVENTLOG_BAD_HEADER, 0);
	area[32 + 24] = 3;
	refused(len, TDX_SW_EVENTLOG_BAD_HEADER, 0);
	area[32 + 24] = 2;
	/* vendorInfoSize that does not end the struct; an EventSize past the end. */
	area[len - 1] = 1;
	refused(len, TDX_SW_EVENTLOG_BAD_HEADER, 0);
	area[len - 1] = 0;
	area[28] = (uint8_t)(area[28] + 1);
	refused(len, TDX_SW_EVENTLOG_TRUNCATED, 0);
	/* Algorithms: SHA-1 only (no SHA-384 bank), an unknown id, a wrong size, one twice, 9 of them. */
	refused(make_header(area, 0, sha1_only, 1), TDX_SW_EVENTLOG_UNKNOWN_ALGORITHM, 0);
	refused(make_header(area, 0, unknown, 2), TDX_SW_EVENTLOG_UNKNOWN_ALGORITHM, 0);
	refused(make_header(area, 0, bad_size, 1), TDX_SW_EVENTLOG_DIGEST_MISMATCH, 0);
	refused(make_header(area, 0, twice, 2), TDX_SW_EVENTLOG_BAD_HEADER, 0);
	for (int i = 0; i < 9; i++) {
		many[i][0] = TDX_TPM_ALG_SHA384;
		many[i][1] = 48;
	}
	refused(make_header(area, 0, (const uint16_t (*)[2])many, 9), TDX_SW_EVENTLOG_BAD_HEADER, 0);
	assert_string_equal(tdx_strerror(TDX_SW_EVENTLOG_BAD_HEADER), "TDX_SW_EVENTLOG_BAD_HEADER");
}

static void refuses_malformed_events(void **state)
{
	static const uint16_t only_sha256[1][2] = { { TDX_TPM_ALG_SHA256, 32 } };
	uint8_t d[48] = { 7 };
	size_t hlen, len, ev;

	(void)state;
	hlen = make_header(area, 0, two_banks, 2);
	ev = make_event(area + hlen, 1, TDX_EV_SEPARATOR, two_banks, 2, d, 4);
	len = hlen + ev;
	assert_int_equal(tdx_eventlog_replay(area, len, &rep), TDX_SUCCESS);
	/* Cut anywhere inside the event (but not at its start, which is the end of the log). */
	for (size_t cut = 1; cut < ev; cut++)
		refused(hlen + cut, TDX_SW_EVENTLOG_TRUNCATED, hlen);
	/* EventSize past the end, by one and by 4 GiB - 1. */
	area[len - 8] = 5;
	refused(len, TDX_SW_EVENTLOG_TRUNCATED, hlen);
	put(area + len - 8, 0xFFFFFFFFu, 4);
	refused(len, TDX_SW_EVENTLOG_TRUNCATED, hlen);
	put(area + len - 8, 4, 4);
	/* Digest count 1 and 3 (the header says 2), and 0xFFFFFFFF. */
	area[hlen + 8] = 1;
	refused(len, TDX_SW_EVENTLOG_DIGEST_MISMATCH, hlen);
	area[hlen + 8] = 3;
	refused(len, TDX_SW_EVENTLOG_DIGEST_MISMATCH, hlen);
	put(area + hlen + 8, 0xFFFFFFFFu, 4);
	refused(len, TDX_SW_EVENTLOG_DIGEST_MISMATCH, hlen);
	put(area + hlen + 8, 2, 4);
	/* An algorithm the header did not list; the same bank twice. */
	area[hlen + 12] = 0x0D;
	refused(len, TDX_SW_EVENTLOG_UNKNOWN_ALGORITHM, hlen);
	area[hlen + 12] = 0x0B;
	area[hlen + 14 + 32] = 0x0B;
	refused(len, TDX_SW_EVENTLOG_DIGEST_MISMATCH, hlen);
	area[hlen + 14 + 32] = 0x0C;
	/* MR index 5 and 0xFFFFFFFF followed by something that is no 0xFF fill. */
	area[hlen] = 5;
	refused(len, TDX_SW_EVENTLOG_BAD_INDEX, hlen);
	put(area + hlen, 0xFFFFFFFFu, 4);
	refused(len, TDX_SW_EVENTLOG_BAD_INDEX, hlen);
	put(area + hlen, 1, 4);
	assert_int_equal(tdx_eventlog_replay(area, len, &rep), TDX_SUCCESS);
	/* A second event refused: the offset is its own, the first one's RTMR is zeroed too. */
	len += make_event(area + len, 9, TDX_EV_SEPARATOR, two_banks, 2, d, 0);
	refused(len, TDX_SW_EVENTLOG_BAD_INDEX, hlen + ev);
	/* A log whose events carry no SHA-384 digest: the header already says so. */
	refused(make_header(area, 0, only_sha256, 1), TDX_SW_EVENTLOG_UNKNOWN_ALGORITHM, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(header_bytes, setup),
		cmocka_unit_test_setup(event_bytes, setup),
		cmocka_unit_test_setup(mapping_follows_uefi_table, setup),
		cmocka_unit_test_setup(bad_arguments, setup),
		cmocka_unit_test_setup(append_until_full, setup),
		cmocka_unit_test_setup(extend_failure_logs_nothing, setup),
		cmocka_unit_test_setup(replay_equals_model, setup),
		cmocka_unit_test_setup(replays_a_foreign_log, setup),
		cmocka_unit_test_setup(replays_several_banks, setup),
		cmocka_unit_test_setup(refuses_malformed_headers, setup),
		cmocka_unit_test_setup(refuses_malformed_events, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
