/* SPDX-License-Identifier: MIT */
/*
 * The stub back-end's two halves: the C trampolines (trampolines.c, as
 * freestanding as libtdx's own C) and the hosted side that runs the model
 * (backend.c).  Not for tests.
 */
#ifndef TDXH_STUB_H
#define TDXH_STUB_H

#include "regs.h"

/*
 * One TDCALL with the register file *r through the instance's model, as
 * this thread's vCPU: the results in *r.  A leaf the model interrupts runs
 * again with the registers it left, as the CPU re-executes the TDCALL; a
 * stop request goes to its listener (tdxh.stop_hook).  With the model not
 * armed it says so and traps (__builtin_trap), as an unanswered TDCALL
 * would.  r->rip and r->gpr[TDXH_RSP] say where the call came from.
 */
void tdxh__stub_tdcall(struct tdxh_regs *r);

#endif
