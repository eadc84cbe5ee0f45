/* SPDX-License-Identifier: MIT */
/*
 * Private memory: accepting pending pages (TDG.MEM.PAGE.ACCEPT, TDX Module
 * ABI leaf 6), on one vCPU, on many at once, or lazily; and converting pages
 * between private and shared (GHCI TDG.VP.VMCALL<MapGPA>, sub-function 0x10001).
 *
 * Status layers stay apart here as everywhere in libtdx:
 *  - `status` fields and the uint64_t returns of the accept functions are
 *    TDCALL completion statuses (TDX_*; compare with TDX_STATUS_CODE());
 *  - `vmcall_status` is the TDVMCALL status of MapGPA (TDVMCALL_STATUS_*);
 *  - the int returns of the conversion functions are enum tdx_convert_error,
 *    the library's own verdict saying which of the two layers failed.
 *
 * What the accept functions send: a 2M accept (level 1) for every 2M-aligned
 * 2M piece of the range, a 4K accept (level 0) for the rest; a 2M page the
 * host mapped with 4K pages (TDX_PAGE_SIZE_MISMATCH) is accepted as 512 4K
 * pages, that page only.  Never a 1G accept (level 2): TDX modules 1.0 and
 * 1.5 reject it with TDX_OPERAND_INVALID | RCX, so trying would only waste
 * a TDCALL per gigabyte.
 */
#ifndef TDX_MEMORY_H
#define TDX_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TDX_MEM_PAGE_4K 0x1000ull	/* bytes of a level-0 page */
#define TDX_MEM_PAGE_2M 0x200000ull	/* bytes of a level-1 page */

/* TDX_OPERAND_BUSY answers to one accept are retried this many times, then reported. */
#define TDX_ACCEPT_BUSY_RETRIES 8

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
	uint64_t status;	/* TDCALL completion status that stopped it; TDX_SUCCESS when all was accepted */
	uint64_t gpa;		/* first GPA not accepted (== end on success) */
	unsigned level;		/* page level of the failed TDG.MEM.PAGE.ACCEPT (TDX_PAGE_LEVEL_*) */
	uint64_t calls;		/* TDG.MEM.PAGE.ACCEPT calls issued (BUSY retries included) */
	uint64_t skipped;	/* bytes found already accepted and skipped */
};

/*
 * Accept the pending private pages of [start, end) (GPAs, 4K-aligned,
 * shared bit clear) with the fewest TDCALLs: see above.  TDX_OPERAND_BUSY is
 * retried TDX_ACCEPT_BUSY_RETRIES times per page; already accepted pages are
 * skipped.  Returns TDX_SUCCESS, or the completion status of the first
 * accept that failed.  Misaligned or reversed bounds make no TDCALL and
 * return TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX (what the module itself
 * answers for a GPA it cannot take).  start == end accepts nothing.
 */
uint64_t tdx_accept_memory(uint64_t start, uint64_t end);

/*
 * tdx_accept_memory() with flags (TDX_ACCEPT_*) and a result: *res (may be
 * NULL) gets the first GPA that was not accepted, the status and level of
 * the call that failed, and the number of calls.  Returns res->status.
 */
uint64_t tdx_accept_memory_ex(uint64_t start, uint64_t end, unsigned flags,
			      struct tdx_accept_result *res);

/* ---- parallel accept --------------------------------------------------------- */

/*
 * One range accepted by several vCPUs at once.  The range is cut into
 * chunks only at 2M-aligned GPAs: the unaligned head and the unaligned tail
 * (each inside one 2M page) are a chunk each, and the 2M-aligned middle is
 * cut on chunk-size boundaries.  So when no chunk fails, the chunks issue
 * exactly the TDCALLs of tdx_accept_memory() on one vCPU (a head inside an
 * accepted 2M page costs one 4K accept, as there), except where the module
 * reports a page accepted at 1G: there each chunk pays one call
 * (src/accept_job.c gives the argument).  Each vCPU
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
 * a multiple of 2M).  Returns false, job untouched, for bad arguments.  Not
 * concurrent with runs of the same job.
 */
