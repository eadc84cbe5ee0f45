/* SPDX-License-Identifier: MIT */
/*
 * The error model (include/tdx/error.h): class helpers that look at bits
 * 63:32 only, and tdx_strerror / tdvmcall_strerror naming the module's
 * completion statuses and the TDVMCALL statuses with their details.  Values
 * typed from the TDX Module ABI spec's completion status codes (tdx-module
 * source: tdx_error_codes_defs.h) and the GHCI's TDG.VP.VMCALL status codes.
 */
#include <tdx/tdx.h>
#include "abi_test.h"

#include <pthread.h>

static void class_helpers_ignore_the_detail(void **state)
{
	(void)state;
	assert_true(tdx_status_is(0xC000010000000001ull, 0xC000010000000000ull));
	assert_true(tdx_status_is(0x00000B0A00000002ull, 0x00000B0A00000000ull));
	assert_false(tdx_status_is(0xC000010100000001ull, 0xC000010000000000ull));

	assert_true(tdx_status_is_busy(0x8000020000000000ull));
	assert_true(tdx_status_is_busy(0x8000020000000002ull));
	assert_false(tdx_status_is_busy(0xC000010000000000ull));

	assert_false(tdx_status_is_error(0));
	assert_false(tdx_status_is_error(0x00000B0A00000001ull));	/* ALREADY_ACCEPTED: warning */
	assert_true(tdx_status_is_error(0xC0000B0B00000001ull));
	assert_true(tdx_status_is_error(0x8000020000000000ull));

	assert_true(tdx_status_is_recoverable(0x8000020000000000ull));	/* BUSY */
	assert_false(tdx_status_is_recoverable(0xC000010000000001ull));	/* OPERAND_INVALID */
	assert_false(tdx_status_is_recoverable(0x4000000100000000ull));	/* NON_RECOVERABLE_VCPU */
	assert_true(tdx_status_is_fatal(0xE000060400000000ull));	/* TD_FATAL */
	assert_true(tdx_status_is_fatal(0x6000000200000000ull));	/* NON_RECOVERABLE_TD */
	assert_false(tdx_status_is_fatal(0xC000010000000000ull));

	assert_false(tdvmcall_status_is_error(0));
	assert_false(tdvmcall_status_is_error(1));	/* RETRY */
	assert_true(tdvmcall_status_is_error(0x8000000000000000ull));
	assert_true(tdvmcall_status_is_error(0x8000000000000003ull));
}

