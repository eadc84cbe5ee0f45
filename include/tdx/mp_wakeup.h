/* SPDX-License-Identifier: MIT */
/*
 * The ACPI Multiprocessor Wakeup mailbox, both sides.  A TD has no
 * INIT-SIPI: every vCPU enters the firmware at the reset vector, the
 * firmware parks the application processors (APs) on a 4 KiB mailbox that
 * the MADT's Multiprocessor Wakeup structure names (tdx/acpi.h builds it),
 * and the OS wakes each AP through it at a 64-bit entry point.
 *
 *   OS side:        tdx_mp_wakeup(), tdx_mp_wakeup_test()
 *   firmware side:  tdx_mp_park() (an AP's park loop), tdx_mp_poll() (one look)
 *   identity:       tdx_get_vcpu_index(), tdx_get_x2apic_id()
 *
 * Layout and protocol: ACPI 6.5, §5.2.12.19 Multiprocessor Wakeup Structure
 * and its mailbox table (Command, Reserved, ApicId, WakeupVector,
 * ReservedForOs, ReservedForFirmware); the Test command is ACPI 6.6's
 * (mailbox version 1).  The OS writes ApicId and WakeupVector, then
 * Command; the AP whose APIC ID matches reads what it needs, then clears
 * Command to Noop: that is its acknowledgement, and only then may the OS
 * send the next command.  Guide: docs/mp-wakeup.md.
 *
 * Statuses: the library's error model (tdx/error.h): TDX_SW_MP_WAKEUP_*,
 * TDX_SW_INVALID_ARGUMENT, and the statuses of TDG.VP.INFO and
 * TDG.VP.VMCALL<Instruction.RDMSR> for the identity helpers.
 */
#ifndef TDX_MP_WAKEUP_H
#define TDX_MP_WAKEUP_H

#include <stddef.h>
#include <stdint.h>

#include "acpi.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Mailbox Command values (ACPI 6.5 §5.2.12.19; Test from ACPI 6.6).  Others are reserved. */
#define TDX_MP_WAKEUP_COMMAND_NOOP    0
#define TDX_MP_WAKEUP_COMMAND_WAKEUP  1
#define TDX_MP_WAKEUP_COMMAND_TEST    2

#define TDX_MP_WAKEUP_OS_SIZE        2032	/* ReservedForOs, at 0x10 */
#define TDX_MP_WAKEUP_FIRMWARE_SIZE  2048	/* ReservedForFirmware, at 0x800: read-only to the OS */

/* An x2APIC ID no processor has (the x2APIC broadcast destination): refused as a target. */
#define TDX_MP_WAKEUP_INVALID_APIC_ID 0xFFFFFFFFu

/*
 * x2APIC ID register, IA32_X2APIC_APICID (Intel SDM Vol. 3A, x2APIC
 * register address space): what tdx_get_x2apic_id() reads.
 */
#define TDX_MSR_X2APIC_APICID 0x802u

/*
 * A spin bound for tdx_mp_wakeup(): 2^24 PAUSEs, a second or more on
 * current CPUs (PAUSE takes tens to a hundred-odd cycles).  Not a spec
 * value: ACPI gives no time limit (Linux waits for a wakeup forever, and
 * a second for a Test).
 */
#define TDX_MP_WAKEUP_DEFAULT_SPINS (1ull << 24)

/*
 * The mailbox: 4 KiB, 4 KiB-aligned (the type carries the alignment, so a
 * static one is placed right), little-endian.  Every field sits at its
 * natural alignment, so the struct needs no packing; the offsets are
 * checked below.  The firmware puts it in memory the OS sees as ACPI NVS,
 * and never moves it once the OS has the MADT.
 */
struct __attribute__((aligned(4096))) tdx_mp_wakeup_mailbox {
	uint16_t command;		/* @0x000 TDX_MP_WAKEUP_COMMAND_*; the AP clears it to acknowledge */
	uint16_t reserved;		/* @0x002 0 */
	uint32_t apic_id;		/* @0x004 the processor the command is for */
	uint64_t wakeup_vector;		/* @0x008 64-bit entry point (physical, identity-mapped) */
	uint8_t reserved_for_os[TDX_MP_WAKEUP_OS_SIZE];		/* @0x010 */
	uint8_t reserved_for_firmware[TDX_MP_WAKEUP_FIRMWARE_SIZE];	/* @0x800 */
};

