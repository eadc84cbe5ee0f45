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

	status = tdx__aligned_gpa(mac, TDX_REPORTMACSTRUCT_ALIGN, TDX_OPERAND_ID_RCX, &gpa);
	if (status != TDX_SUCCESS)
		return status;
	do
		status = tdg_mr_verifyreport(gpa);
	while (tdx__busy_retry(status, &tries));
	return status;
}
