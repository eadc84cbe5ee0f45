/* SPDX-License-Identifier: MIT */
/*
 * tdx_report_fatal_error under the harness.  GHCI ReportFatalError
 * (R11 = 0x10003): R12 error code (bit 63: R13 valid; bits 15:0 zero),
 * R13 shared GPA of a NUL-terminated string, message bytes 0..63 in R14,
 * R15, RBX, RDI, RSI, R8, R9, RDX, little-endian.  The model decodes the
 * registers back to text and asks the harness to stop the guest; the stop
 * hook siglongjmps back here, since the function never returns.
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

static sigjmp_buf stopped;
static int stop_code;
static unsigned halts, halts_before_stop;

static void on_stop(int code)
{
	stop_code = code;
	siglongjmp(stopped, 1);
}

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	tdxh.vmm.fatal.resume = false;		/* the VMM stops the TD */
	tdxh.vmm.fatal.read_page = true;	/* and reads the message page */
	tdxh.stop_hook = on_stop;
	stop_code = 0;
	halts = 0;
	return 0;
}

/* Run the fatal path; true if the guest was stopped (it must never return). */
static bool die(uint64_t code, const char *message, void *page)
{
	if (sigsetjmp(stopped, 1))
		return true;
	tdx_report_fatal_error(code, message, page);
	return false;	/* not reached: noreturn */
}

static const struct tdxh_record *fatal_record(void)
{
	for (uint64_t i = tdxh.state.nr_records; i-- > 0;)
		if (tdxh_record(i)->subfn == 0x10003)
			return tdxh_record(i);
	return NULL;
}

/*
 * Runs FIRST in this program (tdx_shared_mask() caches its first good
 * answer): without a shared bit the page cannot be named, so only the
 * registers carry the message and R12 bit 63 stays clear.
 */
static void no_shared_bit_no_page(void **state)
{
	static char page[4096] __attribute__((aligned(4096)));

	(void)state;
	tdxh_arm();
	tdxh_inject(1, 0, 0xC000010000000000ull, 1);	/* TDG.VP.INFO fails */
	memset(page, 'x', sizeof(page));
	assert_true(die(TDX_FATAL_ERROR_CODE(3), "no page", page));
	assert_int_equal(tdxh.vmm.fatal.r12, 3ull << 16);
	assert_int_equal(tdxh.vmm.fatal.r13, 0);
	assert_string_equal(tdxh.vmm.fatal.message, "no page");
	assert_int_equal(page[0], 'x');	/* nothing written where nobody can read it */
}

static void message_in_registers(void **state)
{
	/* 70 characters: only the first 64 travel in registers */
	static const char msg[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?+-*/";
	const struct tdxh_record *rec;

	(void)state;
	tdxh_arm();
	assert_true(die(0x5A5A0000ull, msg, NULL));
	assert_int_equal(stop_code, TDXH_STOP_FATAL_ERROR);
	assert_true(tdxh.vmm.fatal.reported);
	assert_int_equal(strlen(tdxh.vmm.fatal.message), 64);
	assert_memory_equal(tdxh.vmm.fatal.message, msg, 64);
	rec = fatal_record();
	assert_non_null(rec);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R12], 0x5A5A0000ull);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R13], 0);
	/* "01234567" little-endian in R14, "89abcdef" in R15, ..., "UVWXYZ!?" in RDX */
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R14], 0x3736353433323130ull);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R15], 0x6665646362613938ull);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RBX], 0x6E6D6C6B6A696867ull);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RDX], 0x3F215A5958575655ull);
}

static void short_message_is_zero_padded(void **state)
{
	const struct tdxh_record *rec;

	(void)state;
	tdxh_arm();
	assert_true(die(TDX_FATAL_ERROR_CODE(7), "oops", NULL));
	assert_string_equal(tdxh.vmm.fatal.message, "oops");
	rec = fatal_record();
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R12], 7ull << 16);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R14], 0x73706F6Full);	/* "oops" */
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R15], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RBX], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RDI], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RSI], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R8], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R9], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RDX], 0);
}

