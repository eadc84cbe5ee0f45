/* SPDX-License-Identifier: MIT */
/*
 * Guest essentials (include/tdx/guest.h): TD detection, the shared bit,
 * hardened CPUID, tdx_halt and tdx_safe_halt.
 *
 * tdx_shared_mask() caches its answer for the life of the process, so the
 * tests that depend on it run in a fixed order here (cmocka keeps order), and
 * the MMIO helpers, which need GPAW 48, live in test_abi_mmio.c.
 */
#define _GNU_SOURCE
#include <tdx/tdx.h>
#include "abi_test.h"
#include "support.h"
#include "tdxh_trap.h"

#include <asm/prctl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

/* ---- tdx_is_td --------------------------------------------------------------- */

static void is_td_signature_check(void **state)
{
	/* CPUID(0x21, 0) in a TD: EBX "Inte", EDX "lTDX", ECX "    " (typed from the spec). */
	struct tdx_cpuid_regs td = { .eax = 0, .ebx = 0x65746E49, .ecx = 0x20202020, .edx = 0x5844546C };
	struct tdx_cpuid_regs other = td;

	(void)state;
	assert_true(tdx_cpuid_is_td(0x21, &td));
	assert_true(tdx_cpuid_is_td(0x23, &td));
	assert_false(tdx_cpuid_is_td(0x20, &td));	/* leaf 0x21 not implemented */
	other.ecx = 0;
	assert_false(tdx_cpuid_is_td(0x21, &other));
	other = td;
	other.edx = 0x5844546D;
	assert_false(tdx_cpuid_is_td(0x21, &other));
	other = td;
	other.ebx ^= 1;
	assert_false(tdx_cpuid_is_td(0x21, &other));
}

static void is_td_on_this_host_is_false_and_makes_no_tdcall(void **state)
{
	(void)state;
	tdxh_arm();
	assert_false(tdx_is_td());
	assert_int_equal(tdxh.state.nr_calls, 0);
}

/*
 * With Linux's CPUID faulting (arch_prctl(ARCH_SET_CPUID, 0)) every CPUID
 * raises SIGSEGV; this handler answers as a TD would.  Not every CPU has
 * CPUID faulting: the test is skipped where it does not.
 */
static struct sigaction before_cpuid_fault;

static void on_cpuid_fault(int sig, siginfo_t *info, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;
	const unsigned char *rip = (const unsigned char *)g[REG_RIP];

	if (info->si_code != SI_KERNEL || g[REG_TRAPNO] != TDXH_TRAP_GP ||
	    rip[0] != 0x0F || rip[1] != 0xA2) {
		/* Not a CPUID fault (a TDCALL's #GP, a crash): the handler before. */
		tdxh_chain(&before_cpuid_fault, sig, info, ctx, "is_td_under_cpuid_faulting");
		return;
	}
	if (g[REG_RAX] == 0) {
		g[REG_RAX] = 0x23;
		g[REG_RBX] = g[REG_RCX] = g[REG_RDX] = 0;
	} else if (g[REG_RAX] == 0x21) {
		g[REG_RAX] = 0;
		g[REG_RBX] = 0x65746E49;
		g[REG_RDX] = 0x5844546C;
		g[REG_RCX] = 0x20202020;
	} else {
		g[REG_RAX] = g[REG_RBX] = g[REG_RCX] = g[REG_RDX] = 0;
	}
	g[REG_RIP] += 2;
}

static void is_td_under_cpuid_faulting(void **state)
{
	bool td;

	(void)state;
	tdxh_arm();
	tdxh_sigaction(SIGSEGV, on_cpuid_fault, 0, &before_cpuid_fault);
	if (syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0) != 0) {
		sigaction(SIGSEGV, &before_cpuid_fault, NULL);
		print_message("CPUID faulting unavailable here: TD path covered by "
			      "is_td_signature_check only\n");
		skip();
	}
	td = tdx_is_td();
	syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1);
	sigaction(SIGSEGV, &before_cpuid_fault, NULL);
	assert_true(td);
}

/* ---- tdx_va_to_gpa ---------------------------------------------------------------- */

static void va_to_gpa_default_is_identity(void **state)
{
	static uint8_t object[16];

	(void)state;
	assert_int_equal(tdx_va_to_gpa(object), (uint64_t)(uintptr_t)object);
	assert_int_equal(tdx_va_to_gpa((const void *)(uintptr_t)0x7000), 0x7000);
}

/* ---- tdx_shared_mask (ordered: the answer is cached) ------------------------------ */

