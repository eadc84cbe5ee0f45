/* SPDX-License-Identifier: MIT */
/* The accept walk shared by tdx_accept_memory_ex, the job and the lazy bitmap; not a public header. */
#ifndef TDX_SRC_MEMORY_ACCEPT_WALK_H
#define TDX_SRC_MEMORY_ACCEPT_WALK_H

#include <tdx/accept.h>
#include <tdx/error.h>
#include "lib/internal.h"

#define MASK_2M (TDX_MEM_PAGE_2M - 1)

static inline uint64_t level_bytes(unsigned level)
{
	return TDX_MEM_PAGE_4K << (9 * level);
}

/* One page, TDX_OPERAND_BUSY (any detail) retried by the library's one policy. */
static inline uint64_t accept_page(uint64_t gpa, unsigned level, uint64_t *calls)
{
	unsigned tries = 0;
	uint64_t status;

	do {
		status = tdg_mem_page_accept(gpa, level);
		(*calls)++;
	} while (tdx__busy_retry(status, &tries));
	return status;
}

/*
 * Where to continue after TDX_PAGE_ALREADY_ACCEPTED at gpa: the end of the
 * accepted page, whose level the detail gives (a 4K accept inside an
 * accepted 2M page reports level 1).  A detail above 1G is not believed.
 */
static inline uint64_t skip_accepted(uint64_t gpa, uint64_t end, unsigned level, uint64_t status)
{
	uint32_t found = TDX_STATUS_DETAIL(status);
	uint64_t size, next;

	if (found > TDX_PAGE_LEVEL_1G)
		found = level;
	size = level_bytes(found);
	next = (gpa & ~(size - 1)) + size;
	if (next > end || next <= gpa)
		next = end;
	return next;
}

/*
 * The walk over [start, end), bounds already checked (4K-aligned, start <=
 * end): accepts, adds its TDCALLs to r->calls and what it skipped to
 * r->skipped, and on a failure sets r->status, r->gpa and r->level and
 * stops.  Returns TDX_SUCCESS or that failure; on success r's status, gpa
 * and level are left as they were.  The job and the lazy bitmap run it
 * into a result of their own.  Always inlined: a frame of its own under
 * the job's or the bitmap's would take their call chains past the
 * library's stack budget (tools/footprint).
 */
static inline __attribute__((always_inline))
uint64_t tdx__accept_walk(uint64_t start, uint64_t end, unsigned flags, struct tdx_accept_result *r)
{
	uint64_t gpa = start;
	uint64_t small_until = 0;	/* 2M page being accepted as 4K pages ends here */

	while (gpa < end) {
		unsigned level = TDX_PAGE_LEVEL_4K;
		uint64_t status;

		if (gpa >= small_until && !(gpa & MASK_2M) && end - gpa >= TDX_MEM_PAGE_2M)
			level = TDX_PAGE_LEVEL_2M;
		status = accept_page(gpa, level, &r->calls);
		if (tdx_status_is(status, TDX_SUCCESS)) {
			gpa += level_bytes(level);
		} else if (tdx_status_is(status, TDX_PAGE_SIZE_MISMATCH) && level == TDX_PAGE_LEVEL_2M) {
			small_until = gpa + TDX_MEM_PAGE_2M;	/* this 2M page only */
		} else if (tdx_status_is(status, TDX_PAGE_ALREADY_ACCEPTED) && level == TDX_PAGE_LEVEL_2M &&
			   TDX_STATUS_DETAIL(status) < TDX_PAGE_LEVEL_2M) {
			/* Not what a module says for a 2M page; let each 4K page answer for itself. */
			small_until = gpa + TDX_MEM_PAGE_2M;
		} else if (tdx_status_is(status, TDX_PAGE_ALREADY_ACCEPTED) &&
			   !(flags & TDX_ACCEPT_ALREADY_ACCEPTED_IS_ERROR)) {
			uint64_t next = skip_accepted(gpa, end, level, status);

			r->skipped += next - gpa;
			gpa = next;
		} else {
			r->status = status;
			r->gpa = gpa;
			r->level = level;
			return status;
		}
	}
	return TDX_SUCCESS;
}

#endif /* TDX_SRC_MEMORY_ACCEPT_WALK_H */
