/* SPDX-License-Identifier: MIT */
/*
 * The trap layer (tdxh_trap.h): which signals are trapped TDCALLs, handing
 * them to the model, and chaining every other signal to its owner.
 */
#define _GNU_SOURCE
#include "tdxh_trap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "tdx_harness.h"
#include "backend.h"

static const unsigned char tdcall_bytes[4] = { 0x66, 0x0f, 0x01, 0xcc };
static uint64_t route_counts[3];

enum tdxh_route tdxh_tdcall_route(int sig, const siginfo_t *si, const void *ucontext)
{
	const ucontext_t *uc = ucontext;
	enum tdxh_route route;

	if (sig == SIGILL)
		route = TDXH_ROUTE_SIGILL;
	else if (sig == SIGSEGV && si && si->si_code == SI_KERNEL &&
		 uc->uc_mcontext.gregs[REG_TRAPNO] == TDXH_TRAP_GP)
		route = TDXH_ROUTE_GP;
	else
		return TDXH_ROUTE_NONE;
	if (!tdxh_code_is((const void *)uc->uc_mcontext.gregs[REG_RIP], tdcall_bytes, sizeof(tdcall_bytes)))
		return TDXH_ROUTE_NONE;
	return route;
}

bool tdxh_code_is(const void *rip, const unsigned char *bytes, size_t n)
{
	const volatile unsigned char *code = rip;

	for (size_t i = 0; i < n; i++)
		if (code[i] != bytes[i])
			return false;
	return true;
}

const char *tdxh_route_name(enum tdxh_route route)
{
	switch (route) {
	case TDXH_ROUTE_SIGILL: return "SIGILL (#UD)";
	case TDXH_ROUTE_GP: return "SIGSEGV (#GP)";
	default: return "none";
	}
}

uint64_t tdxh_route_count(enum tdxh_route route)
{
	return (unsigned)route < 3 ? __atomic_load_n(&route_counts[route], __ATOMIC_RELAXED) : 0;
}

/* ucontext gregs index of each architectural GPR number. */
static const int greg_of[TDXH_NR_GPRS] = {
	REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
	REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

void tdxh_regs_from_ucontext(struct tdxh_regs *r, const void *ucontext)
{
	const ucontext_t *uc = ucontext;

	for (int g = 0; g < TDXH_NR_GPRS; g++)
		r->gpr[g] = (uint64_t)uc->uc_mcontext.gregs[greg_of[g]];
	r->rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	r->rflags = (uint64_t)uc->uc_mcontext.gregs[REG_EFL];
}

static void regs_to_ucontext(ucontext_t *uc, const struct tdxh_regs *r)
{
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		uc->uc_mcontext.gregs[greg_of[g]] = (greg_t)r->gpr[g];
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)r->rip;
}

/*
 * TDX_TRAP_ROUTE=sigill|gp in the environment: a TDCALL that arrives by the
 * other route is delivered again, crafted as the host would deliver it by
 * this one, to whatever handler is installed for that signal now.  So a host
 * that gives SIGILL can run every test as an Intel VM would (the whole
 * SIGSEGV chain: cmocka, #VE, sti, the page watch), and a VM host as bare
 * metal would.  Read once, before any test installs a handler.
 */
static enum tdxh_route wanted_route;

__attribute__((constructor)) static void read_wanted_route(void)
{
	const char *e = getenv("TDX_TRAP_ROUTE");

	if (!e || !*e)
		return;
	if (strcmp(e, "sigill") == 0)
		wanted_route = TDXH_ROUTE_SIGILL;
	else if (strcmp(e, "gp") == 0)
		wanted_route = TDXH_ROUTE_GP;
	else {
		fprintf(stderr, "TDX_TRAP_ROUTE=%s: expected sigill or gp\n", e);
		exit(2);
	}
}

enum tdxh_route tdxh_wanted_route(void)
{
	return wanted_route;
}

