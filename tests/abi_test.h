/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the test_abi_*.c programs.  Expected register
 * values are always typed into the tests from the spec tables; these helpers
 * only compare.
 */
#ifndef ABI_TEST_H
#define ABI_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tdx_harness.h"

/* A byte pattern for "untouched" checks. */
#define POISON 0xA5

/* Registers __tdx_module_call loads from struct tdx_module_args (all but RAX, RSP, RBP). */
#define MODULE_ARG_GPRS 0xFFCEu
/* Registers __tdx_hypercall exposes (RCX = 0xFFCC). */
#define VMCALL_GPRS 0xFFCCu

static inline int abi_setup(void **state)
{
	(void)state;
	tdxh_reset();
	return 0;
}

/*
 * The last TDCALL was leaf `rax` (RAX including version bits) with exactly
 * `expect` in every register the trampoline loads (unlisted ones = 0).
 */
static inline void assert_tdcall(uint64_t rax, const uint64_t expect[TDXH_NR_GPRS])
{
	const struct tdxh_record *rec = tdxh_last_record();

	assert_non_null(rec);
	assert_int_equal(rec->leaf, rax);
	for (int g = 0; g < TDXH_NR_GPRS; g++) {
		if (!(MODULE_ARG_GPRS & (1u << g)))
			continue;
		if (rec->in.gpr[g] != expect[g])
			print_error("register %s: %#llx, expected %#llx\n", tdxh_gpr_names[g],
				    (unsigned long long)rec->in.gpr[g],
				    (unsigned long long)expect[g]);
		assert_int_equal(rec->in.gpr[g], expect[g]);
	}
}

/*
 * The last TDCALL was TDG.VP.VMCALL of GHCI sub-function `subfn`, and the
 * VMM saw exactly `expect` in every exposed register but R10/R11 (unlisted
 * ones = 0: nothing of the guest's leaks).
 */
static inline void assert_vmcall(uint64_t subfn, const uint64_t expect[TDXH_NR_GPRS])
{
	const struct tdxh_record *rec = tdxh_last_record();

	assert_non_null(rec);
	assert_int_equal(rec->leaf, 0);
	assert_true(rec->vmm_exit);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R10], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R11], subfn);
	for (int g = TDXH_RDX; g < TDXH_NR_GPRS; g++) {
		if (g == TDXH_R10 || g == TDXH_R11 || !(rec->in.gpr[TDXH_RCX] & (1ull << g)))
			continue;
		if (rec->vmm_saw.gpr[g] != expect[g])
			print_error("VMM saw %s = %#llx, expected %#llx\n", tdxh_gpr_names[g],
				    (unsigned long long)rec->vmm_saw.gpr[g],
				    (unsigned long long)expect[g]);
		assert_int_equal(rec->vmm_saw.gpr[g], expect[g]);
	}
}

/* n calls since `before` (tdxh.state.nr_calls): e.g. 0 = refused without a TDCALL. */
#define assert_calls_since(before, n) assert_int_equal(tdxh.state.nr_calls - (before), (n))

/* Every byte of obj is POISON. */
#define assert_untouched(obj) assert_true(abi_all_poison(&(obj), sizeof(obj)))
static inline int abi_all_poison(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != POISON)
			return 0;
	return 1;
}
#define poison(obj) memset(&(obj), POISON, sizeof(obj))

#endif
