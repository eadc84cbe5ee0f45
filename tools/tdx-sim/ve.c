/* SPDX-License-Identifier: MIT */
/*
 * #VE for guest instructions, the way the TDX module raises it: the
 * instruction faults in user mode (#GP for in/out/ins/outs/hlt/rdmsr/wrmsr,
 * #PF for a load or store in the MMIO window), the model's decoder
 * (tdxh_ve_from_fault in model/tdxm.h, the one the unit tests use) turns
 * it into the VE info the module would
 * report, tdxh_post_ve() makes that this vCPU's valid VE info, and
 * emulate.c delivers vector 20 through the guest's IDT.  The guest's handler
 * reads the info with TDG.VP.VEINFO.GET and returns with iretq.
 */
#define _GNU_SOURCE
#include "sim.h"

#include <stdio.h>
#include <ucontext.h>

#include <tdx/exit_reason.h>

#include "tdx_harness.h"
#include "tdxh_ve.h"

#define VE_VECTOR 20

static const char *exit_reason_name(uint64_t reason)
{
	switch (reason) {
	case EXIT_REASON_CPUID:          return "CPUID";
	case EXIT_REASON_HLT:            return "HLT";
	case EXIT_REASON_IO_INSTRUCTION: return "I/O";
	case EXIT_REASON_MSR_READ:       return "RDMSR";
	case EXIT_REASON_MSR_WRITE:      return "WRMSR";
	case EXIT_REASON_EPT_VIOLATION:  return "EPT violation";
	default:                      return "?";
	}
}

/* The VE info in words, for --trace (qualification formats: Intel SDM Vol. 3,
 * exit qualification tables for I/O instructions and EPT violations). */
static void describe(const struct tdxh_ve_info *ve, char *buf, size_t size)
{
	uint64_t q = ve->exit_qualification;
	int n = snprintf(buf, size, "exit reason %llu (%s)", (unsigned long long)ve->exit_reason,
			 exit_reason_name(ve->exit_reason));

	if (n < 0 || (size_t)n >= size)
		return;
	if (ve->exit_reason == EXIT_REASON_IO_INSTRUCTION)
		snprintf(buf + n, size - (size_t)n, ": %s%s %llu byte%s, port %#llx, length %u",
			 (q & 0x20) ? "rep " : "", (q & 0x8) ? ((q & 0x10) ? "ins" : "in") :
			 ((q & 0x10) ? "outs" : "out"), (unsigned long long)(q & 7) + 1, (q & 7) ? "s" : "",
			 (unsigned long long)((q >> 16) & 0xFFFF), ve->instruction_length);
	else if (ve->exit_reason == EXIT_REASON_EPT_VIOLATION)
		snprintf(buf + n, size - (size_t)n, ": %s GLA %#llx, GPA %#llx",
			 (q & 2) ? "write to" : "read of", (unsigned long long)ve->gla,
			 (unsigned long long)ve->gpa);
	else
		snprintf(buf + n, size - (size_t)n, ", length %u", ve->instruction_length);
}

/* Post `ve` and enter the guest's vector-20 handler, or end the run saying why not. */
static void deliver(ucontext_t *uc, const struct tdxh_ve_info *ve)
{
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	unsigned vcpu = tdxh_current_vcpu();
	char why[256], what[384];

	if (tdxh_ve_pending(vcpu)) {
		snprintf(what, sizeof(what), "#VE (exit reason %llu, %s) while the previous #VE's "
			 "info was still valid: a TD takes #DF here",
			 (unsigned long long)ve->exit_reason, exit_reason_name(ve->exit_reason));
		sim_guest_fault(uc, what, "the #VE handler reads TDG.VP.VEINFO.GET before anything "
				"that can #VE again");
	}
	if (!sim_deliver_exception(uc, VE_VECTOR, why, sizeof(why))) {
		snprintf(what, sizeof(what), "#VE (exit reason %llu, %s) that the image cannot take: "
			 "%s", (unsigned long long)ve->exit_reason, exit_reason_name(ve->exit_reason),
			 why);
		sim_guest_fault(uc, what, "an IDT whose vector 20 is a present 64-bit gate to a "
				"#VE handler, loaded with lidt on this vCPU (docs/sim.md)");
	}
	tdxh_post_ve(ve);
	if (sim_cfg.trace & SIM_TRACE_VE) {
		describe(ve, what, sizeof(what));
		sim_trace_event(SIM_TRACE_VE, "#VE at rip %#llx: %s -> vector 20 handler %#llx",
				(unsigned long long)rip, what,
				(unsigned long long)uc->uc_mcontext.gregs[REG_RIP]);
	}
}

bool sim_ve_fault(ucontext_t *uc, uint64_t fault_addr)
{
	unsigned trapno = (unsigned)uc->uc_mcontext.gregs[REG_TRAPNO];
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	uint64_t shared_gpa = 0;
	uint8_t code[15];
	size_t n = 0;
	struct tdxh_regs regs;
	struct tdxh_ve_info ve;

	/* Flat mapping: GPA = VA, and the MMIO window's GPAs are shared. */
	if (trapno == TDXH_TRAP_PF && fault_addr >= SIM_MMIO_BASE &&
	    fault_addr - SIM_MMIO_BASE < SIM_MMIO_SIZE)
		shared_gpa = fault_addr | tdxh_shared_bit();
	while (n < sizeof(code) && sim_read_guest(rip + n, &code[n], 1))
		n++;
	sim_regs_of(uc, &regs);
	if (tdxh_ve_from_fault(trapno, fault_addr, (uint64_t)uc->uc_mcontext.gregs[REG_ERR],
			       shared_gpa, code, n, &regs, &ve) != 0)
		return false;
	deliver(uc, &ve);
	return true;
}