static void strerror_names_every_module_status(void **state)
{
	static const struct { uint64_t status; const char *name; } table[] = {
		{ 0x0000000000000000ull, "TDX_SUCCESS" },
		{ 0x4000000100000000ull, "TDX_NON_RECOVERABLE_VCPU" },
		{ 0x6000000200000000ull, "TDX_NON_RECOVERABLE_TD" },
		{ 0x8000000300000000ull, "TDX_INTERRUPTED_RESUMABLE" },
		{ 0xC000010000000000ull, "TDX_OPERAND_INVALID (operand RAX)" },
		{ 0xC000010100000002ull, "TDX_OPERAND_ADDR_RANGE_ERROR (operand RDX)" },
		{ 0x8000020000000001ull, "TDX_OPERAND_BUSY (operand RCX)" },
		{ 0xC000030000000001ull, "TDX_PAGE_METADATA_INCORRECT (operand RCX)" },
		{ 0xE000060400000000ull, "TDX_TD_FATAL" },
		{ 0xC000060800000000ull, "TDX_OP_STATE_INCORRECT" },
		{ 0xC000070000000000ull, "TDX_VCPU_STATE_INCORRECT" },
		{ 0xC000070400000000ull, "TDX_NO_VALID_VE_INFO" },
		{ 0xC0000B0000000000ull, "TDX_EPT_WALK_FAILED (level 4K)" },
		{ 0x00000B0A00000001ull, "TDX_PAGE_ALREADY_ACCEPTED (level 2M)" },
		{ 0xC0000B0B00000000ull, "TDX_PAGE_SIZE_MISMATCH (level 4K)" },
		{ 0xC0000B0B00000002ull, "TDX_PAGE_SIZE_MISMATCH (level 1G)" },
		{ 0xC0000C0000000000ull, "TDX_METADATA_FIELD_ID_INCORRECT" },
		{ 0xC0000C0100000000ull, "TDX_METADATA_FIELD_NOT_WRITABLE" },
		{ 0xC0000C0200000000ull, "TDX_METADATA_FIELD_NOT_READABLE" },
		{ 0xC0000C0300000000ull, "TDX_METADATA_FIELD_VALUE_NOT_VALID" },
		{ 0x00000C0B00000000ull, "TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT" },
		{ 0xC0000D0700000000ull, "TDX_TARGET_UUID_MISMATCH" },
		{ 0xC0000D0800000000ull, "TDX_TARGET_UUID_UPDATED" },
		{ 0xC000100000000000ull, "TDX_INVALID_CPUSVN" },
		{ 0xC000100100000000ull, "TDX_INVALID_REPORTMACSTRUCT" },
		{ 0xC000010000000001ull, "TDX_OPERAND_INVALID (operand RCX)" },
		{ 0xC000010000000008ull, "TDX_OPERAND_INVALID (operand R8)" },
		{ 0xC00001000000000Full, "TDX_OPERAND_INVALID (operand R15)" },
		{ 0xC0000100000000A8ull, "TDX_OPERAND_INVALID (operand RTMR)" },
		{ 0xC000010000000099ull, "TDX_OPERAND_INVALID (detail unknown)" },
		{ 0x00000B0A00000007ull, "TDX_PAGE_ALREADY_ACCEPTED (detail unknown)" },
		{ 0xC000070400000001ull, "TDX_NO_VALID_VE_INFO (detail unknown)" },
		{ 0xC0FFEE0000000000ull, "TDX status (unknown code)" },
	};

	(void)state;
	for (unsigned i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		assert_string_equal(tdx_strerror(table[i].status), table[i].name);
}

static void tdvmcall_strerror_names_every_status(void **state)
{
	(void)state;
	assert_string_equal(tdvmcall_strerror(0), "TDVMCALL_STATUS_SUCCESS");
	assert_string_equal(tdvmcall_strerror(1), "TDVMCALL_STATUS_RETRY");
	assert_string_equal(tdvmcall_strerror(0x8000000000000000ull), "TDVMCALL_STATUS_INVALID_OPERAND");
	assert_string_equal(tdvmcall_strerror(0x8000000000000001ull), "TDVMCALL_STATUS_GPA_INUSE");
	assert_string_equal(tdvmcall_strerror(0x8000000000000002ull), "TDVMCALL_STATUS_ALIGN_ERROR");
	assert_string_equal(tdvmcall_strerror(0x8000000000000003ull),
			    "TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED");
	assert_string_equal(tdvmcall_strerror(0x8000000000000004ull), "TDVMCALL status (unknown)");
	assert_string_equal(tdvmcall_strerror(2), "TDVMCALL status (unknown)");
}

static void strerror_r_formats_unknown_details(void **state)
{
	char buf[80];
	char tiny[8];

	(void)state;
	assert_string_equal(tdx_strerror_r(0xC000010000000001ull, buf, sizeof(buf)),
			    "TDX_OPERAND_INVALID (operand RCX)");
	assert_string_equal(tdx_strerror_r(0xC000010000000099ull, buf, sizeof(buf)),
			    "TDX_OPERAND_INVALID (detail 0x00000099)");
	assert_string_equal(tdx_strerror_r(0xC0FFEE0000000001ull, buf, sizeof(buf)),
			    "TDX status 0xc0ffee0000000001 (unknown code)");
	/* Truncated, still terminated; size 0 writes nothing. */
	assert_string_equal(tdx_strerror_r(0xC000010000000001ull, tiny, sizeof(tiny)), "TDX_OPE");
	tiny[0] = 'x';
	assert_ptr_equal(tdx_strerror_r(0, tiny, 0), tiny);
	assert_int_equal(tiny[0], 'x');
}

/* The answers are constants: two threads asking at once get stable strings. */
static void *ask_many(void *arg)
{
	uint64_t status = (uint64_t)(uintptr_t)arg;
	const char *first = tdx_strerror(status);

	for (int i = 0; i < 10000; i++)
		if (tdx_strerror(status) != first)
			return (void *)1;
	return NULL;
}

static void strerror_is_thread_safe(void **state)
{
	pthread_t a, b;
	void *ra, *rb;

	(void)state;
	pthread_create(&a, NULL, ask_many, (void *)(uintptr_t)0xC000010000000001ull);
	pthread_create(&b, NULL, ask_many, (void *)(uintptr_t)0x00000B0A00000001ull);
	pthread_join(a, &ra);
	pthread_join(b, &rb);
	assert_null(ra);
	assert_null(rb);
	assert_string_equal(tdx_strerror(0xC000010000000001ull), "TDX_OPERAND_INVALID (operand RCX)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(class_helpers_ignore_the_detail),
		cmocka_unit_test(strerror_names_every_module_status),
		cmocka_unit_test(tdvmcall_strerror_names_every_status),
		cmocka_unit_test(strerror_r_formats_unknown_details),
		cmocka_unit_test(strerror_is_thread_safe),
	};
	return cmocka_run_group_tests_name("abi_error", tests, NULL, NULL);
}
