/* SPDX-License-Identifier: MIT */
/*
 * tdboot's ACPI tables (tables.h): every table goes through one
 * tdx_acpi_builder over one static area, so the MADT (SMP) and the CCEL
 * (measured boot) are listed by the same XSDT under the same RSDP.
 */
#include <stddef.h>
#include <tdx/tdx.h>

#include "tables.h"

/*
 * Room for the MADT with TDBOOT_MAX_VCPUS x2APIC entries and the wakeup
 * structure (44 + 64 * 16 + 16 bytes), the CCEL (56), the XSDT and the
 * RSDP, with alignment: one page.
 */
#define TABLE_AREA_SIZE 4096u

static uint8_t table_area[TABLE_AREA_SIZE] __attribute__((aligned(4096)));
static struct tdx_acpi_builder builder;

uint64_t tdboot_publish_tables(const struct tdboot_tables *t, uint64_t *rsdp_gpa)
{
	uint64_t status;

	if (t->vcpus > TDBOOT_MAX_VCPUS)
		return TDX_SW_INVALID_ARGUMENT;
	/* .bss is linked at the data window: the OS sees the GPA, not this VA. */
	status = tdx_acpi_builder_init(&builder, table_area, sizeof(table_area),
				       tdx_va_to_gpa(table_area));
	if (status == TDX_SUCCESS && t->x2apic_ids && t->vcpus)
		status = tdx_acpi_add_madt(&builder, t->x2apic_ids, t->vcpus, t->mailbox_gpa);
	if (status == TDX_SUCCESS && t->ccel_laml)
		status = tdx_acpi_add_ccel(&builder, t->ccel_lasa, t->ccel_laml);
	if (status == TDX_SUCCESS)
		status = tdx_acpi_finish(&builder, rsdp_gpa);
	return status;
}
