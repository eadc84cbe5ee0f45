/* SPDX-License-Identifier: MIT */
/*
 * The shipped trampolines (__tdx_module_call, __tdx_hypercall) under the
 * trapped-TDCALL harness.  Expected encodings are typed from the TDX module
 * ABI and GHCI specs, not taken from libtdx's own constants.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <tdx/tdx.h>
#include "tdx_harness.h"
#include "support.h"

#define TEST_LEAF   42		/* a leaf number no model uses */
#define TEST_SUBFN  0x1F00DULL	/* a sub-function number no model uses */

/* Distinct input and output values for each of the 13 fields. */
static uint64_t in_value(int g)  { return 0x1000000000000000ull + ((uint64_t)g << 8) + 0x11; }
static uint64_t out_value(int g) { return 0x2000000000000000ull + ((uint64_t)g << 8) + 0x22; }

/* args field for each architectural GPR, or -1 (RAX, RSP, RBP). */
static uint64_t *field(struct tdx_module_args *a, int g)
{
	switch (g) {
	case TDXH_RCX: return &a->rcx;
	case TDXH_RDX: return &a->rdx;
	case TDXH_RBX: return &a->rbx;
	case TDXH_RSI: return &a->rsi;
	case TDXH_RDI: return &a->rdi;
	case TDXH_R8:  return &a->r8;
	case TDXH_R9:  return &a->r9;
	case TDXH_R10: return &a->r10;
	case TDXH_R11: return &a->r11;
	case TDXH_R12: return &a->r12;
	case TDXH_R13: return &a->r13;
	case TDXH_R14: return &a->r14;
	case TDXH_R15: return &a->r15;
	default: return NULL;
	}
}

static void fill_args(struct tdx_module_args *a)
{
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		if (field(a, g))
			*field(a, g) = in_value(g);
}

/* Module model for TEST_LEAF: answers every register, status 0x77. */
static void answer_all_leaf(struct tdxh_leaf_call *c)
{
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		if (g != TDXH_RSP && g != TDXH_RBP)
			c->regs->gpr[g] = out_value(g);
	c->regs->gpr[TDXH_RAX] = 0x77;
}

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	return 0;
}

static void module_call_passes_every_register(void **state)
{
	struct tdx_module_args args;
	const struct tdxh_record *rec;

	(void)state;
	tdxh_arm();
	tdxh_set_leaf_model(TEST_LEAF, answer_all_leaf);
	fill_args(&args);

	assert_int_equal(__tdx_module_call(TEST_LEAF, &args), 0x77);

	rec = tdxh_last_record();
	assert_non_null(rec);
	assert_int_equal(rec->in.gpr[TDXH_RAX], TEST_LEAF);
	for (int g = 0; g < TDXH_NR_GPRS; g++) {
		uint64_t *f = field(&args, g);
		if (!f)
			continue;
		assert_int_equal(rec->in.gpr[g], in_value(g));	/* loaded from args */
		assert_int_equal(*f, out_value(g));		/* stored back */
	}
}

/* The probe's callee-saved values, as tdxh_probe_call set them. */
static void assert_callee_saved_kept(const uint64_t after[TDXH_NR_GPRS])
{
	assert_int_equal(after[TDXH_RBX], TDXH_PROBE_RBX);
	assert_int_equal(after[TDXH_RBP], TDXH_PROBE_RBP);
	assert_int_equal(after[TDXH_R12], TDXH_PROBE_R12);
	assert_int_equal(after[TDXH_R13], TDXH_PROBE_R13);
	assert_int_equal(after[TDXH_R14], TDXH_PROBE_R14);
	assert_int_equal(after[TDXH_R15], TDXH_PROBE_R15);
}

