/* SPDX-License-Identifier: MIT */
/* Replaying an event log to the RTMR values it implies. */
#include <tdx/rtmr.h>

#include "lib/internal.h"

uint64_t tdx_rtmr_replay(const struct tdx_rtmr_event *log, size_t count,
		    uint8_t rtmr[TDX_NUM_RTMRS][TDX_MEASUREMENT_SIZE])
{
	memset(rtmr, 0, TDX_NUM_RTMRS * TDX_MEASUREMENT_SIZE);
	for (size_t i = 0; i < count; i++) {
		if (log[i].index >= TDX_NUM_RTMRS) {
			memset(rtmr, 0, TDX_NUM_RTMRS * TDX_MEASUREMENT_SIZE);
			return TDX_SW_INVALID_ARGUMENT;
		}
		tdx_rtmr_extend_value(rtmr[log[i].index], log[i].digest);
	}
	return TDX_SUCCESS;
}
