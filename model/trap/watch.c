/* SPDX-License-Identifier: MIT */
/*
 * Watching a shared buffer: every guest access faults (PROT_NONE), the
 * hooks run, the access is single-stepped (RFLAGS.TF) with the pages
 * readable and writable, and the SIGTRAP after it protects them again.
 * This lets a test play a VMM that rewrites shared memory between any two
 * guest accesses, and count how often each byte was read.
 */
#define _GNU_SOURCE
#include "tdx_harness.h"
#include "tdxh_trap.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define TF (1ull << 8)

uint32_t tdxh_watch_reads[TDXH_WATCH_MAX];
uint32_t tdxh_watch_writes[TDXH_WATCH_MAX];

static uint8_t *w_base;
static size_t w_len;
static tdxh_watch_fn w_before, w_after;
static void *w_ctx;
static int w_paused;
static size_t w_off;		/* access being single-stepped */
static bool w_write, w_stepping;
static struct sigaction previous_segv, previous_trap;	/* what is not a watched access */

static void protect(int prot)
{
	if (w_base && mprotect(w_base, w_len, prot) != 0) {
		static const char msg[] = "tdxh_watch: mprotect failed\n";
		(void)!write(2, msg, sizeof(msg) - 1);
		abort();
	}
}

static void on_segv(int sig, siginfo_t *info, void *ctx)
{
	ucontext_t *uc = ctx;
	uint8_t *addr = info->si_addr;

	tdxh_signal_enter();
	if (!w_base || addr < w_base || addr >= w_base + w_len ||
	    uc->uc_mcontext.gregs[REG_TRAPNO] != TDXH_TRAP_PF) {
		/* Not ours (a TDCALL's #GP, a #VE, a crash): the handler before. */
		tdxh_chain(&previous_segv, sig, info, ctx, "tdxh_watch");
		return;
	}
	w_off = (size_t)(addr - w_base);
	w_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
	if (w_off < TDXH_WATCH_MAX) {
		if (w_write)
			tdxh_watch_writes[w_off]++;
		else
			tdxh_watch_reads[w_off]++;
	}
	protect(PROT_READ | PROT_WRITE);
	if (w_before)
		w_before(w_off, w_write, w_ctx);
	w_stepping = true;
	uc->uc_mcontext.gregs[REG_EFL] |= (greg_t)TF;
}

static void on_trap(int sig, siginfo_t *info, void *ctx)
{
	ucontext_t *uc = ctx;

	tdxh_signal_enter();
	if (!w_stepping) {
		tdxh_chain(&previous_trap, sig, info, ctx, "tdxh_watch");
		return;
	}
	uc->uc_mcontext.gregs[REG_EFL] &= ~(greg_t)TF;
	w_stepping = false;
	if (w_after)
		w_after(w_off, w_write, w_ctx);
	if (!w_paused)
		protect(PROT_NONE);
}

void tdxh_watch(void *base, size_t len, tdxh_watch_fn before, tdxh_watch_fn after, void *ctx)
{
	memset(tdxh_watch_reads, 0, sizeof(tdxh_watch_reads));
	memset(tdxh_watch_writes, 0, sizeof(tdxh_watch_writes));
	w_base = base;
	w_len = len;
	w_before = before;
	w_after = after;
	w_ctx = ctx;
	w_paused = 0;
	w_stepping = false;
	tdxh.guest_access_begin = tdxh_watch_pause;
	tdxh.guest_access_end = tdxh_watch_resume;
	tdxh_sigaction(SIGSEGV, on_segv, 0, &previous_segv);
	tdxh_sigaction(SIGTRAP, on_trap, 0, &previous_trap);
	protect(PROT_NONE);
}

void tdxh_unwatch(void)
{
	protect(PROT_READ | PROT_WRITE);
	w_base = NULL;
	w_len = 0;
	tdxh.guest_access_begin = NULL;
	tdxh.guest_access_end = NULL;
}

/* Models run inside the TDCALL handler: their own accesses are not the guest's
 * (tdxh.guest_access_begin/end while a watch is on). */
void tdxh_watch_pause(void)
{
	if (w_paused++ == 0)
		protect(PROT_READ | PROT_WRITE);
}

void tdxh_watch_resume(void)
{
	if (w_paused > 0 && --w_paused == 0)
		protect(PROT_NONE);
}

static volatile sig_atomic_t stepped;

static void on_probe_trap(int sig, siginfo_t *info, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	(void)info;
	uc->uc_mcontext.gregs[REG_EFL] &= ~(greg_t)TF;
	stepped = 1;
}

bool tdxh_single_step_available(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_probe_trap;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTRAP, &sa, &old);
	stepped = 0;
	/* Set TF; the trap comes after the next instruction; clear it if it never did. */
	__asm__ volatile("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\tnop\n\tnop\n\t"
			 "pushfq\n\tandq $~0x100, (%%rsp)\n\tpopfq" ::: "memory", "cc");
	sigaction(SIGTRAP, &old, NULL);
	return stepped != 0;
}