static void module_call_preserves_callee_saved_and_clears_scratch(void **state)
{
	struct tdx_module_args args;
	uint64_t after[TDXH_NR_GPRS];

	(void)state;
	tdxh_arm();
	tdxh_set_leaf_model(TEST_LEAF, answer_all_leaf);
	fill_args(&args);

	assert_int_equal(tdxh_probe_call((void *)__tdx_module_call, TEST_LEAF,
					 (uint64_t)(uintptr_t)&args, after), 0x77);
	assert_callee_saved_kept(after);
	/* No output lingers in a scratch register; RSI is the caller's args. */
	assert_int_equal(after[TDXH_RCX], 0);
	assert_int_equal(after[TDXH_RDX], 0);
	assert_int_equal(after[TDXH_RSI], (uint64_t)(uintptr_t)&args);
	assert_int_equal(after[TDXH_RDI], 0);
	for (int g = TDXH_R8; g <= TDXH_R11; g++)
		assert_int_equal(after[g], 0);
}

static void module_call_sends_the_leaf_in_rax_unchanged(void **state)
{
	struct tdx_module_args args = { 0 };

	(void)state;
	tdxh_arm();
	/* Version 2 of TDG.VM.RD: RAX = (2 << 16) | 7; no module has it, so refused. */
	assert_int_equal(__tdx_module_call(0x20007, &args), 0xC000010000000000ull);
	assert_int_equal(tdxh_last_record()->in.gpr[TDXH_RAX], 0x20007);
}

/* VMM model for TEST_SUBFN: checks what it was shown, answers everything. */
static struct tdxh_regs seen;
static void answer_all_vmcall(struct tdxh_vmcall *c)
{
	seen = c->view;
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		if (c->mask & (1ull << g))
			tdxh_vmm_write(c, (enum tdxh_gpr)g, out_value(g));
	tdxh_vmm_status(c, 0x5A5A);
}

static void hypercall_exposes_0xffcc_and_every_field(void **state)
{
	struct tdx_module_args args;
	const struct tdxh_record *rec;

	(void)state;
	tdxh_arm();
	tdxh_set_vmcall_model(TEST_SUBFN, answer_all_vmcall);
	fill_args(&args);
	args.r10 = 0;
	args.r11 = TEST_SUBFN;
	args.rcx = 0xFFFFFFFFFFFFFFFFull;	/* not used: never reaches RCX */

	assert_int_equal(__tdx_hypercall(&args), 0x5A5A);	/* returns R10 */

	rec = tdxh_last_record();
	assert_int_equal(rec->in.gpr[TDXH_RAX], 0);		/* TDG.VP.VMCALL */
	assert_int_equal(rec->in.gpr[TDXH_RCX], 0xFFCC);	/* RDX RBX RSI RDI R8-R15 */
	assert_true(rec->vmm_exit);
	assert_int_equal(seen.gpr[TDXH_RBP], 0);		/* never exposed */
	assert_int_equal(seen.gpr[TDXH_R10], 0);
	assert_int_equal(seen.gpr[TDXH_R11], TEST_SUBFN);
	for (int g = 0; g < TDXH_NR_GPRS; g++) {
		uint64_t *f = field(&args, g);
		if (!f || g == TDXH_RCX || g == TDXH_R10 || g == TDXH_R11)
			continue;
		assert_int_equal(seen.gpr[g], in_value(g));	/* VMM saw the input */
		assert_int_equal(*f, out_value(g));		/* output stored back */
	}
	assert_int_equal(args.r10, 0x5A5A);
	assert_int_equal(args.r11, out_value(TDXH_R11));
	assert_int_equal(args.rcx, 0xFFFFFFFFFFFFFFFFull);	/* untouched */
}

/*
 * After a TDG.VP.VMCALL through the probe: the callee-saved registers are the
 * caller's again (restored from the stack), and no register but RAX holds a
 * value the VMM wrote.
 */
static void assert_no_vmm_value_survives(const uint64_t after[TDXH_NR_GPRS],
					 const struct tdxh_record *rec)
{
	assert_callee_saved_kept(after);
	for (int g = 1; g < TDXH_NR_GPRS; g++)
		for (int v = 0; v < TDXH_NR_GPRS; v++)
			if (rec->vmm_wrote & (1u << v))
				assert_int_not_equal(after[g], rec->out.gpr[v]);
}

