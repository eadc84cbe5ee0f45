/* SPDX-License-Identifier: MIT */
/*
 * Signals: TDCALLs go to the model; every other way the guest can stop
 * (an instruction user mode refuses, a page fault, a divide error, _start
 * returning) ends the run with a message that names the instruction, its
 * bytes, RIP and what the runner expected.  Every handler runs on the
 * thread's sigaltstack, never on the guest's stack.
 */
#define _GNU_SOURCE
#include "sim.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "tdx_harness.h"
#include "tdxh_trap.h"

#define ALTSTACK_SIZE (256u << 10)	/* room for the model and ASan */
#define TRAP_PF 14
#define TRAP_GP 13
#define PF_WRITE 0x2
#define PF_FETCH 0x10

/* Per thread: has it entered the guest (sim_thread_enters_guest)?  Its signal stack. */
static __thread bool entered_guest;
static __thread uint64_t altstack_lo, altstack_hi;

void sim_msg(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n = snprintf(buf, sizeof(buf), "tdx-sim: ");

	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	sim_flush_console();
	(void)!write(STDERR_FILENO, buf, (size_t)n);
}

void sim_exit(int status, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sim_msg("%s", buf);
	_exit(status);
}

void sim_describe_bytes(uint64_t rip, char *buf, size_t size)
{
	unsigned char code[15];
	size_t n = 0, off = 0;

	/* As many of the 15 bytes as are readable. */
	while (n < sizeof(code) && sim_read_guest(rip + n, &code[n], 1))
		n++;
	if (!n) {
		snprintf(buf, size, "<unreadable>");
		return;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < n && off + 4 < size; i++)
		off += (size_t)snprintf(buf + off, size - off, i ? " %02x" : "%02x", code[i]);
}

/* A name for the privileged or trapping instructions a guest is likely to try. */
static const char *insn_name(uint64_t rip)
{
	unsigned char c[16] = { 0 };
	size_t i = 0, n = 0;

	while (n < 15 && sim_read_guest(rip + n, &c[n], 1))
		n++;
	while (i < n && (c[i] == 0x66 || c[i] == 0xF2 || c[i] == 0xF3 || (c[i] & 0xF0) == 0x40))
		i++;
	switch (c[i]) {
	case 0xE4: case 0xE5: case 0xEC: case 0xED: return "in";
	case 0xE6: case 0xE7: case 0xEE: case 0xEF: return "out";
	case 0x6C: case 0x6D: return "ins";
	case 0x6E: case 0x6F: return "outs";
	case 0xF4: return "hlt";
	case 0xFA: return "cli";
	case 0xFB: return "sti";
	case 0xCC: return "int3";
	case 0xCD: return "int n";
	case 0x0F:
		switch (c[i + 1]) {
		case 0x0B: return "ud2";
		case 0x30: return "wrmsr";
		case 0x32: return "rdmsr";
		case 0x09: return "wbinvd";
		case 0x08: return "invd";
		case 0x06: return "clts";
		case 0x20: case 0x22: return "mov to/from a control register";
		case 0x21: case 0x23: return "mov to/from a debug register";
		case 0x00: return "lldt/ltr/sldt/str";
		case 0x01:
			if (c[i + 2] == 0xCC && i > 0 && c[i - 1] == 0x66)
				return "tdcall";
			switch ((c[i + 2] >> 3) & 7) {
			case 2: return (c[i + 2] >> 6) == 3 ? "xgetbv/xsetbv/…" : "lgdt";
			case 3: return (c[i + 2] >> 6) == 3 ? "vmrun/…" : "lidt";
			case 7: return (c[i + 2] >> 6) == 3 ? "swapgs/rdtscp" : "invlpg";
			default: return "a system instruction (0f 01)";
			}
		default: break;
		}
		break;
	default: break;
	}
	return NULL;
}

static unsigned this_vcpu(void)
{
	return tdxh_current_vcpu();
}

