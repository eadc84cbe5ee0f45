/* SPDX-License-Identifier: MIT */
/*
 * Private <-> shared conversion: GHCI TDG.VP.VMCALL<MapGPA> (0x10001) with
 * every RETRY's R11 checked, then (to private) TDG.MEM.PAGE.ACCEPT of the
 * whole range.
 */
#include <tdx/guest.h>
#include <tdx/convert.h>
#include <tdx/error.h>
#include "accept_walk.h"
#include "ghci/map_gpa.h"
#include <tdx/tdvmcall.h>

/* 4K multiples, not empty, not wrapping, below the shared bit. */
static bool range_ok(uint64_t gpa, uint64_t size, uint64_t shared)
{
	return shared && !((gpa | size) & (TDX_MEM_PAGE_4K - 1)) && size &&
	       gpa + size > gpa && gpa + size <= shared;
}

/*
 * MapGPA of [gpa, gpa + size), shared bit `bit` (0 or the mask) in R12.  On
 * RETRY, R11 (shared bit stripped: the VMM may send it either way) must be
 * 4K-aligned, inside the range and not below the address just asked for;
 * the same address again counts as a stall, at most TDX_MAP_GPA_MAX_STALLS
 * in a row.  Every accepted RETRY therefore advances or uses up a stall:
 * the loop ends after at most (size / 4K) * (stalls + 1) + 1 calls.
 * Returns TDX_SUCCESS, the MapGPA failure lifted, or TDX_SW_VMM_BAD_ANSWER;
 * *r (may be NULL) gets the calls, the last R10 and R11, and where it
 * stopped.  Not inlined: it runs beside the accept, not under it.
 */
static __attribute__((noinline)) uint64_t map_gpa(uint64_t gpa, uint64_t size, uint64_t mask,
						   uint64_t bit, struct tdx_convert_result *r)
{
	uint64_t cur = gpa, end = gpa + size;
	unsigned stalls = 0;

	for (;;) {
		struct tdx__vmcall_regs6 regs;	/* tdvmcall_map_gpa(), in this frame */
		uint64_t retry, next, status;

		status = tdx__map_gpa(&regs, cur | bit, end - cur);
		retry = regs.r11;	/* meaningful on RETRY only */
		if (r) {
			r->map_gpa_calls++;
			r->vmcall_status = status;
		}
		if (status == TDVMCALL_STATUS_SUCCESS)
			return TDX_SUCCESS;
		if (r)
			r->gpa = cur;
		if (status != TDVMCALL_STATUS_RETRY)
			return tdx_status_from_vmcall(status);
		if (r)
			r->retry_gpa = retry;
		next = retry & ~mask;
		if ((next & (TDX_MEM_PAGE_4K - 1)) || next < cur || next >= end)
			return TDX_SW_VMM_BAD_ANSWER;
		if (next != cur)
			stalls = 0;
		else if (++stalls > TDX_MAP_GPA_MAX_STALLS)
			return TDX_SW_VMM_BAD_ANSWER;
		cur = next;
	}
}

/*
 * Accept the whole range into *acc (NULL: a result of its own); not
 * inlined, beside map_gpa() rather than under it.
 */
static __attribute__((noinline)) uint64_t accept_all(uint64_t gpa, uint64_t size,
						     struct tdx_accept_result *acc)
{
	struct tdx_accept_result local = { .status = TDX_SUCCESS, .gpa = gpa };

	return tdx__accept_walk(gpa, gpa + size, 0, acc ? acc : &local);
}

/*
 * Convert [gpa, gpa + size) with the shared bit `mask` (tdx_shared_mask(),
 * read by the caller), into *r when r is not NULL (and the accept into
 * r->accept).  MapGPA and the accept each run in
 * a frame of their own, one after the other, so the deeper of the two sets
 * the stack, not their sum.
 */
static inline __attribute__((always_inline))
uint64_t convert(uint64_t gpa, uint64_t size, uint64_t mask, bool to_shared,
		 struct tdx_convert_result *r)
{
	uint64_t status;

	if (r)
		*r = (struct tdx_convert_result){
			.status = TDX_SUCCESS,
			.gpa = gpa + size,
			.vmcall_status = TDVMCALL_STATUS_SUCCESS,
			.accept = { .status = TDX_SUCCESS, .gpa = gpa },
		};
	if (!mask || !range_ok(gpa, size, mask)) {
		status = mask ? TDX_SW_INVALID_ARGUMENT : TDX_SW_NO_SHARED_BIT;
		if (r)
			r->gpa = gpa;
	} else {
		status = map_gpa(gpa, size, mask, to_shared ? mask : 0, r);
		if (status == TDX_SUCCESS && r)
			r->gpa = gpa + size;	/* converted to the end, whatever the RETRYs said */
		if (status == TDX_SUCCESS && !to_shared) {
			/* The whole range, from gpa: not just from where the last RETRY resumed. */
			status = accept_all(gpa, size, r ? &r->accept : 0);
			if (status != TDX_SUCCESS && r)
				r->gpa = r->accept.gpa;
		}
	}
	if (r)
		r->status = status;
	return status;
}

uint64_t tdx_set_memory_shared(uint64_t gpa, uint64_t size)
{
	return convert(gpa, size, tdx_shared_mask(), true, 0);
}

uint64_t tdx_set_memory_private(uint64_t gpa, uint64_t size)
{
	return convert(gpa, size, tdx_shared_mask(), false, 0);
}

uint64_t tdx_set_memory_shared_ex(uint64_t gpa, uint64_t size, struct tdx_convert_result *res)
{
	return convert(gpa, size, tdx_shared_mask(), true, res);
}

uint64_t tdx_set_memory_private_ex(uint64_t gpa, uint64_t size, struct tdx_convert_result *res)
{
	return convert(gpa, size, tdx_shared_mask(), false, res);
}
