/* SPDX-License-Identifier: MIT */
/* tdx_get_report: TDG.MR.REPORT (leaf 4) with the alignment rules met and BUSY retried. */
#include <tdx/addr.h>
#include <tdx/module.h>
#include <tdx/report.h>
#include <tdx/status.h>

#include "attest_util.h"

uint64_t tdx_get_report(const uint8_t reportdata[TDX_REPORTDATA_SIZE], struct tdx_report *report)
{
	/* 64 bytes at a 64-aligned offset of this 8-aligned buffer: 56 + 64 <= 120. */
	uint64_t buf[15];
	uint8_t *data = tdx_bytes_align64(buf);
	uint64_t report_gpa, status;
	unsigned tries = 0;

	if (!report)
		return TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
	report_gpa = tdx_va_to_gpa(report);
	if (report_gpa & (TDX_REPORT_ALIGN - 1))
		return TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;

	if (reportdata)
		tdx_bytes_copy(data, reportdata, TDX_REPORTDATA_SIZE);
	else
		tdx_bytes_wipe(data, TDX_REPORTDATA_SIZE);

	do
		status = tdg_mr_report(report_gpa, tdx_va_to_gpa(data), 0);
	while (tdx_busy_retry(status, &tries));

	tdx_bytes_wipe(data, TDX_REPORTDATA_SIZE);
	if (status != TDX_SUCCESS)
		tdx_bytes_wipe(report, sizeof(*report));
	return status;
}
