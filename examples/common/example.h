/* SPDX-License-Identifier: MIT */
/*
 * What every example links besides libtdx.a: a tiny printf to COM1 and the
 * exit paths.  Lives in examples/, never in the library.
 */
#ifndef TDX_EXAMPLE_H
#define TDX_EXAMPLE_H

#include <stdarg.h>
#include <stdint.h>

/* QEMU's isa-debug-exit device as the examples configure it: a write of v
 * ends QEMU (and tdx-sim) with exit status (v << 1) | 1. */
#define EX_DEBUG_EXIT_PORT 0xF4
/* The first serial port (16550 THR at the base). */
#define EX_COM1_PORT 0x3F8
/*
 * tools/tdx-sim's MMIO window (docs/sim.md): every access is a #VE (EPT
 * violation on a shared GPA); 4 KiB of device scratch RAM at its start.
 * libtdx's #VE handler takes the GPA from the VE info: no tdx_va_to_gpa()
 * override is needed for it.
 */
#define EX_SIM_MMIO_BASE 0x70000000ull
#define EX_SIM_MMIO_SIZE (16ull << 20)

/*
 * printf to COM1 through tdx_outb.  Understands %% %c %s %d %i %u %x %X %p,
 * the flags '0' and '#', a decimal field width, and the length modifiers
 * hh h l ll z.  No floating point.  Returns the number of bytes written.
 */
int ex_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ex_vprintf(const char *fmt, va_list ap);
void ex_putc(char c);

/*
 * End the guest: write `value` to the isa-debug-exit port; if nothing stops
 * the TD (no such device), halt with interrupts blocked forever.
 */
__attribute__((noreturn)) void ex_exit(uint8_t value);

/* Halt with interrupts blocked (TDVMCALL Instruction.HLT, R12 = 1), forever. */
__attribute__((noreturn)) void ex_halt_forever(void);

/*
 * Load an IDT whose vector 20 is libtdx's #VE entry stub (tdx_ve_entry), on
 * this vCPU.  Afterwards in/out/hlt/rdmsr/wrmsr/cpuid and MMIO become
 * TDVMCALLs through tdx_handle_ve().
 */
void ex_install_ve_handler(void);

#endif
