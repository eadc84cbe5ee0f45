/* SPDX-License-Identifier: MIT */
/*
 * Parallel accept: any number of vCPUs claim chunks of one range with
 * __atomic fetch-and-add and accept them with tdx_accept_memory_ex().
 * No lock, no allocation; the only shared state is the job itself.
 */
#include <tdx/memory.h>
#include "accept_result.h"
#include <tdx/status.h>

#define FAIL_NONE 0u
#define FAIL_WRITING 1u
#define FAIL_VALID 2u

bool tdx_accept_job_init(struct tdx_accept_job *job, uint64_t start, uint64_t end,
			 uint64_t chunk_size, unsigned nr_vcpus, unsigned flags)
{
	const uint64_t m2 = TDX_MEM_PAGE_2M;
	uint64_t lo, hi, first, last;

	if (!chunk_size)
		chunk_size = TDX_ACCEPT_JOB_DEFAULT_CHUNK;
	if (!job || !nr_vcpus || !chunk_size || chunk_size % m2 ||
	    ((start | end) & (TDX_MEM_PAGE_4K - 1)) || end < start || end > UINT64_MAX - chunk_size)
		return false;
	/* The 2M-aligned middle; empty when no whole 2M page fits. */
	lo = start + (m2 - start % m2) % m2;
	hi = end - end % m2;
	if (lo >= hi)
		lo = hi = end;
	first = lo - lo % chunk_size;
	last = hi + (chunk_size - hi % chunk_size) % chunk_size;

	job->start = start;
	job->end = end;
	job->chunk = chunk_size;
	job->mid_lo = lo;
	job->mid_hi = hi;
	job->first_chunk = first;
	job->head_pages = (lo - start) / TDX_MEM_PAGE_4K;
	job->mid_chunks = lo < hi ? (last - first) / chunk_size : 0;
	job->nr_chunks = job->head_pages + job->mid_chunks + (end - hi) / TDX_MEM_PAGE_4K;
	job->quota = (job->nr_chunks + nr_vcpus - 1) / nr_vcpus + 1;
	job->flags = flags;
	job->next = 0;
	job->resolved = 0;
	job->accepted = 0;
	job->failed = FAIL_NONE;
	job->failure.status = TDX_SUCCESS;
	job->failure.gpa = end;
	job->failure.level = 0;
	job->failure.calls = 0;
	job->failure.skipped = 0;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	return true;
}

/* Record the first failure: one vCPU wins the right to write it, once. */
static void record_failure(struct tdx_accept_job *job, const struct tdx_accept_result *r)
{
	uint32_t expected = FAIL_NONE;

	if (!__atomic_compare_exchange_n(&job->failed, &expected, FAIL_WRITING, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;		/* an earlier failure is (being) recorded */
	tdx_accept_result_copy(&job->failure, r);
	__atomic_store_n(&job->failed, FAIL_VALID, __ATOMIC_RELEASE);
}

/* Chunk i: a 4K page of the head, a piece of the middle, or a 4K page of the tail. */
static void chunk_bounds(const struct tdx_accept_job *job, uint64_t i, uint64_t *lo, uint64_t *hi)
{
	if (i < job->head_pages) {
		*lo = job->start + i * TDX_MEM_PAGE_4K;
		*hi = *lo + TDX_MEM_PAGE_4K;
	} else if (i - job->head_pages < job->mid_chunks) {
		i -= job->head_pages;
		*lo = job->first_chunk + i * job->chunk;
		*hi = *lo + job->chunk;
		if (*lo < job->mid_lo)
			*lo = job->mid_lo;
		if (*hi > job->mid_hi)
			*hi = job->mid_hi;
	} else {
		*lo = job->mid_hi + (i - job->head_pages - job->mid_chunks) * TDX_MEM_PAGE_4K;
		*hi = *lo + TDX_MEM_PAGE_4K;
	}
}

uint64_t tdx_accept_job_run(struct tdx_accept_job *job, struct tdx_accept_result *mine)
{
	struct tdx_accept_result me, r;
	uint64_t claimed, accepted = 0;

	me.status = TDX_SUCCESS;
	me.gpa = job->end;
	me.level = 0;
	me.calls = 0;
	me.skipped = 0;

	for (claimed = 0; claimed < job->quota; claimed++) {
		uint64_t i = __atomic_fetch_add(&job->next, 1, __ATOMIC_RELAXED);
		uint64_t lo, hi;

		if (i >= job->nr_chunks)
			break;
		chunk_bounds(job, i, &lo, &hi);

		/* After a failure, the rest is resolved without accepting. */
		if (__atomic_load_n(&job->failed, __ATOMIC_RELAXED) == FAIL_NONE) {
			tdx_accept_memory_ex(lo, hi, job->flags, &r);
			me.calls += r.calls;
			me.skipped += r.skipped;
			if (r.status == TDX_SUCCESS) {
				accepted++;
				__atomic_fetch_add(&job->accepted, 1, __ATOMIC_RELAXED);
			} else {
				if (me.status == TDX_SUCCESS) {
					me.status = r.status;
					me.gpa = r.gpa;
					me.level = r.level;
				}
				record_failure(job, &r);
			}
		}
		/* Release: the pages (and a failure record) before the count. */
		__atomic_fetch_add(&job->resolved, 1, __ATOMIC_RELEASE);
	}
	if (mine)
		tdx_accept_result_copy(mine, &me);
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
		tdx_accept_result_copy(failure, &job->failure);
	return true;
}
