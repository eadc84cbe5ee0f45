/* SPDX-License-Identifier: MIT */
/* Names of the #VE handling statuses. */
#include <tdx/ve.h>

const char *tdx_ve_strerror(unsigned status)
{
	static const char *const names[TDX_VE_STATUS_COUNT] = {
		[TDX_VE_OK] = "emulated",
		[TDX_VE_NO_VEINFO] = "TDG.VP.VEINFO.GET failed",
		[TDX_VE_UNSUPPORTED_EXIT] = "unsupported exit reason",
		[TDX_VE_VMM_ERROR] = "VMM failed the TDVMCALL",
		[TDX_VE_BAD_LENGTH] = "bad instruction length",
		[TDX_VE_BAD_IO] = "bad I/O qualification",
		[TDX_VE_DECODE_FAILED] = "cannot decode instruction",
		[TDX_VE_TRUNCATED] = "instruction truncated",
		[TDX_VE_MMIO_LOCK] = "LOCK on MMIO",
		[TDX_VE_MMIO_STRING] = "string instruction on MMIO",
		[TDX_VE_MMIO_CMP] = "CMP on MMIO",
		[TDX_VE_MMIO_UNSUPPORTED] = "unsupported MMIO instruction",
		[TDX_VE_MMIO_NOT_MEMORY] = "no memory operand",
		[TDX_VE_MMIO_PAGE_CROSS] = "MMIO access crosses a page",
		[TDX_VE_MMIO_PRIVATE_GPA] = "EPT violation on private GPA",
		[TDX_VE_MMIO_ADDR_MISMATCH] = "MMIO address mismatch",
		[TDX_VE_MMIO_FETCH] = "instruction fetch from MMIO",
		[TDX_VE_MMIO_GPA_OFFSET] = "MMIO GPA page offset mismatch",
	};

	return status < TDX_VE_STATUS_COUNT ? names[status] : "unknown #VE status";
}
