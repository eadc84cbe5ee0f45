/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>
#include <tdx/error.h>

/* TDX Module ABI spec, TDG.VP.ENTER (leaf 25): RCX flags, RDX L2 state GPA; outputs on L2 exit. */
uint64_t tdg_vp_enter(uint64_t flags, uint64_t l2_state_gpa, struct tdx_module_args *l2_exit)
{
	struct tdx_module_args args = {
		.rcx = flags,
		.rdx = l2_state_gpa,
	};
	uint64_t status = __tdx_module_call(TDG_VP_ENTER, &args);

	if (!tdx_status_is_error(status))
		*l2_exit = args;
	return status;
}
