/* SPDX-License-Identifier: MIT */
/*
 * What tdx-sim adds to the model's defaults (model/): COM1 streamed to
 * stdout, QEMU's isa-debug-exit port, MMIO RAM at the start of the MMIO
 * window, and VMM answers that end, park or put to sleep a vCPU
 * (Instruction.HLT, ReportFatalError).  Models run inside the TDCALL's
 * signal handler with the model lock held; they may print, never block.
 */
#include "sim.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tdx/status.h>
#include <tdx/tdvmcall.h>

#include "tdx_harness.h"

/* ---- COM1, a 16550 whose THR goes to stdout ------------------------------ */

#define UART_THR 0	/* with DLAB = 0; DLL with DLAB = 1 */
#define UART_LCR 3
#define UART_LSR 5
#define UART_LCR_DLAB 0x80
#define UART_LSR_IDLE 0x60	/* THRE | TEMT: always ready to send */

static struct {
	uint8_t lcr;
	char buf[4096];
	size_t len;
} console;

bool sim_com1_sends(uint64_t port)
{
	return port == TDXH_COM1_PORT + UART_THR && !(console.lcr & UART_LCR_DLAB);
}

void sim_flush_console(void)
{
	size_t off = 0;

	sim_trace_com1(console.buf, console.len);

	while (off < console.len) {
		ssize_t n = write(STDOUT_FILENO, console.buf + off, console.len - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	console.len = 0;
}

static uint32_t com1_read(void *ctx, uint16_t port, unsigned size)
{
	(void)ctx;
	(void)size;
	switch (port - TDXH_COM1_PORT) {
	case UART_LCR: return console.lcr;
	case UART_LSR: return UART_LSR_IDLE;
	default:       return 0;	/* no input, no interrupts pending */
	}
}

static void com1_write(void *ctx, uint16_t port, unsigned size, uint32_t value)
{
	(void)ctx;
	(void)size;
	if (port - TDXH_COM1_PORT == UART_LCR) {
		console.lcr = (uint8_t)value;
	} else if (port == TDXH_COM1_PORT && !(console.lcr & UART_LCR_DLAB)) {
		console.buf[console.len++] = (char)value;
		if (value == '\n' || console.len == sizeof(console.buf))
			sim_flush_console();
	}
}

/* ---- isa-debug-exit ------------------------------------------------------- */

static void debug_exit_write(void *ctx, uint16_t port, unsigned size, uint32_t value)
{
	uint64_t status = ((uint64_t)value << 1) | 1;

	(void)ctx;
	(void)port;
	sim_trace_abandon("the run ends");
	sim_msg("guest wrote %#x to the isa-debug-exit port (%u byte%s): exit status %llu",
		value, size, size == 1 ? "" : "s", (unsigned long long)(status & 0xFF));
	tdxh_request_stop((int)(status & 0xFF));
}

/* ---- MMIO scratch RAM at the start of the MMIO window ---------------- */

#define MMIO_SCRATCH_SIZE 4096
static uint8_t mmio_scratch[MMIO_SCRATCH_SIZE];

/* ---- Instruction.HLT and ReportFatalError ------------------------------- */

/*
 * Interrupts blocked (R12 = 1): no interrupt wakes the vCPU, it parks for
 * good.  Unblocked (tdx_safe_halt): it returns at once if an interrupt is
 * deliverable once the VMM's background work had its turn (a GetQuote in
 * flight completes: tdxm_halt_idle), else it sleeps until one is requested
 * (an IPI, a completion another vCPU's TDCALL drives); the interrupt is
 * delivered after the TDCALL.
 */
static void vmcall_hlt(struct tdxh_vmcall *c)
{
	bool blocked = tdxh_vmm_read(c, TDXH_R12) != 0;

	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
	c->m->vmm.halts++;
	c->m->vmm.last_halt_blocked = blocked;
	if (blocked) {
		sim_vcpu_halt(true, c->view.rip);
		tdxm_request_stop(c->m, SIM_STOP_HALT);	/* the stop hook parks this vCPU */
		return;
	}
	if (tdxm_halt_idle(c->m, c->vcpu)) {
		c->m->vmm.halt_wakes++;
		return;
	}
	sim_vcpu_wait(c->view.rip);
	tdxm_request_stop(c->m, SIM_STOP_WAIT);	/* the stop hook sleeps until kicked */
}

/* The optional 64-byte message: R14, R15, RBX, RDI, RSI, R8, R9, RDX (GHCI order). */
static void fatal_message(const struct tdxh_vmcall *c, char out[65])
{
	static const enum tdxh_gpr order[8] = {
		TDXH_R14, TDXH_R15, TDXH_RBX, TDXH_RDI, TDXH_RSI, TDXH_R8, TDXH_R9, TDXH_RDX,
	};
	size_t n = 0;

	for (unsigned i = 0; i < 8; i++) {
		uint64_t v = tdxh_vmm_read(c, order[i]);
		for (unsigned b = 0; b < 8; b++, v >>= 8) {
			char ch = (char)(v & 0xFF);
			if (!ch)
				goto done;
			out[n++] = (ch >= 0x20 && ch < 0x7F) ? ch : '?';
		}
	}
done:
	out[n] = '\0';
}

static void vmcall_report_fatal_error(struct tdxh_vmcall *c)
{
	uint64_t code = tdxh_vmm_read(c, TDXH_R12);
	uint64_t gpa = tdxh_vmm_read(c, TDXH_R13) & ((1ull << (sim_cfg.gpaw - 1)) - 1);
	char message[65], text[257] = "";

	fatal_message(c, message);
	if ((code & TDVMCALL_FATAL_ERROR_GPA_VALID) && sim_in_ram(gpa, 1)) {
		size_t n = 0;
		while (n < sizeof(text) - 1 && sim_read_guest(gpa + n, &text[n], 1) && text[n])
			n++;
		text[n] = '\0';
		for (size_t i = 0; i < n; i++)
			if (text[i] < 0x20 || text[i] >= 0x7F)
				text[i] = '?';
	}
	sim_exit(SIM_EXIT_FATAL, "vCPU %u: TDG.VP.VMCALL<ReportFatalError> error code %#llx, "
		 "message \"%s\"%s%s%s", c->vcpu, (unsigned long long)code, message,
		 text[0] ? ", string at GPA: \"" : "", text, text[0] ? "\"" : "");
}

void sim_install_models(void)
{
	static const struct tdx_model_port_device com1 = {
		.base = TDXH_COM1_PORT, .count = 8, .read = com1_read, .write = com1_write,
	};
	static const struct tdx_model_port_device debug_exit = {
		.base = SIM_DEBUG_EXIT_PORT, .count = 1, .write = debug_exit_write,
	};
	const struct tdx_model_mmio_device scratch =
		tdxm_mmio_ram_device(SIM_MMIO_BASE, mmio_scratch, sizeof(mmio_scratch));

	if (tdxh_add_port_device(&com1) || tdxh_add_port_device(&debug_exit) ||
	    tdxh_add_mmio_device(&scratch))
		sim_exit(SIM_EXIT_USAGE, "the model's device tables are full");
	tdxh_set_vmcall_model(TDVMCALL_INSTRUCTION_HLT, vmcall_hlt);
	tdxh_set_vmcall_model(TDVMCALL_REPORT_FATAL_ERROR, vmcall_report_fatal_error);
}
