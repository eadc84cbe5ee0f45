/* SPDX-License-Identifier: MIT */
/*
 * Test-only helpers in assembly (not part of the model): calling a
 * trampoline with known register values, and running libtdx's #VE IDT stub
 * in user mode.
 */
#ifndef TDX_TEST_SUPPORT_H
#define TDX_TEST_SUPPORT_H

#include <stdint.h>

#include "tdxm.h"	/* TDXH_NR_GPRS */

/*
 * Call fn(a0, a1) from assembly with known callee-saved values (below) and
 * capture all 16 GPRs as fn returned them, in enum tdxh_gpr order
 * (probe.S).
 */
uint64_t tdxh_probe_call(void *fn, uint64_t a0, uint64_t a1, uint64_t out[TDXH_NR_GPRS]);
#define TDXH_PROBE_RBX 0xB0B0B0B0B0B0B0B3ull
#define TDXH_PROBE_RBP 0xB0B0B0B0B0B0B0B5ull
#define TDXH_PROBE_R12 0xB0B0B0B0B0B0B0CCull
#define TDXH_PROBE_R13 0xB0B0B0B0B0B0B0DDull
#define TDXH_PROBE_R14 0xB0B0B0B0B0B0B0EEull
#define TDXH_PROBE_R15 0xB0B0B0B0B0B0B0FFull

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

#endif
