/* SPDX-License-Identifier: MIT */
/* Accepting one range of private memory on many vCPUs at once (see tdx/accept.h). */
#ifndef TDX_ACCEPT_JOB_H
#define TDX_ACCEPT_JOB_H

#include <stdbool.h>
#include <stdint.h>
#include "accept.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * One range accepted by several vCPUs at once.  The range is cut into
 * chunks only at 2M-aligned GPAs: the unaligned head and the unaligned tail
 * (each inside one 2M page) are a chunk each, and the 2M-aligned middle is
 * cut on chunk-size boundaries.  So when no chunk fails, the chunks issue
 * exactly the TDCALLs of tdx_accept_memory() on one vCPU (a head inside an
 * accepted 2M page costs one 4K accept, as there), except where the module
 * reports a page accepted at 1G: there each chunk pays one call
 * (src/memory/accept_job.c gives the argument).  Each vCPU
 * calling tdx_accept_job_run() claims chunks with one atomic fetch-and-add
 * each.  No lock, no allocation: the job lives wherever the caller puts it
 * (e.g. a static in firmware), and the fields after `flags` are touched with
 * __atomic builtins only.
 *
 * Work is counted in units: a chunk of the middle is one, the head or tail
 * one per 4K page; a claimed chunk counts the TDCALLs it cost, at least 1
 * and at most its units.  A run claims chunks only while it has counted
 * fewer than `quota` = ceil(nr_units / nr_vcpus) + 1 units (so at most
 * `quota` chunks; units a head or tail did not cost are taken off nr_units,
 * lowering the quota), so no vCPU does much more than its share even when
 * others start late; with nr_vcpus runs every chunk is claimed.  A run
 * takes a head or tail only as its first chunk or once the middle is all
 * claimed.  After a failure, chunks claimed later are resolved without
 * being accepted.
 */
struct tdx_accept_job {
	uint64_t start, end;	/* the range */
	uint64_t chunk;		/* chunk size of the middle, a multiple of 2M */
	uint64_t mid_lo, mid_hi;	/* the 2M-aligned middle [mid_lo, mid_hi) */
	uint64_t first_chunk;	/* mid_lo rounded down to the chunk size */
	uint64_t end_chunks;	/* 0-2: [start, mid_lo) and [mid_hi, end), where not empty */
	uint64_t mid_chunks;	/* chunks of the middle */
	uint64_t nr_chunks;	/* end_chunks + mid_chunks */
	uint64_t nr_units;	/* 4K pages of the head and tail + mid_chunks */
	uint64_t quota;		/* at init: ceil(nr_units / nr_vcpus) + 1 */
	unsigned nr_vcpus;
	unsigned flags;		/* TDX_ACCEPT_* */
	/* shared between vCPUs: atomics only */
	uint64_t next;		/* next chunk of the middle to claim */
	uint64_t next_end;	/* next of the head and tail to claim */
	uint64_t spared;	/* units the head and tail claimed did not cost */
	uint64_t resolved;	/* chunks accepted, failed or skipped */
	uint64_t accepted;	/* chunks accepted */
	uint32_t failed;	/* 0: no failure; 1: being recorded; 2: `failure` is valid */
	struct tdx_accept_result failure;	/* the first failure, written once */
};

#define TDX_ACCEPT_JOB_DEFAULT_CHUNK TDX_MEM_PAGE_2M

/*
 * Prepare *job to accept [start, end) (as tdx_accept_memory_ex) on nr_vcpus
 * vCPUs in chunks of chunk_size bytes (0: TDX_ACCEPT_JOB_DEFAULT_CHUNK; else
 * a multiple of 2M).  Returns TDX_SUCCESS, or TDX_SW_INVALID_ARGUMENT (job
 * untouched) for bad arguments.  Not concurrent with runs of the same job.
 */
uint64_t tdx_accept_job_init(struct tdx_accept_job *job, uint64_t start, uint64_t end,
			     uint64_t chunk_size, unsigned nr_vcpus, unsigned flags);

/*
 * Called by each vCPU taking part: claim and accept chunks until none is
 * left or the quota of units is used up.  Returns the number of chunks this
 * call accepted; *mine (may be NULL) gets this vCPU's own outcome (calls,
 * first failure).  Calling it again helps a job whose other vCPUs did not
 * come.
 */
uint64_t tdx_accept_job_run(struct tdx_accept_job *job, struct tdx_accept_result *mine);

/* True once every chunk is resolved (accepted, or skipped after a failure). */
bool tdx_accept_job_done(const struct tdx_accept_job *job);

/*
 * Once done: false when the whole range was accepted; true with *failure
 * (may be NULL) = the first failure recorded (in time), whose gpa, status
 * and level belong together (its calls and skipped are those of the run
 * that failed, up to the failure).
 */
bool tdx_accept_job_failed(const struct tdx_accept_job *job, struct tdx_accept_result *failure);

#ifdef __cplusplus
}
#endif

#endif /* TDX_ACCEPT_JOB_H */
