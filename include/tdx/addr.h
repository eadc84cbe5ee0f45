/* SPDX-License-Identifier: MIT */
/* The library's one address-translation point. */
#ifndef TDX_ADDR_H
#define TDX_ADDR_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The guest-physical address of `va`, for every buffer the library passes
 * to the module or the VMM by address (TDREPORT, quote and RTMR buffers...).
 * libtdx's default is a weak symbol returning the address unchanged (a flat,
 * identity mapping); firmware or kernels with other paging define their own
 * tdx_va_to_gpa, which replaces it at link time.  The #VE handler does not
 * use it: MMIO goes to the GPA the TDX module reports (tdx/ve.h).
 */
uint64_t tdx_va_to_gpa(const void *va);

#ifdef __cplusplus
}
#endif

#endif /* TDX_ADDR_H */
