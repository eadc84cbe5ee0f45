/* SPDX-License-Identifier: MIT */
/*
 * tdboot's C: the same code runs in a TD and in a normal VM.  It asks the
 * CPU which one it is in (tdx_is_td(): CPUID leaf 0x21, safe anywhere), then
 * talks to COM1 through libtdx (GHCI Instruction.IO) in a TD and through
 * plain IN/OUT otherwise, prints a greeting, checks what the start code set
 * up (paging depth, the data window), and in a TD prints the TDG.VP.INFO
 * fields and installs libtdx's #VE handler, after which plain IN/OUT work
 * too.  It leaves through QEMU's isa-debug-exit port.
 */
#include <stdbool.h>
#include <stdint.h>
#include <tdx/tdx.h>

#include "console.h"
#include "example.h"
#include "smp.h"
#include "tables.h"
#include "payload.h"
#include "tdboot.h"

#define CR4_LA57 (1ull << 12)

static const char *start_name(uint32_t start)
{
	switch (start) {
	case TDBOOT_START_REAL16:
		return "16-bit real mode at 0xfffffff0";
	case TDBOOT_START_TD:
		return "32-bit protected mode at 0xfffffff0 (TD reset state)";
	case TDBOOT_START_SIM:
		return "64-bit mode past the reset vector (tdx-sim)";
	default:
		return "an unknown start";
	}
}

/*
 * .data/.bss live in TempMem but are linked at the data window (firmware:
 * linker/tdboot.ld).  The probe's initial value proves reset.S copied .data
 * from the image; then write through the linked address and read back
 * through the identity mapping of the GPA that tdx_va_to_gpa() names: the
 * page tables and the translation libtdx uses agree, or tdboot says so.
 */
#define PROBE_INITIAL 0x7db0da7au
#define PROBE_WRITTEN 0x7db0070du
static volatile uint32_t window_probe = PROBE_INITIAL;

static bool check_data_window(const struct console *con)
{
	uint64_t gpa = tdx_va_to_gpa((const void *)&window_probe);
	volatile uint32_t *at_gpa = (volatile uint32_t *)(uintptr_t)gpa;

	con_puts(con, "tdboot: .data at ");
	con_hex(con, (uint64_t)(uintptr_t)&window_probe);
	con_puts(con, " is GPA ");
	con_hex(con, gpa);
	if (window_probe != PROBE_INITIAL) {
		con_puts(con, ": not initialized from the image\n");
		return false;
	}
	window_probe = PROBE_WRITTEN;
	if (*at_gpa != PROBE_WRITTEN) {
		con_puts(con, ": the two mappings disagree\n");
		return false;
	}
	con_puts(con, ": initialized, same bytes through both mappings\n");
	return true;
}

static uint64_t read_cr4(void)
{
	uint64_t cr4;

	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	return cr4;
}

/*
 * TDG.VP.INFO, printed field by field; false if the call failed or its GPA
 * width is not the one the vCPU started with (RBX at reset).
 */
static bool print_td_info(const struct console *con, uint32_t start_gpaw)
{
	struct tdx_td_info info;
	uint64_t status = tdg_vp_info(&info);

	if (status != TDX_SUCCESS) {
		con_puts(con, "tdboot: TDG.VP.INFO failed: ");
		con_puts(con, tdx_strerror(status));
		con_puts(con, "\n");
		return false;
	}
	con_puts(con, "tdboot: TDG.VP.INFO: gpaw=");
	con_dec(con, info.gpaw);
	con_puts(con, " attributes=");
	con_hex(con, info.attributes);
	con_puts(con, " num_vcpus=");
	con_dec(con, info.num_vcpus);
	con_puts(con, " max_vcpus=");
	con_dec(con, info.max_vcpus);
	con_puts(con, " vcpu_index=");
	con_dec(con, info.vcpu_index);
	con_puts(con, " sys_rd=");
	con_puts(con, info.sys_rd_available ? "yes" : "no");
	con_puts(con, "\n");
	if (info.gpaw != start_gpaw) {
		con_puts(con, "tdboot: but the vCPU started with GPA width ");
		con_dec(con, start_gpaw);
		con_puts(con, "\n");
		return false;
	}
	return true;
}

/*
 * Publish the ACPI tables the next stage reads (tables.c): the MADT with
 * every vCPU and the wakeup mailbox (smp.c), found again through the RSDP
 * to show the two sides agree.
 */
