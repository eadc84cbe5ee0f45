/* SPDX-License-Identifier: MIT */
/*
 * Accepting pending private memory: the minimal cover of a range with
 * TDG.MEM.PAGE.ACCEPT (Intel TDX Module ABI spec, leaf 6) on one vCPU.
 * tdx/accept_job.h spreads one range over many vCPUs, tdx/lazy_accept.h
 * accepts on demand; both build on this.
 *
 * What it sends: a 2M accept (level 1) for every 2M-aligned 2M piece of the
 * range, a 4K accept (level 0) for the rest; a 2M page the host mapped with
 * 4K pages (TDX_PAGE_SIZE_MISMATCH) is accepted as 512 4K pages, that page
 * only.  Never a 1G accept (level 2): TDX modules 1.0 and 1.5 reject it with
 * TDX_OPERAND_INVALID | RCX, so trying would only waste a TDCALL per gigabyte.
 */
#ifndef TDX_ACCEPT_H
#define TDX_ACCEPT_H

#include <stdint.h>
#include "module.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Accept flags (tdx_accept_memory_ex, tdx_accept_job_init). */
/*
 * Report TDX_PAGE_ALREADY_ACCEPTED as a failure instead of skipping the
 * page.  By default an already accepted page is skipped, as far as the level
 * in the status detail says it reaches (a 4K accept inside an accepted 2M
 * page skips the rest of that 2M page).
 */
#define TDX_ACCEPT_ALREADY_ACCEPTED_IS_ERROR (1u << 0)

/* What one accept did, and where and why it stopped. */
struct tdx_accept_result {
	uint64_t status;	/* status that stopped it (tdx/error.h); TDX_SUCCESS when all was accepted */
	uint64_t gpa;		/* first GPA not accepted (== end on success) */
	unsigned level;		/* page level of the failed TDG.MEM.PAGE.ACCEPT (TDX_PAGE_LEVEL_*) */
	uint64_t calls;		/* TDG.MEM.PAGE.ACCEPT calls issued (BUSY retries included) */
	uint64_t skipped;	/* bytes found already accepted and skipped */
};

/*
 * Accept the pending private pages of [start, end) (GPAs, 4K-aligned,
 * shared bit clear) with the fewest TDCALLs: see above.  TDX_OPERAND_BUSY is
 * retried TDX_BUSY_RETRIES times per page (tdx/error.h); already accepted
 * pages are skipped.  Returns TDX_SUCCESS, or the completion status of the
 * first accept that failed.  Misaligned or reversed bounds make no TDCALL
 * and return the library's own TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX
 * (tdx/error.h).  start == end accepts nothing.
 */
uint64_t tdx_accept_memory(uint64_t start, uint64_t end);

/*
 * tdx_accept_memory() with flags (TDX_ACCEPT_*) and a result: *res (may be
 * NULL) gets the first GPA that was not accepted, the status and level of
 * the call that failed, and the number of calls.  Returns res->status.
 */
uint64_t tdx_accept_memory_ex(uint64_t start, uint64_t end, unsigned flags,
			      struct tdx_accept_result *res);

#ifdef __cplusplus
}
#endif

#endif /* TDX_ACCEPT_H */
