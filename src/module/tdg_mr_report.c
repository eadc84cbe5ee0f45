/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>
#include "lib/trampolines.h"

/* TDX Module ABI spec, TDG.MR.REPORT (leaf 4): RCX TDREPORT GPA, RDX REPORTDATA GPA, R8 subtype. */
uint64_t tdg_mr_report(uint64_t report_gpa, uint64_t reportdata_gpa, uint64_t subtype)
{
	return __tdx_module_call3(TDG_MR_REPORT, report_gpa, reportdata_gpa, subtype);
}
