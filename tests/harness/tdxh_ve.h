/* SPDX-License-Identifier: MIT */
/*
 * #VE in the harness: turn a faulting instruction into the VE info the TDX
 * module would report, and run libtdx's #VE handler on the faulting context.
 *
 * Two layers, usable apart:
 *  1. The "faulting instruction -> VE info" decoder (ve_fault.c): pure,
 *     no signals, no global state.  tdx-sim reuses it to deliver #VE to
 *     guest images: tdxh_ve_from_fault() (or tdxh_ve_decode_insn() /
 *     tdxh_ve_make_ept()), tdxh_post_ve(), then the guest's vector 20.
 *  2. User-mode glue (ve_signal.c, ve_window.c): on the host, in/out/ins/outs/
 *     hlt/rdmsr/wrmsr raise #GP -> SIGSEGV, and loads/stores to a PROT_NONE
 *     page raise #PF -> SIGSEGV.  tdxh_ve_arm() installs a SIGSEGV handler
 *     that fabricates the VE info, posts it, calls tdx_handle_ve() on a frame
 *     built from the ucontext and writes the frame back.  PROT_NONE windows
 *     from tdxh_ve_map_mmio() stand for shared MMIO GPAs that differ from
 *     the windows' addresses, as device memory mapped by a TD's page tables
 *     does: GPA = the window's GPA + offset | the shared bit (1 << (GPAW - 1),
 *     the harness's TD config).
 */
#ifndef TDXH_VE_H
#define TDXH_VE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tdx_harness.h"
#include "tdxh_abi.h"
#include "tdxh_trap.h"

