/* SPDX-License-Identifier: MIT */
/*
 * Finding a table from an RSDP (ACPI 6.5 §5.2.5.3, §5.2.6, §5.2.8).  Every
 * byte is untrusted: each Length is read once into a local, bounded, and
 * mapped for exactly that many bytes before anything past the header is
 * read; each loop is bounded by a checked Length.
 */
#include <tdx/acpi.h>

#include "lib/internal.h"

uint8_t tdx_acpi_checksum(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + b[i]);
	return sum;
}

uint64_t tdx_acpi_check_rsdp(const struct tdx_acpi_rsdp *rsdp)
{
	if (!rsdp)
		return TDX_SW_INVALID_ARGUMENT;
	if (memcmp(rsdp->signature, TDX_ACPI_RSDP_SIGNATURE, sizeof(rsdp->signature)) != 0)
		return TDX_SW_ACPI_BAD_SIGNATURE;
	if (tdx_acpi_checksum(rsdp, TDX_ACPI_RSDP_CHECKSUM_LENGTH) != 0)
		return TDX_SW_ACPI_BAD_CHECKSUM;
	if (rsdp->revision < TDX_ACPI_RSDP_REVISION)
		return TDX_SW_ACPI_BAD_REVISION;
	if (rsdp->length < TDX_ACPI_RSDP_LENGTH)
		return TDX_SW_ACPI_BAD_LENGTH;
	/* The 36 bytes this revision defines, as ACPICA does, whatever a larger Length says. */
	if (tdx_acpi_checksum(rsdp, TDX_ACPI_RSDP_LENGTH) != 0)
		return TDX_SW_ACPI_BAD_CHECKSUM;
	if (rsdp->xsdt_address == 0)
		return TDX_SW_ACPI_BAD_ADDRESS;
	return TDX_SUCCESS;
}

/* `len` (>= 1) bytes at `pa` through the caller's map, or identity (refusing 0 and wrapping ranges). */
static const void *map_range(tdx_acpi_map_fn map, void *ctx, uint64_t pa, uint64_t len)
{
	if (map)
		return map(ctx, pa, len);
	if (pa == 0 || len - 1 > UINT64_MAX - pa || pa > UINTPTR_MAX)
		return 0;
	return (const void *)(uintptr_t)pa;
}

/* The least Length a table with this signature can have and still be read as its struct. */
static uint32_t min_length(const char signature[4])
{
	if (memcmp(signature, TDX_ACPI_SIG_MADT, 4) == 0)
		return sizeof(struct tdx_acpi_madt);
	if (memcmp(signature, TDX_ACPI_SIG_CCEL, 4) == 0)
		return sizeof(struct tdx_acpi_ccel);
	return TDX_ACPI_SDT_HEADER_LENGTH;
}

/*
 * The table at `pa` whose header was read from `h`: its Length bounded to
 * [min, max], then mapped whole (saying the same Length) and checksummed.
 */
static uint64_t map_table(tdx_acpi_map_fn map, void *ctx, uint64_t pa, const struct tdx_acpi_sdt_header *h,
			  uint32_t min, uint32_t max, const struct tdx_acpi_sdt_header **table)
{
	uint32_t len = h->length;

	if (len < min || len > max)
		return TDX_SW_ACPI_BAD_LENGTH;
	h = map_range(map, ctx, pa, len);
	if (!h)
		return TDX_SW_ACPI_BAD_ADDRESS;
	/* A map that shows other bytes the second time must not change the bound. */
	if (h->length != len)
		return TDX_SW_ACPI_BAD_LENGTH;
	if (tdx_acpi_checksum(h, len) != 0)
		return TDX_SW_ACPI_BAD_CHECKSUM;
	*table = h;
	return TDX_SUCCESS;
}

#define XSDT_MAX_LENGTH (TDX_ACPI_SDT_HEADER_LENGTH + TDX_ACPI_XSDT_ENTRY_SIZE * TDX_ACPI_XSDT_MAX_ENTRIES)

uint64_t tdx_acpi_find_table(const struct tdx_acpi_rsdp *rsdp, const char signature[4], unsigned instance,
			     tdx_acpi_map_fn map, void *ctx, const struct tdx_acpi_sdt_header **table)
{
	const struct tdx_acpi_sdt_header *xsdt, *h;
	uint64_t status, xsdt_pa;
	uint32_t entries;

	if (!signature || !table)
		return TDX_SW_INVALID_ARGUMENT;
	status = tdx_acpi_check_rsdp(rsdp);
	if (status != TDX_SUCCESS)
		return status;
	xsdt_pa = rsdp->xsdt_address;
	xsdt = map_range(map, ctx, xsdt_pa, TDX_ACPI_SDT_HEADER_LENGTH);
	if (!xsdt)
		return TDX_SW_ACPI_BAD_ADDRESS;
	if (memcmp(xsdt->signature, TDX_ACPI_SIG_XSDT, 4) != 0)
		return TDX_SW_ACPI_BAD_SIGNATURE;
	status = map_table(map, ctx, xsdt_pa, xsdt, TDX_ACPI_SDT_HEADER_LENGTH, XSDT_MAX_LENGTH, &xsdt);
	if (status != TDX_SUCCESS)
		return status;
	/* The checked copy's Length: bounded by map_table, the same as the first read. */
	if ((xsdt->length - TDX_ACPI_SDT_HEADER_LENGTH) % TDX_ACPI_XSDT_ENTRY_SIZE != 0)
		return TDX_SW_ACPI_BAD_LENGTH;
	if (memcmp(signature, TDX_ACPI_SIG_XSDT, 4) == 0 && instance == 0) {
		*table = xsdt;
		return TDX_SUCCESS;
	}
	entries = (xsdt->length - TDX_ACPI_SDT_HEADER_LENGTH) / TDX_ACPI_XSDT_ENTRY_SIZE;
	for (uint32_t i = 0; i < entries; i++) {
		uint64_t pa = tdx_acpi_xsdt_entry((const struct tdx_acpi_xsdt *)xsdt, i);

		if (pa == 0)
			continue;	/* an empty slot: ACPICA skips it too */
		h = map_range(map, ctx, pa, TDX_ACPI_SDT_HEADER_LENGTH);
		if (!h)
			return TDX_SW_ACPI_BAD_ADDRESS;
		if (memcmp(h->signature, signature, 4) != 0)
			continue;
		if (instance > 0) {
			instance--;
			continue;
		}
		return map_table(map, ctx, pa, h, min_length(signature), TDX_ACPI_TABLE_MAX_LENGTH, table);
	}
	return TDX_SW_ACPI_NOT_FOUND;
}

uint64_t tdx_acpi_xsdt_entry(const struct tdx_acpi_xsdt *xsdt, uint32_t index)
{
	uint32_t len = xsdt->header.length;
	uint64_t pa;

	if (len < TDX_ACPI_SDT_HEADER_LENGTH ||
	    index >= (len - TDX_ACPI_SDT_HEADER_LENGTH) / TDX_ACPI_XSDT_ENTRY_SIZE)
		return 0;
	memcpy(&pa, (const uint8_t *)xsdt + TDX_ACPI_SDT_HEADER_LENGTH + TDX_ACPI_XSDT_ENTRY_SIZE * (uint64_t)index,
	       sizeof(pa));
	return pa;
}
