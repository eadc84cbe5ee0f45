/* SPDX-License-Identifier: MIT */
/*
 * tdcall-route: how this host delivers a user-mode TDCALL, measured.
 *
 * Executes TDCALL (66 0F 01 CC) once in user mode and names the signal that
 * came back.  On bare metal without TDX, on AMD CPUs and under valgrind it
 * is #UD (SIGILL); inside an Intel virtual machine the privilege check comes
 * first and it is #GP(0) (SIGSEGV, si_code SI_KERNEL, trap 13).  libtdx's
 * tests take both (model/trap/tdxh_trap.h); this only says which one
 * this host gives.  Exit status 0, or 1 when TDCALL did something else.
 *
 *   cc -o tdcall-route tools/tdcall-route.c && ./tdcall-route
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile sig_atomic_t got_sig, got_code;
static volatile long long got_trap;

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	got_sig = sig;
	got_code = si->si_code;
	got_trap = (long long)uc->uc_mcontext.gregs[REG_TRAPNO];
	uc->uc_mcontext.gregs[REG_RIP] += 4;	/* past the TDCALL */
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	__asm__ volatile(".byte 0x66, 0x0f, 0x01, 0xcc" ::: "memory");

	if (got_sig == SIGILL) {
		printf("host: TDCALL traps as SIGILL (#UD: bare metal without TDX, an AMD CPU, or valgrind)\n");
		return 0;
	}
	if (got_sig == SIGSEGV && got_code == SI_KERNEL && got_trap == 13) {
		printf("host: TDCALL traps as SIGSEGV (#GP: a virtual machine)\n");
		return 0;
	}
	if (got_sig)
		printf("host: TDCALL traps as signal %d (si_code %d, trap %lld): neither route libtdx's "
		       "tests know\n", (int)got_sig, (int)got_code, got_trap);
	else
		printf("host: TDCALL did not trap in user mode\n");
	return 1;
}
