/* SPDX-License-Identifier: MIT */
/*
 * greet.c on a dev box: a cmocka test under the TDX model (<tdx/model.h>).
 * greet() runs unchanged; its TDCALLs trap and the model plays the TDX
 * module and the VMM, and keeps what reached COM1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <tdx/tdx.h>
#include <tdx/model.h>

#include "greet.h"

static int reset(void **state)
{
	(void)state;
	tdx_model_reset();
	return 0;
}

static void greet_says_hello_on_com1(void **state)
{
	(void)state;
	tdx_model_arm();	/* in the test body: cmocka owns the signals around it */
	greet("dev box");
	tdx_model_disarm();

	assert_string_equal(tdx_model_com1(), "Hello, dev box!\n");
	/* one TDG.VP.VMCALL<Instruction.IO> per byte */
	assert_int_equal(tdx_model_count(TDG_VP_VMCALL, TDVMCALL_INSTRUCTION_IO), 16);
}

static void greet_loses_what_the_vmm_refuses(void **state)
{
	(void)state;
	tdx_model_inject(TDG_VP_VMCALL, TDVMCALL_INSTRUCTION_IO, TDVMCALL_STATUS_INVALID_OPERAND, 1);
	tdx_model_arm();
	greet("dev box");
	tdx_model_disarm();

	assert_string_equal(tdx_model_com1(), "ello, dev box!\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(greet_says_hello_on_com1, reset),
		cmocka_unit_test_setup(greet_loses_what_the_vmm_refuses, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
