/* SPDX-License-Identifier: MIT */
/*
 * Interrupts: what the model's virtual x2APIC (model/vmm/x2apic.c) has
 * for this vCPU reaches the guest through its IDT, as a CPU delivers an
 * external interrupt: only with the (virtual) RFLAGS.IF set and outside the
 * STI shadow, highest priority first, vector N through gate N, with the
 * same 64-bit frame as a #VE (emulate.c).
 *
 * When: before every return to the guest from tdx-sim's handlers (a TDCALL,
 * a #VE, cli/sti/iretq), and when SIM_IRQ_SIGNAL interrupts guest code -
 * the model's irq_hook (main.c) sends it to a running vCPU that got a new
 * interrupt, and wakes a vCPU sleeping in HLT instead.  Every other
 * handler blocks SIM_IRQ_SIGNAL, so delivery never nests inside tdx-sim.
 *
 * The STI shadow: an interrupt is not taken right after sti.  tdx-sim only
 * sees the instruction after sti when it traps, so the shadow is modelled
 * for a TDCALL there (sti; TDCALL is how a TD halts with interrupts
 * unblocked, tdx_safe_halt): no delivery before it, and the HLT's wake-up
 * is delivered after it.  After sti followed by anything else a pending
 * interrupt is taken at once, one instruction early.
 */
#define _GNU_SOURCE
#include "sim.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#include "tdx_harness.h"

static const unsigned char tdcall_bytes[4] = { 0x66, 0x0f, 0x01, 0xcc };

void sim_irq_sti(const ucontext_t *uc)
{
	struct sim_vcpu *v = sim_vcpu_self();
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	unsigned char code[sizeof(tdcall_bytes)];

	v->shadow = sim_read_guest(rip, code, sizeof(code)) &&
		    memcmp(code, tdcall_bytes, sizeof(code)) == 0;
	v->shadow_rip = rip;
}

void sim_irq_check(ucontext_t *uc)
{
	struct sim_vcpu *v = sim_vcpu_self();
	unsigned vcpu = tdxh_current_vcpu();
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	char why[256], what[384];
	int vector;

	if (v->shadow) {
		if (rip == v->shadow_rip)
			return;		/* the TDCALL after sti has not run yet */
		v->shadow = false;
	}
	if (!v->vif || !tdxm_apic_pending(&tdxh, vcpu))
		return;
	vector = tdxm_apic_ack(&tdxh, vcpu);
	if (vector < 0)
		return;
	if (!sim_deliver_exception(uc, (unsigned)vector, why, sizeof(why))) {
		snprintf(what, sizeof(what), "interrupt vector %#x that the image cannot take: %s",
			 (unsigned)vector, why);
		sim_guest_fault(uc, what, "an IDT with a present 64-bit gate for every vector the "
				"guest asks for (IPIs, the event notify vector), loaded with lidt on "
				"this vCPU (docs/sim.md)");
	}
	sim_trace_event(SIM_TRACE_IRQ, "interrupt vector %#x at rip %#llx -> handler %#llx",
			(unsigned)vector, (unsigned long long)rip,
			(unsigned long long)uc->uc_mcontext.gregs[REG_RIP]);
}

/* SIM_IRQ_SIGNAL: guest code was running; take the interrupt now if it can. */
static void on_irq(int sig, siginfo_t *info, void *ctx)
{
	(void)sig;
	(void)info;
	if (sim_guest_context(ctx))
		sim_irq_check(ctx);
}

void sim_install_irq_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_irq;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIM_IRQ_SIGNAL, &sa, NULL))
		sim_exit(SIM_EXIT_USAGE, "sigaction(%d) failed", SIM_IRQ_SIGNAL);
}
