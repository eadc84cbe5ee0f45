/* SPDX-License-Identifier: MIT */
/*
 * Port I/O (tdx_in*, tdx_out*, tdx_io_read/write) under the harness.
 * Expected encodings from the GHCI Instruction.IO table: R10 = 0, R11 = 30,
 * R12 = size, R13 = 0 in / 1 out, R14 = port, R15 = data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <tdx/tdx.h>
#include "tdx_harness.h"

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	return 0;
}

/* The VMM saw exactly an Instruction.IO with these operands, and nothing else. */
static void assert_io_call(const struct tdxh_record *rec, uint64_t size, uint64_t dir,
			   uint64_t port, uint64_t data)
{
	assert_non_null(rec);
	assert_int_equal(rec->leaf, 0);
	assert_true(rec->vmm_exit);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R10], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R11], 30);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R12], size);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R13], dir);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R14], port);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R15], data);
	/* Exposed registers the call does not use carry nothing of the guest's. */
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RDX], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RBX], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RSI], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RDI], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R8], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R9], 0);
}

static void out_encodings_for_each_width(void **state)
{
	(void)state;
	tdxh_arm();
	tdx_outb(0xA5, 0x80);
	assert_io_call(tdxh_last_record(), 1, 1, 0x80, 0xA5);
	assert_int_equal(tdxh.scratch.value, 0xA5);
	assert_int_equal(tdxh.scratch.size, 1);

	tdx_outw(0xBEEF, 0x80);
	assert_io_call(tdxh_last_record(), 2, 1, 0x80, 0xBEEF);
	assert_int_equal(tdxh.scratch.value, 0xBEEF);
	assert_int_equal(tdxh.scratch.size, 2);

	tdx_outl(0xDEADBEEF, 0x80);
	assert_io_call(tdxh_last_record(), 4, 1, 0x80, 0xDEADBEEF);
	assert_int_equal(tdxh.scratch.value, 0xDEADBEEF);
	assert_int_equal(tdxh.scratch.size, 4);

	/* tdx_io_write sends only the low `size` bytes. */
	assert_int_equal(tdx_io_write(2, 0x80, 0x12345678), 0);
	assert_io_call(tdxh_last_record(), 2, 1, 0x80, 0x5678);
}

static void in_encodings_for_each_width(void **state)
{
	uint32_t value = 0;

	(void)state;
	tdxh_arm();
	tdx_outl(0xCAFEF00D, 0x80);

	assert_int_equal(tdx_inb(0x80), 0x0D);
	assert_io_call(tdxh_last_record(), 1, 0, 0x80, 0);
	assert_int_equal(tdx_inw(0x80), 0xF00D);
	assert_io_call(tdxh_last_record(), 2, 0, 0x80, 0);
	assert_int_equal(tdx_inl(0x80), 0xCAFEF00D);
	assert_io_call(tdxh_last_record(), 4, 0, 0x80, 0);

	assert_int_equal(tdx_io_read(2, 0x80, &value), 0);
	assert_int_equal(value, 0xF00D);
}

static void com1_captures_output(void **state)
{
	const char *msg = "hello, TD\n";

	(void)state;
	tdxh_arm();
	for (const char *p = msg; *p; p++)
		tdx_outb((uint8_t)*p, 0x3F8);
	assert_string_equal(tdxh_com1(), msg);
	assert_int_equal(tdx_inb(0x3F8 + 5) & 0x20, 0x20);	/* LSR: THR empty */
}

static void absent_device_reads_all_ones(void **state)
{
	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_inb(0x1234), 0xFF);
	assert_int_equal(tdx_inw(0x1234), 0xFFFF);
	assert_int_equal(tdx_inl(0x1234), 0xFFFFFFFF);
}

static void failed_in_reads_all_ones(void **state)
{
	uint32_t value = 0x11223344;

	(void)state;
	tdxh_arm();
	tdx_outl(0, 0x80);		/* the device would answer 0 */
	tdxh_inject(0, 30, 0x8000000000000000ull, 4);	/* INVALID_OPERAND */
	assert_int_equal(tdx_inb(0x80), 0xFF);
	assert_int_equal(tdx_inw(0x80), 0xFFFF);
	assert_int_equal(tdx_inl(0x80), 0xFFFFFFFF);
	assert_int_equal(tdx_io_read(4, 0x80, &value), 0x8000000000000000ull);
	assert_int_equal(value, 0x11223344);	/* untouched on failure */
	assert_int_equal(tdx_inb(0x80), 0);	/* injection used up */
}

static void invalid_size_never_reaches_the_vmm(void **state)
{
	uint32_t value = 7;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_io_read(3, 0x80, &value), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12);
	assert_int_equal(tdx_io_write(8, 0x80, 1), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12);
	assert_int_equal(tdx_io_read(0, 0x80, &value), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12);
	assert_int_equal(value, 7);
	assert_int_equal(tdxh.state.nr_calls, 0);
}

/* A VMM that answers an `in` with junk above the access width. */
static void wide_answer(struct tdxh_vmcall *c)
{
	tdxh_vmm_write(c, TDXH_R11, 0xDEADBEEFCAFE1234ull);
	tdxh_vmm_status(c, 0);
}

static void hostile_in_is_masked_to_its_width(void **state)
{
	uint32_t value = 0;

	(void)state;
	tdxh_arm();
	tdxh.state.hostile = true;
	tdxh_set_vmcall_model(30, wide_answer);
	assert_int_equal(tdx_inb(0x60), 0x34);
	assert_int_equal(tdx_inw(0x60), 0x1234);
	assert_int_equal(tdx_inl(0x60), 0xCAFE1234);
	assert_int_equal(tdx_io_read(1, 0x60, &value), 0);
	assert_int_equal(value, 0x34);
	/* The hostile VMM wrote junk into every other exposed register too. */
	assert_int_equal(tdxh_last_record()->vmm_wrote, 0xFFCC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(out_encodings_for_each_width, setup),
		cmocka_unit_test_setup(in_encodings_for_each_width, setup),
		cmocka_unit_test_setup(com1_captures_output, setup),
		cmocka_unit_test_setup(absent_device_reads_all_ones, setup),
		cmocka_unit_test_setup(failed_in_reads_all_ones, setup),
		cmocka_unit_test_setup(invalid_size_never_reaches_the_vmm, setup),
		cmocka_unit_test_setup(hostile_in_is_masked_to_its_width, setup),
	};
	return cmocka_run_group_tests_name("port_io", tests, NULL, NULL);
}