static void hypercall_clears_what_the_vmm_wrote(void **state)
{
	struct tdx_module_args args;
	uint64_t after[TDXH_NR_GPRS];
	const struct tdxh_record *rec;
	uint64_t status;

	(void)state;
	tdxh_arm();
	tdxh.state.hostile = true;	/* junk in every exposed register */
	fill_args(&args);
	args.r10 = 0;
	args.r11 = TEST_SUBFN;		/* unsupported: the VMM answers only R10 */

	status = tdxh_probe_call((void *)__tdx_hypercall, (uint64_t)(uintptr_t)&args, 0, after);
	rec = tdxh_last_record();
	assert_int_equal(status, 0x8000000000000003ull);	/* SUBFUNC_UNSUPPORTED */
	assert_int_equal(rec->vmm_wrote, 0xFFCC);		/* every exposed register */

	assert_no_vmm_value_survives(after, rec);
	assert_int_equal(after[TDXH_RCX], 0);
	assert_int_equal(after[TDXH_RDX], 0);
	assert_int_equal(after[TDXH_RSI], 0);
	for (int g = TDXH_R8; g <= TDXH_R11; g++)
		assert_int_equal(after[g], 0);
	assert_int_equal(after[TDXH_RDI], (uint64_t)(uintptr_t)&args);
}

static void module_refuses_bad_expose_masks(void **state)
{
	static const uint64_t bad[] = {
		1ull << 0, 1ull << 1, 1ull << 4, 1ull << 5,	/* RAX RCX RSP RBP */
		1ull << 32, 1ull << 63, 0xFFCCull | (1ull << 5),
	};

	(void)state;
	tdxh_arm();
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tdx_module_args args = { .rcx = bad[i], .r11 = 30 };
		assert_int_equal(__tdx_module_call(0, &args), 0xC000010000000001ull);
		assert_false(tdxh_last_record()->vmm_exit);	/* no exit to the VMM */
	}
	/* td-shim's narrower mask is legal. */
	struct tdx_module_args ok = { .rcx = 0xFC00, .r11 = TEST_SUBFN };
	assert_int_equal(__tdx_module_call(0, &ok), 0);
	assert_true(tdxh_last_record()->vmm_exit);
	assert_int_equal(ok.r10, 0x8000000000000003ull);
	assert_int_equal(ok.rcx, 0xFC00);

	/* RBP is refused only by a TD with NO_RBP_MOD (the default above). */
	tdxh.state.no_rbp_mod = false;
	struct tdx_module_args rbp = { .rcx = 0xC20, .r11 = TEST_SUBFN };	/* RBP R10 R11 */
	assert_int_equal(__tdx_module_call(0, &rbp), 0);
	assert_true(tdxh_last_record()->vmm_exit);
	assert_int_equal(rbp.r10, 0x8000000000000003ull);
	assert_int_equal(tdxh.state.vmm_violations, 0);
}

/*
 * A TD without NO_RBP_MOD: TDG.VP.VMCALL accepts RBP (bit 5) in the mask, and
 * the VMM may write it.  __tdx_module_call(TDG_VP_VMCALL, ...) with such a
 * mask must still give the caller its own RBP back.
 */
#define VMM_RBP 0x4141414141414141ull
static void vmm_writes_rbp(struct tdxh_vmcall *c)
{
	tdxh_vmm_write(c, TDXH_RBP, VMM_RBP);
	tdxh_vmm_status(c, 0);
}

static void module_call_preserves_rbp_the_vmm_wrote(void **state)
{
	struct tdx_module_args args = { .rcx = (1ull << 5) | (1ull << 10) | (1ull << 11),
					.r11 = TEST_SUBFN };
	uint64_t after[TDXH_NR_GPRS];
	const struct tdxh_record *rec;

	(void)state;
	tdxh_arm();
	tdxh.state.no_rbp_mod = false;
	tdxh_set_vmcall_model(TEST_SUBFN, vmm_writes_rbp);

	assert_int_equal(tdxh_probe_call((void *)__tdx_module_call, 0,
					 (uint64_t)(uintptr_t)&args, after), 0);
	rec = tdxh_last_record();
	assert_true(rec->vmm_exit);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_RBP], TDXH_PROBE_RBP);	/* exposed */
	assert_int_equal(rec->out.gpr[TDXH_RBP], VMM_RBP);		/* and written */
	assert_int_equal(after[TDXH_RBP], TDXH_PROBE_RBP);		/* the caller's again */
	assert_int_equal(args.r10, 0);
}

