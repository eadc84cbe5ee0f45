/* SPDX-License-Identifier: MIT */
/*
 * EPT violation on a shared GPA -> MMIO emulation over
 * TDG.VP.VMCALL<#VE.RequestMMIO> (GHCI sub-function 48).  The instruction
 * length is undefined in the VE info of an EPT violation: RIP advances by
 * the decoded length.  The request goes to the GPA of the VE info.
 */
#include <tdx/guest.h>
#include <tdx/status.h>
#include <tdx/tdvmcall.h>
#include "ghci/request_mmio.h"
#include "ve_internal.h"

/*
 * The decoded access is the one the TDX module reported.  The VE info
 * carries both addresses of the access (Intel TDX Module ABI spec,
 * TDG.VP.VEINFO.GET: R8 guest linear, R9 guest physical): the effective
 * address must be the GLA, and the GPA - which comes from the guest's own
 * page tables, so no translation of ours could know it better - must lie
 * at the same offset in its page.  The GPA's shared bit is checked by the
 * caller.  Nothing here derives a GPA from a pointer.
 */
static uint64_t check_access(const struct tdx_mmio_insn *d, const struct tdx_ve_info *ve)
{
	uint64_t q = ve->exit_qualification;

	if ((d->ea & (TDX_MEM_PAGE_4K - 1)) + d->size > TDX_MEM_PAGE_4K)
		return TDX_VE_MMIO_PAGE_CROSS;
	if (!(q & TDX_EPT_QUAL_GLA_VALID) || d->ea != ve->gla)
		return TDX_VE_MMIO_ADDR_MISMATCH;
	if ((ve->gpa & (TDX_MEM_PAGE_4K - 1)) != (d->ea & (TDX_MEM_PAGE_4K - 1)))
		return TDX_VE_MMIO_GPA_OFFSET;
	if ((q & TDX_EPT_QUAL_WRITE) && !d->write)
		return TDX_VE_MMIO_ADDR_MISMATCH;
	if ((q & TDX_EPT_QUAL_READ) && !(q & TDX_EPT_QUAL_WRITE) && d->write)
		return TDX_VE_MMIO_ADDR_MISMATCH;
	return TDX_VE_OK;
}

/*
 * One MMIO emulation, in the frame of tdx__ve_mmio(): the instruction's
 * bytes and what the decoder made of them, then in the same memory the
 * registers of the #VE.RequestMMIO that performs the access.  The steps
 * below find what they need here, not in registers their calls must
 * preserve, so the decoder and the TDVMCALL each run under frames that
 * hold little more than this (the #VE path's stack budget).
 */
struct mmio {
	struct tdx_ve_frame *f;
	union {
		struct {
			uint8_t bytes[TDX_VE_MAX_INSN];
			struct tdx_mmio_insn d;
		} insn;
		struct tdx__vmcall_regs6 regs;
	};
	/* Of the decoded instruction, for after the TDVMCALL has taken its memory. */
	uint8_t size, write, reg, reg_size, reg_high8, sign_extend, length;
};

/*
 * Fetch the bytes at RIP (all 15 if `whole`, else none past RIP's page)
 * and decode them.  Not inlined, and the decoder reached by a tail call:
 * its frame replaces this one.
 */
static __attribute__((noinline)) uint64_t decode_bytes(struct mmio *m, int whole)
{
	unsigned n = tdx__ve_fetch(m->f->rip, m->insn.bytes, TDX_VE_MAX_INSN, !whole);

	return tdx_ve_decode_mmio(m->insn.bytes, n, m->f, &m->insn.d);
}

/*
 * The decoded access over TDG.VP.VMCALL<#VE.RequestMMIO> at `gpa`, with
 * m->regs (no wrapper frame under this one); a read's value, masked to the
 * access size (the VMM's upper bits dropped) and sign-extended for MOVSX,
 * into the register.  RIP advances by the decoded length.
 */
static __attribute__((noinline)) struct tdx__ve_result perform(struct mmio *m, uint64_t gpa)
{
	const struct tdx_mmio_insn *d = &m->insn.d;
	uint64_t value = 0, status;

	if (d->write)
		value = d->has_imm ? d->imm : tdx__ve_gpr(m->f, d->reg) >> (d->reg_high8 ? 8 : 0);
	m->size = d->size;
	m->write = d->write;
	m->reg = d->reg;
	m->reg_size = d->reg_size;
	m->reg_high8 = d->reg_high8;
	m->sign_extend = d->sign_extend;
	m->length = d->length;
	status = tdx__request_mmio(&m->regs, m->size,
				   m->write ? TDVMCALL_MMIO_WRITE : TDVMCALL_MMIO_READ, gpa, value);
	if (status != TDVMCALL_STATUS_SUCCESS)
		return tdx__ve_vmcall(status);
	if (!m->write) {
		value = m->regs.r11 & tdx__width_mask(m->size);
		if (m->sign_extend)
			value = (uint64_t)(m->size == 1 ? (int64_t)(int8_t)value : (int64_t)(int16_t)value);
		tdx__ve_set_gpr(m->f, m->reg, m->reg_size, m->reg_high8, value);
	}
	m->f->rip += m->length;
	return tdx__ve_status(TDX_VE_OK);
}

/*
 * Reached by a tail call from tdx__ve_emulate(): this frame replaces the
 * dispatcher's.  `shared`: tdx__ve_shared(ve), looked up by the caller.
 */
struct tdx__ve_result tdx__ve_mmio(struct tdx_ve_frame *f, const struct tdx_ve_info *ve,
				   uint64_t shared)
{
	struct mmio m;
	uint64_t st;

	if (ve->exit_qualification & TDX_EPT_QUAL_FETCH)
		return tdx__ve_status(TDX_VE_MMIO_FETCH);
	if (!shared || !(ve->gpa & shared))
		return tdx__ve_status(TDX_VE_MMIO_PRIVATE_GPA);

	/* RIP's page first; past its end only if the decoder needs more bytes than it has. */
	m.f = f;
	st = decode_bytes(&m, 0);
	if (st == TDX_VE_TRUNCATED &&
	    TDX_MEM_PAGE_4K - (m.f->rip & (TDX_MEM_PAGE_4K - 1)) < TDX_VE_MAX_INSN)
		st = decode_bytes(&m, 1);
	if (st == TDX_VE_TRUNCATED)
		st = TDX_VE_DECODE_FAILED;	/* 15 bytes and still incomplete */
	if (st == TDX_VE_OK)
		st = check_access(&m.insn.d, ve);
	if (st != TDX_VE_OK)
		return tdx__ve_status(st);
	return perform(&m, ve->gpa);
}
