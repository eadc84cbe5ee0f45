/* SPDX-License-Identifier: MIT */
/*
 * The default (weak) #VE fatal hook: a #VE the handler refuses is reported
 * with TDG.VP.VMCALL<ReportFatalError> (sub-function 0x10003) and a
 * readable message, then the vCPU halts (Instruction.HLT, 12) for good.
 * This program does not override tdx_ve_fatal(); the HLT model stops the
 * "guest" through tdxh.stop_hook so the test can look at what was sent.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <tdx/tdx.h>
#include "tdx_harness.h"

static sigjmp_buf halted;
static unsigned halts;

static void stop(int code)
{
	(void)code;
	siglongjmp(halted, 1);
}

/* The VMM's HLT: after a few, the vCPU is "gone" (unwind out of the loop). */
static void vmm_hlt(struct tdxh_vmcall *c)
{
	if (++halts == 3)
		tdxh_request_stop(1);
	tdxh_vmm_status(c, 0);
}

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	tdxh_set_vmcall_model(12, vmm_hlt);
	tdxh.stop_hook = stop;
	halts = 0;
	return 0;
}

static void refused(struct tdxh_ve_info *ve, struct tdx_ve_frame *f)
{
	if (sigsetjmp(halted, 1) == 0) {
		tdxh_post_ve(ve);
		tdx_handle_ve(f);
		fail_msg("the default fatal hook returned");
	}
}

static void unsupported_exit_is_reported_then_halts(void **state)
{
	struct tdxh_ve_info ve;
	struct tdx_ve_frame f;

	(void)state;
	tdxh_arm();
	memset(&ve, 0, sizeof(ve));
	memset(&f, 0, sizeof(f));
	ve.exit_reason = 28;	/* CR access: not emulated */
	ve.instruction_length = 3;
	f.rip = 0xFFFFFFFF80001234ull;
	refused(&ve, &f);

	assert_int_equal(tdxh.vmm.fatal.nr_reports, 1);
	assert_int_equal(tdxh.vmm.fatal.r12, 0);	/* error code 0, no shared GPA */
	assert_int_equal(tdxh.vmm.fatal.r13, 0);
	assert_string_equal(tdxh.vmm.fatal.message,
			    "#VE TDX_VE_UNSUPPORTED_EXIT; exit 28 rip ffffffff80001234");
	assert_int_equal(halts, 3);	/* kept halting after the report */
	assert_int_equal(tdxh_last_record()->vmm_saw.gpr[TDXH_R12], 1);	/* interrupts blocked */
	assert_int_equal(f.rip, 0xFFFFFFFF80001234ull);	/* frame untouched */
}

static void missing_veinfo_is_reported(void **state)
{
	struct tdx_ve_frame f;

	(void)state;
	tdxh_arm();
	memset(&f, 0, sizeof(f));
	f.rip = 0x1000;
	if (sigsetjmp(halted, 1) == 0) {
		tdx_handle_ve(&f);	/* nothing posted: TDX_NO_VALID_VE_INFO */
		fail_msg("the default fatal hook returned");
	}
	assert_int_equal(tdxh.vmm.fatal.nr_reports, 1);
	assert_string_equal(tdxh.vmm.fatal.message,
			    "#VE TDX_VE_NO_VEINFO; rip 1000 st c000070400000000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(unsupported_exit_is_reported_then_halts, setup),
		cmocka_unit_test_setup(missing_veinfo_is_reported, setup),
	};
	return cmocka_run_group_tests_name("ve_fatal", tests, NULL, NULL);
}
