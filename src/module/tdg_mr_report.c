/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>

/* TDX Module ABI spec, TDG.MR.REPORT (leaf 4): RCX TDREPORT GPA, RDX REPORTDATA GPA, R8 subtype. */
uint64_t tdg_mr_report(uint64_t report_gpa, uint64_t reportdata_gpa, uint64_t subtype)
{
	struct tdx_module_args args = {
		.rcx = report_gpa,
		.rdx = reportdata_gpa,
		.r8 = subtype,
	};

	return __tdx_module_call(TDG_MR_REPORT, &args);
}