TDX_ACPI_CHECK(mailbox_command, offsetof(struct tdx_mp_wakeup_mailbox, command) == 0);
TDX_ACPI_CHECK(mailbox_reserved, offsetof(struct tdx_mp_wakeup_mailbox, reserved) == 2);
TDX_ACPI_CHECK(mailbox_apic_id, offsetof(struct tdx_mp_wakeup_mailbox, apic_id) == 4);
TDX_ACPI_CHECK(mailbox_vector, offsetof(struct tdx_mp_wakeup_mailbox, wakeup_vector) == 8);
TDX_ACPI_CHECK(mailbox_os, offsetof(struct tdx_mp_wakeup_mailbox, reserved_for_os) == 0x10);
TDX_ACPI_CHECK(mailbox_firmware, offsetof(struct tdx_mp_wakeup_mailbox, reserved_for_firmware) == 0x800);
TDX_ACPI_CHECK(mailbox_size, sizeof(struct tdx_mp_wakeup_mailbox) == TDX_ACPI_MP_WAKEUP_MAILBOX_SIZE);

/* ---- OS side ------------------------------------------------------------- */

/*
 * Wake the AP whose APIC ID is `apic_id` at `wakeup_vector` (ACPI 6.5
 * §5.2.12.19): refuse a mailbox whose Command is not Noop
 * (TDX_SW_MP_WAKEUP_BUSY: nothing written), write ApicId and WakeupVector
 * (and Reserved = 0), then Command = Wakeup with a release store, and poll
 * for the acknowledgement (Command back to Noop) at most `spins_bound`
 * times, a PAUSE between looks.
 *
 *   TDX_SUCCESS                the AP took the command: it has the vector
 *                              and is on its way there.
 *   TDX_SW_MP_WAKEUP_TIMEOUT   no acknowledgement within the bound (no
 *                              such APIC ID, or an AP not parked yet).
 *                              The command is withdrawn (Command, ApicId,
 *                              WakeupVector compared and Command cleared in
 *                              one 16-byte compare-exchange), so the
 *                              mailbox is free again.  With firmware that
 *                              acknowledges the same way (tdx_mp_park())
 *                              the AP then never runs the vector; with
 *                              firmware that clears Command with a plain
 *                              store, an AP that was just taking it may
 *                              still run it.  Should the acknowledgement
 *                              beat the withdrawal, TDX_SUCCESS.
 *   TDX_SW_MP_WAKEUP_BUSY      Command was not Noop: a command still
 *                              pending, the mailbox left as it was.
 *   TDX_SW_INVALID_ARGUMENT    NULL or not 4 KiB-aligned mailbox,
 *                              apic_id TDX_MP_WAKEUP_INVALID_APIC_ID,
 *                              wakeup_vector 0, spins_bound 0.
 *
 * One sender per mailbox at a time: the protocol has no way to arbitrate
 * two OS-side writers, so the caller serialises its calls (Linux does it
 * with its CPU hotplug lock).  The busy check catches a command some
 * other code left pending, not a race between two callers.
 */
uint64_t tdx_mp_wakeup(struct tdx_mp_wakeup_mailbox *mailbox, uint32_t apic_id, uint64_t wakeup_vector,
		       uint64_t spins_bound);

/*
 * The Test command (ACPI 6.6, mailbox version 1): is APIC ID `apic_id`
 * parked in the firmware's loop?  The firmware acknowledges it and goes on
 * waiting.  Statuses as tdx_mp_wakeup() (WakeupVector is written as 0).
 */
uint64_t tdx_mp_wakeup_test(struct tdx_mp_wakeup_mailbox *mailbox, uint32_t apic_id, uint64_t spins_bound);

/* ---- firmware side ------------------------------------------------------- */

