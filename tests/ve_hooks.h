/* SPDX-License-Identifier: MIT */
/*
 * For the #VE test programs (include once, in the program's only .c): a
 * fatal hook that records instead of halting.  tdx_va_to_gpa() stays
 * libtdx's identity default: MMIO emulation must not need it.
 */
#ifndef TDX_TEST_VE_HOOKS_H
#define TDX_TEST_VE_HOOKS_H

#include <tdx/ve.h>
#include "tdxh_ve.h"

static unsigned fatal_calls;
static uint64_t fatal_status;
void tdx_ve_fatal(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve, uint64_t status,
		  uint64_t detail)
{
	(void)frame;
	(void)ve;
	(void)detail;
	fatal_calls++;
	fatal_status = status;
}

#endif
