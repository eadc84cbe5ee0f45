/* SPDX-License-Identifier: MIT */
#include "args.h"
#include <tdx/module.h>
#include <tdx/status.h>

/* TDX Module ABI spec, TDG.VP.ENTER (leaf 25): RCX flags, RDX L2 state GPA; outputs on L2 exit. */
uint64_t tdg_vp_enter(uint64_t flags, uint64_t l2_state_gpa, struct tdx_module_args *l2_exit)
{
	struct tdx_module_args args;
	uint64_t status;

	tdx_args_clear(&args);
	args.rcx = flags;
	args.rdx = l2_state_gpa;
	status = __tdx_module_call(TDG_VP_ENTER, &args);

	if (!(status & TDX_STATUS_ERROR)) {
		l2_exit->rcx = args.rcx;
		l2_exit->rdx = args.rdx;
		l2_exit->r8 = args.r8;
		l2_exit->r9 = args.r9;
		l2_exit->r10 = args.r10;
		l2_exit->r11 = args.r11;
		l2_exit->r12 = args.r12;
		l2_exit->r13 = args.r13;
		l2_exit->r14 = args.r14;
		l2_exit->r15 = args.r15;
		l2_exit->rbx = args.rbx;
		l2_exit->rdi = args.rdi;
		l2_exit->rsi = args.rsi;
	}
	return status;
}
