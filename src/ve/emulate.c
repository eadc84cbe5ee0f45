/* SPDX-License-Identifier: MIT */
/*
 * The #VE dispatcher: one emulation per exit reason.  Instruction exits
 * advance RIP by the VE info's instruction length (module-reported, checked
 * to be 1..15); EPT violations by the decoded length (src/ve_mmio.c).
 */
#include <tdx/guest.h>
#include <tdx/module.h>
#include <tdx/status.h>
#include <tdx/tdvmcall.h>
#include "ve_internal.h"

/* CPUID through the hardened forwarding: writes EAX..EDX, zero-extended, like CPUID. */
static uint64_t ve_cpuid(struct tdx_ve_frame *f)
{
	struct tdx_cpuid_regs r;

	tdx_cpuid((uint32_t)f->rax, (uint32_t)f->rcx, &r);
	f->rax = r.eax;
	f->rbx = r.ebx;
	f->rcx = r.ecx;
	f->rdx = r.edx;
	return TDX_VE_OK;
}

/* GHCI Instruction.HLT: "interrupts blocked" is the interrupted context's !RFLAGS.IF. */
static uint64_t ve_hlt(struct tdx_ve_frame *f, uint64_t *detail)
{
	uint64_t status = tdvmcall_hlt(!(f->rflags & TDX_RFLAGS_IF));

	return status == TDVMCALL_STATUS_SUCCESS ? TDX_VE_OK : tdx__ve_vmm_error(status, detail);
}

/* RDMSR: ECX index -> EDX:EAX (both zero-extended). */
static uint64_t ve_rdmsr(struct tdx_ve_frame *f, uint64_t *detail)
{
	uint64_t value, status = tdvmcall_rdmsr((uint32_t)f->rcx, &value);

	if (status != TDVMCALL_STATUS_SUCCESS)
		return tdx__ve_vmm_error(status, detail);
	f->rax = (uint32_t)value;
	f->rdx = value >> 32;
	return TDX_VE_OK;
}

/* WRMSR: ECX index, value EDX:EAX (upper halves of RAX/RDX ignored). */
static uint64_t ve_wrmsr(struct tdx_ve_frame *f, uint64_t *detail)
{
	uint64_t value = ((uint64_t)(uint32_t)f->rdx << 32) | (uint32_t)f->rax;
	uint64_t status = tdvmcall_wrmsr((uint32_t)f->rcx, value);

	return status == TDVMCALL_STATUS_SUCCESS ? TDX_VE_OK : tdx__ve_vmm_error(status, detail);
}

uint64_t tdx_ve_emulate(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve,
			uint64_t *detail)
{
	uint64_t st;

	if (detail)
		*detail = 0;
	/*
	 * The shared bit is looked up here, not under tdx__ve_mmio()'s frame
	 * (the #VE path's stack budget); not for a fetch, which is refused
	 * first.
	 */
	if (ve->exit_reason == EXIT_REASON_EPT_VIOLATION)
		return tdx__ve_mmio(frame, ve, detail,
				    (ve->exit_qualification & TDX_EPT_QUAL_FETCH) ? 0 : tdx_shared_mask());
	if (ve->exit_reason != EXIT_REASON_CPUID && ve->exit_reason != EXIT_REASON_HLT &&
	    ve->exit_reason != EXIT_REASON_IO_INSTRUCTION &&
	    ve->exit_reason != EXIT_REASON_MSR_READ && ve->exit_reason != EXIT_REASON_MSR_WRITE)
		return TDX_VE_UNSUPPORTED_EXIT;
	if (ve->instruction_length == 0 || ve->instruction_length > TDX_VE_MAX_INSN)
		return TDX_VE_BAD_LENGTH;

	switch (ve->exit_reason) {
	case EXIT_REASON_IO_INSTRUCTION:
		return tdx__ve_io(frame, ve, detail);	/* advances RIP itself (REP chunks) */
	case EXIT_REASON_CPUID:
		st = ve_cpuid(frame);
		break;
	case EXIT_REASON_HLT:
		st = ve_hlt(frame, detail);
		break;
	case EXIT_REASON_MSR_READ:
		st = ve_rdmsr(frame, detail);
		break;
	default:
		st = ve_wrmsr(frame, detail);
		break;
	}
	if (st == TDX_VE_OK)
		frame->rip += ve->instruction_length;
	return st;
}
