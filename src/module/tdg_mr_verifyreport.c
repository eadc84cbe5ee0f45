/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>

/* TDX Module ABI spec, TDG.MR.VERIFYREPORT (leaf 22): RCX REPORTMACSTRUCT GPA. */
uint64_t tdg_mr_verifyreport(uint64_t reportmacstruct_gpa)
{
	struct tdx_module_args args = {
		.rcx = reportmacstruct_gpa,
	};

	return __tdx_module_call(TDG_MR_VERIFYREPORT, &args);
}
