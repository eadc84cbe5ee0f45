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
 * What an emulation returns: the status tdx_ve_emulate() returns and the
 * raw TDVMCALL status of a VMM failure (else 0), in RAX:RDX.  Returned
 * rather than stored through a pointer, so that no frame on the #VE path
 * holds a detail variable and a pointer to it (the path's stack budget).
 */
struct tdx__ve_result {
	uint64_t status;
	uint64_t detail;
};

/* TDX_VE_OK or the library's own refusal (a TDX_VE_* status): no detail. */
static inline struct tdx__ve_result tdx__ve_status(uint64_t status)
{
	return (struct tdx__ve_result){ status, 0 };
}

/*
 * The TDVMCALL that emulates the instruction returned `status` (R10):
 * TDX_VE_OK for TDVMCALL_STATUS_SUCCESS, else the status lifted into
 * TDX_VMCALL_ERROR with the raw one as detail.  Always lifted: every
 * argument was checked before the call, so whatever came back is the VMM's.
 */
static inline struct tdx__ve_result tdx__ve_vmcall(uint64_t status)
{
	return (struct tdx__ve_result){ tdx_status_from_vmcall(status), status };
}

/*
 * The shared bit an EPT violation's GPA must carry to be MMIO:
 * tdx_shared_mask(), looked up only for an EPT violation that is not a
 * fetch (refused before the GPA is looked at); 0 for every other #VE.
 */
static inline uint64_t tdx__ve_shared(const struct tdx_ve_info *ve)
{
	if (ve->exit_reason != EXIT_REASON_EPT_VIOLATION ||
	    (ve->exit_qualification & TDX_EPT_QUAL_FETCH))
		return 0;
	return tdx_shared_mask();
}

/*
 * tdx_ve_emulate() with `shared` = tdx__ve_shared(ve) already looked up by
 * the caller: its frame, not one under the emulation, carries TDG.VP.INFO's
 * stack.  tdx_handle_ve() runs this.
 */
struct tdx__ve_result tdx__ve_emulate(struct tdx_ve_frame *f, const struct tdx_ve_info *ve,
				      uint64_t shared);

/* The per-exit emulations, reached by tail calls from tdx__ve_emulate(). */
struct tdx__ve_result tdx__ve_io(struct tdx_ve_frame *f, const struct tdx_ve_info *ve);
/* `shared`: tdx__ve_shared(ve) (0: unknown, so nothing is shared). */
struct tdx__ve_result tdx__ve_mmio(struct tdx_ve_frame *f, const struct tdx_ve_info *ve,
				   uint64_t shared);

#endif
