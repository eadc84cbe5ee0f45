/* SPDX-License-Identifier: MIT */
/*
 * The two TDCALL trampolines and the register contract they implement.
 *
 * Intel TDX Module ABI spec, "TDCALL instruction": RAX selects the leaf and
 * returns the completion status; the other operands travel in general-purpose
 * registers.  struct tdx_module_args names those registers, in the order
 * Linux uses (arch/x86/include/asm/shared/tdx.h), so ported code keeps working.
 */
#ifndef TDX_TDCALL_H
#define TDX_TDCALL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Inputs and outputs of one TDCALL.  Field order is ABI (same as Linux). */
struct tdx_module_args {
	uint64_t rcx;
	uint64_t rdx;
	uint64_t r8;
	uint64_t r9;
	uint64_t r10;
	uint64_t r11;
	uint64_t r12;
	uint64_t r13;
	uint64_t r14;
	uint64_t r15;
	uint64_t rbx;
	uint64_t rdi;
	uint64_t rsi;
};

/*
 * TDCALL with RAX = fn.  All 13 registers are loaded from *args before the
 * call and stored back after it; returns RAX, the completion status
 * (class in bits 63:32, detail in 31:0).  RBX, RBP and R12-R15 are preserved
 * for the caller (RBP too when fn = TDG.VP.VMCALL and the caller's mask
 * exposes it, on a TD without NO_RBP_MOD).  Once the outputs are stored,
 * every register the VMM could have written is zeroed - the preserved ones
 * before they are restored from the stack - but RSI, which holds args again:
 * RCX, RDX, RDI and R8-R11 are 0 on return.
 */
uint64_t __tdx_module_call(uint64_t fn, struct tdx_module_args *args);

/*
 * TDG.VP.VMCALL (leaf 0) with the expose mask TDX_HYPERCALL_EXPOSE_MASK:
 * RDX, RBX, RSI, RDI and R8-R15 are loaded from *args, shown to the VMM,
 * and stored back from what the VMM returned.  args->rcx is not used.
 * Returns R10, the TDVMCALL status (TDVMCALL_STATUS_*).
 *
 * Every register the VMM could write is zeroed once the outputs are stored
 * (RBX and R12-R15 before they are restored from the stack), but RDI, which
 * holds args again: no VMM-controlled value lingers for speculation.
 * If TDCALL itself fails (RAX != 0), the TDX module refused the call: that
 * can only mean a broken TD, so the trampoline executes ud2 (as Linux does)
 * instead of returning a status that callers would mistake for the VMM's.
 */
uint64_t __tdx_hypercall(struct tdx_module_args *args);

/* TDCALL leaf numbers (RAX bits 15:0), Intel TDX Module ABI spec, guest-side leaves. */
#define TDG_VP_VMCALL           0
#define TDG_VP_INFO             1
#define TDG_MR_RTMR_EXTEND      2
#define TDG_VP_VEINFO_GET       3
#define TDG_MR_REPORT           4
#define TDG_VP_CPUIDVE_SET      5
#define TDG_MEM_PAGE_ACCEPT     6
#define TDG_VM_RD               7
#define TDG_VM_WR               8
#define TDG_VP_RD               9
#define TDG_VP_WR               10
#define TDG_SYS_RD              11
#define TDG_SYS_RDALL           12
#define TDG_SERVTD_RD           18
#define TDG_SERVTD_WR           20
#define TDG_MR_VERIFYREPORT     22
#define TDG_MEM_PAGE_ATTR_RD    23
#define TDG_MEM_PAGE_ATTR_WR    24
#define TDG_VP_ENTER            25
#define TDG_VP_INVEPT           26
#define TDG_VP_INVGLA           27

/* GHCI: RCX of TDG.VP.VMCALL, bit n exposes GPR n. 0xFFCC = RDX RBX RSI RDI R8-R15. */
#define TDX_HYPERCALL_EXPOSE_MASK 0xFFCCull

#ifdef __cplusplus
}
#endif

#endif /* TDX_TDCALL_H */
