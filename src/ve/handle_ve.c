/* SPDX-License-Identifier: MIT */
/* tdx_handle_ve(): VEINFO first, then emulate; the fatal hook when that fails. */
#include <tdx/module.h>
#include <tdx/status.h>
#include "ve_internal.h"

uint64_t tdx_handle_ve(struct tdx_ve_frame *frame)
{
	struct tdx_ve_info ve;
	uint64_t detail = 0, status;
	uint64_t st;

	/*
	 * First, before anything can raise another #VE or enable interrupts:
	 * until TDG.VP.VEINFO.GET clears the valid flag, a nested #VE is #DF.
	 */
	status = tdg_vp_veinfo_get(&ve);
	if (status != TDX_SUCCESS) {
		tdx_ve_fatal(frame, 0, TDX_VE_NO_VEINFO, status);
		return TDX_VE_NO_VEINFO;
	}
	st = tdx_ve_emulate(frame, &ve, &detail);
	if (st != TDX_VE_OK)
		tdx_ve_fatal(frame, &ve, st, detail);
	return st;
}
