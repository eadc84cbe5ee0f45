/* SPDX-License-Identifier: MIT */
/*
 * #VE for guest instructions, the way the TDX module raises it: the
 * instruction faults in user mode (#GP for in/out/ins/outs/hlt/rdmsr/wrmsr,
 * #PF for a load or store in the MMIO window), issue 5's harness decoder
 * (tests/harness/tdxh_ve.h) turns it into the VE info the module would
 * report, tdxh_post_ve() makes that this vCPU's valid VE info, and
 * emulate.c delivers vector 20 through the guest's IDT.  The guest's handler
 * reads the info with TDG.VP.VEINFO.GET and returns with iretq.
 */
#define _GNU_SOURCE
#include "sim.h"

#include <stdio.h>
#include <ucontext.h>

#include "tdx_harness.h"
#include "tdxh_abi.h"
#include "tdxh_ve.h"

#define VE_VECTOR 20

static const char *exit_reason_name(uint64_t reason)
{
	switch (reason) {
	case TDXH_EXIT_CPUID:         return "CPUID";
	case TDXH_EXIT_HLT:           return "HLT";
	case TDXH_EXIT_IO:            return "I/O";
	case TDXH_EXIT_RDMSR:         return "RDMSR";
	case TDXH_EXIT_WRMSR:         return "WRMSR";
	case TDXH_EXIT_EPT_VIOLATION: return "EPT violation";
	default:                      return "?";
	}
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
	sim_trace_event("#VE: exit reason %llu (%s), qualification %#llx, GPA %#llx, length %u "
			"at rip %#llx -> handler %#llx", (unsigned long long)ve->exit_reason,
			exit_reason_name(ve->exit_reason), (unsigned long long)ve->exit_qualification,
			(unsigned long long)ve->gpa, ve->instruction_length, (unsigned long long)rip,
			(unsigned long long)uc->uc_mcontext.gregs[REG_RIP]);
}

bool sim_ve_instruction(ucontext_t *uc)
{
	uint8_t code[15];
	size_t n = 0;
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	struct tdxh_regs regs;
	struct tdxh_ve_info ve;

	while (n < sizeof(code) && sim_read_guest(rip + n, &code[n], 1))
		n++;
	sim_regs_of(uc, &regs);
	if (tdxh_ve_decode_insn(code, n, &regs, &ve) != 0)
		return false;
	deliver(uc, &ve);
	return true;
}

bool sim_ve_mmio(ucontext_t *uc, uint64_t addr, bool write)
{
	struct tdxh_ve_info ve;

	if (addr < SIM_MMIO_BASE || addr - SIM_MMIO_BASE >= SIM_MMIO_SIZE)
		return false;
	/* Flat mapping: GPA = VA, and the window's GPAs are shared. */
	tdxh_ve_make_ept(addr, addr | tdxh_shared_bit(), write, &ve);
	deliver(uc, &ve);
	return true;
}