static void shared_mask_failure_is_zero_and_not_cached(void **state)
{
	(void)state;
	tdxh_arm();
	tdxh_inject(1, 0, 0xC000010000000000ull, 1);
	assert_int_equal(tdx_shared_mask(), 0);
	/* An impossible GPAW is not believed either. */
	tdxh.td.gpaw = 40;
	assert_int_equal(tdx_shared_mask(), 0);
	assert_int_equal(tdxh_count(1, 0), 2);
}

/* The status-returning twin says why there is no mask, and writes it only on success. */
static void get_shared_mask_says_why(void **state)
{
	uint64_t mask = 0x5A5A;

	(void)state;
	tdxh_arm();
	tdxh_inject(1, 0, 0xC000010000000000ull, 1);
	assert_int_equal(tdx_get_shared_mask(&mask), 0xC000010000000000ull);	/* the module's status */
	assert_int_equal(mask, 0x5A5A);
	tdxh.td.gpaw = 40;
	assert_int_equal(tdx_get_shared_mask(&mask), TDX_SW_NO_SHARED_BIT);
	assert_int_equal(mask, 0x5A5A);
	assert_int_equal(tdxh_count(1, 0), 2);	/* nothing cached */
}

static void shared_mask_from_gpaw_computed_once(void **state)
{
	(void)state;
	tdxh_arm();
	tdxh.td.gpaw = 52;
	assert_int_equal(tdx_shared_mask(), 1ull << 51);
	assert_int_equal(tdxh_count(1, 0), 1);
	tdxh.td.gpaw = 48;	/* cannot change in a real TD: the cache keeps the first answer */
	assert_int_equal(tdx_shared_mask(), 1ull << 51);
	assert_int_equal(tdx_shared_mask(), 1ull << 51);
	assert_int_equal(tdxh_count(1, 0), 1);
	{
		uint64_t mask = 0;

		assert_int_equal(tdx_get_shared_mask(&mask), TDX_SUCCESS);	/* from the cache */
		assert_int_equal(mask, 1ull << 51);
		assert_int_equal(tdxh_count(1, 0), 1);
	}
}

/* ---- tdx_cpuid ----------------------------------------------------------------- */

static void cpuid_forwards_only_the_hypervisor_range(void **state)
{
	struct tdx_cpuid_regs r;
	uint64_t before;

	(void)state;
	tdxh_arm();
	tdxh_abi_set_cpuid(1, 0, 0xAAAA, 0xBBBB, 0xCCCC, 0xDDDD);
	tdxh_abi_set_cpuid(0x4FFFFFFF, 2, 1, 2, 3, 4);
	tdxh_abi_set_cpuid(0x50000000, 0, 5, 6, 7, 8);

	tdx_cpuid(0x40000000, 0, &r);
	assert_vmcall(10, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 0x40000000, [TDXH_R13] = 0 });
	assert_int_equal(r.eax, 0x40000001);
	assert_int_equal(r.ebx, 0x48584454);	/* "TDXH" */
	tdx_cpuid(0x4FFFFFFF, 2, &r);
	assert_int_equal(r.edx, 4);

	before = tdxh.state.nr_calls;
	poison(r);
	tdx_cpuid(1, 0, &r);		/* below the range */
	assert_int_equal(r.eax | r.ebx | r.ecx | r.edx, 0);
	tdx_cpuid(0x3FFFFFFF, 0, &r);
	assert_int_equal(r.eax | r.ebx | r.ecx | r.edx, 0);
	tdx_cpuid(0x50000000, 0, &r);	/* above it */
	assert_int_equal(r.eax | r.ebx | r.ecx | r.edx, 0);
	assert_calls_since(before, 0);

	/* A failed call reads as zeros too. */
	tdxh_inject(0, 10, 0x8000000000000000ull, 1);
	poison(r);
	tdx_cpuid(0x40000000, 0, &r);
	assert_int_equal(r.eax | r.ebx | r.ecx | r.edx, 0);
}

static void cpuid_hostile_vmm_truncated(void **state)
{
	struct tdx_cpuid_regs r;

	(void)state;
	tdxh_arm();
	tdxh.state.hostile = true;
	tdx_cpuid(0x40000000, 0, &r);
	assert_int_equal(r.eax, 0x40000001);	/* answered registers only */
	assert_int_equal(r.edx, 0x21217373);
}

/* ---- tdx_halt, tdx_halt_rflags, tdx_safe_halt -------------------------------------- */

