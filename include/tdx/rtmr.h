/* SPDX-License-Identifier: MIT */
/*
 * Runtime measurement registers: extend (TDG.MR.RTMR.EXTEND, leaf 2),
 * measure-and-extend, and the replay of an event log to the values the
 * RTMRs must hold.  An RTMR starts as 48 zero bytes; extending it with a
 * digest D sets RTMR = SHA-384(RTMR || D).
 */
#ifndef TDX_RTMR_H
#define TDX_RTMR_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "report.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * TDG.MR.RTMR.EXTEND: extend RTMR[index] (0..3) with the 48-byte `digest`.
 * The digest is copied to a private, 64-aligned buffer on the stack first (the
 * module's requirement), so `digest` may be anywhere.  An index above 3 returns
 * TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RDX (a NULL digest the same with
 * RCX) without calling the module.
 * TDX_OPERAND_BUSY is retried up to TDX_BUSY_RETRIES times.
 * Returns the completion status (RAX).
 */
uint64_t tdx_extend_rtmr(unsigned index, const uint8_t digest[TDX_MEASUREMENT_SIZE]);

/*
 * Measure `len` bytes at `data` with SHA-384 and extend RTMR[index] with the
 * digest.  To log the event as well, hash with tdx_sha384() and call
 * tdx_extend_rtmr() with the same digest.  Uses about 400 bytes of stack
 * (the SHA-384 context is 200).  Returns the completion status.
 */
uint64_t tdx_measure_and_extend(unsigned index, const void *data, size_t len);

/* rtmr = SHA-384(rtmr || digest): what TDG.MR.RTMR.EXTEND does to the register. */
void tdx_rtmr_extend_value(uint8_t rtmr[TDX_MEASUREMENT_SIZE],
			   const uint8_t digest[TDX_MEASUREMENT_SIZE]);

/* One entry of an event log: which RTMR was extended, and with what. */
struct tdx_rtmr_event {
	uint32_t index;
	uint8_t digest[TDX_MEASUREMENT_SIZE];
};

/*
 * Replay `count` events, in order, from four zeroed RTMRs into rtmr[0..3]:
 * the values TDINFO_STRUCT.RTMR[] must show if the log is complete and true.
 * Returns TDX_SUCCESS, or TDX_SW_INVALID_ARGUMENT (with rtmr[] zeroed) if an
 * event names an index above 3.
 */
uint64_t tdx_rtmr_replay(const struct tdx_rtmr_event *log, size_t count,
		    uint8_t rtmr[TDX_NUM_RTMRS][TDX_MEASUREMENT_SIZE]);

#ifdef __cplusplus
}
#endif

#endif /* TDX_RTMR_H */
