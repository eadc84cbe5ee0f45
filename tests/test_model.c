/* SPDX-License-Identifier: MIT */
/*
 * The model as plain code: a struct tdxm of a test's own, driven with
 * tdxm_tdcall() and no signal at all, is independent of every other model
 * (the harness's instance included); and the kit's arm/disarm put back the
 * handlers they found.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>

#include <tdx/tdx.h>
#include <tdx/model.h>

#include "tdx_harness.h"

/* TDG.VP.VMCALL<Instruction.IO> OUT of one byte, as __tdx_hypercall exposes it. */
static struct tdxh_regs io_out(uint16_t port, uint8_t byte)
{
	struct tdxh_regs r = { .rip = 0x1000 };

	r.gpr[TDXH_RAX] = TDG_VP_VMCALL;
	r.gpr[TDXH_RCX] = TDX_HYPERCALL_EXPOSE_MASK;
	r.gpr[TDXH_R10] = TDVMCALL_STANDARD;
	r.gpr[TDXH_R11] = TDVMCALL_INSTRUCTION_IO;
	r.gpr[TDXH_R12] = 1;
	r.gpr[TDXH_R13] = TDX_IO_WRITE;
	r.gpr[TDXH_R14] = port;
	r.gpr[TDXH_R15] = byte;
	r.gpr[TDXH_RBX] = 0xB0B0;	/* exposed, not answered */
	return r;
}

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	return 0;
}

static void models_of_their_own_share_nothing(void **state)
{
	struct tdxm *a = tdxm_create(), *b = tdxm_create();
	struct tdxh_regs r;
	struct tdxm_result res;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	b->td.gpaw = 52;

	memset(&r, 0, sizeof(r));
	r.gpr[TDXH_RAX] = TDG_VP_INFO;
	res = tdxm_tdcall(a, &r, 0);
	assert_true(res.advance);
	assert_false(res.stop);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_int_equal(r.gpr[TDXH_RCX], 48);
	memset(&r, 0, sizeof(r));
	r.gpr[TDXH_RAX] = TDG_VP_INFO;
	tdxm_tdcall(b, &r, 3);
	assert_int_equal(r.gpr[TDXH_RCX], 52);
	assert_int_equal(r.gpr[TDXH_R9], 3);	/* VCPU_INDEX: the vCPU the back-end named */

	r = io_out(0x3F8, 'a');
	tdxm_tdcall(a, &r, 0);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_SUCCESS);
	assert_int_equal(r.gpr[TDXH_RBX], 0xB0B0);	/* an honest VMM leaves it */
	assert_string_equal(tdxm_com1(a), "a");
	assert_string_equal(tdxm_com1(b), "");
	assert_int_equal(tdxm_count(a, TDG_VP_VMCALL, TDVMCALL_INSTRUCTION_IO), 1);
	assert_int_equal(tdxm_count(b, TDG_VP_VMCALL, TDVMCALL_INSTRUCTION_IO), 0);

	/* Hostile in one model only. */
	b->state.hostile = true;
	r = io_out(0x3F8, 'b');
	tdxm_tdcall(b, &r, 0);
	assert_int_not_equal(r.gpr[TDXH_RBX], 0xB0B0);
	assert_string_equal(tdxm_com1(b), "b");
	r = io_out(0x3F8, 'c');
	tdxm_tdcall(a, &r, 0);
	assert_int_equal(r.gpr[TDXH_RBX], 0xB0B0);

	/* Memory: an accept in one model is not in the other. */
	memset(&r, 0, sizeof(r));
	r.gpr[TDXH_RAX] = TDG_MEM_PAGE_ACCEPT;
	r.gpr[TDXH_RCX] = 0x200000 | TDX_PAGE_LEVEL_2M;
	tdxm_tdcall(a, &r, 0);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_int_equal(tdxm_mem_count(a, 0x200000, 0x200000, TDXH_PAGE_ACCEPTED), 512);
	assert_int_equal(tdxm_mem_count(b, 0x200000, 0x200000, TDXH_PAGE_ACCEPTED), 0);

	/* And none of it reached the harness's instance. */
	assert_int_equal(tdxh.state.nr_calls, 0);
	assert_string_equal(tdxh_com1(), "");
	assert_int_equal(tdxh_mem_count(0x200000, 0x200000, TDXH_PAGE_ACCEPTED), 0);
	tdxm_destroy(a);
	tdxm_destroy(b);
}

/* A model asks to stop the guest: the back-end hears it from tdxm_tdcall(). */
static void stop_fatal(struct tdxh_vmcall *c)
{
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
	tdxm_request_stop(c->m, 42);
}