/*
 * One look at the mailbox by the AP whose APIC ID is `apic_id`: a Wakeup
 * or Test whose ApicId is `apic_id` is taken, anything else ignored (a
 * command for another APIC ID, Noop, a reserved command).  Taking it is
 * one 16-byte compare-exchange of Command, ApicId and WakeupVector
 * against what was read, clearing Command: the acknowledgement, made only
 * if none of the three changed since they were read, so a command the OS
 * withdrew or replaced meanwhile is never taken, and of two APs the VMM
 * told the same APIC ID only one takes it.
 *
 * Returns TDX_MP_WAKEUP_COMMAND_WAKEUP with *vector = the WakeupVector it
 * took, TDX_MP_WAKEUP_COMMAND_TEST (acknowledged, nothing else to do), or
 * TDX_MP_WAKEUP_COMMAND_NOOP (nothing taken, *vector untouched).  The
 * mailbox must be 4 KiB-aligned (the compare-exchange needs 16).
 */
unsigned tdx_mp_poll(struct tdx_mp_wakeup_mailbox *mailbox, uint32_t apic_id, uint64_t *vector);

/*
 * An AP's park loop: tdx_mp_poll() with a PAUSE between looks (no HLT: it
 * needs no interrupt, no IDT, no VMM), until it takes a Wakeup; then it
 * jumps to the vector.  Never returns.
 *
 * The state at the vector, what ACPI 6.5 §5.2.12.19 asks for Intel
 * processors: 64-bit mode, paging on with the caller's page tables, which
 * must map the vector's page at its physical address (identity); RFLAGS.IF
 * as the caller left it, which for firmware is 0 (a TD starts with it
 * clear; this function does not change it); flat segments as the caller
 * had them.  ACPI defines no registers; libtdx's loop jumps with
 *   RAX = the vector, RDI = the mailbox, RSI = its own APIC ID,
 *   RSP = the caller's stack, rounded down to 16 then a 0 pushed (so it
 *         looks like a function's entry and nothing returns through it),
 *   every other general-purpose register 0.
 * Code written for any firmware relies on none of these and sets up its
 * own stack before using one.
 */
__attribute__((noreturn)) void tdx_mp_park(struct tdx_mp_wakeup_mailbox *mailbox, uint32_t apic_id);

/* ---- identity --------------------------------------------------------------- */

/*
 * This vCPU's VCPU_INDEX (TDG.VP.INFO R9, Intel TDX Module ABI spec,
 * TDG.VP.INFO leaf table): 0 .. NUM_VCPUS - 1, assigned by the TDX module
 * in the order the VMM initialised the vCPUs (TDH.VP.INIT), so vCPU 0 is
 * the BSP.  Returns TDG.VP.INFO's status; *index written on success only.
 */
uint64_t tdx_get_vcpu_index(uint32_t *index);

/*
 * This vCPU's x2APIC ID: RDMSR of IA32_X2APIC_APICID (0x802) as
 * TDG.VP.VMCALL<Instruction.RDMSR> (GHCI), the call the #VE handler would
 * make for the RDMSR instruction, issued directly so that it works before
 * any IDT exists (an AP in its park loop).  Why this and not CPUID leaf
 * 0xB/0x1F EDX: the MSR is the ID the OS itself reads and addresses IPIs
 * to (its RDMSR 0x802 and ICR writes reach the same VMM), while the CPUID
 * instruction raises #VE unless the TDX module enumerates the topology
 * itself, and through a TDVMCALL it is the same VMM's word anyway.  Either
 * way the value is untrusted: a VMM can tell two vCPUs the same ID, which
 * tdx_acpi_add_madt() refuses and tdx_mp_poll() survives.
 *
 * Returns the lifted TDVMCALL status (TDX_VMCALL_ERROR class) if the VMM
 * refuses, TDX_SW_VMM_BAD_ANSWER for a value above 32 bits or
 * TDX_MP_WAKEUP_INVALID_APIC_ID; *id written on success only.
 */
uint64_t tdx_get_x2apic_id(uint32_t *id);

#ifdef __cplusplus
}
#endif

#endif /* TDX_MP_WAKEUP_H */
