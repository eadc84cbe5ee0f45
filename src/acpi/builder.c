/* SPDX-License-Identifier: MIT */
/*
 * The ACPI table builder: a bump allocator over the caller's buffer that
 * writes nothing until a table is known to fit, then the XSDT and RSDP
 * (ACPI 6.5 §5.2.5.3, §5.2.6, §5.2.8).
 */
#include <tdx/acpi.h>
#include <tdx/version.h>

#include "acpi/acpi_internal.h"
#include "lib/internal.h"

/* Bytes from physical address `pa` up to the next multiple of `align` (a power of two). */
static size_t pad_to(uint64_t pa, uint64_t align)
{
	return (size_t)(-pa & (align - 1));
}

uint64_t tdx_acpi_builder_init(struct tdx_acpi_builder *b, void *buf, size_t size, uint64_t pa)
{
	/* pa + size must not pass 2^64: the last byte's address is pa + size - 1. */
	if (!b || !buf || pa == 0 || (size > 0 && (uint64_t)size - 1 > UINT64_MAX - pa))
		return TDX_SW_INVALID_ARGUMENT;
	*b = (struct tdx_acpi_builder){ .buf = buf, .size = size, .pa = pa,
					.oem_revision = TDX_ACPI_OEM_REVISION };
	memcpy(b->oem_id, TDX_ACPI_OEM_ID, sizeof(b->oem_id));
	memcpy(b->oem_table_id, TDX_ACPI_OEM_TABLE_ID, sizeof(b->oem_table_id));
	return TDX_SUCCESS;
}

/* A table with this signature was added already. */
static bool added(const struct tdx_acpi_builder *b, const char signature[4])
{
	for (uint32_t i = 0; i < b->count; i++)
		if (memcmp(b->buf + (b->table_pa[i] - b->pa), signature, 4) == 0)
			return true;
	return false;
}

uint64_t tdx__acpi_reserve(struct tdx_acpi_builder *b, const char signature[4], size_t len, bool unique,
			   uint8_t **table)
{
	size_t pad, room;

	if (b->finished || (unique && added(b, signature)))
		return TDX_SW_INVALID_ARGUMENT;
	if (b->count >= TDX_ACPI_BUILDER_MAX_TABLES)
		return TDX_SW_ACPI_TOO_MANY_TABLES;
	/* used <= size always; len <= TDX_ACPI_TABLE_MAX_LENGTH and pad < 8: no sum overflows. */
	pad = pad_to(b->pa + b->used, 8);
	room = b->size - b->used;
	if (len > room || pad > room - len)
		return TDX_SW_BUFFER_TOO_SMALL;
	*table = b->buf + b->used + pad;
	return TDX_SUCCESS;
}

void tdx__acpi_header(const struct tdx_acpi_builder *b, uint8_t *table, const char signature[4], uint32_t len,
		      uint8_t revision)
{
	struct tdx_acpi_sdt_header *h = (struct tdx_acpi_sdt_header *)table;

	memcpy(h->signature, signature, sizeof(h->signature));
	h->length = len;
	h->revision = revision;
	h->checksum = 0;
	memcpy(h->oem_id, b->oem_id, sizeof(h->oem_id));
	memcpy(h->oem_table_id, b->oem_table_id, sizeof(h->oem_table_id));
	h->oem_revision = b->oem_revision;
	memcpy(h->creator_id, TDX_ACPI_CREATOR_ID, sizeof(h->creator_id));
	h->creator_revision = TDX_VERSION_NUMBER;
}

/* The checksum byte that makes `len` bytes at `p` (with it at 0) sum to 0. */
static uint8_t checksum_for(const void *p, size_t len)
{
	return (uint8_t)(0x100 - tdx_acpi_checksum(p, len));
}

void tdx__acpi_commit(struct tdx_acpi_builder *b, uint8_t *table)
{
	struct tdx_acpi_sdt_header *h = (struct tdx_acpi_sdt_header *)table;
	size_t offset = (size_t)(table - b->buf);

	h->checksum = 0;
	h->checksum = checksum_for(table, h->length);
	memset(b->buf + b->used, 0, offset - b->used);
	b->table_pa[b->count++] = b->pa + offset;
	b->used = offset + h->length;
}

