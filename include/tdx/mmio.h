/* SPDX-License-Identifier: MIT */
/*
 * MMIO to shared (VMM-emulated) device memory by GHCI #VE.RequestMMIO,
 * without taking a #VE.  The GPA must carry the shared bit
 * (tdx_shared_mask()); a private GPA is refused with
 * TDVMCALL_STATUS_INVALID_OPERAND - the GHCI's answer for it - without
 * calling the VMM, so a private address is never disclosed.
 * Reads write *value only on success, masked to the access width.
 */
#ifndef TDX_MMIO_H
#define TDX_MMIO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Read 1, 2, 4 or 8 bytes at shared GPA gpa (R12 size, R13 0, R14 gpa); the
 * TDVMCALL status, *value written only on success.
 */
uint64_t tdx_mmio_read8(uint64_t gpa, uint8_t *value);
uint64_t tdx_mmio_read16(uint64_t gpa, uint16_t *value);
uint64_t tdx_mmio_read32(uint64_t gpa, uint32_t *value);
uint64_t tdx_mmio_read64(uint64_t gpa, uint64_t *value);

/* Write 1, 2, 4 or 8 bytes at shared GPA gpa (R13 1, R15 value); the TDVMCALL status. */
uint64_t tdx_mmio_write8(uint64_t gpa, uint8_t value);
uint64_t tdx_mmio_write16(uint64_t gpa, uint16_t value);
uint64_t tdx_mmio_write32(uint64_t gpa, uint32_t value);
uint64_t tdx_mmio_write64(uint64_t gpa, uint64_t value);

#ifdef __cplusplus
}
#endif

#endif /* TDX_MMIO_H */
