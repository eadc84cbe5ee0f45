/* SPDX-License-Identifier: MIT */
/*
 * tdboot loads, measures and starts its payload (payload.h): what TDVF does
 * for an OS loader, in a few hundred lines.  The measurements go into the
 * RTMRs with a TCG2 event log beside them (libtdx's tdx/eventlog.h), which
 * the CCEL table points at; the payload gets the hand-off of bootinfo.h.
 *
 * What is measured, in order (CC MR index = RTMR + 1, tdx/eventlog.h):
 *   MR 1 (RTMR[0])  EV_PLATFORM_CONFIG_FLAGS   the memory map tdboot hands over
 *                                               (its configuration, as TDVF
 *                                               measures its TD HOB into RTMR[0])
 *   MR 2 (RTMR[1])  EV_EFI_PLATFORM_FIRMWARE_BLOB2  the payload ELF file, as carried
 *   MR 1, MR 2      EV_SEPARATOR (u32 0)       end of tdboot's measurements
 *
 * The payload ELF comes from tdboot's own image, itself measured into MRTD
 * (TDVF metadata, MR.EXTEND): it is still parsed as untrusted input.
 */
#include <stddef.h>
#include <tdx/tdx.h>

#include "bootinfo.h"
#include "payload.h"

/* payload_blob.S */
extern const uint8_t tdboot_payload_elf[], tdboot_payload_elf_end[];

static uint8_t log_area[TDBOOT_LOG_SIZE] __attribute__((aligned(4096)));
static struct tdx_eventlog evlog;
static struct tdboot_boot_info info;
static uint64_t entry;
static bool measured;

/* ELF64 (System V ABI, ELF-64 Object File Format): the fields tdboot reads. */
#define EHDR_SIZE   64
#define PHDR_SIZE   56
#define PT_LOAD     1
#define PF_X        1

