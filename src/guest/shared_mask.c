/* SPDX-License-Identifier: MIT */
/* The shared bit of a GPA, from TDG.VP.INFO's GPAW (TDX Module ABI spec, TDG.VP.INFO). */
#include <tdx/error.h>
#include <tdx/guest.h>
#include <tdx/module.h>

/*
 * The library's one mutable global: the cached mask, 0 until known.  GPAW
 * never changes during a TD's life, so racing vCPUs can only store the same
 * value; relaxed atomics keep each access a single 8-byte load or store.
 */
static uint64_t cached_shared_mask;

uint64_t tdx_get_shared_mask(uint64_t *mask)
{
	struct tdx_td_info info;
	uint64_t m = __atomic_load_n(&cached_shared_mask, __ATOMIC_RELAXED), status;

	if (!m) {
		status = tdg_vp_info(&info);
		if (status != TDX_SUCCESS)
			return status;
		if (info.gpaw != 48 && info.gpaw != 52)	/* the only widths a TD has */
			return TDX_SW_NO_SHARED_BIT;
		m = 1ull << (info.gpaw - 1);
		__atomic_store_n(&cached_shared_mask, m, __ATOMIC_RELAXED);
	}
	*mask = m;
	return TDX_SUCCESS;
}

uint64_t tdx_shared_mask(void)
{
	uint64_t mask = 0;

	(void)tdx_get_shared_mask(&mask);	/* untouched on failure: 0 */
	return mask;
}
