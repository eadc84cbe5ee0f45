/* SPDX-License-Identifier: MIT */
/*
 * The register file of one TDCALL: what a back-end hands the model
 * (tdxm_tdcall, tdxm.h) and takes back.  Needs nothing but <stdint.h>, so
 * the stub back-end's trampolines (model/stub/) build wherever libtdx's C
 * does, freestanding included.
 */
#ifndef TDXM_REGS_H
#define TDXM_REGS_H

#include <stdint.h>

/* GPR numbers as the TDX/VMX architecture numbers them (expose-mask bits). */
enum tdxh_gpr {
	TDXH_RAX, TDXH_RCX, TDXH_RDX, TDXH_RBX, TDXH_RSP, TDXH_RBP, TDXH_RSI, TDXH_RDI,
	TDXH_R8, TDXH_R9, TDXH_R10, TDXH_R11, TDXH_R12, TDXH_R13, TDXH_R14, TDXH_R15,
	TDXH_NR_GPRS
};

/* The register file of one vCPU at a TDCALL. */
struct tdxh_regs {
	uint64_t gpr[TDXH_NR_GPRS];
	uint64_t rip;
	uint64_t rflags;
};

#endif