static bool publish_tables(const struct console *con, uint64_t lasa, uint64_t laml, uint64_t *rsdp)
{
	struct tdboot_tables t = { .ccel_lasa = lasa, .ccel_laml = laml };
	const struct tdx_acpi_sdt_header *madt = NULL;
	uint64_t rsdp_gpa = 0, status;

	tdboot_smp_describe(&t);	/* smp.c: every vCPU's x2APIC ID, the wakeup mailbox */
	status = tdboot_publish_tables(&t, &rsdp_gpa);

	/* The finder reads through the identity mapping of 0-4 GiB (map NULL). */
	if (status == TDX_SUCCESS)
		status = tdx_acpi_find_table((const struct tdx_acpi_rsdp *)(uintptr_t)rsdp_gpa, "APIC", 0,
					     NULL, NULL, &madt);
	if (status != TDX_SUCCESS) {
		con_puts(con, "tdboot: ACPI tables: ");
		con_puts(con, tdx_strerror(status));
		con_puts(con, "\n");
		return false;
	}
	con_puts(con, "tdboot: ACPI: RSDP at ");
	con_hex(con, rsdp_gpa);
	con_puts(con, ", MADT at ");
	con_hex(con, (uint64_t)(uintptr_t)madt);
	con_puts(con, "\n");
	*rsdp = rsdp_gpa;
	return true;
}

/* QEMU isa-debug-exit: the process exits with (value << 1) | 1. */
static __attribute__((noreturn)) void debug_exit(const struct console *con, uint8_t value)
{
	con_outb(con, value, TDBOOT_DEBUG_EXIT_PORT);
	/* No such device: stop here, interrupts blocked. */
	for (;;) {
		if (con->td)
			tdx_halt();
		else
			__asm__ volatile("cli; hlt");
	}
}

void tdboot_main(uint32_t start, uint32_t gpaw, uint32_t vcpu_index,
		 uint32_t levels, uint64_t td_hob)
{
	/*
	 * tdx-sim runs CPUID on the host CPU, so there tdx_is_td() answers for
	 * the host; the simulator is a TD by construction.
	 */
	bool cpuid_td = tdx_is_td();
	struct console con = { .td = start == TDBOOT_START_SIM ? true : cpuid_td };
	bool ok = true;
	uint64_t lasa = 0, laml = 0, rsdp = 0;

	uart_init(&con);
	con_puts(&con, con.td ? "tdboot: hello from a TD\n"
			      : "tdboot: hello from a normal VM (not a TD)\n");
	con_puts(&con, "tdboot: started in ");
	con_puts(&con, start_name(start));
	con_puts(&con, ", vCPU ");
	con_dec(&con, vcpu_index);
	con_puts(&con, "\n");
	if (start != TDBOOT_START_SIM) {
		con_puts(&con, "tdboot: long mode, ");
		con_dec(&con, levels);
		con_puts(&con, "-level paging, GPA width ");
		con_dec(&con, gpaw);
		if (start == TDBOOT_START_TD) {
			con_puts(&con, ", TD HOB at ");
			con_hex(&con, td_hob);
		}
		con_puts(&con, "\n");
		if (!!(read_cr4() & CR4_LA57) != (levels == 5)) {
			con_puts(&con, "tdboot: the paging depth and CR4.LA57 disagree\n");
			ok = false;
		}
	}
	if (!check_data_window(&con))
		ok = false;
	con_puts(&con, "tdboot: tdx_is_td() (CPUID leaf 0x21): ");
	con_puts(&con, cpuid_td ? "yes\n" : "no\n");
	if (start != TDBOOT_START_SIM && (start == TDBOOT_START_TD) != cpuid_td) {
		con_puts(&con, "tdboot: the start state and CPUID leaf 0x21 disagree\n");
		ok = false;
	}
	if (con.td && !print_td_info(&con, gpaw))
		ok = false;
	if (con.td && !tdboot_smp_start(&con, start, td_hob))
		ok = false;
#ifdef TDBOOT_WITH_PAYLOAD
	if (!tdboot_load_payload(&con, &lasa, &laml))	/* payload.c */
		ok = false;
#endif
	if (!publish_tables(&con, lasa, laml, &rsdp) || !tdboot_smp_wake(&con))
		ok = false;
	if (con.td) {
		/* Plain IN/OUT on this console: in a TD each one is a #VE. */
		struct console plain = { .td = false };

		ex_install_ve_handler();	/* examples/common/idt.c */
		con_puts(&con, "tdboot: #VE handler installed: IDT vector 20 -> tdx_ve_entry\n");
		con_puts(&plain, "tdboot: this line went out through plain IN/OUT instructions, one #VE each\n");
	}
#ifdef TDBOOT_WITH_PAYLOAD
	if (ok)
		tdboot_start_payload(&con, rsdp);	/* does not return */
#endif
	con_puts(&con, ok ? "tdboot: done, exiting through isa-debug-exit\n"
			  : "tdboot: FAILED, exiting through isa-debug-exit\n");
	debug_exit(&con, ok ? TDBOOT_EXIT_OK : TDBOOT_EXIT_FAILED);
}
