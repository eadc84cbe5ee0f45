/* SPDX-License-Identifier: MIT */
/*
 * Converting pages between private and shared: GHCI TDG.VP.VMCALL<MapGPA>
 * (sub-function 0x10001) with every RETRY checked, then, back to private,
 * accepting the whole range (tdx/accept.h).
 */
#ifndef TDX_CONVERT_H
#define TDX_CONVERT_H

#include <stdint.h>
#include "accept.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* MapGPA RETRY answers whose R11 is the address just asked for, in a row, before giving up. */
#define TDX_MAP_GPA_MAX_STALLS 3

/*
 * What a conversion did.  `status` is the value the function returns
 * (tdx/error.h), which says who failed:
 *  - TDX_SUCCESS;
 *  - TDX_SW_INVALID_ARGUMENT: gpa/size not 4K multiples, empty, wrapping or
 *    reaching the shared bit; TDX_SW_NO_SHARED_BIT: the shared bit unknown
 *    (tdx_shared_mask() == 0); nothing sent;
 *  - a lifted TDVMCALL status (tdx_status_is_vmcall()): MapGPA failed
 *    (vmcall_status has it raw);
 *  - TDX_SW_VMM_BAD_ANSWER: RETRY with an R11 (retry_gpa) outside the
 *    range, unaligned, going backwards, or stalled more than
 *    TDX_MAP_GPA_MAX_STALLS times;
 *  - a TDCALL completion status: to private, MapGPA succeeded and the
 *    accept did not (`accept` says where).
 */
struct tdx_convert_result {
	uint64_t status;		/* what the function returned */
	uint64_t gpa;			/* first GPA (shared bit clear) not converted, or not accepted */
	uint64_t vmcall_status;		/* TDVMCALL status (R10) of the last MapGPA, raw */
	uint64_t retry_gpa;		/* R11 of the last RETRY, as the VMM sent it */
	uint64_t map_gpa_calls;		/* MapGPA calls issued */
	struct tdx_accept_result accept;	/* to private: accepting the whole range */
};

/*
 * Convert [gpa, gpa + size) (private GPA: shared bit clear; 4K multiples) to
 * shared: MapGPA with the shared bit (tdx_shared_mask()) set in R12.  A
 * RETRY is followed from R11 only if R11, with or without the shared bit, is
 * 4K-aligned, inside the range and beyond the address just asked for (or
 * equal to it, at most TDX_MAP_GPA_MAX_STALLS times in a row): a hostile
 * VMM cannot make it loop or convert anything outside the range.  Returns
 * the status (above); the _ex form also fills *res (may be NULL).
 */
uint64_t tdx_set_memory_shared(uint64_t gpa, uint64_t size);
uint64_t tdx_set_memory_shared_ex(uint64_t gpa, uint64_t size, struct tdx_convert_result *res);

/*
 * Convert [gpa, gpa + size) back to private: MapGPA with the shared bit
 * clear (RETRY handled as above), then accept the WHOLE range, however many
 * retries MapGPA took.  A MapGPA failure accepts nothing: the range is then
 * in an unknown state and must not be used as private memory.
 */
uint64_t tdx_set_memory_private(uint64_t gpa, uint64_t size);
uint64_t tdx_set_memory_private_ex(uint64_t gpa, uint64_t size, struct tdx_convert_result *res);

#ifdef __cplusplus
}
#endif

#endif /* TDX_CONVERT_H */