void sim_regs_of(const ucontext_t *uc, struct tdxh_regs *r)
{
	static const int greg[TDXH_NR_GPRS] = {
		REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
		REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
	};

	for (int g = 0; g < TDXH_NR_GPRS; g++)
		r->gpr[g] = (uint64_t)uc->uc_mcontext.gregs[greg[g]];
	r->rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	r->rflags = (uint64_t)uc->uc_mcontext.gregs[REG_EFL];
}

void sim_guest_fault(const ucontext_t *uc, const char *what, const char *expected)
{
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	uint64_t rsp = (uint64_t)uc->uc_mcontext.gregs[REG_RSP];
	const char *name = insn_name(rip);
	char bytes[64];

	sim_describe_bytes(rip, bytes, sizeof(bytes));
	sim_exit(SIM_EXIT_FAULT, "vCPU %u: %s at rip %#llx (rsp %#llx)\n"
		 "  instruction: %s [%s]\n  expected: %s", this_vcpu(), what,
		 (unsigned long long)rip, (unsigned long long)rsp, name ? name : "?", bytes, expected);
}

static bool rip_in_guest(const ucontext_t *uc)
{
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];

	return sim_in_ram(rip, 1) || rip == SIM_RETURN_TRAP ||
	       (rip >= SIM_MMIO_BASE && rip < SIM_MMIO_BASE + SIM_MMIO_SIZE);
}

/*
 * A jump, call or return to an address that is not guest RAM faults on the
 * instruction fetch with RIP at the target, so RIP cannot tell whose code it
 * was.  The thread can: a vCPU thread that has entered the guest runs guest
 * code, or tdx-sim's handlers on its signal stack.  So the fault is the
 * guest's if this is such a thread, the interrupted RSP is not on the signal
 * stack, and the fault is a fetch of RIP itself.
 */
static bool guest_fetch_fault(const ucontext_t *uc, const siginfo_t *info)
{
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	uint64_t rsp = (uint64_t)uc->uc_mcontext.gregs[REG_RSP];

	return entered_guest && uc->uc_mcontext.gregs[REG_TRAPNO] == TRAP_PF &&
	       (uc->uc_mcontext.gregs[REG_ERR] & PF_FETCH) &&
	       (uint64_t)(uintptr_t)info->si_addr == rip &&
	       !(rsp >= altstack_lo && rsp < altstack_hi);
}

bool sim_guest_context(const ucontext_t *uc)
{
	uint64_t rsp = (uint64_t)uc->uc_mcontext.gregs[REG_RSP];

	return entered_guest && rip_in_guest(uc) && !(rsp >= altstack_lo && rsp < altstack_hi);
}

void sim_thread_enters_guest(void)
{
	entered_guest = true;
}

/* A fault in tdx-sim itself: the default action, with a core if enabled. */
__attribute__((noreturn)) static void host_fault(int sig, const ucontext_t *uc)
{
	char buf[160];
	int n = snprintf(buf, sizeof(buf), "tdx-sim: internal error: signal %d at host rip %#llx\n",
			 sig, (unsigned long long)uc->uc_mcontext.gregs[REG_RIP]);

	(void)!write(STDERR_FILENO, buf, (size_t)n);
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(127);
}

#define EXPECT_CODE "ordinary 64-bit code, TDCALL (66 0f 01 cc), lidt/cli/sti, or an " \
	"instruction that #VEs in a TD (in/out/ins/outs/hlt/rdmsr/wrmsr, MMIO); no other " \
	"privileged instruction is emulated"

/* A TDCALL, by either route: the model (TDX module + VMM) answers it. */
static void tdcall(int sig, siginfo_t *info, ucontext_t *uc)
{
	struct sim_vcpu *v = sim_vcpu_self();

	v->tdcall_rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	v->tdcalls++;
	sim_trace_begin(uc);
	tdxh_trap_tdcall(sig, info, uc);
	sim_trace_end(uc);
}

