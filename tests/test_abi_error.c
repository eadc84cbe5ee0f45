/* SPDX-License-Identifier: MIT */
/*
 * The error model (include/tdx/error.h): class helpers that look at bits
 * 63:32 only, the library's software statuses and lifted TDVMCALL statuses
 * as classes of their own, and tdx_strerror / tdvmcall_strerror naming
 * every status with its detail.  Values
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
		{ 0xC0000C0400000000ull, "TDX_METADATA_LIST_OVERFLOW" },
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

/*
 * Who refused: software statuses (bit 63 | bits 47:40 = 0xFF, Linux's
 * TDX_SW_ERROR) and lifted TDVMCALL statuses (0xFE) are never module
 * statuses, nor each other; values typed from error.h's definition.
 */
static void software_and_lifted_statuses_are_their_own_classes(void **state)
{
	static const uint64_t module[] = {
		0, 0x4000000100000000ull, 0x8000020000000001ull, 0xC000010000000001ull,
		0x00000B0A00000001ull, 0xC0000B0B00000000ull, 0xE000060400000000ull,
		0xC000100100000000ull,
	};
	static const uint64_t vmcall[] = { 1, 0x8000000000000000ull, 0x8000000000000001ull,
					   0x8000000000000002ull, 0x8000000000000003ull };

	(void)state;
	assert_int_equal(TDX_SW_ERROR, 0x8000FF0000000000ull);
	assert_int_equal(TDX_SW_INVALID_ARGUMENT, 0x8000FF0100000000ull);
	assert_int_equal(TDX_VE_MMIO_LOCK, 0x8000FF2800000000ull);
	assert_int_equal(TDX_VMCALL_ERROR, 0x8000FE0000000000ull);
	for (size_t i = 0; i < sizeof(module) / sizeof(module[0]); i++) {
		assert_false(tdx_status_is_sw(module[i]));
		assert_false(tdx_status_is_vmcall(module[i]));
	}
	for (size_t i = 0; i < sizeof(vmcall) / sizeof(vmcall[0]); i++) {
		uint64_t lifted = tdx_status_from_vmcall(vmcall[i]);

		assert_true(tdx_status_is_vmcall(lifted));
		assert_false(tdx_status_is_sw(lifted));
		assert_true(tdx_status_is_error(lifted));	/* RETRY lifted is a failure too */
		assert_int_equal(tdx_status_vmcall(lifted), vmcall[i]);	/* round trip */
		assert_int_equal(lifted, TDX_VMCALL_STATUS(vmcall[i]));	/* the constant form */
		assert_false(tdx_status_is_sw(vmcall[i]) || tdx_status_is_vmcall(vmcall[i]));
	}
	assert_int_equal(tdx_status_from_vmcall(0), TDX_SUCCESS);	/* success stays success */
	assert_int_equal(tdx_status_from_vmcall(0x8000000000000001ull), 0x8000FE0080000001ull);
	assert_int_equal(tdx_status_vmcall(0xC000010000000001ull), 0);	/* not a lifted one */

	assert_true(tdx_status_is_sw(TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX));
	assert_true(tdx_status_is_sw(TDX_VE_MMIO_GPA_OFFSET));
	assert_true(tdx_status_is_error(TDX_SW_TIMEOUT));
	assert_true(tdx_status_is_recoverable(TDX_SW_TIMEOUT));
	assert_false(tdx_status_is_fatal(TDX_SW_TIMEOUT));
	assert_true(tdx_status_is(TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12, TDX_SW_INVALID_ARGUMENT));
	assert_false(tdx_status_is(TDX_SW_INVALID_ARGUMENT, TDX_SW_PRIVATE_GPA));
	assert_false(tdx_status_is(TDX_VE_OK, TDX_SW_INVALID_ARGUMENT));
	assert_int_equal(TDX_VE_OK, TDX_SUCCESS);
}

