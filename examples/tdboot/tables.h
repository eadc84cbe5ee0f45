/* SPDX-License-Identifier: MIT */
/*
 * What tdboot publishes to the next stage through ACPI (tables.c): one
 * builder, one XSDT and one RSDP for every table tdboot makes - the MADT
 * with the Multiprocessor Wakeup structure (the APs' mailbox) and the
 * CCEL (the event log) - built by libtdx's tdx/acpi.h.
 */
#ifndef TDBOOT_TABLES_H
#define TDBOOT_TABLES_H

#include <stdint.h>

/* The most vCPUs tdboot lists in its MADT. */
#define TDBOOT_MAX_VCPUS 64u

struct tdboot_tables {
	const uint32_t *x2apic_ids;	/* BSP first; NULL or vcpus 0: no MADT */
	uint32_t vcpus;
	uint64_t mailbox_gpa;		/* MP wakeup mailbox (4 KiB-aligned); 0: none */
	uint64_t ccel_lasa;		/* event log GPA (Log Area Start Address) */
	uint64_t ccel_laml;		/* its length (Log Area Minimum Length); 0: no CCEL */
};

/*
 * Lay out the tables *t asks for, then the XSDT and the RSDP, in tdboot's
 * table area (static, in its data window), and return the RSDP's GPA in
 * *rsdp_gpa.  The library's status: TDX_SUCCESS, or the builder's refusal
 * (nothing published then).  Called once, by the BSP.
 */
uint64_t tdboot_publish_tables(const struct tdboot_tables *t, uint64_t *rsdp_gpa);

#endif /* TDBOOT_TABLES_H */
