/* SPDX-License-Identifier: MIT */
/*
 * `sti` immediately followed by TDCALL, emulated: in user mode `sti` raises
 * #GP, i.e. SIGSEGV.  The handler checks the bytes at RIP are FB 66 0F 01 CC,
 * records that the TDCALL about to run had interrupts enabled, and steps over
 * the sti; the TDCALL then traps to the SIGILL handler as usual.  (User mode
 * runs with RFLAGS.IF = 1 already, so there is nothing else to emulate.)
 */
#define _GNU_SOURCE
#include "abi_internal.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static struct sigaction previous;

static void on_sigsegv(int sig, siginfo_t *info, void *ctx)
{
	static const unsigned char sti_tdcall[5] = { 0xfb, 0x66, 0x0f, 0x01, 0xcc };
	ucontext_t *uc = ctx;
	const unsigned char *rip = (const unsigned char *)uc->uc_mcontext.gregs[REG_RIP];

	if (sig == SIGSEGV && info->si_code == SI_KERNEL &&
	    memcmp(rip, sti_tdcall, sizeof(sti_tdcall)) == 0) {
		tdxh_abi.stis++;
		tdxh_abi.sti_record = tdxh_state.nr_calls;	/* the next TDCALL's record */
		uc->uc_mcontext.gregs[REG_RIP] += 1;
		return;
	}
	/* Not ours: whoever handled SIGSEGV before us. */
	if (previous.sa_flags & SA_SIGINFO) {
		if (previous.sa_sigaction) {
			previous.sa_sigaction(sig, info, ctx);
			return;
		}
	} else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
		previous.sa_handler(sig);
		return;
	}
	{
		static const char msg[] = "tdx harness: SIGSEGV that is not sti+TDCALL\n";
		(void)!write(2, msg, sizeof(msg) - 1);
		abort();
	}
}

void tdxh_arm_sti(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsegv;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &old) != 0)
		abort();
	if (old.sa_sigaction != on_sigsegv || !(old.sa_flags & SA_SIGINFO))
		previous = old;
}

bool tdxh_sti_before(uint64_t record_index)
{
	return tdxh_abi.stis != 0 && tdxh_abi.sti_record == record_index;
}
