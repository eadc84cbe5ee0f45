/* SPDX-License-Identifier: MIT */
/*
 * The trap layer with crafted signals: a host only ever delivers one of the
 * two TDCALL routes, so both are driven here by hand, on every host, with a
 * siginfo and a ucontext whose RIP points at bytes in a buffer:
 *   - SIGILL at TDCALL bytes, whatever the si_code (#UD: bare metal, AMD,
 *     valgrind);
 *   - SIGSEGV with si_code SI_KERNEL and trap 13 at TDCALL bytes (#GP: an
 *     Intel virtual machine);
 * and the look-alikes that must not be taken for a TDCALL.  The route this
 * host really delivers runs in every other test.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "tdx_harness.h"
#include "tdxh_trap.h"
#include "tdxh_ve.h"

#define TEST_LEAF 42	/* a leaf number no default model uses */

/* 16 bytes each, as much as an instruction fetch could look at; nops after. */
#define NOPS 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90
static const uint8_t tdcall[16] = { 0x66, 0x0f, 0x01, 0xcc, NOPS };
static const uint8_t tdcall_cb[16] = { 0x66, 0x0f, 0x01, 0xcb, NOPS };	/* one byte off */
static const uint8_t ud2[16] = { 0x0f, 0x0b, NOPS };
static const uint8_t in_dx[16] = { 0xec, NOPS };	/* in al, dx: #GP in user mode */

static void answer_leaf(struct tdxh_leaf_call *c)
{
	c->regs->gpr[TDXH_RCX] = 0xC0FFEE;
	c->regs->gpr[TDXH_RAX] = 0;
}

/* A signal as the kernel would build it for an instruction at `code`. */
struct crafted {
	siginfo_t si;
	ucontext_t uc;
};

static void craft(struct crafted *c, int sig, int si_code, long long trapno, const uint8_t *code)
{
	memset(c, 0, sizeof(*c));
	c->si.si_signo = sig;
	c->si.si_code = si_code;
	c->uc.uc_mcontext.gregs[REG_TRAPNO] = trapno;
	c->uc.uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)code;
	c->uc.uc_mcontext.gregs[REG_RAX] = TEST_LEAF;
	c->uc.uc_mcontext.gregs[REG_RCX] = 0x1111;
	c->uc.uc_mcontext.gregs[REG_RSP] = 0x7777000;
}

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	tdxh_set_leaf_model(TEST_LEAF, answer_leaf);
	return 0;
}

/* Taken as a TDCALL: the model answered and RIP is past the 4 bytes. */
static void assert_answered(const struct crafted *c, const uint8_t *code)
{
	assert_int_equal(c->uc.uc_mcontext.gregs[REG_RIP], (greg_t)(uintptr_t)(code + 4));
	assert_int_equal(c->uc.uc_mcontext.gregs[REG_RAX], 0);
	assert_int_equal(c->uc.uc_mcontext.gregs[REG_RCX], 0xC0FFEE);
	assert_int_equal(c->uc.uc_mcontext.gregs[REG_RSP], 0x7777000);
	assert_int_equal(tdxh_count(TEST_LEAF, TDXH_NO_SUBFN), 1);
}

static void sigill_is_a_tdcall_whatever_its_si_code(void **state)
{
	static const int codes[] = { ILL_ILLOPC, ILL_ILLOPN, ILL_PRVOPC, 0, SI_KERNEL };
	struct crafted c;

	(void)state;
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		craft(&c, SIGILL, codes[i], TDXH_TRAP_UD, tdcall);
		assert_int_equal(tdxh_tdcall_route(SIGILL, &c.si, &c.uc), TDXH_ROUTE_SIGILL);
	}
	craft(&c, SIGILL, ILL_ILLOPN, TDXH_TRAP_UD, tdcall);
	assert_true(tdxh_trap_tdcall(SIGILL, &c.si, &c.uc));
	assert_answered(&c, tdcall);
	assert_string_equal(tdxh_route_name(TDXH_ROUTE_SIGILL), "SIGILL (#UD)");
}

static void gp_with_si_kernel_and_trap_13_is_a_tdcall(void **state)
{
	struct crafted c;
	uint64_t before = tdxh_route_count(TDXH_ROUTE_GP);

	(void)state;
	craft(&c, SIGSEGV, SI_KERNEL, TDXH_TRAP_GP, tdcall);
	assert_int_equal(tdxh_tdcall_route(SIGSEGV, &c.si, &c.uc), TDXH_ROUTE_GP);
	assert_true(tdxh_trap_tdcall(SIGSEGV, &c.si, &c.uc));
	assert_answered(&c, tdcall);
	assert_int_equal(tdxh_route_count(TDXH_ROUTE_GP), before + 1);
	assert_string_equal(tdxh_route_name(TDXH_ROUTE_GP), "SIGSEGV (#GP)");
}

