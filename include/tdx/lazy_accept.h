/* SPDX-License-Identifier: MIT */
/* Accepting private memory on demand: an unaccepted-memory bitmap (see tdx/accept.h). */
#ifndef TDX_LAZY_ACCEPT_H
#define TDX_LAZY_ACCEPT_H

#include <stdbool.h>
#include <stdint.h>
#include "accept.h"

#ifdef __cplusplus
extern "C" {
#endif

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
 * TDX_LAZY_WORDS(size / unit)).  Every unit starts ACCEPTED.  Returns
 * TDX_SUCCESS, or TDX_SW_INVALID_ARGUMENT for bad arguments.
 */
uint64_t tdx_lazy_init(struct tdx_lazy_accept *lazy, uint64_t base, uint64_t size, uint64_t unit,
		       uint64_t *words, uint64_t nr_words);

/*
 * Mark the units of [start, end) unaccepted (PENDING).  Both bounds
 * unit-aligned and inside the tracked space, else TDX_SW_INVALID_ARGUMENT and
 * nothing marked; TDX_SUCCESS otherwise.  Meant for boot (from the
 * firmware's memory map), not to race with accepts of the same units.
 */
uint64_t tdx_lazy_mark_unaccepted(struct tdx_lazy_accept *lazy, uint64_t start, uint64_t end);

/*
 * Make every tracked unit that [start, end) touches accepted (any bounds;
 * parts outside the tracked space are not this bitmap's business), and
 * return TDX_SUCCESS, or the status of the accept that failed
 * (*res, may be NULL, says where; res->calls counts this caller's TDCALLs).
 * Safe from any number of vCPUs at once, on overlapping ranges.
 */
uint64_t tdx_lazy_accept(struct tdx_lazy_accept *lazy, uint64_t start, uint64_t end,
			 struct tdx_accept_result *res);

/* True when every tracked unit [start, end) touches is ACCEPTED. */
bool tdx_lazy_is_accepted(const struct tdx_lazy_accept *lazy, uint64_t start, uint64_t end);

/* State of the unit holding gpa (TDX_LAZY_*); ACCEPTED outside the tracked space. */
unsigned tdx_lazy_state(const struct tdx_lazy_accept *lazy, uint64_t gpa);

#ifdef __cplusplus
}
#endif

#endif /* TDX_LAZY_ACCEPT_H */
