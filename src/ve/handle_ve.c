/* SPDX-License-Identifier: MIT */
/* tdx_handle_ve(): VEINFO first, then emulate; the fatal hook when that fails. */
#include <tdx/module.h>
#include <tdx/status.h>
#include "ve_internal.h"

/*
 * The fatal hook, returning the status it was given.  Not inlined: the
 * status then need not be kept across the hook in tdx_handle_ve()'s frame,
 * which stays small (the #VE path's stack budget).
 */
static __attribute__((noinline)) uint64_t refuse(struct tdx_ve_frame *frame,
						 const struct tdx_ve_info *ve, uint64_t st,
						 uint64_t detail)
{
	tdx_ve_fatal(frame, ve, st, detail);
	return st;
}

uint64_t tdx_handle_ve(struct tdx_ve_frame *frame)
{
	struct tdx_ve_info ve;
	uint64_t detail = 0, status, st;

	/*
	 * First, before anything can raise another #VE or enable interrupts:
	 * until TDG.VP.VEINFO.GET clears the valid flag, a nested #VE is #DF.
	 */
	status = tdg_vp_veinfo_get(&ve);
	if (status != TDX_SUCCESS)
		return refuse(frame, 0, TDX_VE_NO_VEINFO, status);
	st = tdx_ve_emulate(frame, &ve, &detail);
	if (st != TDX_VE_OK)
		return refuse(frame, &ve, st, detail);
	return st;
}
