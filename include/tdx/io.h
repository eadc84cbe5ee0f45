/* SPDX-License-Identifier: MIT */
/*
 * Port I/O from inside a TD: GHCI TDG.VP.VMCALL<Instruction.IO> (sub-function 30).
 * R12 = size (1, 2 or 4), R13 = direction (0 = in, 1 = out), R14 = port,
 * R15 = value for out; the value read comes back in R11.
 */
#ifndef TDX_IO_H
#define TDX_IO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Direction in R13 of Instruction.IO (GHCI). */
#define TDX_IO_READ  0
#define TDX_IO_WRITE 1

/*
 * Read `size` bytes (1, 2 or 4) from `port` into *value.  Returns the
 * TDVMCALL status (TDVMCALL_STATUS_SUCCESS = 0); *value is written only on
 * success, masked to the access width (the VMM's upper bits are dropped).
 * A size other than 1, 2 or 4 returns TDX_SW_INVALID_ARGUMENT |
 * TDX_OPERAND_ID_R12 (tdx/error.h) without calling the VMM.
 */
uint64_t tdx_io_read(unsigned size, uint16_t port, uint32_t *value);

/* Write the low `size` bytes (1, 2 or 4) of `value` to `port`; TDVMCALL status. */
uint64_t tdx_io_write(unsigned size, uint16_t port, uint32_t value);

/*
 * x86 in/out semantics.  An `in` whose TDVMCALL fails reads as all ones of
 * its width, like a port with no device behind it; use tdx_io_read() when
 * the status matters.
 */
uint8_t  tdx_inb(uint16_t port);
uint16_t tdx_inw(uint16_t port);
uint32_t tdx_inl(uint16_t port);
void tdx_outb(uint8_t value, uint16_t port);
void tdx_outw(uint16_t value, uint16_t port);
void tdx_outl(uint32_t value, uint16_t port);

#ifdef __cplusplus
}
#endif

#endif /* TDX_IO_H */
