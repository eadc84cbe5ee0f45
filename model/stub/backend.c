/* SPDX-License-Identifier: MIT */
/*
 * The stub back-end's hosted half: arming is a flag, and a TDCALL from the
 * C trampolines (trampolines.c) goes straight to the instance's model, the
 * same tdxm_tdcall() the trap back-end calls from its signal handler.  No
 * signal is installed or taken, so the stub runs on any host with a C11
 * compiler and POSIX threads, and under a debugger that would stop at
 * every trap.
 */
#include "tdx_harness.h"
#include "backend.h"
#include "stub.h"

#include <stdio.h>
#include <unistd.h>

/* RFLAGS as user mode shows it: IF (bit 9) and the always-one bit 1. */
#define USER_RFLAGS 0x202ull

static bool armed;

void tdxh_arm(void)
{
	if (!tdxh.initialized)
		tdxh_reset();
	__atomic_store_n(&armed, true, __ATOMIC_SEQ_CST);
}

void tdxh_disarm(void)
{
	__atomic_store_n(&armed, false, __ATOMIC_SEQ_CST);
}

void tdxh__backend_reset(void)
{
}

void tdxh__backend_unwound(void)
{
}

void tdxh__stub_tdcall(struct tdxh_regs *r)
{
	struct tdxm_result res;

	if (!__atomic_load_n(&armed, __ATOMIC_SEQ_CST)) {
		char buf[160];
		int n = snprintf(buf, sizeof(buf),
				 "tdx model (stub): TDCALL leaf %#llx from %#llx with the model not armed (tdx_model_arm)\n",
				 (unsigned long long)r->gpr[TDXH_RAX], (unsigned long long)r->rip);

		if (n > 0)
			(void)!write(2, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
		__builtin_trap();
	}
	r->rflags = USER_RFLAGS;
	do {
		res = tdxm_tdcall(&tdxh, r, tdxh_current_vcpu());
		if (res.stop)
			tdxh__stop(res.stop_code, r->rip);
	} while (!res.advance);	/* interrupted: the CPU would run the TDCALL again */
}
