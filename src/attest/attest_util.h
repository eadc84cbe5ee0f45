/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the attestation code, internal to libtdx.
 *
 * Byte moves.
 *
 * A freestanding compiler may still turn a plain copy or zeroing loop into a
 * call to memcpy/memset, which the library does not have.  The empty asm
 * with a "memory" clobber in each iteration stops that (and stops a wipe of
 * a dying buffer from being optimised away).  These are for small private
 * buffers; shared memory has its own volatile accessors (quote.c).
 */
#ifndef TDX_ATTEST_UTIL_H
#define TDX_ATTEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <tdx/report.h>
#include <tdx/status.h>

static inline void tdx_bytes_copy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	for (size_t i = 0; i < n; i++) {
		d[i] = s[i];
		__asm__ volatile("" ::: "memory");
	}
}

static inline void tdx_bytes_wipe(void *dst, size_t n)
{
	uint8_t *d = dst;

	for (size_t i = 0; i < n; i++) {
		d[i] = 0;
		__asm__ volatile("" ::: "memory");
	}
}

/*
 * A 64-byte-aligned window of `need` bytes inside a 16-aligned buffer of
 * at least need + 48 bytes: the TDX module wants 64-aligned operands, and
 * this gets one without realigning the stack frame.
 */
static inline uint8_t *tdx_bytes_align64(void *buf)
{
	uintptr_t p = (uintptr_t)buf;

	return (uint8_t *)((p + 63) & ~(uintptr_t)63);
}

#endif /* TDX_ATTEST_UTIL_H */
