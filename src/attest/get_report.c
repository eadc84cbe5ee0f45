/* SPDX-License-Identifier: MIT */
/* tdx_get_report: TDG.MR.REPORT (leaf 4) with the alignment rules checked and BUSY retried. */
#include <tdx/addr.h>
#include <tdx/module.h>
#include <tdx/report.h>
#include <tdx/error.h>

#include "lib/internal.h"

/* REPORTDATA for callers that have none: private (in the image), 64-aligned. */
static const uint8_t no_reportdata[TDX_REPORTDATA_SIZE] __attribute__((aligned(TDX_REPORTDATA_ALIGN)));

uint64_t tdx_get_report(const uint8_t reportdata[TDX_REPORTDATA_SIZE], struct tdx_report *report)
{
	uint64_t report_gpa, data_gpa, status;
	unsigned tries = 0;

	if (!report)
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX;
	report_gpa = tdx_va_to_gpa(report);
	if (report_gpa & (TDX_REPORT_ALIGN - 1))
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX;
	/*
	 * The caller's own buffer, not a copy: an aligned copy would cost 120
	 * bytes of stack on a path already ~190 deep (wrapper + trampoline).
	 */
	data_gpa = tdx_va_to_gpa(reportdata ? reportdata : no_reportdata);
	if (data_gpa & (TDX_REPORTDATA_ALIGN - 1))
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RDX;

	do
		status = tdg_mr_report(report_gpa, data_gpa, 0);
	while (tdx__busy_retry(status, &tries));

	if (status != TDX_SUCCESS)
		memset(report, 0, sizeof(*report));
	return status;
}
