/* SPDX-License-Identifier: MIT */
/*
 * What the guest knows about the machine it runs on: tdx-sim (its manual is
 * `tdx-sim --help`).  The exit port is QEMU's too, with
 * -device isa-debug-exit,iobase=0xf4.  Change these for your platform.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#include <stdint.h>

/* QEMU's isa-debug-exit: a write of v ends the run with status (v << 1) | 1. */
#define DEBUG_EXIT_PORT 0xF4

/*
 * tdx-sim's MMIO window: mapped shared (GPA = address | shared bit), so
 * every load or store there is a #VE; 4 KiB of device scratch RAM at its
 * start.  tdx_va_to_gpa() (platform.c) gives the GPA to tdx_mmio_*().
 */
#define SIM_MMIO_BASE 0x70000000ull
#define SIM_MMIO_SIZE (16ull << 20)

/* End the run: write `value` to the exit port; without one, halt for good. */
__attribute__((noreturn)) void guest_exit(uint8_t value);

/* Halt this vCPU with interrupts blocked, for good (TDVMCALL Instruction.HLT). */
__attribute__((noreturn)) void guest_halt(void);

#endif
