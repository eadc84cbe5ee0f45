/* SPDX-License-Identifier: MIT */
/* tdx_handle_ve(): VEINFO first, then emulate; the fatal hook when that fails. */
#include <tdx/module.h>
#include <tdx/status.h>
#include "ve_internal.h"

/*
 * The handler's frame: the VE info and one word, the frame pointer until
 * the fatal hook is called, then the status returned after it.  That word
 * lives in memory beside the VE info rather than in a register every call
 * below must preserve: this frame stays at 64 bytes, and the hook's
 * 104-byte register block and TDG.VP.VMCALL fit under it within the #VE
 * path's stack budget (tools/footprint).
 */
struct handler {
	struct tdx_ve_info ve;
	union {
		struct tdx_ve_frame *frame;
		uint64_t status;
	} word;
};

uint64_t tdx_handle_ve(struct tdx_ve_frame *frame)
{
	struct handler h;
	const struct tdx_ve_info *ve = 0;
	struct tdx__ve_result r;
	uint64_t status;

	h.word.frame = frame;

	/*
	 * First, before anything can raise another #VE or enable interrupts:
	 * until TDG.VP.VEINFO.GET clears the valid flag, a nested #VE is #DF.
	 */
	status = tdg_vp_veinfo_get(&h.ve);
	if (status != TDX_SUCCESS) {
		r = (struct tdx__ve_result){ TDX_VE_NO_VEINFO, status };
	} else {
		/* The shared bit from this frame, beside the emulation rather than under it. */
		uint64_t shared = tdx__ve_shared(&h.ve);

		r = tdx__ve_emulate(h.word.frame, &h.ve, shared);
		if (r.status == TDX_VE_OK)
			return TDX_VE_OK;
		ve = &h.ve;
	}
	frame = h.word.frame;
	h.word.status = r.status;
	tdx_ve_fatal(frame, ve, r.status, r.detail);
	return h.word.status;
}
