/* SPDX-License-Identifier: MIT */
/*
 * MMIO to shared (VMM-emulated) device memory by GHCI #VE.RequestMMIO,
 * without taking a #VE.  The GPA must carry the shared bit
 * (tdx_shared_mask()) and nothing above the GPA width; anything else is
 * refused with TDX_SW_PRIVATE_GPA (TDX_SW_NO_SHARED_BIT when the shared bit
 * is unknown) without calling the VMM, so a private address is never
 * disclosed.  Otherwise the status is the VMM's TDVMCALL status (R10).
 * Reads write *value only on success, masked to the access width.
 */
#ifndef TDX_MMIO_H
#define TDX_MMIO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Read 1, 2, 4 or 8 bytes at the shared GPA `gpa` (R12 size, R13 0, R14 gpa);
 * returns the TDVMCALL status, or TDX_SW_PRIVATE_GPA for a private GPA
 * (without calling the VMM); *value is written only on success.
 */
uint64_t tdx_mmio_read8(uint64_t gpa, uint8_t *value);
uint64_t tdx_mmio_read16(uint64_t gpa, uint16_t *value);
uint64_t tdx_mmio_read32(uint64_t gpa, uint32_t *value);
uint64_t tdx_mmio_read64(uint64_t gpa, uint64_t *value);

/*
 * Write 1, 2, 4 or 8 bytes to the shared GPA `gpa` (R13 1, R15 value); returns
 * the TDVMCALL status, or TDX_SW_PRIVATE_GPA for a private GPA.
 */
uint64_t tdx_mmio_write8(uint64_t gpa, uint8_t value);
uint64_t tdx_mmio_write16(uint64_t gpa, uint16_t value);
uint64_t tdx_mmio_write32(uint64_t gpa, uint32_t value);
uint64_t tdx_mmio_write64(uint64_t gpa, uint64_t value);

#ifdef __cplusplus
}
#endif

#endif /* TDX_MMIO_H */
