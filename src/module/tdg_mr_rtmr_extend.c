/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>
#include "lib/trampolines.h"

/* TDX Module ABI spec, TDG.MR.RTMR.EXTEND (leaf 2): RCX digest GPA, RDX RTMR index. */
uint64_t tdg_mr_rtmr_extend(uint64_t digest_gpa, uint64_t index)
{
	return __tdx_module_call3(TDG_MR_RTMR_EXTEND, digest_gpa, index, 0);
}
