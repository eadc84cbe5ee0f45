/* SPDX-License-Identifier: MIT */
/*
 * One model, two back-ends: every trampoline libtdx has hands the model the
 * same register file, and takes back the same registers, whether it is the
 * shipped assembly whose TDCALL traps (test_backends) or the stub
 * back-end's C (test_backends_stub, TDX_MODEL_STUB): the registers each one
 * loads, the ones it sends as 0, the expose mask and sub-function, what it
 * stores back, the refused TDG.VP.VMCALL, an interrupted leaf run again,
 * and a TDCALL with the model not armed.  Contracts: asm/x86_64/tdcall.S,
 * include/tdx/tdcall.h, src/lib/trampolines.h.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <tdx/tdx.h>
#include "../src/lib/trampolines.h"
#include "tdx_harness.h"

#define TEST_LEAF  63			/* no module leaf: the test's own model */
#define TEST_SUBFN 0x7E57ull		/* no GHCI sub-function: the test's own VMM model */
#define IN(g)      (0x1100ull + (g))	/* what the guest sends in register g */
#define OUT(g)     (0xA000ull + (g))	/* what the module answers in it */
#define VMM(g)     (0xB000ull + (g))	/* what the VMM answers in it */
#define LEAF_STATUS 0x00000000C0DE0000ull
#define VMM_STATUS  0x1234ull

/* Answers every register but RSP, RAX the status. */
static void echo_leaf(struct tdxh_leaf_call *c)
{
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		if (g != TDXH_RSP)
			c->regs->gpr[g] = OUT(g);
	c->regs->gpr[TDXH_RAX] = LEAF_STATUS;
}

/* Answers every register the guest exposed, R10 the status. */
static void echo_vmm(struct tdxh_vmcall *c)
{
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		if (c->mask & (1ull << g))
			tdxh_vmm_write(c, (enum tdxh_gpr)g, VMM(g));
	tdxh_vmm_status(c, VMM_STATUS);
}

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	tdxh_set_leaf_model(TEST_LEAF, echo_leaf);
	tdxh_set_vmcall_model(TEST_SUBFN, echo_vmm);
	return 0;
}

/* The record of the one call made, sent as leaf `leaf`. */
static const struct tdxh_record *only_record(uint64_t leaf)
{
	const struct tdxh_record *rec = tdxh_last_record();

	assert_int_equal(tdxh.state.nr_calls, 1);
	assert_non_null(rec);
	assert_int_equal(rec->leaf, leaf);
	return rec;
}

/* Register g of `regs` is `want` for each g in `which` (bit g), 0 for each in `zero`. */
static void assert_regs(const struct tdxh_regs *regs, unsigned which, uint64_t (*want)(int),
			unsigned zero)
{
	for (int g = 0; g < TDXH_NR_GPRS; g++) {
		if (which & (1u << g)) {
			if (regs->gpr[g] != want(g))
				fail_msg("%s = %#llx, expected %#llx", tdxh_gpr_names[g],
					 (unsigned long long)regs->gpr[g], (unsigned long long)want(g));
		} else if ((zero & (1u << g)) && regs->gpr[g] != 0) {
			fail_msg("%s = %#llx, expected 0", tdxh_gpr_names[g],
				 (unsigned long long)regs->gpr[g]);
		}
	}
}

static uint64_t in_of(int g)
{
	return IN(g);
}

#define R(g) (1u << TDXH_##g)
/* The 13 registers of struct tdx_module_args. */
#define ARGS13 (R(RCX) | R(RDX) | R(R8) | R(R9) | R(R10) | R(R11) | R(R12) | R(R13) | R(R14) | \
		R(R15) | R(RBX) | R(RDI) | R(RSI))
#define SIX (R(RCX) | R(RDX) | R(R8) | R(R9) | R(R10) | R(R11))
#define VMCALL6 (R(R10) | R(R11) | R(R12) | R(R13) | R(R14) | R(R15))

