/* SPDX-License-Identifier: MIT */
/*
 * The payload tdboot carries, loads, measures and starts (docs/tdboot.md):
 * it prints the hand-off it received (examples/tdboot/bootinfo.h), finds
 * the CCEL through the RSDP, replays the event log the CCEL points at,
 * reads its TDREPORT and says whether the replayed RTMRs equal the
 * report's.  It also prints the log as hex ("eventlog:" lines), so a test
 * on the host can hand the same bytes to tpm2_eventlog.
 *
 * Linked for TDX_PAYLOAD_BASE 0x2000000, the region tdboot loads into.
 * Exit (isa-debug-exit): 0x10 match, 0x11 mismatch, 0x12 anything else.
 */
#include <stdbool.h>
#include <stdint.h>
#include <tdx/tdx.h>

#include "bootinfo.h"
#include "example.h"

#define EXIT_MATCH    0x10
#define EXIT_MISMATCH 0x11
#define EXIT_FAILED   0x12

static _Alignas(1024) struct tdx_report report;
static struct tdx_eventlog_replay rep;

static const char *const mem_type[] = { "?", "RAM", "reserved", "ACPI", "unaccepted" };

static void hex(const uint8_t *p, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		ex_printf("%02x", p[i]);
}

static __attribute__((noreturn)) void fail(const char *what, uint64_t status)
{
	ex_printf("payload: %s: %s\n", what, tdx_strerror(status));
	ex_exit(EXIT_FAILED);
}

static const struct tdx_acpi_ccel *find_ccel(uint64_t rsdp)
{
	const struct tdx_acpi_sdt_header *t = NULL;
	uint64_t status = tdx_acpi_find_table((const struct tdx_acpi_rsdp *)(uintptr_t)rsdp, "CCEL", 0,
					      NULL, NULL, &t);

	if (status != TDX_SUCCESS)
		fail("no CCEL through the RSDP", status);
	return (const struct tdx_acpi_ccel *)t;
}

__attribute__((noreturn)) void _start(const struct tdboot_boot_info *bi, uint64_t magic, uint64_t measured)
{
	const struct tdx_acpi_ccel *ccel;
	const uint8_t *log;
	uint64_t status, laml, lasa;
	bool match;

	ex_printf("payload: started, boot info at %p, magic %s, %s\n", (const void *)bi,
		  magic == TDBOOT_BOOT_INFO_MAGIC && bi->magic == magic ? "ok" : "WRONG",
		  measured ? "measured" : "not measured");
	if (magic != TDBOOT_BOOT_INFO_MAGIC || bi->magic != magic || bi->version != TDBOOT_BOOT_INFO_VERSION)
		ex_exit(EXIT_FAILED);
	ex_printf("payload: RSDP at %#llx, event log at %#llx (%llu of %llu bytes)\n",
		  (unsigned long long)bi->rsdp_gpa, (unsigned long long)bi->eventlog_gpa,
		  (unsigned long long)bi->eventlog_length, (unsigned long long)bi->eventlog_size);
	for (uint32_t i = 0; i < bi->memmap_entries && i < TDBOOT_MEMMAP_MAX; i++) {
		const struct tdboot_mem_range *m = &bi->memmap[i];

		ex_printf("payload: memory [%#llx, %#llx) %s\n", (unsigned long long)m->base,
			  (unsigned long long)(m->base + m->length),
			  m->type < sizeof(mem_type) / sizeof(mem_type[0]) ? mem_type[m->type] : "?");
	}
	if (!measured) {
		ex_printf("payload: no measurements to check (not a TD)\n");
		ex_exit(EXIT_FAILED);
	}

	/* The log as a verifier finds it: RSDP -> XSDT -> CCEL -> LASA/LAML. */
	ccel = find_ccel(bi->rsdp_gpa);
	__builtin_memcpy(&lasa, &ccel->lasa, 8);
	__builtin_memcpy(&laml, &ccel->laml, 8);
	ex_printf("payload: CCEL: CC type %u, log area %#llx, %llu bytes%s\n", ccel->cc_type,
		  (unsigned long long)lasa, (unsigned long long)laml,
		  lasa == bi->eventlog_gpa && laml == bi->eventlog_size ? " (as the boot info says)"
									: " (NOT as the boot info says)");
	log = (const uint8_t *)(uintptr_t)lasa;
	status = tdx_eventlog_replay(log, laml, &rep);
	if (status != TDX_SUCCESS)
		fail("event log refused", status);
	ex_printf("payload: event log: %llu bytes, %llu events, %llu extended\n",
		  (unsigned long long)rep.length, (unsigned long long)rep.events,
		  (unsigned long long)rep.extended);
	for (uint64_t off = 0; off < rep.length; off += 32) {
		ex_printf("eventlog: ");
		hex(log + off, rep.length - off < 32 ? rep.length - off : 32);
		ex_printf("\n");
	}

	status = tdx_get_report(NULL, &report);
	if (status != TDX_SUCCESS)
		fail("TDG.MR.REPORT", status);
	match = true;
	for (int i = 0; i < TDX_NUM_RTMRS; i++) {
		bool same = __builtin_memcmp(rep.rtmr[i], report.tdinfo.rtmr[i], TDX_MEASUREMENT_SIZE) == 0;

		ex_printf("payload: RTMR[%d] replayed ", i);
		hex(rep.rtmr[i], TDX_MEASUREMENT_SIZE);
		ex_printf(same ? "\n" : " but the TDREPORT has ");
		if (!same) {
			hex(report.tdinfo.rtmr[i], TDX_MEASUREMENT_SIZE);
			ex_printf("\n");
		}
		match = match && same;
	}
	ex_printf(match ? "payload: replayed RTMRs match TDREPORT\n"
			: "payload: replayed RTMRs do NOT match TDREPORT\n");
	ex_exit(match ? EXIT_MATCH : EXIT_MISMATCH);
}
