/* SPDX-License-Identifier: MIT */
/*
 * tdx_accept_memory: the minimal cover of a range with TDG.MEM.PAGE.ACCEPT
 * (TDX Module ABI, leaf 6): 2M pages where aligned, 4K elsewhere, 4K for a
 * 2M page mapped smaller (PAGE_SIZE_MISMATCH), never 1G.
 */
#include <tdx/accept.h>
#include <tdx/status.h>
#include "lib/internal.h"

#define MASK_2M (TDX_MEM_PAGE_2M - 1)

static uint64_t level_bytes(unsigned level)
{
	return TDX_MEM_PAGE_4K << (9 * level);
}

/* One page, TDX_OPERAND_BUSY (any detail) retried by the library's one policy. */
static uint64_t accept_page(uint64_t gpa, unsigned level, uint64_t *calls)
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
static uint64_t skip_accepted(uint64_t gpa, uint64_t end, unsigned level, uint64_t status)
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

uint64_t tdx_accept_memory_ex(uint64_t start, uint64_t end, unsigned flags,
			      struct tdx_accept_result *res)
{
	struct tdx_accept_result r = { .status = TDX_SUCCESS, .gpa = end, .level = TDX_PAGE_LEVEL_4K };
	uint64_t gpa = start;
	uint64_t small_until = 0;	/* 2M page being accepted as 4K pages ends here */

	if (((start | end) & (TDX_MEM_PAGE_4K - 1)) || end < start) {
		r.status = TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX;
		r.gpa = start;
		goto out;
	}
	while (gpa < end) {
		unsigned level = TDX_PAGE_LEVEL_4K;
		uint64_t status;

		if (gpa >= small_until && !(gpa & MASK_2M) && end - gpa >= TDX_MEM_PAGE_2M)
			level = TDX_PAGE_LEVEL_2M;
		status = accept_page(gpa, level, &r.calls);
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

			r.skipped += next - gpa;
			gpa = next;
		} else {
			r.status = status;
			r.gpa = gpa;
			r.level = level;
			break;
		}
	}
out:
	if (res)
		*res = r;
	return r.status;
}

uint64_t tdx_accept_memory(uint64_t start, uint64_t end)
{
	return tdx_accept_memory_ex(start, end, 0, 0);
}
