/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>
#include "lib/trampolines.h"

/* TDX Module ABI spec, TDG.MR.VERIFYREPORT (leaf 22): RCX REPORTMACSTRUCT GPA. */
uint64_t tdg_mr_verifyreport(uint64_t reportmacstruct_gpa)
{
	return __tdx_module_call3(TDG_MR_VERIFYREPORT, reportmacstruct_gpa, 0, 0);
}