static void stop_and_injection_reach_the_caller(void **state)
{
	struct tdxm *m = tdxm_create();
	struct tdxh_regs r;
	struct tdxm_result res;

	(void)state;
	assert_non_null(m);
	assert_int_equal(tdxm_inject(m, TDG_VP_INFO, TDXH_NO_SUBFN, TDX_OPERAND_BUSY, 1), 0);
	memset(&r, 0, sizeof(r));
	r.gpr[TDXH_RAX] = TDG_VP_INFO;
	tdxm_tdcall(m, &r, 0);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_OPERAND_BUSY);
	memset(&r, 0, sizeof(r));
	r.gpr[TDXH_RAX] = TDG_VP_INFO;
	tdxm_tdcall(m, &r, 0);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);

	tdxm_set_vmcall_model(m, TDVMCALL_REPORT_FATAL_ERROR, stop_fatal);
	r = io_out(0, 0);
	r.gpr[TDXH_R11] = TDVMCALL_REPORT_FATAL_ERROR;
	res = tdxm_tdcall(m, &r, 0);
	assert_true(res.stop);
	assert_int_equal(res.stop_code, 42);
	assert_int_equal(tdxm_last_record(m)->subfn, TDVMCALL_REPORT_FATAL_ERROR);
	tdxm_destroy(m);
}

static void handler_a(int sig)
{
	(void)sig;
}

static void handler_b(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
}

static bool current_is(int sig, const struct sigaction *want)
{
	struct sigaction now;

	sigaction(sig, NULL, &now);
	if ((now.sa_flags & SA_SIGINFO) != (want->sa_flags & SA_SIGINFO))
		return false;
	return (now.sa_flags & SA_SIGINFO) ? now.sa_sigaction == want->sa_sigaction :
					     now.sa_handler == want->sa_handler;
}

/*
 * What the kit's arm replaced, disarm puts back: both signals, either kind
 * of handler.  The stub back-end (TDX_MODEL_STUB) replaces none: its arm
 * and disarm leave the handlers alone and the call is answered all the same.
 */
static void disarm_puts_back_the_handlers_it_found(void **state)
{
	struct sigaction mine_ill, mine_segv, before_ill, before_segv;

	(void)state;
	sigaction(SIGILL, NULL, &before_ill);
	sigaction(SIGSEGV, NULL, &before_segv);
	memset(&mine_ill, 0, sizeof(mine_ill));
	mine_ill.sa_handler = handler_a;
	sigemptyset(&mine_ill.sa_mask);
	memset(&mine_segv, 0, sizeof(mine_segv));
	mine_segv.sa_sigaction = handler_b;
	mine_segv.sa_flags = SA_SIGINFO;
	sigemptyset(&mine_segv.sa_mask);
	sigaction(SIGILL, &mine_ill, NULL);
	sigaction(SIGSEGV, &mine_segv, NULL);

	tdx_model_arm();
#ifdef TDX_MODEL_STUB
	assert_true(current_is(SIGILL, &mine_ill));
	assert_true(current_is(SIGSEGV, &mine_segv));
#else
	assert_false(current_is(SIGILL, &mine_ill));
	assert_false(current_is(SIGSEGV, &mine_segv));
#endif
	tdx_outb('x', TDX_MODEL_COM1_PORT);	/* armed: answered */
	tdx_model_arm();	/* again: nothing changes */
	tdx_model_disarm();
	assert_true(current_is(SIGILL, &mine_ill));
	assert_true(current_is(SIGSEGV, &mine_segv));
	tdx_model_disarm();	/* not armed: nothing */
	assert_true(current_is(SIGSEGV, &mine_segv));
	assert_string_equal(tdx_model_com1(), "x");

	sigaction(SIGILL, &before_ill, NULL);
	sigaction(SIGSEGV, &before_segv, NULL);
}

/* The kit's records name the registers; they are the harness's records. */
static void kit_records_are_the_calls(void **state)
{
	struct tdx_model_record rec;

	(void)state;
	tdx_model_arm();
	tdx_outb('y', TDX_MODEL_SCRATCH_PORT);
	tdx_model_disarm();
	assert_int_equal(tdx_model_calls(), 1);
	assert_true(tdx_model_record(0, &rec));
	assert_false(tdx_model_record(1, &rec));
	assert_int_equal(rec.leaf, TDG_VP_VMCALL);
	assert_int_equal(rec.subfn, TDVMCALL_INSTRUCTION_IO);
	assert_int_equal(rec.in.rcx, TDX_HYPERCALL_EXPOSE_MASK);
	assert_int_equal(rec.in.r15, 'y');
	assert_true(rec.vmm_exit);
	assert_int_equal(rec.vmm_saw.r14, TDX_MODEL_SCRATCH_PORT);
	assert_int_equal(rec.vmm_saw.rax, 0);	/* not exposed */
	assert_int_equal(rec.vmm_wrote, 1u << TDXH_R10);
	assert_int_equal(rec.out.r10, TDVMCALL_STATUS_SUCCESS);
	assert_int_equal(rec.out.rip, rec.in.rip);	/* the TDCALL's, in both */
	assert_int_equal(tdxh.scratch.value, 'y');
	assert_int_equal(tdx_model_count(0, TDVMCALL_INSTRUCTION_IO), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(models_of_their_own_share_nothing, setup),
		cmocka_unit_test_setup(stop_and_injection_reach_the_caller, setup),
		cmocka_unit_test_setup(disarm_puts_back_the_handlers_it_found, setup),
		cmocka_unit_test_setup(kit_records_are_the_calls, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
