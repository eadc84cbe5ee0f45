/* SPDX-License-Identifier: MIT */
/*
 * Building a MADT for a TD (ACPI 6.5 §5.2.12): one Processor Local x2APIC
 * structure per vCPU (§5.2.12.12) and the Multiprocessor Wakeup structure
 * through which the OS wakes the APs (§5.2.12.19, mailbox version 0).
 */
#include <tdx/acpi.h>

#include "acpi/acpi_internal.h"
#include "lib/internal.h"

/* Each ID usable (not 0xFFFFFFFF) and unique: at most 4096 IDs, so at most 8.4 M compares. */
static bool ids_valid(const uint32_t *ids, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		if (ids[i] == 0xFFFFFFFFu)
			return false;
		for (uint32_t j = 0; j < i; j++)
			if (ids[j] == ids[i])
				return false;
	}
	return true;
}

uint64_t tdx_acpi_add_madt(struct tdx_acpi_builder *b, const uint32_t *x2apic_ids, uint32_t count,
			   uint64_t mailbox_pa)
{
	struct tdx_acpi_madt *madt;
	size_t len;
	uint8_t *t;
	uint64_t status;

	if (!b || !x2apic_ids || count == 0 || count > TDX_ACPI_MADT_MAX_CPUS ||
	    (mailbox_pa & (TDX_ACPI_MP_WAKEUP_MAILBOX_SIZE - 1)) || !ids_valid(x2apic_ids, count))
		return TDX_SW_INVALID_ARGUMENT;
	len = sizeof(struct tdx_acpi_madt) + count * sizeof(struct tdx_acpi_madt_local_x2apic) +
	      (mailbox_pa ? sizeof(struct tdx_acpi_madt_mp_wakeup) : 0);
	status = tdx__acpi_reserve(b, TDX_ACPI_SIG_MADT, len, true, &t);
	if (status != TDX_SUCCESS)
		return status;

	tdx__acpi_header(b, t, TDX_ACPI_SIG_MADT, (uint32_t)len, TDX_ACPI_MADT_REVISION);
	madt = (struct tdx_acpi_madt *)t;
	madt->local_apic_address = TDX_ACPI_MADT_LOCAL_APIC_ADDRESS;
	madt->flags = 0;
	t += sizeof(*madt);
	for (uint32_t i = 0; i < count; i++) {
		struct tdx_acpi_madt_local_x2apic *x = (struct tdx_acpi_madt_local_x2apic *)t;

		x->type = TDX_ACPI_MADT_TYPE_LOCAL_X2APIC;
		x->length = sizeof(*x);
		x->reserved = 0;
		x->x2apic_id = x2apic_ids[i];
		x->flags = TDX_ACPI_MADT_ENABLED;
		x->acpi_processor_uid = i;
		t += sizeof(*x);
	}
	if (mailbox_pa) {
		struct tdx_acpi_madt_mp_wakeup *w = (struct tdx_acpi_madt_mp_wakeup *)t;

		w->type = TDX_ACPI_MADT_TYPE_MULTIPROCESSOR_WAKEUP;
		w->length = sizeof(*w);
		w->mailbox_version = TDX_ACPI_MP_WAKEUP_MAILBOX_VERSION_0;
		w->reserved = 0;
		w->mailbox_address = mailbox_pa;
	}
	tdx__acpi_commit(b, (uint8_t *)madt);
	return TDX_SUCCESS;
}
