/* SPDX-License-Identifier: MIT */
/* Shared by the #VE translation units; not a public header. */
#ifndef TDX_VE_INTERNAL_H
#define TDX_VE_INTERNAL_H

#include <stdint.h>
#include <tdx/ve.h>

/* Longest x86 instruction; a longer one raises #GP. */
#define TDX_VE_MAX_INSN 15

/* Offset in struct tdx_ve_frame of GPR n, in architectural order (src/ve/frame.c). */
extern const uint8_t tdx__ve_gpr_offset[16];

/* GPR `n` (architectural number 0..15, 4 = RSP) of the frame. */
static inline uint64_t tdx__ve_gpr(const struct tdx_ve_frame *f, unsigned n)
{
	return *(const uint64_t *)((const char *)f + tdx__ve_gpr_offset[n & 15]);
}

/*
 * x86 register-write semantics: size 1 merges into bits 7:0 (or 15:8 when
 * high8: AH/CH/DH/BH), size 2 merges into 15:0, size 4 zero-extends into
 * the whole register, size 8 replaces it.
 */
void tdx__ve_set_gpr(struct tdx_ve_frame *f, unsigned n, unsigned size, int high8,
		     uint64_t value);

/*
 * Copy the instruction bytes at `rip` into buf (flat mapping: RIP is a
 * pointer into this address space).  Copies `want` bytes (<= 15), but
 * never past the end of RIP's 4 KiB page when `stop_at_page` is set.
 * Returns the number copied.
 */
unsigned tdx__ve_fetch(uint64_t rip, uint8_t *buf, unsigned want, int stop_at_page);

/*
 * The VMM failed the TDVMCALL that emulates the instruction: its status
 * (R10, raw in *detail when detail is not NULL) lifted into
 * TDX_VMCALL_ERROR, the status tdx_ve_emulate() returns.  Always lifted:
 * every argument was checked before the call, so whatever came back is the
 * VMM's.
 */
static inline uint64_t tdx__ve_vmm_error(uint64_t status, uint64_t *detail)
{
	if (detail)
		*detail = status;
	return tdx_status_from_vmcall(status);
}

/* The per-exit emulations; same contract as tdx_ve_emulate(). */
uint64_t tdx__ve_io(struct tdx_ve_frame *f, const struct tdx_ve_info *ve, uint64_t *detail);
/* `shared`: tdx_shared_mask(), looked up by the caller (0: unknown, so nothing is shared). */
uint64_t tdx__ve_mmio(struct tdx_ve_frame *f, const struct tdx_ve_info *ve, uint64_t *detail,
		      uint64_t shared);

#endif
