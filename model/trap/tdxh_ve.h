/* SPDX-License-Identifier: MIT */
/*
 * #VE in the harness: turn a faulting instruction into the VE info the TDX
 * module would report, and run libtdx's #VE handler on the faulting context.
 *
 * Two layers, usable apart:
 *  1. The "faulting instruction -> VE info" decoder (model/ve/decode.c,
 *     declared in tdxm.h): pure, no signals, no state.  tdx-sim reuses it
 *     to deliver #VE to guest images: tdxh_ve_from_fault() (or
 *     tdxh_ve_decode_insn() / tdxh_ve_make_ept()), tdxh_post_ve(), then the
 *     guest's vector 20.
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
#include "tdxh_trap.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- 2. real instructions in user mode -------------------------------------- */

/*
 * Map `size` bytes (page multiple) PROT_NONE: every load/store there faults
 * and becomes an EPT-violation #VE with GLA = the address and GPA = the
 * window's own GPA + offset | shared bit (tdxh_ve_va_to_gpa()), answered by
 * `dev` (its base is set to the window's GPA, its size to the
 * window's) through the model's #VE.RequestMMIO.  Window GPAs start
 * at TDXH_VE_MMIO_GPA_BASE (above 4 GiB, never equal to a window address),
 * one after the other with a page between.  The window lies below 2 GiB,
 * so disp32, moffs32 and 32-bit addressing reach it.  Returns its address;
 * aborts on failure.  Windows live until tdxh_reset().
 */
#define TDXH_VE_MMIO_GPA_BASE 0x300000000ull
void *tdxh_ve_map_mmio(size_t size, const struct tdx_model_mmio_device *dev);

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


#ifdef __cplusplus
}
#endif

#endif
