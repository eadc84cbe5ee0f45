/* SPDX-License-Identifier: MIT */
/* The shared bit of a GPA, from TDG.VP.INFO's GPAW (TDX Module ABI spec, TDG.VP.INFO). */
#include <tdx/guest.h>
#include <tdx/module.h>
#include <tdx/status.h>

/*
 * The library's one mutable global: the cached mask, 0 until known.  GPAW
 * never changes during a TD's life, so racing vCPUs can only store the same
 * value; relaxed atomics keep each access a single 8-byte load or store.
 */
static uint64_t cached_shared_mask;

uint64_t tdx_shared_mask(void)
{
	struct tdx_td_info info;
	uint64_t mask = __atomic_load_n(&cached_shared_mask, __ATOMIC_RELAXED);

	if (mask)
		return mask;
	if (tdg_vp_info(&info) != TDX_SUCCESS)
		return 0;
	if (info.gpaw != 48 && info.gpaw != 52)	/* the only widths a TD has */
		return 0;
	mask = 1ull << (info.gpaw - 1);
	__atomic_store_n(&cached_shared_mask, mask, __ATOMIC_RELAXED);
	return mask;
}
