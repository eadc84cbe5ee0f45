/* SPDX-License-Identifier: MIT */
/*
 * Parallel accept: any number of vCPUs claim chunks of one range with
 * __atomic fetch-and-add and accept them with tdx_accept_memory_ex().
 * No lock, no allocation; the only shared state is the job itself.
 *
 * Invariant: when no chunk fails, the chunks together issue exactly the
 * TDCALLs tdx_accept_memory(start, end) issues on one vCPU (the same
 * (GPA, level) calls, hence the same count), whatever the number of vCPUs
 * and however their runs interleave -- unless part of the range lies in a
 * page the module reports accepted at 1G (see below).
 *
 * Why.  The range is cut only at 2M-aligned GPAs b (mid_lo, mid_hi and the
 * chunk-size multiples between them, all inside [start, end]), and for such
 * a b the walk of tdx_accept_memory_ex() over [s, e) is its walk over
 * [s, b) followed by its walk over [b, e):
 *  - at a GPA g < b the walk reads e only to choose 2M (g 2M-aligned and
 *    e - g >= 2M: the same answer for b, since b - g >= 2M) and to cap a skip
 *    after ALREADY_ACCEPTED; the skip goes to the end of the accepted page of
 *    the level in the detail, and for a level of at most 2M that end is at
 *    most b.  So the walk over [s, e) arrives exactly at b, never past it;
 *  - the only other state, small_until (a 2M page being done as 512 4K
 *    pages), is g + 2M for a 2M-aligned g < b, so at most b: at b the walk
 *    starts afresh, as the walk over [b, e) does.
 * By induction over the cut points the chunks' walks, concatenated, are the
 * single walk.  Each answer depends only on the state of the 2M page asked
 * about (a 4K accept in a pending 2M page makes the host split that page
 * only), and the chunks touch disjoint 2M pages, so the order in which
 * vCPUs run them changes no answer.
 *
 * This is why an unaligned head or tail is one chunk, not one chunk per 4K
 * page: in an accepted 2M page the first 4K accept is answered "accepted at
 * 2M" and the walk skips the rest of the page, one TDCALL; 4K chunks of
 * their own would pay one TDCALL each (514 instead of 4 for [4K, 8M) with
 * [0, 2M) accepted).  The price: a pending head (up to 511 4K accepts) is
 * one vCPU's work.  So:
 *  - a run claims a head or tail only as its first chunk (vCPUs starting
 *    together take one each; none picks one up after the others are done)
 *    or once the middle is all claimed (a lonely vCPU still finishes);
 *  - the quota counts work, not chunks.  A chunk of the middle is one unit,
 *    the head or tail one per 4K page (nr_units in all), and a claimed chunk
 *    counts what it cost in TDCALLs, at least 1 and at most its units (a
 *    pending head: its pages; a head in an accepted 2M page: 1).  A run
 *    claims only while it has counted fewer than the quota, so the vCPU
 *    that took a costly head takes that much less of the middle;
 *  - what a head or tail did not cost is added to `spared` and the quota is
 *    ceil((nr_units - spared) / nr_vcpus) + 1, read at each claim (it only
 *    goes down), so an accepted head does not leave it 511 / nr_vcpus units
 *    too high.
 *
 * Exceptions.  An accepted 1G page (ALREADY_ACCEPTED with level 2; libtdx
 * never accepts at 1G) makes the single walk skip to the end of that GiB in
 * one call, while every chunk inside it pays one call.  After a failure the
 * single walk stops, while other vCPUs may be in later chunks, and a head or
 * tail some run took first may already be accepted.
 *
 * Termination and coverage.  nr_chunks is fixed at init, every index below
 * it is handed out once by one of the two fetch-and-adds (next_end for the
 * end_chunks first ones, next for the rest), and chunk_bounds() maps them
 * onto [start, mid_lo), [mid_hi, end) and the pieces of [mid_lo, mid_hi),
 * which tile [start, end) without overlap.  A run claims at most quota
 * chunks (each counts at least one unit) and each claim is one
 * tdx_accept_memory_ex() over a bounded range (it terminates: every step
 * advances the GPA, except a SIZE_MISMATCH, at most once per 2M page); a
 * claim that finds nothing clears ends_left or mid_left, so the loop ends.
 * A run stops early only when it found both counters past their ends.  Had
 * nr_vcpus runs left a chunk unclaimed, each would have stopped having
 * counted at least the quota of that moment, so at least the final quota q
 * (spared only grows), over distinct chunks: nr_vcpus * q >= nr_units -
 * spared + nr_vcpus units in all.  But a middle chunk counts 1, a head or
 * tail its units less what it added to spared, so all claimed chunks count
 * at most nr_units - spared - 1 (the unclaimed one counts at least 1): a
 * contradiction.  So every chunk is claimed and resolved.
 */
