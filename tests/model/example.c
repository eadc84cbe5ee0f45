/* greet_test.c: a host unit test of code that calls libtdx, under the TDX model. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <tdx/tdx.h>
#include <tdx/model.h>

/* The code under test: in the real product it runs inside a TD. */
static void greet(const char *name)
{
	const char *parts[] = { "hello, ", name, "\n" };

	for (size_t i = 0; i < 3; i++)
		for (const char *p = parts[i]; *p; p++)
			tdx_outb((uint8_t)*p, 0x3F8);	/* COM1 */
}

static int reset(void **state)
{
	(void)state;
	tdx_model_reset();
	return 0;
}

static void greet_writes_one_line_to_com1(void **state)
{
	struct tdx_model_record last;

	(void)state;
	tdx_model_arm();	/* in the test body: cmocka owns the signals around it */
	greet("TD");
	tdx_model_disarm();

	assert_string_equal(tdx_model_com1(), "hello, TD\n");
	/* one TDG.VP.VMCALL<Instruction.IO> (leaf 0, sub-function 30) per byte */
	assert_int_equal(tdx_model_count(0, 30), 10);
	assert_true(tdx_model_record(tdx_model_calls() - 1, &last));
	assert_int_equal(last.vmm_saw.r14, 0x3F8);	/* the port */
	assert_int_equal(last.vmm_saw.r15, '\n');	/* the byte */
}

static void greet_survives_a_failing_vmm(void **state)
{
	(void)state;
	/* The VMM refuses the first OUT: that byte is lost, the rest arrive. */
	tdx_model_inject(0, 30, TDVMCALL_STATUS_INVALID_OPERAND, 1);
	tdx_model_arm();
	greet("TD");
	tdx_model_disarm();
	assert_string_equal(tdx_model_com1(), "ello, TD\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(greet_writes_one_line_to_com1, reset),
		cmocka_unit_test_setup(greet_survives_a_failing_vmm, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
