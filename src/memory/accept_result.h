/* SPDX-License-Identifier: MIT */
/*
 * Copying a struct tdx_accept_result without libc: a struct assignment
 * becomes a memcpy call at -O0 (clang), which a freestanding guest does not
 * have; field-by-field stores never do (the library is built -fno-builtin).
 */
#ifndef TDX_SRC_ACCEPT_RESULT_H
#define TDX_SRC_ACCEPT_RESULT_H

#include <tdx/accept.h>

static inline void tdx_accept_result_copy(struct tdx_accept_result *dst,
					  const struct tdx_accept_result *src)
{
	dst->status = src->status;
	dst->gpa = src->gpa;
	dst->level = src->level;
	dst->calls = src->calls;
	dst->skipped = src->skipped;
}

#endif
