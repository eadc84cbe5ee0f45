/* SPDX-License-Identifier: MIT */
/* The default address translation: a flat, identity mapping.  Weak: override it. */
#include <stdint.h>
#include <tdx/addr.h>

__attribute__((weak)) uint64_t tdx_va_to_gpa(const void *va)
{
	return (uint64_t)(uintptr_t)va;
}
