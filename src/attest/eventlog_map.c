/* SPDX-License-Identifier: MIT */
/*
 * PCR index -> CC MR index -> RTMR: UEFI 2.10 §38.4.1 for TDX, as EDK2's
 * TDVF applies it (MapPcrToMrIndex; RTMR = MR index - 1).  The table is in
 * tdx/eventlog.h.
 */
#include <tdx/eventlog.h>

uint32_t tdx_pcr_to_cc_mr(uint32_t pcr)
{
	if (pcr == 0)
		return TDX_CC_MR_MRTD;
	if (pcr == 1 || pcr == 7)
		return TDX_CC_MR_RTMR0;
	if (pcr <= 6)
		return TDX_CC_MR_RTMR1;
	if (pcr <= 15)
		return TDX_CC_MR_RTMR2;
	return TDX_CC_MR_INVALID;
}

uint32_t tdx_cc_mr_to_rtmr(uint32_t mr_index)
{
	if (mr_index == TDX_CC_MR_MRTD || mr_index >= TDX_CC_MR_COUNT)
		return TDX_CC_MR_INVALID;
	return mr_index - 1;
}