static struct tdx_module_args args_in(void)
{
	struct tdx_module_args a = {
		.rcx = IN(TDXH_RCX), .rdx = IN(TDXH_RDX), .r8 = IN(TDXH_R8), .r9 = IN(TDXH_R9),
		.r10 = IN(TDXH_R10), .r11 = IN(TDXH_R11), .r12 = IN(TDXH_R12),
		.r13 = IN(TDXH_R13), .r14 = IN(TDXH_R14), .r15 = IN(TDXH_R15),
		.rbx = IN(TDXH_RBX), .rdi = IN(TDXH_RDI), .rsi = IN(TDXH_RSI),
	};
	return a;
}

/* struct tdx_module_args as a register file (RAX, RSP, RBP 0). */
static void args_as_regs(const struct tdx_module_args *a, struct tdxh_regs *r)
{
	*r = (struct tdxh_regs){ .gpr = {
		[TDXH_RCX] = a->rcx, [TDXH_RDX] = a->rdx, [TDXH_R8] = a->r8, [TDXH_R9] = a->r9,
		[TDXH_R10] = a->r10, [TDXH_R11] = a->r11, [TDXH_R12] = a->r12,
		[TDXH_R13] = a->r13, [TDXH_R14] = a->r14, [TDXH_R15] = a->r15,
		[TDXH_RBX] = a->rbx, [TDXH_RDI] = a->rdi, [TDXH_RSI] = a->rsi,
	} };
}

static uint64_t out_of(int g)
{
	return OUT(g);
}

static uint64_t vmm_of(int g)
{
	return g == TDXH_R10 ? VMM_STATUS : VMM(g);
}

static void module_call_sends_and_takes_all_thirteen(void **state)
{
	struct tdx_module_args a = args_in();
	const struct tdxh_record *rec;
	struct tdxh_regs back;
	uint64_t status;

	(void)state;
	tdxh_arm();
	status = __tdx_module_call(TEST_LEAF, &a);
	tdxh_disarm();
	assert_int_equal(status, LEAF_STATUS);
	rec = only_record(TEST_LEAF);
	assert_regs(&rec->in, ARGS13, in_of, 0);
	args_as_regs(&a, &back);
	assert_regs(&back, ARGS13, out_of, 0);
}

static void module_call6_sends_six_and_zeros(void **state)
{
	struct tdx__module_regs6 six = {
		IN(TDXH_RCX), IN(TDXH_RDX), IN(TDXH_R8), IN(TDXH_R9), IN(TDXH_R10), IN(TDXH_R11),
	};
	const struct tdxh_record *rec;
	uint64_t status;

	(void)state;
	tdxh_arm();
	status = __tdx_module_call6(TEST_LEAF, &six);
	tdxh_disarm();
	assert_int_equal(status, LEAF_STATUS);
	rec = only_record(TEST_LEAF);
	assert_regs(&rec->in, SIX, in_of, ARGS13 & ~SIX);
	assert_int_equal(six.rcx, OUT(TDXH_RCX));
	assert_int_equal(six.rdx, OUT(TDXH_RDX));
	assert_int_equal(six.r8, OUT(TDXH_R8));
	assert_int_equal(six.r9, OUT(TDXH_R9));
	assert_int_equal(six.r10, OUT(TDXH_R10));
	assert_int_equal(six.r11, OUT(TDXH_R11));
}

static void module_call3_sends_three_and_zeros(void **state)
{
	const struct tdxh_record *rec;
	uint64_t status;

	(void)state;
	tdxh_arm();
	status = __tdx_module_call3(TEST_LEAF, IN(TDXH_RCX), IN(TDXH_RDX), IN(TDXH_R8));
	tdxh_disarm();
	assert_int_equal(status, LEAF_STATUS);
	rec = only_record(TEST_LEAF);
	assert_regs(&rec->in, R(RCX) | R(RDX) | R(R8), in_of, ARGS13 & ~(R(RCX) | R(RDX) | R(R8)));
}

