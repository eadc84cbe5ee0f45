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

#ifdef __cplusplus
extern "C" {
#endif

/* MapGPA RETRY answers whose R11 is the address just asked for, in a row, before giving up. */
#define TDX_MAP_GPA_MAX_STALLS 3

/* The library's verdict on a conversion: which layer failed. */
enum tdx_convert_error {
	TDX_CONVERT_OK = 0,
	TDX_CONVERT_BAD_RANGE = 1,	/* gpa/size not 4K multiples, empty, wrapping, reaching the shared
					   bit, or the shared bit unknown (tdx_shared_mask() == 0) */
	TDX_CONVERT_VMM_ERROR = 2,	/* MapGPA answered vmcall_status (not SUCCESS or RETRY) */
	TDX_CONVERT_VMM_BAD_RETRY = 3,	/* RETRY with an R11 (retry_gpa) outside the range, unaligned,
					   going backwards, or stalled more than TDX_MAP_GPA_MAX_STALLS times */
	TDX_CONVERT_ACCEPT_FAILED = 4	/* to private: MapGPA succeeded, the accept did not (see accept) */
};

struct tdx_convert_result {
	int error;			/* enum tdx_convert_error */
	uint64_t gpa;			/* first GPA (shared bit clear) not converted, or not accepted */
	uint64_t vmcall_status;		/* TDVMCALL status (R10) of the last MapGPA */
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
 * TDX_CONVERT_OK or the error; the _ex form also fills *res (may be NULL).
 */
int tdx_set_memory_shared(uint64_t gpa, uint64_t size);
int tdx_set_memory_shared_ex(uint64_t gpa, uint64_t size, struct tdx_convert_result *res);

/*
 * Convert [gpa, gpa + size) back to private: MapGPA with the shared bit
 * clear (RETRY handled as above), then accept the WHOLE range, however many
 * retries MapGPA took.  A MapGPA failure accepts nothing: the range is then
 * in an unknown state and must not be used as private memory.
 */
int tdx_set_memory_private(uint64_t gpa, uint64_t size);
int tdx_set_memory_private_ex(uint64_t gpa, uint64_t size, struct tdx_convert_result *res);

#ifdef __cplusplus
}
#endif

#endif /* TDX_CONVERT_H */
