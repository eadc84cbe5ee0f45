/* SPDX-License-Identifier: MIT */
/*
 * Between the instance (instance.c) and the back-end that drives it: the
 * trap back-end (model/trap/: real TDCALLs caught as SIGILL/SIGSEGV) or the
 * stub back-end (model/stub/: C trampolines calling the model).  A program
 * links exactly one of them.  Not for tests.
 */
#ifndef TDXH_BACKEND_H
#define TDXH_BACKEND_H

#include <stdint.h>

/* ---- the back-end provides ---------------------------------------------------- */

/* tdxh_reset(): forget the back-end's own state (the trap glue's sti counts, #VE windows). */
void tdxh__backend_reset(void);
/* tdxh_run_expect_trap() landed after the refused path unwound out of the call. */
void tdxh__backend_unwound(void);

/* ---- the instance provides ------------------------------------------------------ */

/*
 * The module refused TDG.VP.VMCALL itself (RAX != 0 after it): the
 * trampoline's ud2.  Counted (tdxh_ud2_traps); unwinds to
 * tdxh_run_expect_trap() when one is running on this thread, else says so
 * and aborts.  `rip`: where, for the message.
 */
__attribute__((noreturn)) void tdxh__refused(uint64_t rip);
/* A model asked to stop the guest: tdxh.stop_hook(code), or say so and abort. */
void tdxh__stop(int code, uint64_t rip);

#endif
