/* SPDX-License-Identifier: MIT */
/*
 * The trap layer: the one place that decides whether a signal is a trapped
 * TDCALL, and the one place that hands it to the module + VMM model.
 *
 * A user-mode TDCALL (66 0F 01 CC) never reaches a TDX module on a host.
 * How it traps depends on the host:
 *   - #UD -> SIGILL (any si_code): bare metal without TDX, AMD CPUs, and
 *     under valgrind, whatever the CPU;
 *   - #GP(0) -> SIGSEGV with si_code SI_KERNEL and trap number 13: inside an
 *     Intel virtual machine (VMX non-root: KVM, VMware, Hyper-V, Firecracker,
 *     cloud CI runners), where the privilege check comes first.
 * A machine only ever delivers one of the two, so both are taken everywhere;
 * tests/test_trap.c drives each route with a crafted siginfo/ucontext.
 * This file and trap.c are the trap back-end of the model (model/tdxm.h).
 *
 * SIGSEGV has other users (privileged instructions and PROT_NONE windows
 * that become a #VE, `sti` emulation, the quote page-watch, cmocka's own
 * handler).  Each of them installs with tdxh_sigaction() and hands whatever
 * is not its own to tdxh_chain(): the handler that was there before.
 */
#ifndef TDXH_TRAP_H
#define TDXH_TRAP_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tdxm.h"	/* TDXH_TRAP_UD, TDXH_TRAP_GP, TDXH_TRAP_PF */

#ifdef __cplusplus
extern "C" {
#endif

enum tdxh_route {
	TDXH_ROUTE_NONE,	/* not a TDCALL */
	TDXH_ROUTE_SIGILL,	/* #UD delivered as SIGILL */
	TDXH_ROUTE_GP,		/* #GP(0) delivered as SIGSEGV, SI_KERNEL, trap 13 */
};

/*
 * Whether (sig, si, ucontext) is a trapped TDCALL, and by which route:
 * SIGILL with RIP at the TDCALL bytes, or SIGSEGV with si_code SI_KERNEL and
 * trap number 13 with RIP at the TDCALL bytes.  The bytes at RIP are read
 * only for those two shapes (the instruction was fetched, so they are
 * mapped); anything else is TDXH_ROUTE_NONE without touching memory.
 */
enum tdxh_route tdxh_tdcall_route(int sig, const siginfo_t *si, const void *ucontext);

/*
 * Do the instruction bytes at `rip` start with bytes[0..n)?  Compared one
 * byte at a time, stopping at the first that differs: the instruction that
 * faulted may be shorter than n and end where its page does, and every
 * byte that matched so far was fetched with it.
 */
bool tdxh_code_is(const void *rip, const unsigned char *bytes, size_t n);

/* "SIGILL (#UD)", "SIGSEGV (#GP)" or "none". */
const char *tdxh_route_name(enum tdxh_route route);

/*
 * If the signal is a trapped TDCALL: run it through the model (tdxm_tdcall
 * on `tdxh`, as this thread's vCPU), write the results into the ucontext,
 * step RIP past the instruction (unless the model re-executes it) and return
 * true; if a model asked to stop the guest, call tdxh.stop_hook (abort when
 * there is none).  Otherwise return false and touch nothing.  Every signal
 * handler that can see a TDCALL calls this.
 */
bool tdxh_trap_tdcall(int sig, siginfo_t *si, void *ucontext);

/* How many TDCALLs the model answered from each route since the process started. */
uint64_t tdxh_route_count(enum tdxh_route route);

/*
 * Route emulation, for running the tests as another host would: with
 * TDX_TRAP_ROUTE=gp in the environment, a TDCALL that arrives as SIGILL is
 * delivered again as an Intel VM delivers it (SIGSEGV, SI_KERNEL, trap 13)
 * to the SIGSEGV handler installed at that moment, and so through the whole
 * SIGSEGV chain; TDX_TRAP_ROUTE=sigill does the converse.  Unset: each
 * TDCALL is answered by the route it came by.
 *
 * tdxh_trap_reroute() returns true when it re-delivered the signal (the
 * caller is done with it); tdxh_trap_tdcall() calls it first.  A handler
 * that wraps the model itself (tdx-sim) calls it before its own work.
 */
enum tdxh_route tdxh_wanted_route(void);
bool tdxh_trap_reroute(int sig, siginfo_t *si, void *ucontext);

typedef void (*tdxh_signal_fn)(int sig, siginfo_t *si, void *ucontext);

/*
 * First statement of every harness signal handler.  The kernel enters a
 * handler with RFLAGS.DF clear, as the C ABI requires; valgrind keeps the
 * interrupted code's DF, so after `std; rep outsb` the handler's own string
 * instructions (an inlined memset) would run backwards.
 */
static inline void tdxh_signal_enter(void)
{
	__asm__ volatile("cld" ::: "memory");
}

/*
 * Install `fn` for `sig` (SA_SIGINFO | SA_NODEFER | extra_flags) and keep
 * the handler it replaces in *previous, for tdxh_chain().  Installing again
 * while `fn` is still the current handler keeps the older *previous, so a
 * handler never chains to itself.  Aborts if sigaction fails.
 */
void tdxh_sigaction(int sig, tdxh_signal_fn fn, int extra_flags, struct sigaction *previous);

/*
 * A signal that is not `who`'s: call the handler that was installed before
 * (as it asked: with or without SA_SIGINFO).  When there is none (SIG_DFL,
 * SIG_IGN) or the chain loops, write one line saying what arrived (signal,
 * si_code, trap number, RIP) and let the default action happen: the
 * disposition is reset and the faulting instruction runs again.
 */
void tdxh_chain(const struct sigaction *previous, int sig, siginfo_t *si, void *ucontext,
		const char *who);

/* ---- internal to the glue ----------------------------------------------- */
/* The register file of a signal's ucontext (GPRs, RIP, RFLAGS). */
void tdxh_regs_from_ucontext(struct tdxh_regs *r, const void *ucontext);
/* A siglongjmp landed: chains start counting again. */
void tdxh__chain_reset(void);
/* tdxh_reset(): the sti glue's counts (sti.c), the #VE glue's windows and statistics (ve_window.c). */
void tdxh__sti_reset(void);
void tdxh__ve_reset(void);

#ifdef __cplusplus
}
#endif

#endif