static void module_call_hostile_vmm_with_every_legal_register(void **state)
{
	/* Every register a TD without NO_RBP_MOD may expose: RDX RBX RBP RSI RDI R8-R15. */
	struct tdx_module_args args = { .rcx = 0xFFECull, .r11 = TEST_SUBFN };
	uint64_t after[TDXH_NR_GPRS];
	const struct tdxh_record *rec;

	(void)state;
	tdxh_arm();
	tdxh.state.no_rbp_mod = false;
	tdxh.state.hostile = true;

	assert_int_equal(tdxh_probe_call((void *)__tdx_module_call, 0,
					 (uint64_t)(uintptr_t)&args, after), 0);
	rec = tdxh_last_record();
	assert_int_equal(rec->vmm_wrote, 0xFFEC);
	assert_no_vmm_value_survives(after, rec);
	assert_int_equal(after[TDXH_RSI], (uint64_t)(uintptr_t)&args);
	/* The VMM's values reached args, and only args. */
	assert_int_equal(args.rbx, rec->out.gpr[TDXH_RBX]);
	assert_int_equal(args.rsi, rec->out.gpr[TDXH_RSI]);
	assert_int_equal(args.r15, rec->out.gpr[TDXH_R15]);
}

static void call_hypercall(void *arg)
{
	(void)__tdx_hypercall(arg);
}

static void hypercall_traps_when_the_module_refuses(void **state)
{
	struct tdx_module_args args = { .r11 = TEST_SUBFN };

	(void)state;
	tdxh_arm();
	tdxh.state.vmcall_module_status = 0xC000010000000001ull;
	assert_true(tdxh_run_expect_trap(call_hypercall, &args));
	assert_int_equal(tdxh_ud2_traps(), 1);
	tdxh.state.vmcall_module_status = 0;
	assert_false(tdxh_run_expect_trap(call_hypercall, &args));
}

static void hypercall_hostile_junk_reaches_only_args(void **state)
{
	struct tdx_module_args args = { .r11 = TEST_SUBFN };
	const struct tdxh_record *rec;

	(void)state;
	tdxh_arm();
	tdxh.state.hostile = true;
	__tdx_hypercall(&args);
	rec = tdxh_last_record();
	/* The unanswered exposed registers came back as junk, into args only. */
	assert_int_equal(args.r12, rec->out.gpr[TDXH_R12]);
	assert_int_not_equal(args.r12, 0);
	assert_int_equal(args.rbx, rec->out.gpr[TDXH_RBX]);
	assert_int_equal(rec->out.gpr[TDXH_RBP], rec->in.gpr[TDXH_RBP]);	/* unexposed: kept */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(module_call_passes_every_register, setup),
		cmocka_unit_test_setup(module_call_preserves_callee_saved_and_clears_scratch, setup),
		cmocka_unit_test_setup(module_call_sends_the_leaf_in_rax_unchanged, setup),
		cmocka_unit_test_setup(hypercall_exposes_0xffcc_and_every_field, setup),
		cmocka_unit_test_setup(hypercall_clears_what_the_vmm_wrote, setup),
		cmocka_unit_test_setup(module_refuses_bad_expose_masks, setup),
		cmocka_unit_test_setup(module_call_preserves_rbp_the_vmm_wrote, setup),
		cmocka_unit_test_setup(module_call_hostile_vmm_with_every_legal_register, setup),
		cmocka_unit_test_setup(hypercall_traps_when_the_module_refuses, setup),
		cmocka_unit_test_setup(hypercall_hostile_junk_reaches_only_args, setup),
	};
	return cmocka_run_group_tests_name("trampolines", tests, NULL, NULL);
}
