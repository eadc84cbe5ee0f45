/* SPDX-License-Identifier: MIT */
/*
 * The harness: the model instance the trap layer drives, its SIGILL/SIGSEGV
 * handler, and resetting the model together with the glue around it.
 */
#define _GNU_SOURCE
#include "tdx_harness.h"
#include "tdxh_trap.h"
#include "tdxh_ve.h"

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

struct tdxm tdxh = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.mem = { .lock = PTHREAD_MUTEX_INITIALIZER },
};

static __thread unsigned this_vcpu;
static __thread sigjmp_buf *trap_env;
static uint64_t ud2_traps;
static bool armed;
static struct sigaction previous_sigill, previous_sigsegv;

__attribute__((noreturn)) static void die(const char *what)
{
	char buf[256];
	int n = snprintf(buf, sizeof(buf), "tdx harness: %s\n", what);

	if (n > 0)
		(void)!write(2, buf, (size_t)n);
	abort();
}

void tdxh_set_vcpu(unsigned vcpu)
{
	this_vcpu = vcpu;
}

unsigned tdxh_current_vcpu(void)
{
	return this_vcpu;
}

uint64_t tdxh_ud2_traps(void)
{
	return __atomic_load_n(&ud2_traps, __ATOMIC_RELAXED);
}

void tdxh_inject(unsigned leaf, uint64_t subfn, uint64_t status, unsigned count)
{
	if (tdxm_inject(&tdxh, leaf, subfn, status, count) != 0)
		die("too many injections");
}

void tdxh_quote_hostile_after(size_t off, bool write, void *ctx)
{
	(void)ctx;
	tdxm_quote_after_guest_access(off, write, &tdxh);
}

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
	if (sig == SIGILL && tdxh_code_is(rip, ud2, sizeof(ud2))) {
		__atomic_fetch_add(&ud2_traps, 1, __ATOMIC_SEQ_CST);
		if (trap_env)
			siglongjmp(*trap_env, 1);
		die("ud2 (refused TDG.VP.VMCALL?) with no trap expected");
	}
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

bool tdxh_run_expect_trap(void (*fn)(void *), void *arg)
{
	sigjmp_buf env;
	sigjmp_buf *volatile saved = trap_env;

	if (sigsetjmp(env, 1)) {
		trap_env = saved;
		tdxh__chain_reset();
		return true;
	}
	trap_env = &env;
	fn(arg);
	trap_env = saved;
	return false;
}

void tdxh_reset(void)
{
	tdxm_reset(&tdxh);
	__atomic_store_n(&ud2_traps, 0, __ATOMIC_RELAXED);
	tdxh__sti_reset();
	tdxh__ve_reset();
	this_vcpu = 0;
}

void *tdxh_map_untracked(uint64_t size)
{
	size = (size + 4095) & ~4095ull;
	for (uint64_t va = 1ull << 40; va < (1ull << 46); va += 1ull << 36) {
		void *p = mmap((void *)va, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

		if (p == (void *)va)
			return p;
		if (p != MAP_FAILED)
			munmap(p, size);
	}
	return NULL;
}