#include <tdx/accept_job.h>
#include <tdx/error.h>
#include "accept_walk.h"

#define FAIL_NONE 0u
#define FAIL_WRITING 1u
#define FAIL_VALID 2u

uint64_t tdx_accept_job_init(struct tdx_accept_job *job, uint64_t start, uint64_t end,
			 uint64_t chunk_size, unsigned nr_vcpus, unsigned flags)
{
	const uint64_t m2 = TDX_MEM_PAGE_2M;
	uint64_t lo, hi, first, last, mid_chunks, nr_units;

	if (!chunk_size)
		chunk_size = TDX_ACCEPT_JOB_DEFAULT_CHUNK;
	if (!job || !nr_vcpus || !chunk_size || chunk_size % m2 ||
	    ((start | end) & (TDX_MEM_PAGE_4K - 1)) || end < start || end > UINT64_MAX - chunk_size)
		return TDX_SW_INVALID_ARGUMENT;
	/*
	 * Cut points: lo = start rounded up to 2M (at most end), hi = end
	 * rounded down to 2M (at least lo).  [start, lo) and [hi, end) each lie
	 * in one 2M page; [lo, hi) is whole 2M pages (no overflow: end is at
	 * least 2M below UINT64_MAX).
	 */
	lo = start + (m2 - start % m2) % m2;
	if (lo > end)
		lo = end;
	hi = end - end % m2;
	if (hi < lo)
		hi = lo;
	first = lo - lo % chunk_size;
	last = hi + (chunk_size - hi % chunk_size) % chunk_size;

	mid_chunks = lo < hi ? (last - first) / chunk_size : 0;
	nr_units = (lo - start) / TDX_MEM_PAGE_4K + mid_chunks + (end - hi) / TDX_MEM_PAGE_4K;
	/* Every other field, the shared counters included, starts at 0. */
	*job = (struct tdx_accept_job){
		.start = start,
		.end = end,
		.chunk = chunk_size,
		.mid_lo = lo,
		.mid_hi = hi,
		.first_chunk = first,
		.end_chunks = (start < lo) + (hi < end),
		.mid_chunks = mid_chunks,
		.nr_chunks = (start < lo) + (hi < end) + mid_chunks,
		.nr_units = nr_units,
		.quota = (nr_units + nr_vcpus - 1) / nr_vcpus + 1,
		.nr_vcpus = nr_vcpus,
		.flags = flags,
		.failed = FAIL_NONE,
		.failure = { .status = TDX_SUCCESS, .gpa = end },
	};
	__atomic_thread_fence(__ATOMIC_RELEASE);
	return TDX_SUCCESS;
}