/* TDCALL bytes at RIP that the trap layer did not take: say what arrived. */
static void missed_tdcall(int sig, const siginfo_t *info, const ucontext_t *uc)
{
	static const unsigned char tdcall_bytes[4] = { 0x66, 0x0f, 0x01, 0xcc };
	unsigned char code[4] = { 0 };
	char what[192];

	if (!sim_read_guest((uint64_t)uc->uc_mcontext.gregs[REG_RIP], code, sizeof(code)) ||
	    memcmp(code, tdcall_bytes, sizeof(code)) != 0)
		return;
	snprintf(what, sizeof(what), "TDCALL arrived as signal %d (si_code %d, trap %lld), "
		 "which is neither route the trap layer takes", sig, info->si_code,
		 (long long)uc->uc_mcontext.gregs[REG_TRAPNO]);
	sim_guest_fault(uc, what, "a user-mode TDCALL to trap as SIGILL (#UD) or as SIGSEGV "
			"with si_code SI_KERNEL and trap 13 (#GP)");
}

static void on_sigill(int sig, siginfo_t *info, void *ctx)
{
	ucontext_t *uc = ctx;
	unsigned char code[2] = { 0 };

	if (!rip_in_guest(uc))
		host_fault(sig, uc);
	if (tdxh_tdcall_route(sig, info, uc) != TDXH_ROUTE_NONE) {
		if (!tdxh_trap_reroute(sig, info, uc)) {
			tdcall(sig, info, uc);
			sim_irq_check(uc);
		}
		return;
	}
	missed_tdcall(sig, info, uc);
	if (sim_read_guest((uint64_t)uc->uc_mcontext.gregs[REG_RIP], code, sizeof(code)) &&
	    code[0] == 0x0f && code[1] == 0x0b)
		sim_guest_fault(uc, "ud2 (#UD): the guest trapped on purpose (libtdx's "
			    "__tdx_hypercall does this when the TDX module refuses TDG.VP.VMCALL)",
			    "no ud2 in a guest that runs to its end");
	sim_guest_fault(uc, "invalid opcode (#UD)", EXPECT_CODE);
}

