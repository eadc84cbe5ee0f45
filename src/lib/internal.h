/* SPDX-License-Identifier: MIT */
/* Helpers shared by every layer of the library; not a public header. */
#ifndef TDX_SRC_LIB_INTERNAL_H
#define TDX_SRC_LIB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tdx/addr.h>
#include <tdx/error.h>

/*
 * The library's own string functions (src/lib/mem.c, weak), declared here
 * because a freestanding build has no <string.h>.  The compiler also calls
 * memcpy and memset by itself for struct assignment and initializers.
 */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/*
 * Clear memory that held something private (a hash state, a message) so
 * that the clear survives the optimiser even though nothing reads the
 * memory again.
 */
static inline void tdx__wipe(void *p, size_t n)
{
	memset(p, 0, n);
	__asm__ volatile("" : : "r"(p) : "memory");
}

/* All ones of an access width of 1, 2, 4 or 8 bytes (port I/O, MMIO, #VE). */
static inline uint64_t tdx__width_mask(unsigned size)
{
	return size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

/*
 * A spin-wait hint: `pause` on x86-64.  The C layers also build for other
 * hosts with the model's stub back-end (docs/model.md): `yield` on AArch64,
 * nothing elsewhere.
 */
static inline void tdx__cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__asm__ volatile("pause" ::: "memory");
#elif defined(__aarch64__)
	__asm__ volatile("yield" ::: "memory");
#else
	__asm__ volatile("" ::: "memory");
#endif
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
	tdx__cpu_relax();
	return true;
}

/*
 * The GPA of a private operand the module wants aligned to `align` (a power
 * of two): TDX_SUCCESS and *gpa, or the library's refusal naming the
 * register it would travel in (TDX_SW_INVALID_ARGUMENT | operand) for NULL
 * or a misaligned GPA.
 */
static inline uint64_t tdx__aligned_gpa(const void *p, uint64_t align, uint64_t operand,
					uint64_t *gpa)
{
	if (!p)
		return TDX_SW_INVALID_ARGUMENT | operand;
	*gpa = tdx_va_to_gpa(p);
	return (*gpa & (align - 1)) ? TDX_SW_INVALID_ARGUMENT | operand : TDX_SUCCESS;
}

#endif /* TDX_SRC_LIB_INTERNAL_H */
