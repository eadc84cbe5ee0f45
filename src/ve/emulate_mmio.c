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
#include "lib/internal.h"
#include "ve_internal.h"

/* Decode the instruction at RIP, reading past RIP's page only if it must. */
static uint64_t decode_at_rip(const struct tdx_ve_frame *f, struct tdx_mmio_insn *d)
{
	uint8_t buf[TDX_VE_MAX_INSN];
	unsigned n = tdx__ve_fetch(f->rip, buf, TDX_VE_MAX_INSN, 1);
	uint64_t st = tdx_ve_decode_mmio(buf, n, f, d);

	if (st == TDX_VE_TRUNCATED && n < TDX_VE_MAX_INSN) {
		n = tdx__ve_fetch(f->rip, buf, TDX_VE_MAX_INSN, 0);
		st = tdx_ve_decode_mmio(buf, n, f, d);
	}
	if (st == TDX_VE_TRUNCATED)
		st = TDX_VE_DECODE_FAILED;	/* 15 bytes and still incomplete */
	return st;
}

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

uint64_t tdx__ve_mmio(struct tdx_ve_frame *f, const struct tdx_ve_info *ve, uint64_t *detail,
		      uint64_t shared)
{
	struct tdx_mmio_insn d;
	uint64_t value, status;
	uint64_t st;

	if (ve->exit_qualification & TDX_EPT_QUAL_FETCH)
		return TDX_VE_MMIO_FETCH;
	if (!shared || !(ve->gpa & shared))
		return TDX_VE_MMIO_PRIVATE_GPA;
	if ((st = decode_at_rip(f, &d)) != TDX_VE_OK)
		return st;
	if ((st = check_access(&d, ve)) != TDX_VE_OK)
		return st;

	if (d.write) {
		value = d.has_imm ? d.imm : tdx__ve_gpr(f, d.reg) >> (d.reg_high8 ? 8 : 0);
		status = tdvmcall_mmio_write(d.size, ve->gpa, value & tdx__width_mask(d.size));
	} else {
		status = tdvmcall_mmio_read(d.size, ve->gpa, &value);
		if (status == TDVMCALL_STATUS_SUCCESS) {
			value &= tdx__width_mask(d.size);	/* the VMM's upper bits: dropped */
			if (d.sign_extend)
				value = (uint64_t)(d.size == 1 ? (int64_t)(int8_t)value
							       : (int64_t)(int16_t)value);
			tdx__ve_set_gpr(f, d.reg, d.reg_size, d.reg_high8, value);
		}
	}
	if (status != TDVMCALL_STATUS_SUCCESS)
		return tdx__ve_vmm_error(status, detail);
	f->rip += d.length;
	return TDX_VE_OK;
}
