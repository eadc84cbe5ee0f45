/* SPDX-License-Identifier: MIT */
/* Dying loudly: GHCI TDG.VP.VMCALL<ReportFatalError> (sub-function 0x10003). */
#ifndef TDX_FATAL_H
#define TDX_FATAL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * R12 of ReportFatalError: bits 15:0 must be 0 (QEMU refuses the call
 * otherwise) and bit 63 says R13 holds a GPA.  Put a TD-specific code in
 * bits 62:16 with this macro: TDX_FATAL_ERROR_CODE(n) for n < 2^47.
 */
#define TDX_FATAL_ERROR_CODE(n) (((uint64_t)(n) << 16) & 0x7FFFFFFFFFFF0000ull)

/*
 * Tell the VMM the TD cannot go on, and never return.
 *
 * `code`: bits 15:0 and 63 are ignored (sent as 0 / owned by the library).
 * `message` (NULL: none): its first 64 bytes, zero-padded, travel in R14,
 * R15, RBX, RDI, RSI, R8, R9 and RDX, 8 bytes each, little-endian.
 * `shared_page` (NULL: none): a page that is already shared (see quote.h
 * for how); the whole message, up to the end of that 4K page and always
 * NUL-terminated, is copied there, R13 = its shared GPA and R12 bit 63 = 1.
 *
 * If the VMM resumes the TD anyway, the vCPU halts (TDVMCALL<HLT>, interrupts
 * blocked) forever.  The default #VE fatal hook (tdx/ve.h) ends here too.
 */
__attribute__((noreturn))
void tdx_report_fatal_error(uint64_t code, const char *message, void *shared_page);

#ifdef __cplusplus
}
#endif

#endif /* TDX_FATAL_H */