/* Record the first failure: one vCPU wins the right to write it, once. */
static void record_failure(struct tdx_accept_job *job, const struct tdx_accept_result *r)
{
	uint32_t expected = FAIL_NONE;

	if (!__atomic_compare_exchange_n(&job->failed, &expected, FAIL_WRITING, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;		/* an earlier failure is (being) recorded */
	job->failure = *r;
	__atomic_store_n(&job->failed, FAIL_VALID, __ATOMIC_RELEASE);
}

/*
 * Chunk i: below end_chunks the head [start, mid_lo) and the tail
 * [mid_hi, end), where not empty (claimed through next_end), then the middle
 * cut on multiples of the chunk size (through next).
 */
static void chunk_bounds(const struct tdx_accept_job *job, uint64_t i, uint64_t *lo, uint64_t *hi)
{
	if (i < job->end_chunks) {
		if (i == 0 && job->start < job->mid_lo) {
			*lo = job->start;
			*hi = job->mid_lo;
		} else {
			*lo = job->mid_hi;
			*hi = job->end;
		}
		return;
	}
	i -= job->end_chunks;
	*lo = job->first_chunk + i * job->chunk;
	*hi = *lo + job->chunk;
	if (*lo < job->mid_lo)
		*lo = job->mid_lo;
	if (*hi > job->mid_hi)
		*hi = job->mid_hi;
}

/* The quota, lowered by what heads and tails did not cost: it only ever goes down. */
static uint64_t quota_now(const struct tdx_accept_job *job)
{
	uint64_t units = job->nr_units - __atomic_load_n(&job->spared, __ATOMIC_RELAXED);

	return (units + job->nr_vcpus - 1) / job->nr_vcpus + 1;
}

uint64_t tdx_accept_job_run(struct tdx_accept_job *job, struct tdx_accept_result *mine)
{
	struct tdx_accept_result local;
	struct tdx_accept_result *me = mine ? mine : &local;	/* this run's outcome, all along */
	uint64_t taken, accepted = 0;
	bool ends_left = true, mid_left = true;

	*me = (struct tdx_accept_result){ .status = TDX_SUCCESS, .gpa = job->end };

	for (taken = 0; taken < quota_now(job) && (ends_left || mid_left);) {
		uint64_t i = job->nr_chunks, lo, hi, units, cost = 1;

		/* A head or tail as a run's first claim, or once the middle is all claimed. */
		if (ends_left && (!taken || !mid_left)) {
			i = __atomic_fetch_add(&job->next_end, 1, __ATOMIC_RELAXED);
			if (i >= job->end_chunks) {
				ends_left = false;
				i = job->nr_chunks;
			}
		}
		if (i == job->nr_chunks && mid_left) {
			i = job->end_chunks + __atomic_fetch_add(&job->next, 1, __ATOMIC_RELAXED);
			if (i >= job->nr_chunks) {
				mid_left = false;
				i = job->nr_chunks;
			}
		}
		if (i == job->nr_chunks)
			continue;
		chunk_bounds(job, i, &lo, &hi);
		units = i < job->end_chunks ? (hi - lo) / TDX_MEM_PAGE_4K : 1;

		/*
		 * After a failure, the rest is resolved without accepting.  So
		 * this run walks into *me only while it has no failure: its first
		 * one is the only one, and *me records it.
		 */
		if (__atomic_load_n(&job->failed, __ATOMIC_RELAXED) == FAIL_NONE) {
			uint64_t before = me->calls;

			if (tdx__accept_walk(lo, hi, job->flags, me) == TDX_SUCCESS) {
				accepted++;
				__atomic_fetch_add(&job->accepted, 1, __ATOMIC_RELAXED);
			} else {
				record_failure(job, me);
			}
			cost = me->calls - before;
		}
		/* What it cost, between 1 and its units (an accepted head: 1). */
		cost = cost < 1 ? 1 : cost > units ? units : cost;
		taken += cost;
		if (cost < units)
			__atomic_fetch_add(&job->spared, units - cost, __ATOMIC_RELAXED);
		/* Release: the pages (and a failure record) before the count. */
		__atomic_fetch_add(&job->resolved, 1, __ATOMIC_RELEASE);
	}
	return accepted;
}

bool tdx_accept_job_done(const struct tdx_accept_job *job)
{
	return __atomic_load_n(&job->resolved, __ATOMIC_ACQUIRE) >= job->nr_chunks;
}

bool tdx_accept_job_failed(const struct tdx_accept_job *job, struct tdx_accept_result *failure)
{
	if (__atomic_load_n(&job->failed, __ATOMIC_ACQUIRE) != FAIL_VALID)
		return false;
	if (failure)
		*failure = job->failure;
	return true;
}