static void halt_derives_blocked_from_rflags_if(void **state)
{
	uint64_t rflags;

	(void)state;
	tdxh_arm();
	/*
	 * User mode runs with IF = 1 on a CPU: not blocked, R12 = 0.  (valgrind's
	 * CPU reports IF = 0 to PUSHF: blocked, R12 = 1.)  Both from one PUSHF.
	 */
	__asm__ volatile("pushfq\n\tpopq %0" : "=r"(rflags));
	assert_int_equal(tdx_halt(), 0);
	assert_vmcall(12, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = (rflags & 0x200) ? 0 : 1 });
	/* IF = 0 cannot happen in user mode: the derivation itself, from saved RFLAGS. */
	assert_int_equal(tdx_halt_rflags(0x002), 0);
	assert_vmcall(12, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 1 });
	assert_int_equal(tdx_halt_rflags(0x202), 0);
	assert_vmcall(12, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 0 });
	assert_int_equal(tdx_halt_rflags(~0x200ull), 0);
	assert_vmcall(12, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 1 });
	assert_false(tdxh_sti_before(tdxh.state.nr_records - 1));
}

static void safe_halt_is_sti_then_tdcall(void **state)
{
	const struct tdxh_record *rec;

	(void)state;
	tdxh_arm();
	tdxh_arm_sti();
	assert_int_equal(tdx_safe_halt(), 0);
	rec = tdxh_last_record();
	assert_int_equal(tdxh_sti_count(), 1);
	assert_true(tdxh_sti_before(tdxh.state.nr_records - 1));
	/* Only R10, R11, R12 exposed; HLT with interrupts not blocked. */
	assert_int_equal(rec->in.gpr[TDXH_RCX], 0x1C00);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R10], 0);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R11], 12);
	assert_int_equal(rec->vmm_saw.gpr[TDXH_R12], 0);
	assert_int_equal(tdxh.vmm.halts, 1);
	assert_false(tdxh.vmm.last_halt_blocked);

	tdxh_inject(0, 12, 0x8000000000000000ull, 1);
	assert_int_equal(tdx_safe_halt(), 0x8000000000000000ull);
	assert_int_equal(tdxh_sti_count(), 2);
}

static void safe_halt_scrubs_what_a_hostile_vmm_wrote(void **state)
{
	uint64_t after[TDXH_NR_GPRS];

	(void)state;
	tdxh_arm();
	tdxh_arm_sti();
	tdxh.state.hostile = true;
	assert_int_equal(tdxh_probe_call((void *)tdx_safe_halt, 0, 0, after), 0);
	assert_int_equal(tdxh_last_record()->vmm_wrote, 0x1C00);
	assert_int_equal(after[TDXH_R10], 0);
	assert_int_equal(after[TDXH_R11], 0);
	assert_int_equal(after[TDXH_R12], TDXH_PROBE_R12);	/* callee-saved, restored */
	assert_int_equal(after[TDXH_RBX], TDXH_PROBE_RBX);
	assert_int_equal(after[TDXH_RBP], TDXH_PROBE_RBP);
}

static void safe_halt_refused_by_the_module_traps(void **state)
{
	(void)state;
	tdxh_arm();
	tdxh_arm_sti();
	tdxh.state.vmcall_module_status = 0xC000010000000001ull;
	assert_true(tdxh_run_expect_trap((void (*)(void *))(void (*)(void))tdx_safe_halt, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(is_td_signature_check),
		cmocka_unit_test_setup(is_td_on_this_host_is_false_and_makes_no_tdcall, abi_setup),
		cmocka_unit_test(is_td_under_cpuid_faulting),
		cmocka_unit_test(va_to_gpa_default_is_identity),
		cmocka_unit_test_setup(shared_mask_failure_is_zero_and_not_cached, abi_setup),
		cmocka_unit_test_setup(get_shared_mask_says_why, abi_setup),
		cmocka_unit_test_setup(shared_mask_from_gpaw_computed_once, abi_setup),
		cmocka_unit_test_setup(cpuid_forwards_only_the_hypervisor_range, abi_setup),
		cmocka_unit_test_setup(cpuid_hostile_vmm_truncated, abi_setup),
		cmocka_unit_test_setup(halt_derives_blocked_from_rflags_if, abi_setup),
		cmocka_unit_test_setup(safe_halt_is_sti_then_tdcall, abi_setup),
		cmocka_unit_test_setup(safe_halt_scrubs_what_a_hostile_vmm_wrote, abi_setup),
		cmocka_unit_test_setup(safe_halt_refused_by_the_module_traps, abi_setup),
	};
	return cmocka_run_group_tests_name("abi_guest", tests, NULL, NULL);
}
