/* SPDX-License-Identifier: MIT */
/* Helpers shared by every layer of the library; not a public header. */
#ifndef TDX_SRC_LIB_INTERNAL_H
#define TDX_SRC_LIB_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <tdx/error.h>

/* All ones of an access width of 1, 2, 4 or 8 bytes (port I/O, MMIO, #VE). */
static inline uint64_t tdx__width_mask(unsigned size)
{
	return size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

/*
 * The one retry policy for TDX_OPERAND_BUSY (tdx/error.h): true while
 * `status` is BUSY, any detail, and fewer than TDX_BUSY_RETRIES retries were
 * made (counted in *tries); pauses before the caller retries.
 *
 *	do
 *		status = tdg_...(...);
 *	while (tdx__busy_retry(status, &tries));
 */
static inline bool tdx__busy_retry(uint64_t status, unsigned *tries)
{
	if (!tdx_status_is_busy(status) || *tries >= TDX_BUSY_RETRIES)
		return false;
	(*tries)++;
	__asm__ volatile("pause" ::: "memory");
	return true;
}

#endif /* TDX_SRC_LIB_INTERNAL_H */
