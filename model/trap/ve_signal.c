/* SPDX-License-Identifier: MIT */
/*
 * Real instructions -> #VE on the host: the SIGSEGV handler.  #GP (trap 13)
 * on in/out/ins/outs/hlt/rdmsr/wrmsr and #PF (trap 14) inside an MMIO
 * window become the VE info the TDX module would post; then libtdx's
 * tdx_handle_ve() runs on a frame built from the faulting context, exactly
 * as tdx_ve_entry would call it, and the frame goes back into the context.
 */
#define _GNU_SOURCE
#include "tdxh_ve.h"
#include "tdxh_trap.h"

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include <tdx/ve.h>

struct tdxh_ve_stats tdxh_ve_stats;
void (*tdxh_ve_tamper)(struct tdxh_ve_info *ve);
static __thread sigjmp_buf *ve_env;
static __thread uint64_t ve_failed;
static struct sigaction previous_segv, previous_ill;	/* what is not a #VE goes there */

int tdxh__ve_in_window(uint64_t va);

__attribute__((noreturn)) static void die(const char *what, uint64_t rip)
{
	char buf[256];
	int n = snprintf(buf, sizeof(buf), "tdx harness (#VE): %s at rip=%#llx\n", what,
			 (unsigned long long)rip);
	if (n > 0)
		(void)!write(2, buf, (size_t)n);
	abort();
}

/* ucontext <-> struct tdx_ve_frame (the frame tdx_ve_entry would build). */
#define FRAME_GREGS(X) X(rax, REG_RAX) X(rcx, REG_RCX) X(rdx, REG_RDX) X(rbx, REG_RBX) \
	X(rbp, REG_RBP) X(rsi, REG_RSI) X(rdi, REG_RDI) X(r8, REG_R8) X(r9, REG_R9) \
	X(r10, REG_R10) X(r11, REG_R11) X(r12, REG_R12) X(r13, REG_R13) X(r14, REG_R14) \
	X(r15, REG_R15) X(rip, REG_RIP) X(rflags, REG_EFL) X(rsp, REG_RSP)

static void frame_from(struct tdx_ve_frame *f, const ucontext_t *uc)
{
#define LOAD(field, reg) f->field = (uint64_t)uc->uc_mcontext.gregs[reg];
	FRAME_GREGS(LOAD)
#undef LOAD
	f->cs = (uint64_t)uc->uc_mcontext.gregs[REG_CSGSFS] & 0xFFFF;
	f->ss = ((uint64_t)uc->uc_mcontext.gregs[REG_CSGSFS] >> 48) & 0xFFFF;
}

static void frame_to(ucontext_t *uc, const struct tdx_ve_frame *f)
{
#define STORE(field, reg) uc->uc_mcontext.gregs[reg] = (greg_t)f->field;
	FRAME_GREGS(STORE)
#undef STORE
}

static void regs_from(struct tdxh_regs *r, const struct tdx_ve_frame *f)
{
	const uint64_t g[TDXH_NR_GPRS] = {
		f->rax, f->rcx, f->rdx, f->rbx, f->rsp, f->rbp, f->rsi, f->rdi,
		f->r8, f->r9, f->r10, f->r11, f->r12, f->r13, f->r14, f->r15,
	};
	memcpy(r->gpr, g, sizeof(g));
	r->rip = f->rip;
	r->rflags = f->rflags;
}

/*
 * SIGSEGV: #GP or #PF, as a CPU raises them.  SIGILL: valgrind cannot run a
 * privileged instruction (string I/O, for one) and raises SIGILL where a CPU
 * raises #GP; the instruction is decoded the same way.
 */
static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	uint64_t trap, err, addr, shared_gpa = 0;
	struct tdx_ve_frame frame;
	struct tdxh_ve_info ve;
	struct tdxh_regs regs;
	uint64_t st;

	tdxh_signal_enter();
	trap = sig == SIGILL ? TDXH_TRAP_GP : (uint64_t)uc->uc_mcontext.gregs[REG_TRAPNO];
	err = (uint64_t)uc->uc_mcontext.gregs[REG_ERR];
	addr = (uint64_t)(uintptr_t)si->si_addr;

	/* A TDCALL, by either route, is the module's business, never a #VE. */
	if (tdxh_trap_tdcall(sig, si, ctx))
		return;
	frame_from(&frame, uc);
	regs_from(&regs, &frame);
	if (sig == SIGSEGV && tdxh__ve_in_window(addr))
		shared_gpa = tdxh_ve_va_to_gpa((const void *)(uintptr_t)addr);
	if (tdxh_ve_from_fault((unsigned)trap, addr, err, shared_gpa,
			       (const uint8_t *)(uintptr_t)frame.rip, 15, &regs, &ve) != 0) {
		/* Not a #VE: whoever handled the signal before (e.g. tdxh_arm_sti). */
		tdxh_chain(sig == SIGILL ? &previous_ill : &previous_segv, sig, si, ctx,
			   "tdx harness (#VE)");
		return;
	}

	if (tdxh_ve_tamper)
		tdxh_ve_tamper(&ve);
	tdxh_post_ve(&ve);
	tdxh_ve_stats.delivered++;
	tdxh_ve_stats.last = ve;
	st = tdx_handle_ve(&frame);
	tdxh_ve_stats.last_status = st;
	if (st != 0) {
		if (ve_env) {
			ve_failed = st;
			siglongjmp(*ve_env, 1);
		}
		die("unhandled #VE", frame.rip);
	}
	frame_to(uc, &frame);
}

void tdxh_ve_arm(void)
{
	tdxh_arm();
	tdxh_sigaction(SIGSEGV, on_fault, 0, &previous_segv);
	tdxh_sigaction(SIGILL, on_fault, 0, &previous_ill);
}

uint64_t tdxh_ve_run(void (*fn)(void *), void *arg)
{
	sigjmp_buf env;
	sigjmp_buf *volatile saved = ve_env;

	if (sigsetjmp(env, 1)) {
		ve_env = saved;
		tdxh__chain_reset();
		return ve_failed;
	}
	ve_env = &env;
	fn(arg);
	ve_env = saved;
	return 0;
}