static void strerror_names_every_software_and_lifted_status(void **state)
{
	static const struct { uint64_t status; const char *name; } table[] = {
		{ TDX_SW_INVALID_ARGUMENT, "TDX_SW_INVALID_ARGUMENT" },
		{ TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX, "TDX_SW_INVALID_ARGUMENT (operand RCX)" },
		{ TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12, "TDX_SW_INVALID_ARGUMENT (operand R12)" },
		{ TDX_SW_INVALID_ARGUMENT | 0x99, "TDX_SW_INVALID_ARGUMENT (detail unknown)" },
		{ TDX_SW_NO_SHARED_BIT, "TDX_SW_NO_SHARED_BIT" },
		{ TDX_SW_PRIVATE_GPA, "TDX_SW_PRIVATE_GPA" },
		{ TDX_SW_VMM_BAD_ANSWER, "TDX_SW_VMM_BAD_ANSWER" },
		{ TDX_SW_TIMEOUT, "TDX_SW_TIMEOUT" },
		{ TDX_SW_BUFFER_TOO_SMALL, "TDX_SW_BUFFER_TOO_SMALL" },
		{ TDX_SW_QUOTE_SERVICE_ERROR, "TDX_SW_QUOTE_SERVICE_ERROR" },
		{ TDX_SW_QUOTE_SERVICE_UNAVAILABLE, "TDX_SW_QUOTE_SERVICE_UNAVAILABLE" },
		{ TDX_VE_NO_VEINFO, "TDX_VE_NO_VEINFO" },
		{ TDX_VE_UNSUPPORTED_EXIT, "TDX_VE_UNSUPPORTED_EXIT" },
		{ TDX_VE_BAD_LENGTH, "TDX_VE_BAD_LENGTH" },
		{ TDX_VE_BAD_IO, "TDX_VE_BAD_IO" },
		{ TDX_VE_DECODE_FAILED, "TDX_VE_DECODE_FAILED" },
		{ TDX_VE_TRUNCATED, "TDX_VE_TRUNCATED" },
		{ TDX_VE_MMIO_LOCK, "TDX_VE_MMIO_LOCK" },
		{ TDX_VE_MMIO_STRING, "TDX_VE_MMIO_STRING" },
		{ TDX_VE_MMIO_CMP, "TDX_VE_MMIO_CMP" },
		{ TDX_VE_MMIO_UNSUPPORTED, "TDX_VE_MMIO_UNSUPPORTED" },
		{ TDX_VE_MMIO_NOT_MEMORY, "TDX_VE_MMIO_NOT_MEMORY" },
		{ TDX_VE_MMIO_PAGE_CROSS, "TDX_VE_MMIO_PAGE_CROSS" },
		{ TDX_VE_MMIO_PRIVATE_GPA, "TDX_VE_MMIO_PRIVATE_GPA" },
		{ TDX_VE_MMIO_ADDR_MISMATCH, "TDX_VE_MMIO_ADDR_MISMATCH" },
		{ TDX_VE_MMIO_FETCH, "TDX_VE_MMIO_FETCH" },
		{ TDX_VE_MMIO_GPA_OFFSET, "TDX_VE_MMIO_GPA_OFFSET" },
		{ TDX_VMCALL_STATUS(1), "TDVMCALL_STATUS_RETRY" },
		{ TDX_VMCALL_STATUS(0x8000000000000000ull), "TDVMCALL_STATUS_INVALID_OPERAND" },
		{ TDX_VMCALL_STATUS(0x8000000000000003ull), "TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED" },
		{ TDX_VMCALL_STATUS(0x8000000000000077ull), "TDVMCALL status (unknown)" },
		{ TDX_SW_STATUS(0x7F), "TDX status (unknown code)" },
	};
	char buf[80];

	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		assert_string_equal(tdx_strerror(table[i].status), table[i].name);
	assert_string_equal(tdx_strerror_r(TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RDX, buf, sizeof(buf)),
			    "TDX_SW_INVALID_ARGUMENT (operand RDX)");
	assert_string_equal(tdx_strerror_r(TDX_VMCALL_STATUS(0x8000000000000001ull), buf, sizeof(buf)),
			    "TDVMCALL_STATUS_GPA_INUSE");
	assert_string_equal(tdx_strerror_r(TDX_VMCALL_STATUS(0x8000000000000077ull), buf, sizeof(buf)),
			    "TDVMCALL status 0x8000000000000077 (unknown)");
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
		cmocka_unit_test(software_and_lifted_statuses_are_their_own_classes),
		cmocka_unit_test(strerror_names_every_software_and_lifted_status),
	};
	return cmocka_run_group_tests_name("abi_error", tests, NULL, NULL);
}
