/* SPDX-License-Identifier: MIT */
/*
 * One error model, three layers kept apart (values in status.h):
 *  - TDCALL completion status (RAX): tdx_status_*() and tdx_strerror().
 *    Class and code live in bits 63:32 and are compared there only; bits
 *    31:0 are a detail (operand id, page level) that varies.
 *  - TDVMCALL status (R10): tdvmcall_status_*() and tdvmcall_strerror().
 *  - GetQuote buffer status: the attestation header.
 */
#ifndef TDX_ERROR_H
#define TDX_ERROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* True when `status` has the class and code of `code` (bits 63:32), whatever its detail. */
static inline bool tdx_status_is(uint64_t status, uint64_t code)
{
	return TDX_STATUS_CODE(status) == TDX_STATUS_CODE(code);
}

/* Bit 63: the call failed (warnings such as PAGE_ALREADY_ACCEPTED are not errors). */
static inline bool tdx_status_is_error(uint64_t status)
{
	return (status & TDX_STATUS_ERROR) != 0;
}

/* Bit 62 clear: the TD and vCPU can go on (retry, or do something else). */
static inline bool tdx_status_is_recoverable(uint64_t status)
{
	return (status & TDX_STATUS_NON_RECOVERABLE) == 0;
}

/* Bit 61: the TD is dead. */
static inline bool tdx_status_is_fatal(uint64_t status)
{
	return (status & TDX_STATUS_FATAL) != 0;
}

/* TDX_OPERAND_BUSY, any detail: a resource is contended; retry the call. */
static inline bool tdx_status_is_busy(uint64_t status)
{
	return tdx_status_is(status, TDX_OPERAND_BUSY);
}

/*
 * The library's one retry policy for TDX_OPERAND_BUSY (another vCPU holds
 * the resource): a call answered BUSY is repeated, after a `pause`, at most
 * this many times; then BUSY is returned.  Used by every function that
 * retries (accepting memory, TDREPORT, VERIFYREPORT, RTMR extension).
 */
#define TDX_BUSY_RETRIES 100

/* TDVMCALL status bit 63: the VMM failed the call (RETRY is not an error). */
static inline bool tdvmcall_status_is_error(uint64_t status)
{
	return (status & 0x8000000000000000ull) != 0;
}

/*
 * The name of a TDCALL completion status with its detail, e.g.
 * "TDX_OPERAND_INVALID (operand RCX)" or "TDX_PAGE_ALREADY_ACCEPTED (level 2M)".
 * Always a constant string (no buffer, thread-safe); a code it does not know
 * is "TDX status (unknown code)", a detail it cannot name "(detail unknown)":
 * use tdx_strerror_r() to see the numbers.
 */
const char *tdx_strerror(uint64_t status);

/* The name of a TDVMCALL status (R10), e.g. "TDVMCALL_STATUS_RETRY". */
const char *tdvmcall_strerror(uint64_t status);

/*
 * tdx_strerror() formatted into buf (size bytes, always NUL-terminated when
 * size > 0), with the raw value in hex when the code or detail is unknown.
 * Returns buf.
 */
char *tdx_strerror_r(uint64_t status, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* TDX_ERROR_H */
