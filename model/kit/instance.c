/* SPDX-License-Identifier: MIT */
/*
 * The instance both back-ends drive (tdx_harness.h): the model `tdxh`, the
 * vCPU each thread plays, failure injection that cannot fail quietly, the
 * refused-hypercall trap a test may expect, a stop request handed to its
 * listener, resetting all of it, and host memory beyond the modelled GPAs.  No signal code: the trap back-end
 * (model/trap/) and the stub back-end (model/stub/) add what arming means
 * for them through backend.h.
 */
#define _GNU_SOURCE	/* MAP_FIXED_NOREPLACE */
#include "tdx_harness.h"
#include "backend.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE	/* Linux 4.17: elsewhere the address is a hint, checked */
#define MAP_FIXED_NOREPLACE 0
#endif

struct tdxm tdxh = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.mem = { .lock = PTHREAD_MUTEX_INITIALIZER },
};

static __thread unsigned this_vcpu;
static __thread sigjmp_buf *trap_env;
static uint64_t ud2_traps;

/* One line on stderr, written with write(2): safe inside a signal handler. */
static void say(const char *what, unsigned long long value)
{
	char buf[256];
	int n = snprintf(buf, sizeof(buf), "tdx harness: %s%#llx\n", what, value);

	if (n > 0)
		(void)!write(2, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
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
	if (tdxm_inject(&tdxh, leaf, subfn, status, count) != 0) {
		say("too many injections, leaf ", leaf);
		abort();
	}
}

void tdxh__refused(uint64_t rip)
{
	__atomic_fetch_add(&ud2_traps, 1, __ATOMIC_SEQ_CST);
	if (trap_env)
		siglongjmp(*trap_env, 1);
	say("ud2 (refused TDG.VP.VMCALL?) with no trap expected at rip=", rip);
	abort();
}

void tdxh__stop(int code, uint64_t rip)
{
	if (!tdxh.stop_hook) {
		say("guest asked to stop, but nobody listens at rip=", rip);
		abort();
	}
	tdxh.stop_hook(code);
}

bool tdxh_run_expect_trap(void (*fn)(void *), void *arg)
{
	sigjmp_buf env;
	sigjmp_buf *volatile saved = trap_env;

	if (sigsetjmp(env, 1)) {
		trap_env = saved;
		tdxh__backend_unwound();
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
	tdxh__backend_reset();
	this_vcpu = 0;
}

void tdxh_quote_hostile_after(size_t off, bool write, void *ctx)
{
	(void)ctx;
	tdxm_quote_after_guest_access(off, write, &tdxh);
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
