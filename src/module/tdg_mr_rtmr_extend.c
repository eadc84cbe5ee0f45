/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>

/* TDX Module ABI spec, TDG.MR.RTMR.EXTEND (leaf 2): RCX digest GPA, RDX RTMR index. */
uint64_t tdg_mr_rtmr_extend(uint64_t digest_gpa, uint64_t index)
{
	struct tdx_module_args args = {
		.rcx = digest_gpa,
		.rdx = index,
	};

	return __tdx_module_call(TDG_MR_RTMR_EXTEND, &args);
}