bool tdx_accept_job_init(struct tdx_accept_job *job, uint64_t start, uint64_t end,
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
 * and level belong together.
 */
bool tdx_accept_job_failed(const struct tdx_accept_job *job, struct tdx_accept_result *failure);

/* ---- lazy accept --------------------------------------------------------------- */

/*
 * Unaccepted-memory bitmap: memory marked unaccepted is accepted only when a
 * range touching it is asked for, one unit (2 MiB by default) at a time.
 * Each unit has two bits in caller-provided words:
 *   TDX_LAZY_ACCEPTED  (0)  usable (also: never marked);
 *   TDX_LAZY_PENDING   (1)  marked unaccepted, nobody accepting it;
 *   TDX_LAZY_CLAIMED   (2)  one vCPU won the compare-and-swap PENDING ->
 *                           CLAIMED and is accepting it; everyone else waits
 *                           for it to leave that state: ACCEPTED when done,
 *                           PENDING again if its accept failed (the next
 *                           caller then tries itself and sees the failure).
 * So two vCPUs asking for overlapping ranges never accept a unit twice (no
 * wasted TDCALL, no OPERAND_BUSY), and neither returns before every unit it
 * touched is accepted.  Runs of consecutive units a vCPU claimed are
 * accepted with one tdx_accept_memory_ex() call (2M pages across unit
 * boundaries when units are smaller than 2M).  Already accepted pages are
 * always skipped here, since a unit that failed halfway is retried whole.
 * A caller waiting on a unit it claimed itself would wait forever: do not
 * call this from an interrupt or #VE handler that can interrupt a
 * tdx_lazy_accept() on the same vCPU (mask interrupts around it instead).
 */
#define TDX_LAZY_ACCEPTED 0u
#define TDX_LAZY_PENDING  1u
#define TDX_LAZY_CLAIMED  2u

#define TDX_LAZY_DEFAULT_UNIT TDX_MEM_PAGE_2M
#define TDX_LAZY_UNITS_PER_WORD 32
/* uint64_t words of storage for nr_units units. */
#define TDX_LAZY_WORDS(nr_units) (((nr_units) + TDX_LAZY_UNITS_PER_WORD - 1) / TDX_LAZY_UNITS_PER_WORD)

struct tdx_lazy_accept {
	uint64_t base;		/* GPA of unit 0, unit-aligned */
	uint64_t unit;		/* bytes per unit: a power of two, >= 4K */
	unsigned unit_shift;	/* log2(unit) */
	uint64_t nr_units;
	uint64_t *words;	/* TDX_LAZY_WORDS(nr_units) words, 2 bits per unit */
};

/*
 * Track [base, base + size) in units of `unit` bytes (0: 2 MiB; else a power
 * of two >= 4K; base and size multiples of it) in `words` (nr_words >=
 * TDX_LAZY_WORDS(size / unit)).  Every unit starts ACCEPTED.  False on bad
 * arguments.
 */
bool tdx_lazy_init(struct tdx_lazy_accept *lazy, uint64_t base, uint64_t size, uint64_t unit,
		   uint64_t *words, uint64_t nr_words);

/*
 * Mark the units of [start, end) unaccepted (PENDING).  Both bounds
 * unit-aligned and inside the tracked space, else false and nothing marked.
 * Meant for boot (from the firmware's memory map), not to race with
 * accepts of the same units.
 */
bool tdx_lazy_mark_unaccepted(struct tdx_lazy_accept *lazy, uint64_t start, uint64_t end);

/*
 * Make every tracked unit that [start, end) touches accepted (any bounds;
 * parts outside the tracked space are not this bitmap's business), and
 * return TDX_SUCCESS, or the completion status of the accept that failed
 * (*res, may be NULL, says where; res->calls counts this caller's TDCALLs).
 * Safe from any number of vCPUs at once, on overlapping ranges.
 */
uint64_t tdx_lazy_accept(struct tdx_lazy_accept *lazy, uint64_t start, uint64_t end,
			 struct tdx_accept_result *res);

/* True when every tracked unit [start, end) touches is ACCEPTED. */
bool tdx_lazy_is_accepted(const struct tdx_lazy_accept *lazy, uint64_t start, uint64_t end);

/* State of the unit holding gpa (TDX_LAZY_*); ACCEPTED outside the tracked space. */
unsigned tdx_lazy_state(const struct tdx_lazy_accept *lazy, uint64_t gpa);

/* ---- private <-> shared ---------------------------------------------------------- */

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

#endif /* TDX_MEMORY_H */
