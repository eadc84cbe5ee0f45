/* SPDX-License-Identifier: MIT */
/*
 * What only the trap back-end has, for the test programs' _stub variants
 * (tests/CMakeLists.txt): the `sti` emulation, the page watch, the signal
 * chain and the register probe exist because the trap back-end runs real
 * instructions that trap.  Under the stub back-end there is no such
 * instruction, so a test that asks for one of them is skipped at that
 * point, saying which and why; everything it checked before still counts.
 * The _stub variants link this instead of model/trap/ and the assembly of
 * tests/support/.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"
#include "tdx_harness.h"
#include "tdxh_trap.h"

static void trap_only(const char *what)
{
	print_message("stub back-end: %s needs the trap back-end (real instructions that trap): skipped\n",
		      what);
	skip();
}

/*
 * The stub's tdx_safe_halt and tdx_halt execute no `sti`: there is none to
 * emulate, none was counted and none came before any call.
 */
void tdxh_arm_sti(void)
{
	trap_only("`sti` emulation");
}

bool tdxh_sti_before(uint64_t record_index)
{
	(void)record_index;
	return false;
}

uint64_t tdxh_sti_count(void)
{
	return 0;
}

/* The page watch single-steps the guest's real accesses to a PROT_NONE buffer. */
uint32_t tdxh_watch_reads[TDXH_WATCH_MAX];
uint32_t tdxh_watch_writes[TDXH_WATCH_MAX];

bool tdxh_single_step_available(void)
{
	trap_only("the page watch");
	return false;
}

void tdxh_watch(void *base, size_t len, tdxh_watch_fn before, tdxh_watch_fn after, void *ctx)
{
	(void)base, (void)len, (void)before, (void)after, (void)ctx;
	trap_only("the page watch");
}

/* Nothing can be watched here, so there is nothing to undo (a teardown may call it). */
void tdxh_unwatch(void)
{
}

/* Signal handlers chained with the trap glue's (a real CPUID fault, say). */
void tdxh_sigaction(int sig, tdxh_signal_fn fn, int extra_flags, struct sigaction *previous)
{
	(void)sig, (void)fn, (void)extra_flags, (void)previous;
	trap_only("the trap glue's signal chain");
}

void tdxh_chain(const struct sigaction *previous, int sig, siginfo_t *si, void *ucontext,
		const char *who)
{
	(void)previous, (void)sig, (void)si, (void)ucontext, (void)who;
	trap_only("the trap glue's signal chain");
}

/* The register probe checks what the shipped (assembly) trampolines leave in registers. */
uint64_t tdxh_probe_call(void *fn, uint64_t a0, uint64_t a1, uint64_t out[TDXH_NR_GPRS])
{
	(void)fn, (void)a0, (void)a1, (void)out;
	trap_only("the register probe of the shipped trampolines");
	return 0;
}
