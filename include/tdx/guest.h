/* SPDX-License-Identifier: MIT */
/*
 * Guest essentials built on the raw calls: TD detection, the shared-GPA bit,
 * hardened CPUID and halting.
 */
#ifndef TDX_GUEST_H
#define TDX_GUEST_H

#include <stdbool.h>
#include <stdint.h>
#include "tdvmcall.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CPUID leaf 0x21 sub-leaf 0: EBX, EDX, ECX = "Inte" "lTDX" "    " in a TD. */
#define TDX_CPUID_LEAF_ID 0x21u
#define TDX_CPUID_SIGNATURE_EBX 0x65746E49u	/* "Inte" */
#define TDX_CPUID_SIGNATURE_EDX 0x5844546Cu	/* "lTDX" */
#define TDX_CPUID_SIGNATURE_ECX 0x20202020u	/* "    " */

/* The hypervisor CPUID range tdx_cpuid() forwards to the VMM. */
#define TDX_CPUID_HYPERVISOR_FIRST 0x40000000u
#define TDX_CPUID_HYPERVISOR_LAST  0x4FFFFFFFu

/* RFLAGS.IF */
#define TDX_RFLAGS_IF (1ull << 9)

/*
 * True when running inside a TD: CPUID(0).EAX >= 0x21 and CPUID(0x21, 0)
 * EBX:EDX:ECX = "IntelTDX    ".  Uses the CPUID instruction only (the module
 * answers leaf 0x21 itself, no #VE), no TDCALL: safe on any x86-64 CPU.
 */
bool tdx_is_td(void);

/*
 * The signature check of tdx_is_td() on given CPUID results: max_basic_leaf
 * = CPUID(0).EAX, leaf21 = CPUID(0x21, 0).  For callers that already have
 * them (and for tests).
 */
bool tdx_cpuid_is_td(uint32_t max_basic_leaf, const struct tdx_cpuid_regs *leaf21);

/*
 * The shared bit of a GPA: 1 << (GPAW - 1), GPAW from TDG.VP.INFO.
 * Computed once and cached: the library's one piece of mutable global state
 * (a uint64_t, written atomically with the same value by any racing vCPU).
 * Returns 0 (nothing cached; the next call asks again) if TDG.VP.INFO fails
 * or reports an impossible GPAW, so nothing is ever treated as shared; its
 * twin tdx_get_shared_mask() says why.
 */
uint64_t tdx_shared_mask(void);

/*
 * tdx_shared_mask() with a status: TDX_SUCCESS and *mask = the shared bit;
 * the completion status of a failed TDG.VP.INFO; or TDX_SW_NO_SHARED_BIT
 * when it reports a GPAW other than 48 or 52.  *mask is written on success
 * only.
 */
uint64_t tdx_get_shared_mask(uint64_t *mask);

/*
 * CPUID hardened as Linux does it: only the hypervisor range
 * 0x40000000-0x4FFFFFFF is forwarded to the (untrusted) VMM; every other leaf,
 * and any leaf whose TDVMCALL fails, reads as all zeros.
 */
void tdx_cpuid(uint32_t leaf, uint32_t subleaf, struct tdx_cpuid_regs *out);

/*
 * HLT through the VMM, telling it whether interrupts are blocked, derived
 * from the current RFLAGS.IF.  Returns the TDVMCALL status.
 */
uint64_t tdx_halt(void);

/*
 * HLT as tdx_halt() would do it with RFLAGS = rflags: interrupts blocked iff
 * rflags.IF is clear.  For callers that saved RFLAGS (an interrupt frame).
 */
uint64_t tdx_halt_rflags(uint64_t rflags);

/*
 * Enable interrupts and halt atomically: `sti` immediately before TDCALL
 * (the STI interrupt shadow covers the TDCALL), R12 = 0.  Returns the
 * TDVMCALL status, with interrupts enabled; RCX, R10 and R11 are 0 and R12 is
 * zeroed before it is restored.
 */
uint64_t tdx_safe_halt(void);

#ifdef __cplusplus
}
#endif

#endif /* TDX_GUEST_H */
