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

#include "example.h"
#include "tdboot.h"

#define COM1 0x3F8
#define UART_THR 0	/* transmit holding register */
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define UART_DLL 0	/* with LCR.DLAB */
#define UART_DLM 1
#define UART_LCR_DLAB 0x80
#define UART_LCR_8N1 0x03
#define UART_TX_SPINS 10000	/* the VMM answers LSR: never wait on it forever */
#define CR4_LA57 (1ull << 12)

struct console {
	bool td;	/* true: port I/O through TDG.VP.VMCALL; false: IN/OUT */
};

static uint8_t raw_inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static void raw_outb(uint8_t value, uint16_t port)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static uint8_t con_inb(const struct console *con, uint16_t port)
{
	return con->td ? tdx_inb(port) : raw_inb(port);
}

static void con_outb(const struct console *con, uint8_t value, uint16_t port)
{
	if (con->td)
		tdx_outb(value, port);
	else
		raw_outb(value, port);
}

/* 115200 8N1, FIFO on, interrupts off. */
static void uart_init(const struct console *con)
{
	con_outb(con, 0x00, COM1 + UART_IER);
	con_outb(con, UART_LCR_DLAB, COM1 + UART_LCR);
	con_outb(con, 1, COM1 + UART_DLL);
	con_outb(con, 0, COM1 + UART_DLM);
	con_outb(con, UART_LCR_8N1, COM1 + UART_LCR);
	con_outb(con, 0x07, COM1 + UART_FCR);
	con_outb(con, 0x03, COM1 + UART_MCR);	/* DTR, RTS */
}

static void con_putc(const struct console *con, char c)
{
	unsigned spins;

	for (spins = 0; spins < UART_TX_SPINS; spins++)
		if (con_inb(con, COM1 + UART_LSR) & UART_LSR_THRE)
			break;
	con_outb(con, (uint8_t)c, COM1 + UART_THR);
}

static void con_puts(const struct console *con, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			con_putc(con, '\r');
		con_putc(con, *s);
	}
}

static void con_hex(const struct console *con, uint64_t value)
{
	static const char digits[] = "0123456789abcdef";
	char buf[19];
	int i = (int)sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = digits[value & 0xF];
		value >>= 4;
	} while (value && i > 2);
	buf[--i] = 'x';
	buf[--i] = '0';
	con_puts(con, &buf[i]);
}

static void con_dec(const struct console *con, uint64_t value)
{
	char buf[21];
	int i = (int)sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + value % 10);
		value /= 10;
	} while (value && i > 0);
	con_puts(con, &buf[i]);
}

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
	if (con.td) {
		/* Plain IN/OUT on this console: in a TD each one is a #VE. */
		struct console plain = { .td = false };

		ex_install_ve_handler();	/* examples/common/idt.c */
		con_puts(&con, "tdboot: #VE handler installed: IDT vector 20 -> tdx_ve_entry\n");
		con_puts(&plain, "tdboot: this line went out through plain IN/OUT instructions, one #VE each\n");
	}
	con_puts(&con, ok ? "tdboot: done, exiting through isa-debug-exit\n"
			  : "tdboot: FAILED, exiting through isa-debug-exit\n");
	debug_exit(&con, ok ? TDBOOT_EXIT_OK : TDBOOT_EXIT_FAILED);
}