static void on_sigsegv(int sig, siginfo_t *info, void *ctx)
{
	ucontext_t *uc = ctx;
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	uint64_t addr = (uint64_t)(uintptr_t)info->si_addr;
	uint64_t err = (uint64_t)uc->uc_mcontext.gregs[REG_ERR];
	char what[256];

	if (!rip_in_guest(uc) && !guest_fetch_fault(uc, info))
		host_fault(sig, uc);
	if (tdxh_tdcall_route(sig, info, uc) != TDXH_ROUTE_NONE) {
		if (!tdxh_trap_reroute(sig, info, uc)) {
			tdcall(sig, info, uc);
			sim_irq_check(uc);
		}
		return;
	}
	missed_tdcall(sig, info, uc);
	if (rip == SIM_RETURN_TRAP)
		sim_exit(SIM_EXIT_FAULT, "vCPU %u: the image's entry point returned (rip %#llx is "
			 "the return trap); expected _start never to return: end through the "
			 "isa-debug-exit port, ReportFatalError or HLT", this_vcpu(),
			 (unsigned long long)rip);
	if (uc->uc_mcontext.gregs[REG_TRAPNO] != TRAP_PF) {
		if (sim_emulate_system(uc) || sim_ve_fault(uc, 0)) {
			sim_irq_check(uc);
			return;
		}
		if (uc->uc_mcontext.gregs[REG_TRAPNO] == TRAP_GP)
			sim_guest_fault(uc, "general protection fault (#GP): user mode may not run "
					"this", EXPECT_CODE);
		snprintf(what, sizeof(what), "exception %lld (signal %d)",
			 (long long)uc->uc_mcontext.gregs[REG_TRAPNO], sig);
		sim_guest_fault(uc, what, EXPECT_CODE);
	}
	for (unsigned i = 0; i < sim_cfg.vcpus; i++) {
		uint64_t guard = sim_stack_top(i) - SIM_STACK_SIZE - SIM_GUARD_SIZE;
		if (addr >= guard && addr < guard + SIM_GUARD_SIZE) {
			snprintf(what, sizeof(what), "stack overflow: access to %#llx, the guard page "
				 "below vCPU %u's %llu KiB stack", (unsigned long long)addr, i,
				 (unsigned long long)(SIM_STACK_SIZE >> 10));
			sim_guest_fault(uc, what, "a guest that fits its stack");
		}
	}
	if (!(err & PF_FETCH) && sim_ve_fault(uc, addr)) {
		sim_irq_check(uc);
		return;
	}
	if (sim_in_ram(addr, 1) && tdxh_mem_state(addr) == TDXH_PAGE_PENDING) {
		/* On a TD: a #VE (EPT violation), or an exit to the VMM with SEPT_VE_DISABLE. */
		snprintf(what, sizeof(what), "%s %#llx, a pending page (added by the host, never "
			 "accepted)", (err & PF_FETCH) ? "instruction fetch from" :
			 (err & PF_WRITE) ? "write to" : "read of", (unsigned long long)addr);
		sim_guest_fault(uc, what, "TDG.MEM.PAGE.ACCEPT (tdx_accept_memory) before the first "
				"access to memory outside the image and the stacks");
	}
	snprintf(what, sizeof(what), "page fault: %s %#llx (%s)",
		 (err & PF_FETCH) ? "instruction fetch from" : (err & PF_WRITE) ? "write to" : "read of",
		 (unsigned long long)addr,
		 sim_in_ram(addr, 1) ? "guest RAM with the wrong permission" :
		 "not guest RAM");
	sim_guest_fault(uc, what, "accesses to guest RAM (see docs/sim.md for the memory map)");
}

static void on_sigfpe(int sig, siginfo_t *info, void *ctx)
{
	(void)info;
	if (!rip_in_guest(ctx))
		host_fault(sig, ctx);
	sim_guest_fault(ctx, "divide error (#DE)", "no division by zero");
}

static void on_sigtrap(int sig, siginfo_t *info, void *ctx)
{
	(void)info;
	if (!rip_in_guest(ctx))
		host_fault(sig, ctx);
	/* #BP reports the RIP after the int3. */
	sim_guest_fault(ctx, "breakpoint or debug trap (#BP/#DB); rip is past the int3",
		    "no int3 or single-stepping");
}

void sim_thread_signal_stack(void)
{
	stack_t ss = { .ss_size = ALTSTACK_SIZE, .ss_flags = 0 };

	ss.ss_sp = malloc(ALTSTACK_SIZE);
	if (!ss.ss_sp || sigaltstack(&ss, NULL))
		sim_exit(SIM_EXIT_USAGE, "cannot set up a signal stack");
	altstack_lo = (uint64_t)(uintptr_t)ss.ss_sp;
	altstack_hi = altstack_lo + ALTSTACK_SIZE;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	/* No interrupt delivery while tdx-sim's own code runs (irq.c). */
	sigaddset(&sa.sa_mask, SIM_IRQ_SIGNAL);
	if (sigaction(sig, &sa, NULL))
		sim_exit(SIM_EXIT_USAGE, "sigaction(%d) failed", sig);
}

void sim_install_signal_handlers(void)
{
	/* A TDCALL arrives as SIGILL or as SIGSEGV (#GP), by the host: both
	 * handlers hand it to the trap layer, and the model answers. */
	install(SIGILL, on_sigill);
	install(SIGSEGV, on_sigsegv);
	install(SIGBUS, on_sigsegv);
	install(SIGFPE, on_sigfpe);
	install(SIGTRAP, on_sigtrap);
}
