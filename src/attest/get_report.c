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

	status = tdx__aligned_gpa(report, TDX_REPORT_ALIGN, TDX_OPERAND_ID_RCX, &report_gpa);
	if (status != TDX_SUCCESS)
		return status;
	/* The caller's own buffer, not a copy: an aligned copy would cost 120 bytes of stack. */
	status = tdx__aligned_gpa(reportdata ? reportdata : no_reportdata, TDX_REPORTDATA_ALIGN,
				  TDX_OPERAND_ID_RDX, &data_gpa);
	if (status != TDX_SUCCESS)
		return status;

	do
		status = tdg_mr_report(report_gpa, data_gpa, 0);
	while (tdx__busy_retry(status, &tries));

	if (status != TDX_SUCCESS)
		memset(report, 0, sizeof(*report));
	return status;
}
