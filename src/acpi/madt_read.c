/* SPDX-License-Identifier: MIT */
/*
 * Reading a MADT's Interrupt Controller Structures (ACPI 6.5 §5.2.12) as
 * untrusted input: the table's Length is read once, every structure's
 * Length is checked against what is left before the structure is used.
 */
#include <tdx/acpi.h>

#include "lib/internal.h"

uint64_t tdx_acpi_madt_iter_init(struct tdx_acpi_madt_iter *it, const struct tdx_acpi_madt *madt)
{
	uint32_t len;

	if (!it || !madt)
		return TDX_SW_INVALID_ARGUMENT;
	if (memcmp(madt->header.signature, TDX_ACPI_SIG_MADT, 4) != 0)
		return TDX_SW_ACPI_BAD_SIGNATURE;
	len = madt->header.length;
	if (len < sizeof(*madt) || len > TDX_ACPI_TABLE_MAX_LENGTH)
		return TDX_SW_ACPI_BAD_LENGTH;
	it->table = (const uint8_t *)madt;
	it->length = len;
	it->offset = sizeof(*madt);
	return TDX_SUCCESS;
}

/* The size of the struct this header declares for a structure type; 2 for the others. */
static uint8_t type_size(uint8_t type)
{
	switch (type) {
	case TDX_ACPI_MADT_TYPE_LOCAL_APIC:
		return sizeof(struct tdx_acpi_madt_local_apic);
	case TDX_ACPI_MADT_TYPE_LOCAL_X2APIC:
		return sizeof(struct tdx_acpi_madt_local_x2apic);
	case TDX_ACPI_MADT_TYPE_MULTIPROCESSOR_WAKEUP:
		return sizeof(struct tdx_acpi_madt_mp_wakeup);
	default:
		return sizeof(struct tdx_acpi_madt_entry);
	}
}

uint64_t tdx_acpi_madt_next(struct tdx_acpi_madt_iter *it, const struct tdx_acpi_madt_entry **entry)
{
	const uint8_t *e;
	uint32_t rest;

	if (!it || !entry || it->offset > it->length)
		return TDX_SW_INVALID_ARGUMENT;
	rest = it->length - it->offset;
	if (rest == 0) {
		*entry = 0;
		return TDX_SUCCESS;
	}
	e = it->table + it->offset;
	if (rest < sizeof(struct tdx_acpi_madt_entry) || e[1] < type_size(e[0]) || e[1] > rest)
		return TDX_SW_ACPI_BAD_ENTRY;
	it->offset += e[1];
	*entry = (const struct tdx_acpi_madt_entry *)e;
	return TDX_SUCCESS;
}

/*
 * Walk the whole MADT: the number of enabled processors' usable APIC IDs,
 * storing the first `cap` of them in ids[] when ids is not NULL, and the
 * first Multiprocessor Wakeup structure in *wakeup (NULL: none).
 */
static uint64_t walk(const struct tdx_acpi_madt *madt, uint32_t *ids, uint32_t cap, uint32_t *count,
		     const struct tdx_acpi_madt_mp_wakeup **wakeup)
{
	struct tdx_acpi_madt_iter it;
	const struct tdx_acpi_madt_entry *e = 0;
	uint64_t status = tdx_acpi_madt_iter_init(&it, madt);
	uint32_t n = 0;

	*wakeup = 0;
	while (status == TDX_SUCCESS && (status = tdx_acpi_madt_next(&it, &e)) == TDX_SUCCESS && e) {
		uint32_t id, flags;

		if (e->type == TDX_ACPI_MADT_TYPE_MULTIPROCESSOR_WAKEUP) {
			if (!*wakeup)
				*wakeup = (const struct tdx_acpi_madt_mp_wakeup *)e;
			continue;
		} else if (e->type == TDX_ACPI_MADT_TYPE_LOCAL_X2APIC) {
			const struct tdx_acpi_madt_local_x2apic *x = (const struct tdx_acpi_madt_local_x2apic *)e;

			id = x->x2apic_id;
			flags = x->flags;
			if (id == 0xFFFFFFFFu)
				continue;	/* no processor has this ID */
		} else if (e->type == TDX_ACPI_MADT_TYPE_LOCAL_APIC) {
			const struct tdx_acpi_madt_local_apic *l = (const struct tdx_acpi_madt_local_apic *)e;

			id = l->apic_id;
			flags = l->flags;
			if (id == 0xFF)
				continue;	/* the xAPIC broadcast ID */
		} else {
			continue;
		}
		if (!(flags & TDX_ACPI_MADT_ENABLED))
			continue;
		if (ids && n < cap)
			ids[n] = id;
		n++;
	}
	*count = n;
	return status;
}

uint64_t tdx_acpi_madt_mp_wakeup(const struct tdx_acpi_madt *madt, uint64_t *mailbox, uint16_t *version)
{
	const struct tdx_acpi_madt_mp_wakeup *w;
	uint32_t n;
	uint64_t status, address;

	if (!mailbox)
		return TDX_SW_INVALID_ARGUMENT;
	status = walk(madt, 0, 0, &n, &w);
	if (status != TDX_SUCCESS)
		return status;
	if (!w || (address = w->mailbox_address) == 0)
		return TDX_SW_ACPI_NOT_FOUND;
	if (address & (TDX_ACPI_MP_WAKEUP_MAILBOX_SIZE - 1))
		return TDX_SW_ACPI_BAD_ENTRY;
	*mailbox = address;
	if (version)
		*version = w->mailbox_version;
	return TDX_SUCCESS;
}

uint64_t tdx_acpi_madt_apic_ids(const struct tdx_acpi_madt *madt, uint32_t *ids, uint32_t cap,
				uint32_t *count)
{
	const struct tdx_acpi_madt_mp_wakeup *w;
	uint32_t n;
	uint64_t status;

	if (!count || (!ids && cap > 0))
		return TDX_SW_INVALID_ARGUMENT;
	/* First the whole table, writing nothing; then, if the IDs fit, again to store them. */
	status = walk(madt, 0, 0, &n, &w);
	if (status != TDX_SUCCESS)
		return status;
	if (n > cap) {
		*count = n;
		return TDX_SW_BUFFER_TOO_SMALL;
	}
	status = walk(madt, ids, cap, &n, &w);
	if (status == TDX_SUCCESS)
		*count = n;
	return status;
}
