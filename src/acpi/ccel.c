/* SPDX-License-Identifier: MIT */
/* Building the CC Event Log table (ACPI 6.5, "CC Event Log ACPI Table"). */
#include <tdx/acpi.h>

#include "acpi/acpi_internal.h"

uint64_t tdx_acpi_add_ccel(struct tdx_acpi_builder *b, uint64_t lasa, uint64_t laml)
{
	struct tdx_acpi_ccel *ccel;
	uint8_t *t;
	uint64_t status;

	/* The log area [lasa, lasa + laml) must not be empty or wrap past 2^64. */
	if (!b || lasa == 0 || laml == 0 || laml - 1 > UINT64_MAX - lasa)
		return TDX_SW_INVALID_ARGUMENT;
	status = tdx__acpi_reserve(b, TDX_ACPI_SIG_CCEL, sizeof(*ccel), true, &t);
	if (status != TDX_SUCCESS)
		return status;
	tdx__acpi_header(b, t, TDX_ACPI_SIG_CCEL, sizeof(*ccel), TDX_ACPI_CCEL_REVISION);
	ccel = (struct tdx_acpi_ccel *)t;
	ccel->cc_type = TDX_ACPI_CCEL_CC_TYPE_TDX;
	ccel->cc_subtype = TDX_ACPI_CCEL_CC_SUBTYPE_TDX;
	ccel->reserved = 0;
	ccel->laml = laml;
	ccel->lasa = lasa;
	tdx__acpi_commit(b, t);
	return TDX_SUCCESS;
}