/* mask 0xFFCC: RDX, RBX, RSI, RDI, R8-R15 */
#define EXPOSED (ARGS13 & ~R(RCX))

static void hypercall_exposes_twelve_and_takes_them_back(void **state)
{
	struct tdx_module_args a = args_in();
	const struct tdxh_record *rec;
	struct tdxh_regs back;
	uint64_t status;

	(void)state;
	a.r10 = TDVMCALL_STANDARD;
	a.r11 = TEST_SUBFN;
	tdxh_arm();
	status = __tdx_hypercall(&a);
	tdxh_disarm();
	assert_int_equal(status, VMM_STATUS);
	rec = only_record(TDG_VP_VMCALL);
	assert_int_equal(rec->in.gpr[TDXH_RCX], TDX_HYPERCALL_EXPOSE_MASK);
	assert_true(rec->vmm_exit);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R11], TEST_SUBFN);
	assert_regs(&rec->vmm_saw, EXPOSED & ~(R(R10) | R(R11)), in_of, 0);
	assert_int_equal(rec->vmm_wrote, EXPOSED);
	args_as_regs(&a, &back);
	assert_regs(&back, EXPOSED, vmm_of, 0);
	assert_int_equal(a.rcx, IN(TDXH_RCX));	/* not used, not written */
}

static void hypercall6_exposes_the_same_mask_with_zeros(void **state)
{
	struct tdx__vmcall_regs6 six = {
		TDVMCALL_STANDARD, TEST_SUBFN, IN(TDXH_R12), IN(TDXH_R13), IN(TDXH_R14), IN(TDXH_R15),
	};
	const struct tdxh_record *rec;
	uint64_t status;

	(void)state;
	tdxh_arm();
	status = __tdx_hypercall6(&six);
	tdxh_disarm();
	assert_int_equal(status, VMM_STATUS);
	rec = only_record(TDG_VP_VMCALL);
	assert_int_equal(rec->in.gpr[TDXH_RCX], TDX_HYPERCALL_EXPOSE_MASK);
	assert_regs(&rec->vmm_saw, R(R12) | R(R13) | R(R14) | R(R15), in_of, EXPOSED & ~VMCALL6);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R10], TDVMCALL_STANDARD);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R11], TEST_SUBFN);
	assert_int_equal(six.r10, VMM_STATUS);
	assert_int_equal(six.r11, VMM(TDXH_R11));
	assert_int_equal(six.r12, VMM(TDXH_R12));
	assert_int_equal(six.r13, VMM(TDXH_R13));
	assert_int_equal(six.r14, VMM(TDXH_R14));
	assert_int_equal(six.r15, VMM(TDXH_R15));
}

/* The trap back-end runs the real `sti` before the TDCALL: emulated. */
static void arm_for_safe_halt(void)
{
	tdxh_arm();
#ifndef TDX_MODEL_STUB
	tdxh_arm_sti();
#endif
}

static void safe_halt_exposes_r10_to_r12(void **state)
{
	const struct tdxh_record *rec;
	uint64_t status;

	(void)state;
	tdxh_set_vmcall_model(TDVMCALL_INSTRUCTION_HLT, echo_vmm);
	arm_for_safe_halt();
	status = tdx_safe_halt();
	tdxh_disarm();
	assert_int_equal(status, VMM_STATUS);
	rec = only_record(TDG_VP_VMCALL);
	assert_int_equal(rec->in.gpr[TDXH_RCX], 0x1C00);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R10], TDVMCALL_STANDARD);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R11], TDVMCALL_INSTRUCTION_HLT);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R12], 0);	/* interrupts not blocked */
	assert_int_equal(rec->vmm_wrote, R(R10) | R(R11) | R(R12));
}

/* ---- the module refuses TDG.VP.VMCALL: each VMCALL trampoline's ud2 ---------------- */

static struct tdx_module_args refused_args;
static struct tdx__vmcall_regs6 refused_six;

