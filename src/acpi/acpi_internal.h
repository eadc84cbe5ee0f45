/* SPDX-License-Identifier: MIT */
/* What the ACPI builder's files share; not a public header. */
#ifndef TDX_SRC_ACPI_INTERNAL_H
#define TDX_SRC_ACPI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tdx/acpi.h>

/*
 * Room for a `len`-byte table with `signature` at the next 8-aligned
 * physical address: TDX_SUCCESS and *table, or the refusal, with nothing
 * written.  `unique`: refuse a second table with this signature.
 */
uint64_t tdx__acpi_reserve(struct tdx_acpi_builder *b, const char signature[4], size_t len, bool unique,
			   uint8_t **table);

/* The builder's header (its OEM fields, Creator ID and Revision) at the start of `table`, checksum 0. */
void tdx__acpi_header(const struct tdx_acpi_builder *b, uint8_t *table, const char signature[4], uint32_t len,
		      uint8_t revision);

/* Seal the reserved table: its checksum, the padding before it zeroed, listed for the XSDT. */
void tdx__acpi_commit(struct tdx_acpi_builder *b, uint8_t *table);

#endif /* TDX_SRC_ACPI_INTERNAL_H */
