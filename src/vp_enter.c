/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>
#include <tdx/status.h>

/* TDX Module ABI spec, TDG.VP.ENTER (leaf 25): RCX flags, RDX L2 state GPA; outputs on L2 exit. */
uint64_t tdg_vp_enter(uint64_t flags, uint64_t l2_state_gpa, struct tdx_module_args *exit)
{
	struct tdx_module_args args = { .rcx = flags, .rdx = l2_state_gpa };
	uint64_t status = __tdx_module_call(TDG_VP_ENTER, &args);

	if (!(status & TDX_STATUS_ERROR)) {
		exit->rcx = args.rcx;
		exit->rdx = args.rdx;
		exit->r8 = args.r8;
		exit->r9 = args.r9;
		exit->r10 = args.r10;
		exit->r11 = args.r11;
		exit->r12 = args.r12;
		exit->r13 = args.r13;
		exit->r14 = args.r14;
		exit->r15 = args.r15;
		exit->rbx = args.rbx;
		exit->rdi = args.rdi;
		exit->rsi = args.rsi;
	}
	return status;
}
