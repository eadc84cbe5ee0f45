/* SPDX-License-Identifier: MIT */
/*
 * For the #VE test programs (include once, in the program's only .c):
 * this program's flat mapping, where MMIO windows stand for shared GPAs,
 * and a fatal hook that records instead of halting.
 */
#ifndef TDX_TEST_VE_HOOKS_H
#define TDX_TEST_VE_HOOKS_H

#include <tdx/ve.h>
#include "tdxh_ve.h"

uint64_t tdx_va_to_gpa(const void *va)
{
	return tdxh_ve_va_to_gpa(va);
}

static unsigned fatal_calls, fatal_status;
void tdx_ve_fatal(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve, unsigned status,
		  uint64_t detail)
{
	(void)frame;
	(void)ve;
	(void)detail;
	fatal_calls++;
	fatal_status = status;
}

#endif
