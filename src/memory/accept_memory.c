/* SPDX-License-Identifier: MIT */
/*
 * tdx_accept_memory: the minimal cover of a range with TDG.MEM.PAGE.ACCEPT
 * (TDX Module ABI, leaf 6): 2M pages where aligned, 4K elsewhere, 4K for a
 * 2M page mapped smaller (PAGE_SIZE_MISMATCH), never 1G.
 */
#include <tdx/accept.h>
#include <tdx/status.h>
#include "accept_walk.h"

uint64_t tdx_accept_memory_ex(uint64_t start, uint64_t end, unsigned flags,
			      struct tdx_accept_result *res)
{
	struct tdx_accept_result local;
	struct tdx_accept_result *r = res ? res : &local;

	*r = (struct tdx_accept_result){ .status = TDX_SUCCESS, .gpa = end, .level = TDX_PAGE_LEVEL_4K };
	if (((start | end) & (TDX_MEM_PAGE_4K - 1)) || end < start) {
		r->status = TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX;
		r->gpa = start;
		return r->status;
	}
	return tdx__accept_walk(start, end, flags, r);
}

uint64_t tdx_accept_memory(uint64_t start, uint64_t end)
{
	return tdx_accept_memory_ex(start, end, 0, 0);
}
