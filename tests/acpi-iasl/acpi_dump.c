/* SPDX-License-Identifier: MIT */
/*
 * acpi_dump DIR: build a TD's tables with libtdx (MADT with four x2APIC
 * entries and a Multiprocessor Wakeup structure, CCEL, XSDT, RSDP) and
 * write each to DIR as the binary file iasl -d disassembles: xsdt.dat,
 * apic.dat, ccel.dat; and apic-x2.dat, a MADT without the wakeup
 * structure.  Also rsdp.dat, which Debian 12's iasl does not take.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <tdx/acpi.h>

#define BASE 0x7F000000ull

static uint8_t mem[4096], mem2[1024];

static int write_file(const char *dir, const char *name, const void *p, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const uint32_t ids[] = { 0, 1, 2, 300 };
	struct tdx_acpi_builder b, b2;
	const struct tdx_acpi_rsdp *rsdp;
	uint64_t rsdp_pa = 0, status;
	const uint8_t *xsdt;
	int bad = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: acpi_dump DIR\n");
		return 2;
	}
	if ((status = tdx_acpi_builder_init(&b, mem, sizeof(mem), BASE)) != TDX_SUCCESS ||
	    (status = tdx_acpi_add_madt(&b, ids, 4, 0x7E000000)) != TDX_SUCCESS ||
	    (status = tdx_acpi_add_ccel(&b, 0x7D000000, 0x10000)) != TDX_SUCCESS ||
	    (status = tdx_acpi_finish(&b, &rsdp_pa)) != TDX_SUCCESS ||
	    (status = tdx_acpi_builder_init(&b2, mem2, sizeof(mem2), BASE)) != TDX_SUCCESS ||
	    (status = tdx_acpi_add_madt(&b2, ids, 4, 0)) != TDX_SUCCESS) {
		fprintf(stderr, "acpi_dump: %s\n", tdx_strerror(status));
		return 1;
	}
	rsdp = (const struct tdx_acpi_rsdp *)(mem + (rsdp_pa - BASE));
	xsdt = mem + (rsdp->xsdt_address - BASE);
	bad |= write_file(argv[1], "rsdp.dat", rsdp, sizeof(*rsdp));
	bad |= write_file(argv[1], "xsdt.dat", xsdt, ((const struct tdx_acpi_sdt_header *)xsdt)->length);
	bad |= write_file(argv[1], "apic.dat", mem + (b.table_pa[0] - BASE), 44 + 4 * 16 + 16);
	bad |= write_file(argv[1], "ccel.dat", mem + (b.table_pa[1] - BASE), 56);
	bad |= write_file(argv[1], "apic-x2.dat", mem2, 44 + 4 * 16);
	return bad;
}
