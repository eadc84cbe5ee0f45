/* SPDX-License-Identifier: MIT */
/*
 * Virtualization exceptions (#VE, vector 20) inside a TD.
 *
 * In a TD, CPUID, HLT, port I/O, RDMSR/WRMSR and loads/stores to shared
 * (MMIO) memory raise #VE.  This header gives:
 *  - tdx_ve_entry: an IDT vector-20 stub (asm/x86_64/ve_entry.S);
 *  - tdx_handle_ve(): the C handler for callers with their own frames;
 *  - tdx_ve_emulate(): the dispatcher on a VE info already read;
 *  - tdx_ve_decode_mmio(): the MMIO instruction decoder;
 *  - tdx_ve_fatal(): a weak hook, called when a #VE cannot be emulated.
 *
 * ORDER RULE: TDG.VP.VEINFO.GET must run before interrupts are enabled and
 * before anything else can raise a #VE (a #VE while the VE info is still
 * valid becomes #DF).  tdx_handle_ve() reads it first; the IDT entry must be
 * an interrupt gate (IF cleared on entry), never a trap gate.
 *
 * FLAT-MAPPING ASSUMPTION: the handler runs in the address space of the code
 * that took the #VE and reads the instruction bytes at RIP (at most 15, never
 * past the end of RIP's page unless the decoder needs them) and the INS/OUTS
 * buffers at RDI/RSI directly, with CS/DS/ES bases of 0 (64-bit mode).
 *
 * MMIO ADDRESSES: an MMIO access goes to the GPA the TDX module reported in
 * the VE info (TDG.VP.VEINFO.GET R9), once the decoded effective address is
 * the reported guest linear address (R8) and the GPA has the shared bit and
 * the same page offset.  The GPA comes from the guest's page tables, so any
 * paging works, flat or not; tdx_va_to_gpa() (tdx/addr.h) plays no part.
 */
#ifndef TDX_VE_H
#define TDX_VE_H

#include <stdint.h>
#include "error.h"
#include "exit_reason.h"
#include "guest.h"
#include "module.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The register file at the #VE.  tdx_ve_entry builds it on the stack: the
 * 15 GPRs it saves (rax first, at the lowest address), then the five words
 * the CPU pushed for an exception without error code.  Layout is ABI (the
 * assembly uses these offsets; src/ve_layout.c checks them).
 */
