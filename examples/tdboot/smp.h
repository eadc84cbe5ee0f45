/* SPDX-License-Identifier: MIT */
/*
 * tdboot's SMP (smp.c): every vCPU of a TD accepts memory together, then
 * the APs park in the ACPI Multiprocessor Wakeup mailbox (tdx/mp_wakeup.h)
 * and the BSP wakes each one to run C.
 */
#ifndef TDBOOT_SMP_H
#define TDBOOT_SMP_H

#include <stdbool.h>
#include <stdint.h>

#include "console.h"
#include "tables.h"

/*
 * Under tdx-sim there is no TD HOB: tdboot accepts this range instead,
 * RAM the simulator leaves pending (above the image and above the
 * measured payload's region and the 64 MiB its memory map describes
 * (payload.h), below the vCPU stacks at the top of its default 128 MiB).
 */
#define TDBOOT_SIM_ACCEPT_BASE 0x4000000ull	/* 64 MiB */
#define TDBOOT_SIM_ACCEPT_END  0x6000000ull	/* 96 MiB */

/*
 * BSP (VCPU_INDEX 0), in a TD: with every vCPU, accept the RAM the TD HOB
 * at td_hob describes as unaccepted (tdx-sim: the range above), wait for
 * each AP to park in the mailbox, and say so on COM1.  Outside a TD it
 * does nothing (a normal VM's APs wait for INIT-SIPI, which tdboot never
 * sends).  False when something failed; the line before says what.
 */
bool tdboot_smp_start(const struct console *con, uint32_t start, uint64_t td_hob);

/* The MADT's part of *t: every vCPU's x2APIC ID (BSP first) and the mailbox; the BSP alone outside a TD. */
void tdboot_smp_describe(struct tdboot_tables *t);

/*
 * BSP, after the tables are published: wake each parked AP through the
 * mailbox at a C function that prints one line on COM1, one AP after the
 * other.  False when an AP did not acknowledge or did not report.
 */
bool tdboot_smp_wake(const struct console *con);

/* An AP's C entry (sim_start.S): accept, learn its x2APIC ID, park.  Never returns. */
void tdboot_ap_main(uint32_t vcpu_index) __attribute__((noreturn));

#endif /* TDBOOT_SMP_H */
