/* SPDX-License-Identifier: MIT */
/* tdx_verify_report: TDG.MR.VERIFYREPORT (leaf 22) with the 256-byte alignment checked. */
#include <tdx/addr.h>
#include <tdx/module.h>
#include <tdx/report.h>
#include <tdx/error.h>

#include "lib/internal.h"

uint64_t tdx_verify_report(const struct tdx_reportmac *mac)
{
	uint64_t gpa, status;
	unsigned tries = 0;

	if (!mac)
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX;
	gpa = tdx_va_to_gpa(mac);
	if (gpa & (TDX_REPORTMACSTRUCT_ALIGN - 1))
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX;
	do
		status = tdg_mr_verifyreport(gpa);
	while (tdx__busy_retry(status, &tries));
	return status;
}
