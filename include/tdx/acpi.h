/* SPDX-License-Identifier: MIT */
/*
 * ACPI tables for a TD: what its firmware publishes and its OS or payload
 * reads.  A builder lays out a MADT (Processor Local x2APIC entries and the
 * Multiprocessor Wakeup structure a TD's APs are woken through), a CCEL
 * (the confidential-computing event log) and any table the caller made,
 * then an XSDT listing them and an RSDP pointing at the XSDT, all in one
 * buffer the caller gives.  A finder validates an RSDP, walks its XSDT and
 * returns a table by signature, treating every byte as untrusted; typed
 * helpers read a MADT's entries.
 *
 * Layouts (every offset and size below is checked at compile time):
 *   ACPI 6.5, §5.2.5.3  Root System Description Pointer (RSDP) Structure
 *   ACPI 6.5, §5.2.6    System Description Table Header
 *   ACPI 6.5, §5.2.8    Extended System Description Table (XSDT)
 *   ACPI 6.5, §5.2.12   Multiple APIC Description Table (MADT)
 *   ACPI 6.5, §5.2.12.2 Processor Local APIC Structure (its flags table)
 *   ACPI 6.5, §5.2.12.12 Processor Local x2APIC Structure
 *   ACPI 6.5, §5.2.12.19 Multiprocessor Wakeup Structure (from ACPI 6.4)
 *   ACPI 6.5, "CC Event Log ACPI Table" (§5.2.35 in ACPI 6.6)
 * Everything is little-endian; tables are byte-packed, so the structs
 * below are packed and may sit at any address.
 *
 * Statuses: the library's error model (tdx/error.h); the refusals are the
 * TDX_SW_ACPI_* codes there, plus TDX_SW_INVALID_ARGUMENT and
 * TDX_SW_BUFFER_TOO_SMALL.  Guide: docs/acpi.md.
 */
