/* SPDX-License-Identifier: MIT */
/*
 * The trap back-end's arming: the SIGILL/SIGSEGV handler that hands trapped
 * TDCALLs of the instance (model/kit/instance.c) to the model, and the trap
 * glue's part of a reset.
 */
#define _GNU_SOURCE
#include "tdx_harness.h"
#include "tdxh_trap.h"
#include "tdxh_ve.h"
#include "backend.h"

#include <signal.h>
#include <ucontext.h>

static bool armed;
static struct sigaction previous_sigill, previous_sigsegv;

/*
 * The harness's handler for SIGILL and SIGSEGV: a trapped TDCALL by either
 * route goes to the model; a ud2 is the refused-hypercall trap a test may
 * expect; everything else belongs to whoever handled the signal before.
 */
static void on_trap(int sig, siginfo_t *info, void *ctx)
{
	static const unsigned char ud2[2] = { 0x0f, 0x0b };
	const ucontext_t *uc = ctx;
	const void *rip;

	tdxh_signal_enter();
	rip = (const void *)uc->uc_mcontext.gregs[REG_RIP];
	if (tdxh_trap_tdcall(sig, info, ctx))
		return;
	if (sig == SIGILL && tdxh_code_is(rip, ud2, sizeof(ud2)))
		tdxh__refused((uint64_t)rip);
	tdxh_chain(sig == SIGILL ? &previous_sigill : &previous_sigsegv, sig, info, ctx,
		   "tdx harness");
}

void tdxh_arm(void)
{
	if (!tdxh.initialized)
		tdxh_reset();
	tdxh_sigaction(SIGILL, on_trap, 0, &previous_sigill);
	tdxh_sigaction(SIGSEGV, on_trap, 0, &previous_sigsegv);
	armed = true;
}

void tdxh_disarm(void)
{
	if (!armed)
		return;
	sigaction(SIGSEGV, &previous_sigsegv, NULL);
	sigaction(SIGILL, &previous_sigill, NULL);
	armed = false;
}

void tdxh__backend_reset(void)
{
	tdxh__sti_reset();
	tdxh__ve_reset();
}

void tdxh__backend_unwound(void)
{
	tdxh__chain_reset();
}