struct tdx_ve_frame {
	uint64_t rax, rcx, rdx, rbx, rbp, rsi, rdi;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

/* I/O exit qualification (VMX): 2:0 size-1, 3 in, 4 string, 5 REP, 6 imm, 31:16 port. */
#define TDX_IO_QUAL_SIZE(q)   ((unsigned)((q) & 7) + 1)
#define TDX_IO_QUAL_IN        (1ull << 3)
#define TDX_IO_QUAL_STRING    (1ull << 4)
#define TDX_IO_QUAL_REP       (1ull << 5)
#define TDX_IO_QUAL_IMM       (1ull << 6)
#define TDX_IO_QUAL_PORT(q)   ((uint16_t)(((q) >> 16) & 0xFFFF))

/* EPT-violation exit qualification (VMX): 0 read, 1 write, 2 fetch, 7 GLA valid. */
#define TDX_EPT_QUAL_READ      (1ull << 0)
#define TDX_EPT_QUAL_WRITE     (1ull << 1)
#define TDX_EPT_QUAL_FETCH     (1ull << 2)
#define TDX_EPT_QUAL_GLA_VALID (1ull << 7)

/* RFLAGS bits the handler looks at: IF (TDX_RFLAGS_IF, tdx/guest.h) and DF. */
#define TDX_RFLAGS_DF (1ull << 10)

/*
 * #VE handling statuses (tdx/error.h): TDX_VE_OK (TDX_SUCCESS), a TDX_VE_*
 * software status saying why a #VE was not emulated, a lifted TDVMCALL
 * status (tdx_status_is_vmcall()) when the VMM failed the TDVMCALL that
 * emulates it; tdx_strerror() names them all.
 */

/* One decoded MMIO instruction (tdx_ve_decode_mmio). */
struct tdx_mmio_insn {
	uint64_t ea;        /* effective (linear) address of the memory operand */
	uint64_t imm;       /* immediate of C6/C7, sign-extended to 64 bits */
	uint8_t length;     /* instruction length in bytes (1..15) */
	uint8_t size;       /* memory access size: 1, 2, 4 or 8 */
	uint8_t write;      /* 1 = store to memory, 0 = load */
	uint8_t has_imm;    /* 1 = the stored value is imm, not a register */
	uint8_t reg;        /* register operand, architectural number 0..15 */
	uint8_t reg_high8;  /* 1 = reg 4..7 means AH/CH/DH/BH (8-bit, no REX) */
	uint8_t reg_size;   /* register write size for loads: 1, 2, 4 or 8 */
	uint8_t sign_extend;/* 1 = MOVSX, loads are sign-extended to reg_size */
};

/*
 * IDT vector-20 entry stub (asm/x86_64/ve_entry.S): saves all GPRs into a
 * struct tdx_ve_frame on the current stack, clears DF, calls
 * tdx_handle_ve(), restores the (possibly updated) frame and returns with
 * iretq.  Install it as a 64-bit *interrupt* gate.  Not a C function: never
 * call it.  No swapgs: for ring-0 code (firmware, unikernels).
 */
void tdx_ve_entry(void);

/*
 * Handle the #VE that interrupted `frame`: TDG.VP.VEINFO.GET first, then
 * tdx_ve_emulate().  Returns TDX_VE_OK with the frame updated (registers,
 * memory, RIP advanced), or after calling tdx_ve_fatal() (returns only if
 * that hook returns) the status it gave the hook: TDX_VE_NO_VEINFO (the
 * hook's detail is the completion status of TDG.VP.VEINFO.GET) or what
 * tdx_ve_emulate() returned.
 */
uint64_t tdx_handle_ve(struct tdx_ve_frame *frame);

/*
 * Emulate the instruction described by `ve` (already read with
 * TDG.VP.VEINFO.GET) on `frame`.  Returns TDX_VE_OK, a TDX_VE_* software
 * status, or, when the VMM failed the emulating TDVMCALL, that TDVMCALL
 * status lifted (tdx_status_is_vmcall()); *detail (may be NULL) receives
 * the raw TDVMCALL status (R10) of such a failure, else 0.  On anything but
 * TDX_VE_OK the frame is unchanged (except a REP INS/OUTS that the VMM
 * failed part way: RCX/RSI/RDI then say how far it got, as on hardware).
 * CPUID goes through tdx_cpuid() (hardened forwarding); HLT passes
 * "interrupts blocked" = !RFLAGS.IF of the frame; REP INS/OUTS do at most
 * TDX_VE_REP_CHUNK elements per #VE and leave RIP on the instruction until
 * the count reaches 0 (the CPU re-executes it: bounded, interruptible).
 */
uint64_t tdx_ve_emulate(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve,
			uint64_t *detail);
#define TDX_VE_REP_CHUNK 128

/*
 * Decode the MMIO instruction in bytes[0..len) against `frame` (for the
 * registers of its address): MOV 88/89/8A/8B/C6/C7/A0-A3, MOVZX 0F B6/B7,
 * MOVSX 0F BE/BF with legacy prefixes 66/67, ignored segment overrides
 * (2E/36/3E/26) and REX.  Returns TDX_VE_OK and fills *out, or the reason
 * for refusing (TDX_VE_TRUNCATED if len is too short).  Pure: no TDCALL.
 */
uint64_t tdx_ve_decode_mmio(const uint8_t *bytes, unsigned len,
			    const struct tdx_ve_frame *frame, struct tdx_mmio_insn *out);

/*
 * Called when a #VE cannot be emulated, with the VE info (NULL when it could
 * not be read), the status (as tdx_handle_ve() returns it) and its detail
 * (the completion status of a failed TDG.VP.VEINFO.GET, the raw TDVMCALL
 * status of a VMM failure, else 0).  Weak: firmware may
 * override it (e.g. to inject #GP or skip the instruction and return).  The
 * default reports "#VE <reason>; exit <n> rip <hex> st <hex>" (64 bytes) with
 * tdx_report_fatal_error() (tdx/fatal.h: ReportFatalError, then halt
 * forever).  If it returns,
 * tdx_handle_ve() returns the status and the stub resumes the frame as the
 * hook left it.
 */
void tdx_ve_fatal(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve,
		  uint64_t status, uint64_t detail);

#ifdef __cplusplus
}
#endif

#endif /* TDX_VE_H */