static uint64_t get(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void say(const struct console *con, const char *what, uint64_t status)
{
	con_puts(con, "tdboot: payload: ");
	con_puts(con, what);
	if (status != TDX_SUCCESS) {
		con_puts(con, ": ");
		con_puts(con, tdx_strerror(status));
	}
	con_puts(con, "\n");
}

static bool in_region(uint64_t addr, uint64_t len)
{
	return addr >= TDBOOT_PAYLOAD_REGION && len <= TDBOOT_PAYLOAD_REGION_SIZE &&
	       addr - TDBOOT_PAYLOAD_REGION <= TDBOOT_PAYLOAD_REGION_SIZE - len;
}

/*
 * Check the ELF header and every PT_LOAD: inside the file, inside the
 * payload region; the entry point in an executable segment.  load: copy
 * them too (file bytes, then zeros up to p_memsz).
 */
static bool elf_segments(const struct console *con, const uint8_t *elf, uint64_t size, bool load)
{
	uint64_t phoff, phnum;
	bool entry_ok = false;

	if (size < EHDR_SIZE || get(elf, 4) != 0x464c457fu || elf[4] != 2 || elf[5] != 1 ||
	    get(elf + 16, 2) != 2 /* ET_EXEC */ || get(elf + 18, 2) != 62 /* EM_X86_64 */ ||
	    get(elf + 54, 2) != PHDR_SIZE) {
		say(con, "not an ELF64 x86-64 executable", TDX_SUCCESS);
		return false;
	}
	entry = get(elf + 24, 8);
	phoff = get(elf + 32, 8);
	phnum = get(elf + 56, 2);
	if (phoff > size || phnum * PHDR_SIZE > size - phoff) {
		say(con, "program headers past the end of the file", TDX_SUCCESS);
		return false;
	}
	for (uint64_t i = 0; i < phnum; i++) {
		const uint8_t *ph = elf + phoff + i * PHDR_SIZE;
		uint64_t flags = get(ph + 4, 4), off = get(ph + 8, 8), vaddr = get(ph + 16, 8);
		uint64_t filesz = get(ph + 32, 8), memsz = get(ph + 40, 8);

		if (get(ph, 4) != PT_LOAD || memsz == 0)
			continue;
		if (filesz > memsz || off > size || filesz > size - off || !in_region(vaddr, memsz)) {
			say(con, "a segment outside the file or the payload region", TDX_SUCCESS);
			return false;
		}
		if ((flags & PF_X) && entry >= vaddr && entry - vaddr < memsz)
			entry_ok = true;
		if (load) {
			uint8_t *dst = (uint8_t *)(uintptr_t)vaddr;

			for (uint64_t b = 0; b < memsz; b++)
				dst[b] = b < filesz ? elf[off + b] : 0;
		}
	}
	if (!entry_ok) {
		say(con, "entry point not in an executable segment", TDX_SUCCESS);
		return false;
	}
	return true;
}

/* The memory map tdboot hands over (bootinfo.h). */
static void build_memmap(void)
{
	static const struct tdboot_mem_range map[] = {
		{ TDBOOT_PAYLOAD_REGION, TDBOOT_PAYLOAD_REGION_SIZE, TDBOOT_MEM_RAM, 0 },
		{ TDBOOT_PAYLOAD_REGION + TDBOOT_PAYLOAD_REGION_SIZE,
		  TDBOOT_RAM_END - TDBOOT_PAYLOAD_REGION - TDBOOT_PAYLOAD_REGION_SIZE, TDBOOT_MEM_UNACCEPTED, 0 },
	};
	unsigned n = 0;

	for (; n < sizeof(map) / sizeof(map[0]); n++)
		info.memmap[n] = map[n];
	info.memmap[n++] = (struct tdboot_mem_range){ tdx_va_to_gpa(log_area), TDBOOT_LOG_SIZE, TDBOOT_MEM_ACPI, 0 };
	info.memmap_entries = n;
}

/* UEFI_PLATFORM_FIRMWARE_BLOB2 (TCG PC Client PFP): description, base, length. */
#define BLOB_DESC "tdboot payload"
struct __attribute__((packed)) blob2 {
	uint8_t desc_size;
	char desc[sizeof(BLOB_DESC)];	/* with its NUL */
	uint64_t base;
	uint64_t length;
};

/* The memory map event's data: what it is, then the entries measured. */
static const char memmap_event[] = "tdboot memory map v1";

static bool measure(const struct console *con, const uint8_t *elf, uint64_t size)
{
	struct blob2 blob = { sizeof(BLOB_DESC), BLOB_DESC, tdx_va_to_gpa(elf), size };
	static const uint32_t separator;
	uint64_t status;

	status = tdx_eventlog_init(&evlog, log_area, sizeof(log_area));
	if (status == TDX_SUCCESS)
		status = tdx_eventlog_append(&evlog, TDX_CC_MR_RTMR0, TDX_EV_PLATFORM_CONFIG_FLAGS,
					     info.memmap, info.memmap_entries * sizeof(info.memmap[0]),
					     memmap_event, sizeof(memmap_event));
	if (status == TDX_SUCCESS)
		status = tdx_eventlog_append(&evlog, TDX_CC_MR_RTMR1, TDX_EV_EFI_PLATFORM_FIRMWARE_BLOB2,
					     elf, size, &blob, sizeof(blob));
	for (uint32_t mr = TDX_CC_MR_RTMR0; mr <= TDX_CC_MR_RTMR1 && status == TDX_SUCCESS; mr++)
		status = tdx_eventlog_append(&evlog, mr, TDX_EV_SEPARATOR, &separator, sizeof(separator),
					     &separator, sizeof(separator));
	if (status != TDX_SUCCESS) {
		say(con, "measuring", status);
		return false;
	}
	con_puts(con, "tdboot: measured the memory map into RTMR[0], the payload (");
	con_dec(con, size);
	con_puts(con, " bytes) into RTMR[1]; event log ");
	con_dec(con, evlog.len);
	con_puts(con, " bytes at ");
	con_hex(con, tdx_va_to_gpa(log_area));
	con_puts(con, "\n");
#ifdef TDBOOT_TAMPER_LOG
	/* Test build: the log lies about the payload by one digest byte. */
	log_area[TDX_EVENTLOG_SPEC_ID_SIZE + TDX_EVENTLOG_EVENT_HEADER + sizeof(memmap_event) + 14] ^= 0x01;
	con_puts(con, "tdboot: test build: flipped one byte of the payload's digest in the log\n");
#endif
	return true;
}

bool tdboot_load_payload(const struct console *con, uint64_t *lasa, uint64_t *laml)
{
	const uint8_t *elf = tdboot_payload_elf;
	uint64_t size = (uint64_t)(tdboot_payload_elf_end - tdboot_payload_elf), status;

	*lasa = *laml = 0;
	if (!elf_segments(con, elf, size, false))
		return false;
	build_memmap();
	if (con->td) {
		status = tdx_accept_memory(TDBOOT_PAYLOAD_REGION, TDBOOT_PAYLOAD_REGION + TDBOOT_PAYLOAD_REGION_SIZE);
		if (status != TDX_SUCCESS) {
			say(con, "accepting its region", status);
			return false;
		}
		if (!measure(con, elf, size))
			return false;
		measured = true;
		info.eventlog_gpa = *lasa = tdx_va_to_gpa(log_area);
		info.eventlog_size = *laml = sizeof(log_area);
		info.eventlog_length = evlog.len;
	}
	elf_segments(con, elf, size, true);
	info.payload_gpa = tdx_va_to_gpa(elf);
	info.payload_size = size;
	con_puts(con, "tdboot: payload loaded at ");
	con_hex(con, TDBOOT_PAYLOAD_REGION);
	con_puts(con, ", entry ");
	con_hex(con, entry);
	con_puts(con, "\n");
	return true;
}

void tdboot_start_payload(const struct console *con, uint64_t rsdp_gpa)
{
	if (!entry)
		return;
	info.magic = TDBOOT_BOOT_INFO_MAGIC;
	info.version = TDBOOT_BOOT_INFO_VERSION;
	info.rsdp_gpa = rsdp_gpa;
	con_puts(con, "tdboot: starting the payload\n");
	/* As if called: RSP 16-aligned before the call pushes the return address. */
	__asm__ volatile("and $-16, %%rsp\n\tcall *%3\n\tud2"
			 : : "D"(tdx_va_to_gpa(&info)), "S"(TDBOOT_BOOT_INFO_MAGIC), "d"((uint64_t)measured),
			   "r"(entry) : "memory");
	__builtin_unreachable();
}
