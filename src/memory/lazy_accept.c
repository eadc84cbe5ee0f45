/* SPDX-License-Identifier: MIT */
/*
 * Lazy accept: an unaccepted-memory bitmap, two bits per unit
 * (ACCEPTED / PENDING / CLAIMED), driven by compare-and-swap so that any
 * number of vCPUs can ask for overlapping ranges at once.  See memory.h.
 */
#include <tdx/lazy_accept.h>
#include <tdx/error.h>
#include "accept_walk.h"

#define STATE_MASK 3ull

static uint64_t *word_of(const struct tdx_lazy_accept *lazy, uint64_t unit)
{
	return &lazy->words[unit / TDX_LAZY_UNITS_PER_WORD];
}

static unsigned shift_of(uint64_t unit)
{
	return (unsigned)(unit % TDX_LAZY_UNITS_PER_WORD) * 2;
}

static unsigned unit_state(const struct tdx_lazy_accept *lazy, uint64_t unit)
{
	return (unsigned)((__atomic_load_n(word_of(lazy, unit), __ATOMIC_ACQUIRE) >>
			   shift_of(unit)) & STATE_MASK);
}

/* Compare-and-swap one unit's state from `from` to `to`; false if it was not `from`. */
static bool unit_cas(struct tdx_lazy_accept *lazy, uint64_t unit, unsigned from, unsigned to)
{
	uint64_t *w = word_of(lazy, unit);
	unsigned shift = shift_of(unit);
	uint64_t old = __atomic_load_n(w, __ATOMIC_RELAXED);

	for (;;) {
		uint64_t want;

		if (((old >> shift) & STATE_MASK) != from)
			return false;
		want = (old & ~(STATE_MASK << shift)) | ((uint64_t)to << shift);
		/* acq_rel: a claim sees the marking; a release publishes the accepted pages. */
		if (__atomic_compare_exchange_n(w, &old, want, false, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			return true;
	}
}

uint64_t tdx_lazy_init(struct tdx_lazy_accept *lazy, uint64_t base, uint64_t size, uint64_t unit,
		       uint64_t *words, uint64_t nr_words)
{
	unsigned shift = 12;
	uint64_t nr_units;

	if (!unit)
		unit = TDX_LAZY_DEFAULT_UNIT;
	if (!lazy || !words || unit < TDX_MEM_PAGE_4K || (unit & (unit - 1)) ||
	    ((base | size) & (unit - 1)) || base + size < base)
		return TDX_SW_INVALID_ARGUMENT;
	while ((1ull << shift) != unit)
		shift++;
	nr_units = size >> shift;
	if (nr_words < TDX_LAZY_WORDS(nr_units))
		return TDX_SW_INVALID_ARGUMENT;
	for (uint64_t i = 0; i < TDX_LAZY_WORDS(nr_units); i++)
		__atomic_store_n(&words[i], 0, __ATOMIC_RELAXED);
	lazy->base = base;
	lazy->unit = unit;
	lazy->unit_shift = shift;
	lazy->nr_units = nr_units;
	lazy->words = words;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	return TDX_SUCCESS;
}

/* Units [*first, *last) of the tracked space that [start, end) touches; false if none. */
static bool touched_units(const struct tdx_lazy_accept *lazy, uint64_t start, uint64_t end,
			  uint64_t *first, uint64_t *last)
{
	uint64_t top = lazy->base + (lazy->nr_units << lazy->unit_shift);

	if (start < lazy->base)
		start = lazy->base;
	if (end > top)
		end = top;
	if (start >= end)
		return false;
	*first = (start - lazy->base) >> lazy->unit_shift;
	*last = ((end - lazy->base - 1) >> lazy->unit_shift) + 1;
	return true;
}

uint64_t tdx_lazy_mark_unaccepted(struct tdx_lazy_accept *lazy, uint64_t start, uint64_t end)
{
	uint64_t first, last;

	if (((start | end) & (lazy->unit - 1)) || end < start)
		return TDX_SW_INVALID_ARGUMENT;
	if (start == end)
		return TDX_SUCCESS;
	if (start < lazy->base || end > lazy->base + (lazy->nr_units << lazy->unit_shift) ||
	    !touched_units(lazy, start, end, &first, &last))
		return TDX_SW_INVALID_ARGUMENT;
	/* ACCEPTED -> PENDING; a unit already PENDING (or CLAIMED) is left alone. */
	for (uint64_t u = first; u < last; u++)
		unit_cas(lazy, u, TDX_LAZY_ACCEPTED, TDX_LAZY_PENDING);
	return TDX_SUCCESS;
}

static uint64_t unit_gpa(const struct tdx_lazy_accept *lazy, uint64_t unit)
{
	return lazy->base + (unit << lazy->unit_shift);
}

/*
 * Accept the run of units [lo, hi) this vCPU claimed, as one range, into
 * *r (its calls and skipped bytes add up), and release them: ACCEPTED below
 * the failing GPA, PENDING from its unit on.
 */
static uint64_t accept_claimed(struct tdx_lazy_accept *lazy, uint64_t lo, uint64_t hi,
			       struct tdx_accept_result *r)
{
	uint64_t status = tdx__accept_walk(unit_gpa(lazy, lo), unit_gpa(lazy, hi), 0, r);
	uint64_t good = hi;

	if (status != TDX_SUCCESS)
		good = (r->gpa - lazy->base) >> lazy->unit_shift;
	for (uint64_t u = lo; u < hi; u++)
		unit_cas(lazy, u, TDX_LAZY_CLAIMED, u < good ? TDX_LAZY_ACCEPTED : TDX_LAZY_PENDING);
	return status;
}

uint64_t tdx_lazy_accept(struct tdx_lazy_accept *lazy, uint64_t start, uint64_t end,
			 struct tdx_accept_result *res)
{
	struct tdx_accept_result local;
	struct tdx_accept_result *r = res ? res : &local;
	uint64_t first, last, status = TDX_SUCCESS;

	*r = (struct tdx_accept_result){ .status = TDX_SUCCESS, .gpa = end };
	if (end > start && touched_units(lazy, start, end, &first, &last)) {
		for (;;) {
			uint64_t waiting = last;	/* first unit another vCPU is accepting */

			/* Claim and accept every PENDING unit, in runs. */
			for (uint64_t u = first; u < last && status == TDX_SUCCESS;) {
				uint64_t lo = u;

				while (u < last && unit_cas(lazy, u, TDX_LAZY_PENDING, TDX_LAZY_CLAIMED))
					u++;
				if (u > lo) {
					status = accept_claimed(lazy, lo, u, r);
				} else {
					if (waiting == last && unit_state(lazy, u) == TDX_LAZY_CLAIMED)
						waiting = u;
					u++;
				}
			}
			if (status != TDX_SUCCESS || waiting == last)
				break;
			/* Someone else is accepting a unit we need: wait for it to settle. */
			while (unit_state(lazy, waiting) == TDX_LAZY_CLAIMED)
				tdx__cpu_relax();
		}
	}
	return status;
}

bool tdx_lazy_is_accepted(const struct tdx_lazy_accept *lazy, uint64_t start, uint64_t end)
{
	uint64_t first, last;

	if (end <= start || !touched_units(lazy, start, end, &first, &last))
		return true;
	for (uint64_t u = first; u < last; u++)
		if (unit_state(lazy, u) != TDX_LAZY_ACCEPTED)
			return false;
	return true;
}

unsigned tdx_lazy_state(const struct tdx_lazy_accept *lazy, uint64_t gpa)
{
	uint64_t first, last;

	if (gpa + 1 == 0 || !touched_units(lazy, gpa, gpa + 1, &first, &last))
		return TDX_LAZY_ACCEPTED;
	return unit_state(lazy, first);
}