static void code_low_bits_and_bit63_are_cleared(void **state)
{
	(void)state;
	tdxh_arm();
	assert_true(die(0xFFFFFFFFFFFFFFFFull, NULL, NULL));
	/* QEMU refuses a code with bits 15:0 set; bit 63 without R13 would lie */
	assert_int_equal(tdxh.vmm.fatal.r12, 0x7FFFFFFFFFFF0000ull);
	assert_true(tdxh.vmm.fatal.reported);
	assert_string_equal(tdxh.vmm.fatal.message, "");
}

static void long_message_in_shared_page(void **state)
{
	char *page, *msg;

	(void)state;
	tdxh_arm();
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(page != MAP_FAILED);
	msg = malloc(5000);
	for (int i = 0; i < 4999; i++)
		msg[i] = (char)('a' + i % 26);
	msg[4999] = '\0';

	msg[300] = '\0';
	assert_true(die(TDX_FATAL_ERROR_CODE(1), msg, page));
	assert_int_equal(tdxh.vmm.fatal.r12, (1ull << 63) | (1ull << 16));
	assert_int_equal(tdxh.vmm.fatal.r13, (uint64_t)(uintptr_t)page | (1ull << 47));
	assert_string_equal(tdxh.vmm.fatal.shared, msg);
	assert_memory_equal(tdxh.vmm.fatal.message, msg, 64);

	/* longer than the page: cut at its end, still NUL-terminated */
	msg[300] = 'o';
	tdxh_reset();
	tdxh.vmm.fatal.resume = false;		/* the VMM stops the TD */
	tdxh.vmm.fatal.read_page = true;	/* and reads the message page */
	tdxh_arm();
	tdxh.stop_hook = on_stop;
	assert_true(die(0, msg, page + 4000));
	assert_int_equal(strlen(tdxh.vmm.fatal.shared), 95);
	assert_int_equal(page[4095], '\0');
	assert_memory_equal(tdxh.vmm.fatal.shared, msg, 95);
	free(msg);
	munmap(page, 4096);
}

static void counting_hlt(struct tdxh_vmcall *call)
{
	halts++;
	tdxh_vmm_status(call, 0);
	if (halts == halts_before_stop)
		tdxh_request_stop(99);
}

/* A VMM that resumes the TD anyway: the vCPU halts, again and again. */
static void resumed_td_halts_forever(void **state)
{
	(void)state;
	tdxh_arm();
	tdxh.vmm.fatal.resume = true;
	halts_before_stop = 5;
	tdxh_set_vmcall_model(12, counting_hlt);
	assert_true(die(0, "resume me", NULL));
	assert_int_equal(stop_code, 99);
	assert_int_equal(halts, 5);
	assert_int_equal(tdxh.vmm.fatal.nr_reports, 1);
	/* a VMM that fails the call itself changes nothing either */
	tdxh_reset();
	tdxh.vmm.fatal.resume = false;		/* the VMM stops the TD */
	tdxh.vmm.fatal.read_page = true;	/* and reads the message page */
	tdxh_arm();
	tdxh.stop_hook = on_stop;
	halts = 0;
	tdxh_set_vmcall_model(12, counting_hlt);
	tdxh_inject(0, 0x10003, 0x8000000000000000ull, 1);
	assert_true(die(0, "refused", NULL));
	assert_int_equal(halts, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(no_shared_bit_no_page, setup),	/* first: see there */
		cmocka_unit_test_setup(message_in_registers, setup),
		cmocka_unit_test_setup(short_message_is_zero_padded, setup),
		cmocka_unit_test_setup(code_low_bits_and_bit63_are_cleared, setup),
		cmocka_unit_test_setup(long_message_in_shared_page, setup),
		cmocka_unit_test_setup(resumed_td_halts_forever, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