#ifndef TDX_ACPI_H
#define TDX_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A compile-time layout check that works in C99 (a negative array size),
 * C11 and C++11 (static assertions).
 */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define TDX_ACPI_CHECK(name, cond) static_assert(cond, "ACPI layout: " #name)
#elif !defined(__cplusplus) && defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define TDX_ACPI_CHECK(name, cond) _Static_assert(cond, "ACPI layout: " #name)
#else
#define TDX_ACPI_CHECK(name, cond) typedef char tdx_acpi_layout_##name[(cond) ? 1 : -1]
#endif

#if defined(__GNUC__) || defined(__clang__)
#define TDX_ACPI_PACKED __attribute__((packed))
#else
#error "tdx/acpi.h needs __attribute__((packed)) (GCC or Clang)"
#endif

/* ---- signatures, revisions, values ------------------------------------- */

#define TDX_ACPI_RSDP_SIGNATURE  "RSD PTR "	/* 8 bytes: note the trailing blank */
#define TDX_ACPI_SIG_XSDT        "XSDT"
#define TDX_ACPI_SIG_MADT        "APIC"	/* the MADT's signature is "APIC" */
#define TDX_ACPI_SIG_CCEL        "CCEL"

/* RSDP: Revision 2 (ACPI 2.0 and later); Checksum covers bytes 0..19, Extended Checksum all 36. */
#define TDX_ACPI_RSDP_REVISION         2
#define TDX_ACPI_RSDP_CHECKSUM_LENGTH  20
#define TDX_ACPI_RSDP_LENGTH           36

#define TDX_ACPI_SDT_HEADER_LENGTH  36
#define TDX_ACPI_XSDT_REVISION      1
#define TDX_ACPI_XSDT_ENTRY_SIZE    8	/* each entry a 64-bit physical address, at offset 36 + 8n */
#define TDX_ACPI_MADT_REVISION      6	/* ACPI 6.5 */
#define TDX_ACPI_CCEL_REVISION      1

/* MADT Flags ("Multiple APIC Flags", ACPI 6.5 §5.2.12). */
#define TDX_ACPI_MADT_PCAT_COMPAT   0x1u	/* a PC-AT dual 8259 is present too */
/*
 * The Local Interrupt Controller Address the builder writes: the
 * architectural xAPIC base.  A TD runs its local APIC in x2APIC mode
 * (MSRs, no MMIO), so no OS uses it, but the field is not optional.
 */
#define TDX_ACPI_MADT_LOCAL_APIC_ADDRESS  0xFEE00000u

/* Interrupt Controller Structure types (ACPI 6.5 §5.2.12). */
#define TDX_ACPI_MADT_TYPE_LOCAL_APIC              0x00
#define TDX_ACPI_MADT_TYPE_LOCAL_X2APIC            0x09
#define TDX_ACPI_MADT_TYPE_MULTIPROCESSOR_WAKEUP   0x10

/* Local APIC Flags, shared by types 0 and 9 (ACPI 6.5 §5.2.12.2). */
#define TDX_ACPI_MADT_ENABLED         0x1u	/* the processor is ready for use */
#define TDX_ACPI_MADT_ONLINE_CAPABLE  0x2u	/* not enabled, but can be brought online */

/*
 * Multiprocessor Wakeup structure.  MailBoxVersion 0 (ACPI 6.4 and 6.5):
 * 16 bytes, Type/Length/MailBoxVersion/Reserved/MailBoxAddress.  Version 1
 * (ACPI 6.6) is 24 bytes: it appends a 64-bit ResetVector, where the OS
 * sends a processor it takes offline back to the firmware, and adds a
 * Test command to the mailbox.  The builder writes version 0; the readers
 * accept any version with at least the 16 bytes of version 0.
 */
#define TDX_ACPI_MP_WAKEUP_MAILBOX_VERSION_0  0
#define TDX_ACPI_MP_WAKEUP_V0_LENGTH          16
#define TDX_ACPI_MP_WAKEUP_V1_LENGTH          24
/* The mailbox: 4 KiB, 4 KiB-aligned, in ACPI NVS memory (its layout is the mailbox protocol's). */
#define TDX_ACPI_MP_WAKEUP_MAILBOX_SIZE       4096

/* CCEL CC Type (ACPI 6.5, CC Event Log ACPI Table): 1 = AMD SEV, 2 = Intel TDX. */
#define TDX_ACPI_CCEL_CC_TYPE_TDX     2
#define TDX_ACPI_CCEL_CC_SUBTYPE_TDX  0

/* ---- layouts ------------------------------------------------------------- */

/* RSDP, revision 2: 36 bytes. */
struct TDX_ACPI_PACKED tdx_acpi_rsdp {
	char signature[8];		/* @0  "RSD PTR " */
	uint8_t checksum;		/* @8  bytes 0..19 sum to 0 */
	char oem_id[6];			/* @9 */
	uint8_t revision;		/* @15 2 */
	uint32_t rsdt_address;		/* @16 32-bit RSDT address (0: none, the builder writes none) */
	uint32_t length;		/* @20 36 */
	uint64_t xsdt_address;		/* @24 */
	uint8_t extended_checksum;	/* @32 all 36 bytes sum to 0 */
	uint8_t reserved[3];		/* @33 */
};

/* System Description Table Header (DESCRIPTION_HEADER): 36 bytes, the start of every table. */
struct TDX_ACPI_PACKED tdx_acpi_sdt_header {
	char signature[4];		/* @0 */
	uint32_t length;		/* @4  of the whole table, this header included */
	uint8_t revision;		/* @8 */
	uint8_t checksum;		/* @9  the whole table sums to 0 */
	char oem_id[6];			/* @10 */
	char oem_table_id[8];		/* @16 */
	uint32_t oem_revision;		/* @24 */
	char creator_id[4];		/* @28 */
	uint32_t creator_revision;	/* @32 */
};

/*
 * XSDT: the header, then (length - 36) / 8 entries of 64-bit physical
 * addresses from offset 36.  36 is not a multiple of 8: read an entry with
 * tdx_acpi_xsdt_entry() or a byte copy, never through a uint64_t pointer.
 */
struct TDX_ACPI_PACKED tdx_acpi_xsdt {
	struct tdx_acpi_sdt_header header;
};

/* MADT: the header, then Interrupt Controller Structures from offset 44 to Length. */
struct TDX_ACPI_PACKED tdx_acpi_madt {
	struct tdx_acpi_sdt_header header;	/* "APIC" */
	uint32_t local_apic_address;		/* @36 Local Interrupt Controller Address */
	uint32_t flags;				/* @40 TDX_ACPI_MADT_PCAT_COMPAT */
};

/* The first two bytes of every Interrupt Controller Structure. */
struct TDX_ACPI_PACKED tdx_acpi_madt_entry {
	uint8_t type;
	uint8_t length;			/* of the whole structure, these two bytes included */
};

/* Processor Local APIC (type 0): 8 bytes; read, never built. */
struct TDX_ACPI_PACKED tdx_acpi_madt_local_apic {
	uint8_t type;			/* @0 0 */
	uint8_t length;			/* @1 8 */
	uint8_t acpi_processor_uid;	/* @2 */
	uint8_t apic_id;		/* @3 */
	uint32_t flags;			/* @4 TDX_ACPI_MADT_ENABLED, _ONLINE_CAPABLE */
};

/* Processor Local x2APIC (type 9): 16 bytes. */
struct TDX_ACPI_PACKED tdx_acpi_madt_local_x2apic {
	uint8_t type;			/* @0 9 */
	uint8_t length;			/* @1 16 */
	uint16_t reserved;		/* @2 0 */
	uint32_t x2apic_id;		/* @4 */
	uint32_t flags;			/* @8 TDX_ACPI_MADT_ENABLED, _ONLINE_CAPABLE */
	uint32_t acpi_processor_uid;	/* @12 */
};

/* Multiprocessor Wakeup (type 0x10), mailbox version 0: 16 bytes. */
struct TDX_ACPI_PACKED tdx_acpi_madt_mp_wakeup {
	uint8_t type;			/* @0 0x10 */
	uint8_t length;			/* @1 16 (24 for version 1) */
	uint16_t mailbox_version;	/* @2 MailBoxVersion: 0 */
	uint32_t reserved;		/* @4 0 */
	uint64_t mailbox_address;	/* @8 MailBoxAddress: physical, 4 KiB-aligned */
};

/* CC Event Log ACPI Table: 56 bytes. */
struct TDX_ACPI_PACKED tdx_acpi_ccel {
	struct tdx_acpi_sdt_header header;	/* "CCEL", revision 1 */
	uint8_t cc_type;			/* @36 TDX_ACPI_CCEL_CC_TYPE_TDX */
	uint8_t cc_subtype;			/* @37 0 */
	uint16_t reserved;			/* @38 0 */
	uint64_t laml;				/* @40 Log Area Minimum Length */
	uint64_t lasa;				/* @48 Log Area Start Address */
};

TDX_ACPI_CHECK(rsdp_checksum, offsetof(struct tdx_acpi_rsdp, checksum) == 8);
TDX_ACPI_CHECK(rsdp_oem_id, offsetof(struct tdx_acpi_rsdp, oem_id) == 9);
TDX_ACPI_CHECK(rsdp_revision, offsetof(struct tdx_acpi_rsdp, revision) == 15);
TDX_ACPI_CHECK(rsdp_rsdt, offsetof(struct tdx_acpi_rsdp, rsdt_address) == 16);
TDX_ACPI_CHECK(rsdp_length, offsetof(struct tdx_acpi_rsdp, length) == 20);
TDX_ACPI_CHECK(rsdp_xsdt, offsetof(struct tdx_acpi_rsdp, xsdt_address) == 24);
TDX_ACPI_CHECK(rsdp_ext_checksum, offsetof(struct tdx_acpi_rsdp, extended_checksum) == 32);
TDX_ACPI_CHECK(rsdp_reserved, offsetof(struct tdx_acpi_rsdp, reserved) == 33);
TDX_ACPI_CHECK(rsdp_size, sizeof(struct tdx_acpi_rsdp) == TDX_ACPI_RSDP_LENGTH);
TDX_ACPI_CHECK(sdt_length, offsetof(struct tdx_acpi_sdt_header, length) == 4);
TDX_ACPI_CHECK(sdt_revision, offsetof(struct tdx_acpi_sdt_header, revision) == 8);
TDX_ACPI_CHECK(sdt_checksum, offsetof(struct tdx_acpi_sdt_header, checksum) == 9);
TDX_ACPI_CHECK(sdt_oem_id, offsetof(struct tdx_acpi_sdt_header, oem_id) == 10);
TDX_ACPI_CHECK(sdt_oem_table_id, offsetof(struct tdx_acpi_sdt_header, oem_table_id) == 16);
TDX_ACPI_CHECK(sdt_oem_revision, offsetof(struct tdx_acpi_sdt_header, oem_revision) == 24);
TDX_ACPI_CHECK(sdt_creator_id, offsetof(struct tdx_acpi_sdt_header, creator_id) == 28);
TDX_ACPI_CHECK(sdt_creator_revision, offsetof(struct tdx_acpi_sdt_header, creator_revision) == 32);
TDX_ACPI_CHECK(sdt_size, sizeof(struct tdx_acpi_sdt_header) == TDX_ACPI_SDT_HEADER_LENGTH);
TDX_ACPI_CHECK(xsdt_size, sizeof(struct tdx_acpi_xsdt) == 36);
TDX_ACPI_CHECK(madt_address, offsetof(struct tdx_acpi_madt, local_apic_address) == 36);
TDX_ACPI_CHECK(madt_flags, offsetof(struct tdx_acpi_madt, flags) == 40);
TDX_ACPI_CHECK(madt_size, sizeof(struct tdx_acpi_madt) == 44);
TDX_ACPI_CHECK(madt_entry_size, sizeof(struct tdx_acpi_madt_entry) == 2);
TDX_ACPI_CHECK(lapic_id, offsetof(struct tdx_acpi_madt_local_apic, apic_id) == 3);
TDX_ACPI_CHECK(lapic_flags, offsetof(struct tdx_acpi_madt_local_apic, flags) == 4);
TDX_ACPI_CHECK(lapic_size, sizeof(struct tdx_acpi_madt_local_apic) == 8);
TDX_ACPI_CHECK(x2apic_id, offsetof(struct tdx_acpi_madt_local_x2apic, x2apic_id) == 4);
TDX_ACPI_CHECK(x2apic_flags, offsetof(struct tdx_acpi_madt_local_x2apic, flags) == 8);
TDX_ACPI_CHECK(x2apic_uid, offsetof(struct tdx_acpi_madt_local_x2apic, acpi_processor_uid) == 12);
TDX_ACPI_CHECK(x2apic_size, sizeof(struct tdx_acpi_madt_local_x2apic) == 16);
TDX_ACPI_CHECK(wakeup_version, offsetof(struct tdx_acpi_madt_mp_wakeup, mailbox_version) == 2);
TDX_ACPI_CHECK(wakeup_reserved, offsetof(struct tdx_acpi_madt_mp_wakeup, reserved) == 4);
TDX_ACPI_CHECK(wakeup_mailbox, offsetof(struct tdx_acpi_madt_mp_wakeup, mailbox_address) == 8);
TDX_ACPI_CHECK(wakeup_size, sizeof(struct tdx_acpi_madt_mp_wakeup) == TDX_ACPI_MP_WAKEUP_V0_LENGTH);
TDX_ACPI_CHECK(ccel_type, offsetof(struct tdx_acpi_ccel, cc_type) == 36);
TDX_ACPI_CHECK(ccel_subtype, offsetof(struct tdx_acpi_ccel, cc_subtype) == 37);
TDX_ACPI_CHECK(ccel_reserved, offsetof(struct tdx_acpi_ccel, reserved) == 38);
TDX_ACPI_CHECK(ccel_laml, offsetof(struct tdx_acpi_ccel, laml) == 40);
TDX_ACPI_CHECK(ccel_lasa, offsetof(struct tdx_acpi_ccel, lasa) == 48);
TDX_ACPI_CHECK(ccel_size, sizeof(struct tdx_acpi_ccel) == 56);

/* ---- bounds the library sets (not the spec's) ---------------------------- */

/* The longest table the finder reads or the builder writes: 1 MiB. */
#define TDX_ACPI_TABLE_MAX_LENGTH   0x100000u
/* The most XSDT entries the finder walks; a longer XSDT is refused. */
#define TDX_ACPI_XSDT_MAX_ENTRIES   1024u
/* The most tables one builder lists in its XSDT. */
#define TDX_ACPI_BUILDER_MAX_TABLES 8u
/* The most x2APIC IDs one MADT gets from the builder (KVM's vCPU maximum on x86-64). */
#define TDX_ACPI_MADT_MAX_CPUS      4096u

/* ---- building -------------------------------------------------------------- */

/*
 * The identification the builder writes into every header it makes (the
 * defaults, which tdx_acpi_builder_init() sets): OEMID "LIBTDX", OEM Table
 * ID "LIBTDX  ", OEM Revision 1, Creator ID "LTDX", Creator Revision
 * TDX_VERSION_NUMBER of the library that built the table.  A firmware
 * with its own identity (or an FADT whose OEM Table ID the XSDT must
 * match) overwrites oem_id / oem_table_id / oem_revision after init and
 * before adding tables.
 */
#define TDX_ACPI_OEM_ID          "LIBTDX"
#define TDX_ACPI_OEM_TABLE_ID    "LIBTDX  "
#define TDX_ACPI_OEM_REVISION    1u
#define TDX_ACPI_CREATOR_ID      "LTDX"

/*
 * A table builder over one caller-given buffer.  The caller owns the
 * struct (static, on the stack, anywhere) and reads its fields; only the
 * three OEM fields are for the caller to write, between init and the
 * first add.  Tables are laid out in the order they are added, each at
 * the next 8-byte-aligned physical address; tdx_acpi_finish() appends the
 * XSDT (8-aligned) and then the RSDP (16-aligned).
 *
 * What is valid when:
 *  - after a successful add, the `length` bytes at table_pa[count - 1]
 *    (buffer offset table_pa[count - 1] - pa) are that table, final, with
 *    its checksum; `used` bytes of the buffer have been written;
 *  - after a failed call, nothing was written (neither the buffer nor the
 *    builder): the builder is as it was, and may go on (a table that
 *    did not fit leaves room for a smaller one);
 *  - after a successful tdx_acpi_finish(), the tables, the XSDT and the
 *    RSDP are complete and consistent; the builder takes no more tables.
 * Until then an OS must not be shown any of it.  The buffer should be
 * reported to the OS as ACPI Reclaim memory (the mailbox page, which is
 * not in it, as ACPI NVS).
 */
struct tdx_acpi_builder {
	uint8_t *buf;			/* the caller's buffer */
	size_t size;			/* its size in bytes */
	uint64_t pa;			/* the physical address of buf[0] */
	size_t used;			/* bytes of buf written so far */
	uint32_t count;			/* tables added */
	bool finished;			/* tdx_acpi_finish() succeeded */
	uint64_t table_pa[TDX_ACPI_BUILDER_MAX_TABLES];	/* physical address of each table added */
	char oem_id[6];			/* written into every header (and the RSDP) */
	char oem_table_id[8];		/* written into every header */
	uint32_t oem_revision;		/* written into every header */
};

/*
 * Start building into `size` bytes at `buf`, whose physical address (the
 * address the OS will see; firmware usually identity-maps, so often
 * (uint64_t)buf) is `pa`.  Sets the OEM defaults above; writes nothing
 * into the buffer.  TDX_SW_INVALID_ARGUMENT for a NULL builder or buffer,
 * pa 0, or pa + size past 2^64.
 */
uint64_t tdx_acpi_builder_init(struct tdx_acpi_builder *b, void *buf, size_t size, uint64_t pa);

/*
 * Add a MADT (revision 6): Local Interrupt Controller Address
 * TDX_ACPI_MADT_LOCAL_APIC_ADDRESS, Flags 0 (a TD has no 8259s), one
 * Processor Local x2APIC structure per ID in x2apic_ids[0..count) in that
 * order (Enabled, ACPI Processor UID = its index; put the BSP first, as
 * ACPI 6.5 §5.2.12.1 asks), then, when mailbox_pa is not 0, a
 * Multiprocessor Wakeup structure (mailbox version 0) naming it.  Only
 * x2APIC entries: fine for Linux and any OS that reads type 9; an OS that
 * wants type 0 entries for IDs below 255 needs another MADT.
 * TDX_SW_INVALID_ARGUMENT: NULL ids, count 0 or above
 * TDX_ACPI_MADT_MAX_CPUS, an ID of 0xFFFFFFFF or one that appears twice,
 * a mailbox not 4 KiB-aligned, a MADT already added, or a finished
 * builder.  TDX_SW_ACPI_TOO_MANY_TABLES, TDX_SW_BUFFER_TOO_SMALL.
 */
uint64_t tdx_acpi_add_madt(struct tdx_acpi_builder *b, const uint32_t *x2apic_ids, uint32_t count,
			   uint64_t mailbox_pa);

/*
 * Add a CCEL (revision 1, CC Type TDX, subtype 0): the event log is at
 * physical address `lasa` (Log Area Start Address) and spans at least
 * `laml` bytes (Log Area Minimum Length; the OS exposes exactly that many).
 * TDX_SW_INVALID_ARGUMENT: lasa or laml 0, lasa + laml past 2^64, a CCEL
 * already added, a finished builder.  TDX_SW_ACPI_TOO_MANY_TABLES,
 * TDX_SW_BUFFER_TOO_SMALL.
 */
uint64_t tdx_acpi_add_ccel(struct tdx_acpi_builder *b, uint64_t lasa, uint64_t laml);

/*
 * Add a table the caller made (an SSDT, an FADT a VMM gave, an OEM table):
 * `len` bytes at `table` are copied as they are, but for the Checksum,
 * which the builder computes.  The table's Length field must equal `len`
 * (36 <= len <= TDX_ACPI_TABLE_MAX_LENGTH).  Refused
 * (TDX_SW_INVALID_ARGUMENT): the signatures the builder owns ("XSDT",
 * "RSDT", "RSD "), a second table with the signature of one already added
 * ("SSDT" excepted: ACPI allows many), a finished builder.  Every table
 * added is listed in the XSDT, so a DSDT or FACS, which the FADT points
 * to instead, does not belong here.  TDX_SW_ACPI_TOO_MANY_TABLES,
 * TDX_SW_BUFFER_TOO_SMALL.
 */
uint64_t tdx_acpi_add_table(struct tdx_acpi_builder *b, const void *table, size_t len);

/*
 * Finish: write the XSDT (revision 1) listing every table in the order
 * added, then the RSDP (revision 2, RsdtAddress 0, both checksums), and
 * return the RSDP's physical address in *rsdp_pa: what the OS is handed
 * (a boot-info field, an EFI configuration table entry, a copy in the
 * 0xE0000-0xFFFFF window).  TDX_SW_INVALID_ARGUMENT for a NULL argument or
 * a builder already finished; TDX_SW_BUFFER_TOO_SMALL when the XSDT and
 * RSDP do not fit (nothing written: *rsdp_pa untouched).
 */
uint64_t tdx_acpi_finish(struct tdx_acpi_builder *b, uint64_t *rsdp_pa);

/* ---- finding ---------------------------------------------------------------- */

/*
 * How the finder reads physical memory: return a pointer through which the
 * `len` bytes at physical address `pa` can be read, or NULL when they are
 * not memory the caller lets it read (not mapped, not RAM, past a buffer).
 * It is asked once for each range it reads, never for more than
 * TDX_ACPI_TABLE_MAX_LENGTH bytes.  A NULL callback means identity (the
 * pointer is the address), refusing only pa 0 and ranges that wrap.  It
 * runs on the finder's stack (count its use on top of the finder's).
 */
typedef const void *(*tdx_acpi_map_fn)(void *ctx, uint64_t pa, uint64_t len);

/*
 * The sum of `len` bytes at `p`, modulo 256: 0 for a table whose checksum
 * is right.
 */
uint8_t tdx_acpi_checksum(const void *p, size_t len);

/*
 * Validate an RSDP: signature "RSD PTR " (TDX_SW_ACPI_BAD_SIGNATURE), the
 * checksum of bytes 0..19 (TDX_SW_ACPI_BAD_CHECKSUM), revision 2 or above
 * (TDX_SW_ACPI_BAD_REVISION: a revision 0 RSDP has no XSDT), Length at
 * least 36 (TDX_SW_ACPI_BAD_LENGTH), the extended checksum of the 36
 * bytes (TDX_SW_ACPI_BAD_CHECKSUM), an XSDT address other than 0
 * (TDX_SW_ACPI_BAD_ADDRESS); in that order.  Reads exactly 36 bytes.
 * TDX_SW_INVALID_ARGUMENT for NULL.
 */
uint64_t tdx_acpi_check_rsdp(const struct tdx_acpi_rsdp *rsdp);

/*
 * Find the `instance`-th (0: the first) table with `signature` (4 bytes,
 * e.g. TDX_ACPI_SIG_MADT) among those the XSDT of `rsdp` lists, through
 * `map` (NULL: identity) and its `ctx`.  On TDX_SUCCESS, *table points at
 * the whole table, whose length and checksum were checked: the caller may
 * read header.length bytes of it, and for "APIC" at least 44, for "CCEL"
 * at least 56, for "XSDT" a whole number of entries.  *table is written
 * only on success.  Each step is checked before the next byte is read:
 *  - the RSDP, as tdx_acpi_check_rsdp();
 *  - the XSDT: 36 bytes mapped, signature "XSDT", 36 <= Length <=
 *    36 + 8 * TDX_ACPI_XSDT_MAX_ENTRIES and 36 + 8n, Length bytes mapped,
 *    checksum;
 *  - each entry in order (an entry of 0 is skipped): its 36-byte header
 *    mapped, and for a matching signature, 36 (or the type's minimum)
 *    <= Length <= TDX_ACPI_TABLE_MAX_LENGTH, Length bytes mapped, checksum.
 * Tables with other signatures are not read beyond their signature.
 * Refusals: TDX_SW_INVALID_ARGUMENT (NULL rsdp, signature or table), the
 * RSDP's, TDX_SW_ACPI_BAD_ADDRESS (map refused a range),
 * TDX_SW_ACPI_BAD_SIGNATURE (XSDT), TDX_SW_ACPI_BAD_LENGTH,
 * TDX_SW_ACPI_BAD_CHECKSUM, TDX_SW_ACPI_NOT_FOUND (no such table).
 */
uint64_t tdx_acpi_find_table(const struct tdx_acpi_rsdp *rsdp, const char signature[4], unsigned instance,
			     tdx_acpi_map_fn map, void *ctx, const struct tdx_acpi_sdt_header **table);

/*
 * Entry `index` of a checked XSDT (from tdx_acpi_find_table(.., "XSDT",
 * ..)), read with a byte copy.  0 when index is past the last entry.
 */
uint64_t tdx_acpi_xsdt_entry(const struct tdx_acpi_xsdt *xsdt, uint32_t index);

/* ---- reading a MADT ------------------------------------------------------- */

/*
 * Iterates over a MADT's Interrupt Controller Structures.  The MADT must
 * be readable for its header's Length (one tdx_acpi_find_table() returned
 * is); the Length is read once, at init.
 */
struct tdx_acpi_madt_iter {
	const uint8_t *table;
	uint32_t length;		/* the MADT's Length, read at init */
	uint32_t offset;		/* of the next structure */
};

/*
 * Start iterating: TDX_SW_INVALID_ARGUMENT for NULL, TDX_SW_ACPI_BAD_SIGNATURE
 * unless "APIC", TDX_SW_ACPI_BAD_LENGTH unless 44 <= Length <=
 * TDX_ACPI_TABLE_MAX_LENGTH.  Does not check the checksum (the finder did).
 */
uint64_t tdx_acpi_madt_iter_init(struct tdx_acpi_madt_iter *it, const struct tdx_acpi_madt *madt);

/*
 * The next structure: TDX_SUCCESS with *entry pointing at it, or with
 * *entry NULL after the last one.  TDX_SW_ACPI_BAD_ENTRY when the rest of
 * the table cannot hold the next structure: fewer than 2 bytes left, a
 * Length below 2 or past the table's end, or a Length below the size of
 * its type's struct here (8 for type 0, 16 for types 9 and 0x10), so an
 * entry returned can be read as its type's struct.  The iterator stays at
 * a bad structure (each call returns the same refusal).  Every call
 * advances by 2 bytes or more, so a table takes at most Length / 2 calls.
 */
uint64_t tdx_acpi_madt_next(struct tdx_acpi_madt_iter *it, const struct tdx_acpi_madt_entry **entry);

/*
 * The mailbox of the MADT's (first) Multiprocessor Wakeup structure: its
 * physical address in *mailbox and, when `version` is not NULL, its
 * MailBoxVersion.  TDX_SW_ACPI_NOT_FOUND when there is none or its
 * MailBoxAddress is 0 (an OS that cannot hand processors back zeroes it);
 * TDX_SW_ACPI_BAD_ENTRY for a mailbox not 4 KiB-aligned or a malformed
 * table (as tdx_acpi_madt_next(), over the whole table first);
 * tdx_acpi_madt_iter_init()'s refusals.  Outputs are written only on
 * success.
 */
uint64_t tdx_acpi_madt_mp_wakeup(const struct tdx_acpi_madt *madt, uint64_t *mailbox, uint16_t *version);

/*
 * The APIC IDs of the enabled processors (flag TDX_ACPI_MADT_ENABLED) in
 * table order: the x2APIC ID of each Processor Local x2APIC structure and
 * the APIC ID of each Processor Local APIC structure (what other firmware
 * publishes for IDs below 255).  On TDX_SUCCESS ids[0..*count) are they;
 * TDX_SW_BUFFER_TOO_SMALL when more than `cap`, with *count the number
 * needed and ids[] untouched.  The whole table is checked before anything
 * is written (refusals as tdx_acpi_madt_mp_wakeup()); TDX_SW_INVALID_ARGUMENT
 * for NULL count, or NULL ids with cap > 0.
 */
uint64_t tdx_acpi_madt_apic_ids(const struct tdx_acpi_madt *madt, uint32_t *ids, uint32_t cap,
				uint32_t *count);

#ifdef __cplusplus
}
#endif

#endif /* TDX_ACPI_H */
