/* SPDX-License-Identifier: MIT */
/*
 * tdboot: what the reset vector (reset.S) hands to the C code (main.c),
 * shared by both, plus the few constants both sides name.
 */
#ifndef TDBOOT_H
#define TDBOOT_H

/* How this vCPU started (first argument of tdboot_main). */
#define TDBOOT_START_REAL16 1	/* normal VM: 16-bit real mode at 0xFFFFFFF0 */
#define TDBOOT_START_TD     2	/* TD: 32-bit protected mode at 0xFFFFFFF0, paging off */
#define TDBOOT_START_SIM    3	/* tdx-sim: entered past the reset vector, already in long mode */

/* GDT selectors (reset.S). */
#define TDBOOT_CS32 0x08
#define TDBOOT_DS   0x10
#define TDBOOT_CS64 0x18

/*
 * AP mailbox (at TDBOOT_AP_MAILBOX in TempMem, zero when a TD starts).
 * Application processors of a TD spin on it in 32-bit protected mode; to
 * wake vCPU n, the BSP writes .entry (a 32-bit flat-mode address), then
 * .vcpu = n, then .command = TDBOOT_AP_WAKEUP, and waits for .command to
 * return to 0.  The woken AP clears .command and jumps to .entry with
 * ESI = its vCPU index, EBX = the GPA width.
 */
#define TDBOOT_AP_MAILBOX_COMMAND 0	/* u32 */
#define TDBOOT_AP_MAILBOX_VCPU    4	/* u32 */
#define TDBOOT_AP_MAILBOX_ENTRY   8	/* u32 */
#define TDBOOT_AP_WAKEUP 1

/*
 * isa-debug-exit (port 0xF4): QEMU exits with status (value << 1) | 1.
 * These are the values written; the process exit status is 33, 35, 37, 39.
 */
#define TDBOOT_DEBUG_EXIT_PORT     0xF4
#define TDBOOT_EXIT_OK             0x10
#define TDBOOT_EXIT_FAILED         0x11
#define TDBOOT_EXIT_NO_LONG_MODE   0x12
#define TDBOOT_EXIT_TOO_LITTLE_RAM 0x13	/* normal VM: guest RAM ends below TempMem's end */

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * The C entry point, called on the BSP in 64-bit mode with 0-4 GiB
 * identity mapped, interrupts off, a stack in TempMem.
 *   start        TDBOOT_START_*
 *   gpaw         TD: RBX at reset (the GPA width, 48 or 52);
 *                normal VM: CPUID 0x80000008 EAX[7:0]
 *   vcpu_index   TD: RSI at reset; normal VM: 0
 *   levels       4 or 5: the paging the reset vector set up
 *   td_hob       TD: RCX at reset (the TD HOB GPA the VMM chose:
 *                untrusted); otherwise 0
 * Never returns: it ends through isa-debug-exit, or halts.
 */
void tdboot_main(uint32_t start, uint32_t gpaw, uint32_t vcpu_index,
		 uint32_t levels, uint64_t td_hob) __attribute__((noreturn));
#endif

#endif /* TDBOOT_H */
