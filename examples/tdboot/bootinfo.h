/* SPDX-License-Identifier: MIT */
/*
 * tdboot's hand-off to the payload it boots (payload.c), shared with the
 * payload (examples/tdboot-payload/).  docs/tdboot.md describes it.
 *
 * Registers at the payload's ELF entry point, in 64-bit mode, interrupts
 * off, entered as if called (RSP + 8 16-byte aligned, on tdboot's stack):
 *   RDI  GPA of a struct tdboot_boot_info (below), identity mapped
 *   RSI  TDBOOT_BOOT_INFO_MAGIC
 *   RDX  1 if tdboot measured the payload (a TD), 0 if not (a normal VM)
 * so `void _start(const struct tdboot_boot_info *, uint64_t magic,
 * uint64_t measured)` can be written in C.  All memory the map lists as
 * TDBOOT_MEM_RAM is accepted; TDBOOT_MEM_UNACCEPTED ranges are still
 * pending (TDG.MEM.PAGE.ACCEPT before use), as TDVF's TD HOB marks them.
 */
#ifndef TDBOOT_BOOTINFO_H
#define TDBOOT_BOOTINFO_H

#include <stdint.h>

#define TDBOOT_BOOT_INFO_MAGIC   0x6f666e49746f6f42ull	/* "BootInfo" */
#define TDBOOT_BOOT_INFO_VERSION 1
#define TDBOOT_MEMMAP_MAX        8

/* Memory map entry types. */
#define TDBOOT_MEM_RAM         1	/* accepted private RAM, free for the payload */
#define TDBOOT_MEM_RESERVED    2	/* tdboot's: image, data, stack */
#define TDBOOT_MEM_ACPI        3	/* ACPI tables and the event log: keep */
#define TDBOOT_MEM_UNACCEPTED  4	/* private RAM still pending: accept before use */

struct tdboot_mem_range {
	uint64_t base;		/* GPA, 4 KiB aligned */
	uint64_t length;	/* bytes, a multiple of 4 KiB */
	uint32_t type;		/* TDBOOT_MEM_* */
	uint32_t reserved;	/* 0 */
};

struct tdboot_boot_info {
	uint64_t magic;			/* TDBOOT_BOOT_INFO_MAGIC */
	uint32_t version;		/* TDBOOT_BOOT_INFO_VERSION */
	uint32_t memmap_entries;	/* used entries of memmap[] */
	uint64_t rsdp_gpa;		/* ACPI RSDP (revision 2): XSDT, MADT, CCEL */
	uint64_t eventlog_gpa;		/* the CCEL's log area (LASA) */
	uint64_t eventlog_size;		/* its size (LAML) */
	uint64_t eventlog_length;	/* bytes of log in it; zeros after them */
	uint64_t payload_gpa;		/* where the payload ELF file was measured from */
	uint64_t payload_size;		/* its size: the bytes RTMR[1]'s event covers */
	struct tdboot_mem_range memmap[TDBOOT_MEMMAP_MAX];
};

#endif /* TDBOOT_BOOTINFO_H */