uint64_t tdx_acpi_add_table(struct tdx_acpi_builder *b, const void *table, size_t len)
{
	const struct tdx_acpi_sdt_header *h = table;
	uint8_t *t;
	uint64_t status;

	if (!b || !table || len < TDX_ACPI_SDT_HEADER_LENGTH || len > TDX_ACPI_TABLE_MAX_LENGTH ||
	    h->length != len || memcmp(h->signature, TDX_ACPI_SIG_XSDT, 4) == 0 ||
	    memcmp(h->signature, "RSDT", 4) == 0 || memcmp(h->signature, TDX_ACPI_RSDP_SIGNATURE, 4) == 0)
		return TDX_SW_INVALID_ARGUMENT;
	status = tdx__acpi_reserve(b, h->signature, len, memcmp(h->signature, "SSDT", 4) != 0, &t);
	if (status != TDX_SUCCESS)
		return status;
	memcpy(t, table, len);
	tdx__acpi_commit(b, t);
	return TDX_SUCCESS;
}

uint64_t tdx_acpi_finish(struct tdx_acpi_builder *b, uint64_t *rsdp_pa)
{
	struct tdx_acpi_rsdp *rsdp;
	size_t xsdt_len, xsdt_pad, xsdt_end, rsdp_pad;
	uint8_t *xsdt;

	if (!b || !rsdp_pa || b->finished)
		return TDX_SW_INVALID_ARGUMENT;
	xsdt_len = TDX_ACPI_SDT_HEADER_LENGTH + TDX_ACPI_XSDT_ENTRY_SIZE * b->count;
	xsdt_pad = pad_to(b->pa + b->used, 8);
	/* Each term is small (at most 36 + 8 * 8, 7, 15, 36): the sums cannot overflow. */
	rsdp_pad = pad_to(b->pa + b->used + xsdt_pad + xsdt_len, 16);
	if (xsdt_pad + xsdt_len + rsdp_pad + TDX_ACPI_RSDP_LENGTH > b->size - b->used)
		return TDX_SW_BUFFER_TOO_SMALL;

	xsdt = b->buf + b->used + xsdt_pad;
	xsdt_end = b->used + xsdt_pad + xsdt_len;
	memset(b->buf + b->used, 0, xsdt_pad);
	tdx__acpi_header(b, xsdt, TDX_ACPI_SIG_XSDT, (uint32_t)xsdt_len, TDX_ACPI_XSDT_REVISION);
	/* Entries at offset 36 + 8i: not 8-aligned, so byte copies. */
	for (uint32_t i = 0; i < b->count; i++)
		memcpy(xsdt + TDX_ACPI_SDT_HEADER_LENGTH + TDX_ACPI_XSDT_ENTRY_SIZE * i, &b->table_pa[i], 8);
	((struct tdx_acpi_sdt_header *)xsdt)->checksum = checksum_for(xsdt, xsdt_len);

	memset(b->buf + xsdt_end, 0, rsdp_pad);
	rsdp = (struct tdx_acpi_rsdp *)(b->buf + xsdt_end + rsdp_pad);
	memset(rsdp, 0, sizeof(*rsdp));
	memcpy(rsdp->signature, TDX_ACPI_RSDP_SIGNATURE, sizeof(rsdp->signature));
	memcpy(rsdp->oem_id, b->oem_id, sizeof(rsdp->oem_id));
	rsdp->revision = TDX_ACPI_RSDP_REVISION;
	rsdp->rsdt_address = 0;
	rsdp->length = TDX_ACPI_RSDP_LENGTH;
	rsdp->xsdt_address = b->pa + (uint64_t)(xsdt - b->buf);
	rsdp->checksum = checksum_for(rsdp, TDX_ACPI_RSDP_CHECKSUM_LENGTH);
	rsdp->extended_checksum = checksum_for(rsdp, TDX_ACPI_RSDP_LENGTH);

	b->used = xsdt_end + rsdp_pad + TDX_ACPI_RSDP_LENGTH;
	b->finished = true;
	*rsdp_pa = b->pa + (uint64_t)((uint8_t *)rsdp - b->buf);
	return TDX_SUCCESS;
}