static void call_hypercall(void *arg)
{
	(void)arg;
	__tdx_hypercall(&refused_args);
	fail_msg("__tdx_hypercall returned from a refused TDG.VP.VMCALL");
}

static void call_hypercall6(void *arg)
{
	(void)arg;
	__tdx_hypercall6(&refused_six);
	fail_msg("__tdx_hypercall6 returned from a refused TDG.VP.VMCALL");
}

static void call_safe_halt(void *arg)
{
	(void)arg;
	tdx_safe_halt();
	fail_msg("tdx_safe_halt returned from a refused TDG.VP.VMCALL");
}

static void refused_vmcall_stops_at_ud2_with_nothing_stored(void **state)
{
	struct tdx_module_args before;

	(void)state;
	tdxh.state.vmcall_module_status = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
	refused_args = args_in();
	before = refused_args;
	refused_six = (struct tdx__vmcall_regs6){ 0, TEST_SUBFN, 1, 2, 3, 4 };
	arm_for_safe_halt();
	assert_true(tdxh_run_expect_trap(call_hypercall, NULL));
	assert_true(tdxh_run_expect_trap(call_hypercall6, NULL));
	assert_true(tdxh_run_expect_trap(call_safe_halt, NULL));
	tdxh_disarm();
	assert_int_equal(tdxh_ud2_traps(), 3);
	assert_int_equal(tdxh.state.nr_calls, 3);
	assert_memory_equal(&refused_args, &before, sizeof(before));
	assert_int_equal(refused_six.r12, 1);
	assert_int_equal(refused_six.r15, 4);
}

/* ---- an interrupted leaf runs again, with the registers the model left ------------- */

static unsigned interruptions;

static void interruptible_leaf(struct tdxh_leaf_call *c)
{
	if (interruptions) {
		interruptions--;
		c->regs->gpr[TDXH_RDX]++;	/* progress the module keeps in a register */
		c->no_advance = true;
		return;
	}
	c->regs->gpr[TDXH_RAX] = c->regs->gpr[TDXH_RDX];
}

static void interrupted_leaf_runs_again(void **state)
{
	uint64_t status;

	(void)state;
	tdxh_set_leaf_model(TEST_LEAF, interruptible_leaf);
	interruptions = 2;
	tdxh_arm();
	status = __tdx_module_call3(TEST_LEAF, 0, 40, 0);
	tdxh_disarm();
	assert_int_equal(status, 42);
	assert_int_equal(tdxh.state.nr_calls, 3);
}

/* ---- not armed: nothing answers, the program dies of the trap ---------------------- */

static void unarmed_tdcall_kills_the_program(void **state)
{
	int status;
	pid_t pid;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* cmocka's handlers would catch the trap: the default action instead */
		signal(SIGILL, SIG_DFL);
		signal(SIGSEGV, SIG_DFL);
		signal(SIGTRAP, SIG_DFL);
		close(2);	/* the stub's one-line message, not in this test's output */
		tdx_outb('x', TDX_MODEL_COM1_PORT);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_true(WTERMSIG(status) == SIGILL || WTERMSIG(status) == SIGSEGV ||
		    WTERMSIG(status) == SIGTRAP);
	assert_int_equal(tdxh.state.nr_calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(module_call_sends_and_takes_all_thirteen, setup),
		cmocka_unit_test_setup(module_call6_sends_six_and_zeros, setup),
		cmocka_unit_test_setup(module_call3_sends_three_and_zeros, setup),
		cmocka_unit_test_setup(hypercall_exposes_twelve_and_takes_them_back, setup),
		cmocka_unit_test_setup(hypercall6_exposes_the_same_mask_with_zeros, setup),
		cmocka_unit_test_setup(safe_halt_exposes_r10_to_r12, setup),
		cmocka_unit_test_setup(refused_vmcall_stops_at_ud2_with_nothing_stored, setup),
		cmocka_unit_test_setup(interrupted_leaf_runs_again, setup),
		cmocka_unit_test_setup(unarmed_tdcall_kills_the_program, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
