/* SPDX-License-Identifier: MIT */
/*
 * memcpy, memset, memmove and memcmp for a freestanding link: C compilers
 * call them for struct assignment and aggregate initializers (at -O0 and
 * for large objects at any level), and the library uses them for plain
 * copies and clears.  Each is WEAK and in its own section
 * (-ffunction-sections): a consumer's own definitions win, and a link with
 * --gc-sections drops the ones nothing calls.
 *
 * Byte loops, kept small.  The empty asm in each loop hides the pointers'
 * progress from the optimiser, so that no compiler recognises the loop as
 * a memcpy/memset idiom and turns it into a call to the very function it
 * is in (gcc's -ftree-loop-distribute-patterns would, at -O2 and up).
 *
 * Host programs (the model, the tests, tdx-sim, a user's test under the
 * installed host test kit) link the tdx_host variant of the library
 * (libtdx-host.a), which leaves this file out: there the host libc's
 * functions, and the sanitizers' interceptors of them, stay in charge.
 */
#include <stddef.h>

#include "internal.h"

__attribute__((weak)) void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (; n; n--) {
		*d++ = *s++;
		__asm__("" : "+r"(d), "+r"(s));
	}
	return dst;
}

__attribute__((weak)) void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	for (; n; n--) {
		*d++ = (unsigned char)c;
		__asm__("" : "+r"(d));
	}
	return dst;
}

/* Forwards, or backwards when dst lies above src, so overlapping bytes are read before they are written. */
__attribute__((weak)) void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((uintptr_t)d - (uintptr_t)s >= n) {
		for (; n; n--) {
			*d++ = *s++;
			__asm__("" : "+r"(d), "+r"(s));
		}
	} else {
		for (d += n, s += n; n; n--) {
			*--d = *--s;
			__asm__("" : "+r"(d), "+r"(s));
		}
	}
	return dst;
}

__attribute__((weak)) int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p < *q ? -1 : 1;
		__asm__("" : "+r"(p), "+r"(q));
	}
	return 0;
}