/* Each look-alike is left alone: not a TDCALL, no model call, context untouched. */
static void assert_not_a_tdcall(int sig, int si_code, long long trapno, const uint8_t *code)
{
	struct crafted c, copy;

	craft(&c, sig, si_code, trapno, code);
	copy = c;
	assert_int_equal(tdxh_tdcall_route(sig, &c.si, &c.uc), TDXH_ROUTE_NONE);
	assert_false(tdxh_trap_tdcall(sig, &c.si, &c.uc));
	assert_memory_equal(&c, &copy, sizeof(c));
	assert_int_equal(tdxh.state.nr_calls, 0);
}

static void look_alikes_are_not_tdcalls(void **state)
{
	(void)state;
	/* A page fault (trap 14) with RIP at TDCALL bytes: not the #GP route. */
	assert_not_a_tdcall(SIGSEGV, SEGV_ACCERR, TDXH_TRAP_PF, tdcall);
	assert_not_a_tdcall(SIGSEGV, SI_KERNEL, TDXH_TRAP_PF, tdcall);
	/* Trap 13 but not from the kernel's #GP path (si_code), or sent by kill(). */
	assert_not_a_tdcall(SIGSEGV, SEGV_MAPERR, TDXH_TRAP_GP, tdcall);
	assert_not_a_tdcall(SIGSEGV, SI_USER, TDXH_TRAP_GP, tdcall);
	/* #GP on other bytes: a privileged instruction (a #VE candidate). */
	assert_not_a_tdcall(SIGSEGV, SI_KERNEL, TDXH_TRAP_GP, in_dx);
	assert_not_a_tdcall(SIGSEGV, SI_KERNEL, TDXH_TRAP_GP, tdcall_cb);
	/* #UD on other bytes. */
	assert_not_a_tdcall(SIGILL, ILL_ILLOPN, TDXH_TRAP_UD, ud2);
	assert_not_a_tdcall(SIGILL, ILL_ILLOPN, TDXH_TRAP_UD, tdcall_cb);
	/* Other signals, even at TDCALL bytes. */
	assert_not_a_tdcall(SIGBUS, SI_KERNEL, TDXH_TRAP_GP, tdcall);
	assert_not_a_tdcall(SIGTRAP, SI_KERNEL, TDXH_TRAP_GP, tdcall);
}

/* Hand a crafted signal to whatever handler is installed for it now. */
static void deliver(struct crafted *c, int sig)
{
	struct sigaction now;

	assert_int_equal(sigaction(sig, NULL, &now), 0);
	assert_true(now.sa_flags & SA_SIGINFO);
	now.sa_sigaction(sig, &c->si, &c->uc);
}

static void deliver_both_routes(void)
{
	struct crafted c;

	tdxh_reset();
	tdxh_set_leaf_model(TEST_LEAF, answer_leaf);
	craft(&c, SIGSEGV, SI_KERNEL, TDXH_TRAP_GP, tdcall);
	deliver(&c, SIGSEGV);
	assert_answered(&c, tdcall);

	tdxh_reset();
	tdxh_set_leaf_model(TEST_LEAF, answer_leaf);
	craft(&c, SIGILL, ILL_ILLOPN, TDXH_TRAP_UD, tdcall);
	deliver(&c, SIGILL);
	assert_answered(&c, tdcall);
}

/* tdxh_arm takes both signals. */
static void armed_harness_takes_both_routes(void **state)
{
	(void)state;
	tdxh_arm();
	deliver_both_routes();
}

/*
 * Every other SIGSEGV user, installed over the harness in turn, lets a
 * #GP TDCALL through to the model, never mistaking it for its own.
 */
static void every_sigsegv_user_lets_a_tdcall_through(void **state)
{
	static uint8_t watched[4096] __attribute__((aligned(4096)));
	uint64_t ves;

	(void)state;
	tdxh_arm();
	tdxh_ve_arm();		/* real instructions -> #VE */
	ves = tdxh_ve_stats.delivered;
	deliver_both_routes();
	assert_int_equal(tdxh_ve_stats.delivered, ves);

	tdxh_arm_sti();		/* sti emulation over the #VE handler */
	deliver_both_routes();
	assert_int_equal(tdxh_sti_count(), 0);

	tdxh_watch(watched, sizeof(watched), NULL, NULL, NULL);	/* the quote page-watch */
	deliver_both_routes();
	tdxh_unwatch();
	assert_int_equal(tdxh_watch_reads[0] + tdxh_watch_writes[0], 0);
	assert_int_equal(tdxh_ve_stats.delivered, ves);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(sigill_is_a_tdcall_whatever_its_si_code, setup),
		cmocka_unit_test_setup(gp_with_si_kernel_and_trap_13_is_a_tdcall, setup),
		cmocka_unit_test_setup(look_alikes_are_not_tdcalls, setup),
		cmocka_unit_test(armed_harness_takes_both_routes),
		cmocka_unit_test(every_sigsegv_user_lets_a_tdcall_through),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
