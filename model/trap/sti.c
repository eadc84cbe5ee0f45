/* SPDX-License-Identifier: MIT */
/*
 * `sti` immediately followed by TDCALL, emulated: in user mode `sti` raises
 * #GP, i.e. SIGSEGV (valgrind, which does not run it, raises SIGILL: both are
 * taken).  The handler checks the bytes at RIP are FB 66 0F 01 CC,
 * records that the TDCALL about to run had interrupts enabled, and steps over
 * the sti; the TDCALL then traps as usual (SIGILL or #GP).  (User mode
 * runs with RFLAGS.IF = 1 already, so there is nothing else to emulate.)
 */
#define _GNU_SOURCE
#include "tdx_harness.h"
#include "tdxh_trap.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static struct sigaction previous_segv, previous_ill;
static uint64_t stis;		/* sti + TDCALL pairs emulated */
static uint64_t sti_record;	/* record index of the TDCALL after the last sti */

static void on_sti(int sig, siginfo_t *info, void *ctx)
{
	static const unsigned char sti_tdcall[5] = { 0xfb, 0x66, 0x0f, 0x01, 0xcc };
	ucontext_t *uc = ctx;
	const unsigned char *rip;

	tdxh_signal_enter();
	rip = (const unsigned char *)uc->uc_mcontext.gregs[REG_RIP];
	if (((sig == SIGSEGV && info->si_code == SI_KERNEL) || sig == SIGILL) &&
	    tdxh_code_is(rip, sti_tdcall, sizeof(sti_tdcall))) {
		stis++;
		sti_record = tdxh.state.nr_calls;	/* the next TDCALL's record */
		uc->uc_mcontext.gregs[REG_RIP] += 1;
		return;
	}
	/* Not ours: whoever handled SIGSEGV before us (a TDCALL's #GP included). */
	tdxh_chain(sig == SIGILL ? &previous_ill : &previous_segv, sig, info, ctx,
		   "tdx harness (sti)");
}

void tdxh_arm_sti(void)
{
	tdxh_sigaction(SIGSEGV, on_sti, 0, &previous_segv);
	tdxh_sigaction(SIGILL, on_sti, 0, &previous_ill);
}

bool tdxh_sti_before(uint64_t record_index)
{
	return stis != 0 && sti_record == record_index;
}

uint64_t tdxh_sti_count(void)
{
	return stis;
}

void tdxh__sti_reset(void)
{
	stis = 0;
	sti_record = 0;
}
