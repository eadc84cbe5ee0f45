/* SPDX-License-Identifier: MIT */
/*
 * The #VE dispatcher: one emulation per exit reason.  Instruction exits
 * advance RIP by the VE info's instruction length (module-reported, checked
 * to be 1..15); EPT violations by the decoded length (src/ve/emulate_mmio.c).
 */
#include <tdx/guest.h>
#include <tdx/module.h>
#include <tdx/status.h>
#include <tdx/tdvmcall.h>
#include "ve_internal.h"

/*
 * CPUID through the hardened forwarding: writes EAX..EDX, zero-extended,
 * like CPUID, and advances RIP (it cannot fail: tdx_cpuid() always answers).
 * Reached by a tail call, so its frame replaces the dispatcher's.
 */
static __attribute__((noinline)) struct tdx__ve_result ve_cpuid(struct tdx_ve_frame *f,
								uint32_t length)
{
	struct tdx_cpuid_regs r;

	f->rip += length;
	tdx_cpuid((uint32_t)f->rax, (uint32_t)f->rcx, &r);
	f->rax = r.eax;
	f->rbx = r.ebx;
	f->rcx = r.ecx;
	f->rdx = r.edx;
	return tdx__ve_status(TDX_VE_OK);
}

/* GHCI Instruction.HLT: "interrupts blocked" is the interrupted context's !RFLAGS.IF. */
static struct tdx__ve_result ve_hlt(struct tdx_ve_frame *f)
{
	return tdx__ve_vmcall(tdvmcall_hlt(!(f->rflags & TDX_RFLAGS_IF)));
}

/* RDMSR: ECX index -> EDX:EAX (both zero-extended). */
static struct tdx__ve_result ve_rdmsr(struct tdx_ve_frame *f)
{
	uint64_t value, status = tdvmcall_rdmsr((uint32_t)f->rcx, &value);

	if (status == TDVMCALL_STATUS_SUCCESS) {
		f->rax = (uint32_t)value;
		f->rdx = value >> 32;
	}
	return tdx__ve_vmcall(status);
}

/* WRMSR: ECX index, value EDX:EAX (upper halves of RAX/RDX ignored). */
static struct tdx__ve_result ve_wrmsr(struct tdx_ve_frame *f)
{
	uint64_t value = ((uint64_t)(uint32_t)f->rdx << 32) | (uint32_t)f->rax;

	return tdx__ve_vmcall(tdvmcall_wrmsr((uint32_t)f->rcx, value));
}

/*
 * Every per-exit emulation that is a function of its own (MMIO, I/O,
 * CPUID) is reached by a tail call: its frame replaces this one.  Not
 * inlined into tdx_ve_emulate(), whose frame holds what the shared-bit
 * lookup needs.
 */
__attribute__((noinline))
struct tdx__ve_result tdx__ve_emulate(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve,
				      uint64_t shared)
{
	struct tdx__ve_result r;

	if (ve->exit_reason == EXIT_REASON_EPT_VIOLATION)
		return tdx__ve_mmio(frame, ve, shared);
	if (ve->exit_reason != EXIT_REASON_CPUID && ve->exit_reason != EXIT_REASON_HLT &&
	    ve->exit_reason != EXIT_REASON_IO_INSTRUCTION &&
	    ve->exit_reason != EXIT_REASON_MSR_READ && ve->exit_reason != EXIT_REASON_MSR_WRITE)
		return tdx__ve_status(TDX_VE_UNSUPPORTED_EXIT);
	if (ve->instruction_length == 0 || ve->instruction_length > TDX_VE_MAX_INSN)
		return tdx__ve_status(TDX_VE_BAD_LENGTH);

	switch (ve->exit_reason) {
	case EXIT_REASON_IO_INSTRUCTION:
		return tdx__ve_io(frame, ve);	/* advances RIP itself (REP chunks) */
	case EXIT_REASON_CPUID:
		return ve_cpuid(frame, ve->instruction_length);
	case EXIT_REASON_HLT:
		r = ve_hlt(frame);
		break;
	case EXIT_REASON_MSR_READ:
		r = ve_rdmsr(frame);
		break;
	default:
		r = ve_wrmsr(frame);
		break;
	}
	if (r.status == TDX_VE_OK)
		frame->rip += ve->instruction_length;
	return r;
}

uint64_t tdx_ve_emulate(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve,
			uint64_t *detail)
{
	struct tdx__ve_result r = tdx__ve_emulate(frame, ve, tdx__ve_shared(ve));

	if (detail)
		*detail = r.detail;
	return r.status;
}