bool tdxh_trap_reroute(int sig, siginfo_t *si, void *ucontext)
{
	enum tdxh_route route = tdxh_tdcall_route(sig, si, ucontext);
	ucontext_t *uc = ucontext;
	struct sigaction now;
	siginfo_t crafted;
	int to;

	if (route == TDXH_ROUTE_NONE || wanted_route == TDXH_ROUTE_NONE || route == wanted_route)
		return false;
	memset(&crafted, 0, sizeof(crafted));
	if (wanted_route == TDXH_ROUTE_GP) {
		to = SIGSEGV;
		crafted.si_code = SI_KERNEL;	/* #GP: no address */
		uc->uc_mcontext.gregs[REG_TRAPNO] = TDXH_TRAP_GP;
	} else {
		to = SIGILL;
		crafted.si_code = ILL_ILLOPN;
		crafted.si_addr = (void *)uc->uc_mcontext.gregs[REG_RIP];
		uc->uc_mcontext.gregs[REG_TRAPNO] = TDXH_TRAP_UD;
	}
	crafted.si_signo = to;
	uc->uc_mcontext.gregs[REG_ERR] = 0;
	sigaction(to, NULL, &now);
	tdxh_chain(&now, to, &crafted, ucontext, "TDX_TRAP_ROUTE");
	return true;
}

bool tdxh_trap_tdcall(int sig, siginfo_t *si, void *ucontext)
{
	enum tdxh_route route = tdxh_tdcall_route(sig, si, ucontext);
	struct tdxm_result res;
	struct tdxh_regs r;

	if (route == TDXH_ROUTE_NONE)
		return false;
	if (tdxh_trap_reroute(sig, si, ucontext))
		return true;
	__atomic_fetch_add(&route_counts[route], 1, __ATOMIC_RELAXED);
	tdxh_regs_from_ucontext(&r, ucontext);
	res = tdxm_tdcall(&tdxh, &r, tdxh_current_vcpu());
	if (res.advance)
		r.rip += sizeof(tdcall_bytes);
	regs_to_ucontext(ucontext, &r);
	if (res.stop)
		tdxh__stop(res.stop_code, r.rip);
	return true;
}

/*
 * Longer than any honest chain (cmocka, harness, #VE, sti, watch, test).
 * A handler down the chain may leave by siglongjmp (cmocka failing a test,
 * tdxh_run_expect_trap, tdxh_ve_run): installing a handler and those
 * landing points start the count again (tdxh__chain_reset).
 */
#define MAX_CHAIN 8
static __thread unsigned chain_depth;

void tdxh__chain_reset(void)
{
	chain_depth = 0;
}

void tdxh_sigaction(int sig, tdxh_signal_fn fn, int extra_flags, struct sigaction *previous)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER | extra_flags;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, &old) != 0) {
		static const char msg[] = "tdx harness: sigaction failed\n";
		(void)!write(2, msg, sizeof(msg) - 1);
		abort();
	}
	if (!((old.sa_flags & SA_SIGINFO) && old.sa_sigaction == fn))
		*previous = old;
	chain_depth = 0;
}

void tdxh_chain(const struct sigaction *previous, int sig, siginfo_t *si, void *ucontext,
		const char *who)
{
	const ucontext_t *uc = ucontext;
	bool siginfo = (previous->sa_flags & SA_SIGINFO) != 0;

	if (chain_depth < MAX_CHAIN &&
	    (siginfo ? previous->sa_sigaction != NULL
		     : previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN)) {
		chain_depth++;
		if (siginfo)
			previous->sa_sigaction(sig, si, ucontext);
		else
			previous->sa_handler(sig);
		chain_depth--;
		return;
	}

	char buf[256];
	int n = snprintf(buf, sizeof(buf),
			 "%s: signal %d (si_code %d, trap %lld) at rip %#llx is not mine and %s\n",
			 who, sig, si ? si->si_code : 0, (long long)uc->uc_mcontext.gregs[REG_TRAPNO],
			 (unsigned long long)uc->uc_mcontext.gregs[REG_RIP],
			 chain_depth < MAX_CHAIN ? "no handler was installed before me"
						 : "the handlers hand it round in a loop");
	if (n > 0)
		(void)!write(2, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	/* The default action: the faulting instruction runs again and kills us. */
	signal(sig, SIG_DFL);
	if (si && si->si_code <= 0)
		raise(sig);	/* sent, not a fault: nothing runs again */
}