#ifdef __cplusplus
extern "C" {
#endif

/* VMX basic exit reasons (Intel SDM Vol. 3, appendix "VMX Basic Exit Reasons"), not from libtdx. */
#define TDXH_EXIT_CPUID          10
#define TDXH_EXIT_HLT            12
#define TDXH_EXIT_IO             30
#define TDXH_EXIT_RDMSR          31
#define TDXH_EXIT_WRMSR          32
#define TDXH_EXIT_EPT_VIOLATION  48

/* Instruction length the harness reports for EPT violations, where the
 * field is architecturally undefined: deliberately wrong, so a handler that
 * uses it instead of decoding the instruction is caught. */
#define TDXH_VE_EPT_JUNK_LENGTH  11

/* ---- 1. the decoder (reusable) ------------------------------------------ */

/*
 * The bytes at RIP (`avail` of them; 15 is always enough) of an instruction
 * that the TDX module turns into a #VE without an EPT violation: IN/OUT
 * (imm8 and DX forms), INS/OUTS (with REP), HLT, RDMSR, WRMSR, CPUID.
 * Fills *out as the module would: exit reason; exit qualification (I/O:
 * bits 2:0 size-1, 3 in, 4 string, 5 REP, 6 immediate, 31:16 port, the
 * port of DX forms taken from regs); instruction length; instruction info
 * (INS/OUTS, VMX format: bits 9:7 address size 1 = 32-bit, 2 = 64-bit;
 * bits 17:15 segment of OUTS, DS unless overridden); gla = gpa = 0.
 * Returns 0, or -1 for anything else (out untouched).
 */
int tdxh_ve_decode_insn(const uint8_t *insn, size_t avail, const struct tdxh_regs *regs,
			struct tdxh_ve_info *out);

/*
 * The VE info of an EPT violation at `gla` / `gpa` (read or write): exit
 * reason 48, qualification bit 0 read / bit 1 write, bit 7 GLA valid,
 * bit 8 (access to the final translation), instruction length
 * TDXH_VE_EPT_JUNK_LENGTH.
 */
void tdxh_ve_make_ept(uint64_t gla, uint64_t gpa, bool write, struct tdxh_ve_info *out);

/*
 * One call for a host fault handler (this harness's SIGSEGV, tdx-sim's):
 *  - trap 13 (#GP: in/out/ins/outs/hlt/rdmsr/wrmsr in user mode, no error
 *    code that says why): tdxh_ve_decode_insn() on the bytes at RIP;
 *  - trap 14 (#PF) when the caller says the address is shared MMIO
 *    (`shared_gpa` != 0, the GPA it stands for, shared bit included):
 *    tdxh_ve_make_ept(fault_addr, shared_gpa, write = pf_error bit 1).
 * Returns 0 with *out filled, -1 when the fault is not a #VE.
 */
int tdxh_ve_from_fault(unsigned trapno, uint64_t fault_addr, uint64_t pf_error, uint64_t shared_gpa,
		       const uint8_t *insn, size_t avail, const struct tdxh_regs *regs,
		       struct tdxh_ve_info *out);

/* ---- 2. real instructions in user mode ------------------------------------ */

/*
 * Map `size` bytes (page multiple) PROT_NONE: every load/store there faults
 * and becomes an EPT-violation #VE with GLA = the address and GPA = the
 * window's own GPA + offset | shared bit (tdxh_ve_va_to_gpa()), answered by
 * `dev` (tdxh_abi.h; its base is set to the window's GPA, its size to the
 * window's) through the harness's #VE.RequestMMIO model.  Window GPAs start
 * at TDXH_VE_MMIO_GPA_BASE (above 4 GiB, never equal to a window address),
 * one after the other with a page between.  The window lies below 2 GiB,
 * so disp32, moffs32 and 32-bit addressing reach it.  Returns its address;
 * aborts on failure.  Windows live until tdxh_reset().
 */
#define TDXH_VE_MMIO_GPA_BASE 0x300000000ull
void *tdxh_ve_map_mmio(size_t size, const struct tdxh_mmio_device *dev);

/*
 * The harness's page tables: an address inside an MMIO window -> the shared
 * GPA it maps (what the VE info reports for it); anything else -> itself.
 * libtdx's #VE handler needs no such translation (it uses the VE info's
 * GPA): tests keep libtdx's default tdx_va_to_gpa().
 */
uint64_t tdxh_ve_va_to_gpa(const void *va);

/*
 * If set, called on each VE info the SIGSEGV path fabricates, before it is
 * posted: a test changes it to what a confused module would report.
 * Cleared by tdxh_reset().
 */
extern void (*tdxh_ve_tamper)(struct tdxh_ve_info *ve);


/*
 * Install the SIGSEGV handler (and tdxh_arm()): call inside the test body.
 * It takes SIGILL too, for valgrind, which raises SIGILL on privileged
 * instructions it cannot run.  A TDCALL (either route) goes to the model;
 * a signal that is not a #VE goes to the handler installed before.
 */
void tdxh_ve_arm(void);

/* What the signal path did so far. */
struct tdxh_ve_stats {
	uint64_t delivered;		/* #VEs handed to tdx_handle_ve() */
	struct tdxh_ve_info last;	/* the last VE info posted */
	uint64_t last_status;		/* what tdx_handle_ve() returned */
};
extern struct tdxh_ve_stats tdxh_ve_stats;

/*
 * Run fn(arg).  If a #VE in it is not handled (tdx_handle_ve() returns
 * nonzero, after the fatal hook returned), unwind out of fn and return that
 * status; return 0 if fn completed.  Outside this, an unhandled #VE aborts.
 */
uint64_t tdxh_ve_run(void (*fn)(void *), void *arg);

/*
 * Run libtdx's IDT stub tdx_ve_entry for real (ve_stub.S): fake the CPU's
 * exception frame for a #VE at tdxh_ve_stub_insn (a one-byte `out %al, %dx`)
 * with f's GPRs and RFLAGS, jump to the stub, and store the GPRs and RFLAGS
 * it iretq'd back to into *f.  Post the VE info (tdxh_post_ve) first; the
 * handler must advance RIP by 1.  f->rip/cs/rsp/ss are not used.
 */
struct tdx_ve_frame;
void tdxh_ve_stub_run(struct tdx_ve_frame *f);
extern const char tdxh_ve_stub_insn[];

/* From tdxh_reset(): unmap all windows, forget the statistics. */
void tdxh_install_ve_models(void);

#ifdef __cplusplus
}
#endif

#endif
