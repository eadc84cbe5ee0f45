/* SPDX-License-Identifier: MIT */
/*
 * Private <-> shared conversion: GHCI TDG.VP.VMCALL<MapGPA> (0x10001) with
 * every RETRY's R11 checked, then (to private) TDG.MEM.PAGE.ACCEPT of the
 * whole range.
 */
#include <tdx/guest.h>
#include <tdx/convert.h>
#include <tdx/error.h>
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
 * Returns TDX_SUCCESS, the MapGPA failure lifted, or TDX_SW_VMM_BAD_ANSWER.
 */
static uint64_t map_gpa(uint64_t gpa, uint64_t size, uint64_t mask, uint64_t bit,
			struct tdx_convert_result *r)
{
	uint64_t cur = gpa, end = gpa + size;
	unsigned stalls = 0;

	for (;;) {
		uint64_t retry = 0, next, status;

		status = tdvmcall_map_gpa(cur | bit, end - cur, &retry);
		r->map_gpa_calls++;
		r->vmcall_status = status;
		if (status == TDVMCALL_STATUS_SUCCESS)
			return TDX_SUCCESS;
		r->gpa = cur;
		if (status != TDVMCALL_STATUS_RETRY)
			return tdx_status_from_vmcall(status);
		r->retry_gpa = retry;
		next = retry & ~mask;
		if ((next & (TDX_MEM_PAGE_4K - 1)) || next < cur || next >= end)
			return TDX_SW_VMM_BAD_ANSWER;
		if (next == cur) {
			if (++stalls > TDX_MAP_GPA_MAX_STALLS)
				return TDX_SW_VMM_BAD_ANSWER;
		} else {
			stalls = 0;
		}
		cur = next;
	}
}

static uint64_t convert(uint64_t gpa, uint64_t size, bool to_shared, struct tdx_convert_result *res)
{
	struct tdx_convert_result local;
	struct tdx_convert_result *r = res ? res : &local;
	uint64_t mask = tdx_shared_mask();

	*r = (struct tdx_convert_result){
		.status = TDX_SUCCESS,
		.gpa = gpa + size,
		.vmcall_status = TDVMCALL_STATUS_SUCCESS,
		.accept = { .status = TDX_SUCCESS, .gpa = gpa },
	};
	if (!mask || !range_ok(gpa, size, mask)) {
		r->gpa = gpa;
		r->status = mask ? TDX_SW_INVALID_ARGUMENT : TDX_SW_NO_SHARED_BIT;
		return r->status;
	}
	r->status = map_gpa(gpa, size, mask, to_shared ? mask : 0, r);
	if (r->status != TDX_SUCCESS || to_shared)
		return r->status;
	/* The whole range, from gpa: not just from where the last RETRY resumed. */
	r->status = tdx_accept_memory_ex(gpa, gpa + size, 0, &r->accept);
	if (r->status != TDX_SUCCESS)
		r->gpa = r->accept.gpa;
	return r->status;
}

uint64_t tdx_set_memory_shared_ex(uint64_t gpa, uint64_t size, struct tdx_convert_result *res)
{
	return convert(gpa, size, true, res);
}

uint64_t tdx_set_memory_private_ex(uint64_t gpa, uint64_t size, struct tdx_convert_result *res)
{
	return convert(gpa, size, false, res);
}

uint64_t tdx_set_memory_shared(uint64_t gpa, uint64_t size)
{
	return convert(gpa, size, true, 0);
}

uint64_t tdx_set_memory_private(uint64_t gpa, uint64_t size)
{
	return convert(gpa, size, false, 0);
}
