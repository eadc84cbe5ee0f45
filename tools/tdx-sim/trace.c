/* SPDX-License-Identifier: MIT */
/*
 * --trace: one line per TDCALL on stderr, written when the call returns:
 *
 *   [vCPU0] TDG.VP.INFO -> TDX_SUCCESS: gpaw 48, attributes 0x10000000, vcpus 1/1, index 0
 *   [vCPU0] TDG.VP.VMCALL<Instruction.IO> out 1 byte 0x48 to port 0x3f8 -> SUCCESS
 *
 * Leaf or sub-function by name, its inputs decoded, the status by name
 * (libtdx's tdx_strerror / tdvmcall_strerror) and, only when it succeeded,
 * its outputs.  The inputs are taken before the model runs the call and
 * the outputs after, from the guest's registers: what the guest sent and got.
 * --trace=CLASSES picks which lines (SIM_TRACE_* in sim.h); with com1, the
 * bytes the guest sends COM1 come out as whole lines instead:
 *
 *   [COM1] Hello from a TD guest (vCPU 0), via TDG.VP.VMCALL<Instruction.IO> on COM1!
 */
#define _GNU_SOURCE
#include "sim.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include <tdx/error.h>
#include "tdx_harness.h"

/* TDCALL leaves and GHCI sub-functions, numbers typed from the TDX Module ABI spec and the GHCI. */
static const char *leaf_name(unsigned leaf)
{
	switch (leaf) {
	case 0:  return "TDG.VP.VMCALL";
	case 1:  return "TDG.VP.INFO";
	case 2:  return "TDG.MR.RTMR.EXTEND";
	case 3:  return "TDG.VP.VEINFO.GET";
	case 4:  return "TDG.MR.REPORT";
	case 5:  return "TDG.VP.CPUIDVE.SET";
	case 6:  return "TDG.MEM.PAGE.ACCEPT";
	case 7:  return "TDG.VM.RD";
	case 8:  return "TDG.VM.WR";
	case 9:  return "TDG.VP.RD";
	case 10: return "TDG.VP.WR";
	case 11: return "TDG.SYS.RD";
	case 12: return "TDG.SYS.RDALL";
	case 18: return "TDG.SERVTD.RD";
	case 20: return "TDG.SERVTD.WR";
	case 22: return "TDG.MR.VERIFYREPORT";
	case 23: return "TDG.MEM.PAGE.ATTR.RD";
	case 24: return "TDG.MEM.PAGE.ATTR.WR";
	case 25: return "TDG.VP.ENTER";
	case 26: return "TDG.VP.INVEPT";
	case 27: return "TDG.VP.INVGLA";
	default: return NULL;
	}
}

static const char *subfn_name(uint64_t subfn)
{
	switch (subfn) {
	case 10:      return "Instruction.CPUID";
	case 12:      return "Instruction.HLT";
	case 30:      return "Instruction.IO";
	case 31:      return "Instruction.RDMSR";
	case 32:      return "Instruction.WRMSR";
	case 48:      return "#VE.RequestMMIO";
	case 54:      return "Instruction.WBINVD";
	case 65:      return "Instruction.PCONFIG";
	case 0x10000: return "GetTdVmCallInfo";
	case 0x10001: return "MapGPA";
	case 0x10002: return "GetQuote";
	case 0x10003: return "ReportFatalError";
	case 0x10004: return "SetupEventNotifyInterrupt";
	case 0x10005: return "Service";
	default:      return NULL;
	}
}

struct line {
	char buf[512];
	size_t len;
};

/* Append to the line; what does not fit is cut (one byte stays for the newline). */
__attribute__((format(printf, 2, 0)))
static void vadd(struct line *l, const char *fmt, va_list ap)
{
	size_t room = sizeof(l->buf) - 1 - l->len;
	int n;

	if (!room)
		return;
	n = vsnprintf(l->buf + l->len, room, fmt, ap);
	if (n > 0)
		l->len += (size_t)n < room ? (size_t)n : room - 1;
}

__attribute__((format(printf, 2, 3)))
static void add(struct line *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(l, fmt, ap);
	va_end(ap);
}

#define R(regs, name) ((unsigned long long)(regs)->gpr[TDXH_##name])

static const char *level_name(uint64_t level)
{
	return level == 0 ? "4K" : level == 1 ? "2M" : level == 2 ? "1G" : "level?";
}

/* Printable form of an I/O byte, for COM1 traffic. */
static void add_char(struct line *l, uint64_t size, uint64_t v)
{
	if (size == 1 && v >= 0x20 && v < 0x7F && v != '\'')
		add(l, " '%c'", (char)v);
	else if (size == 1 && v == '\n')
		add(l, " '\\n'");
}

/* TDG.VP.VMCALL inputs (what the guest exposed). */
static void vmcall_inputs(struct line *l, const struct tdxh_regs *in)
{
	uint64_t subfn = in->gpr[TDXH_R11];
	const char *name = subfn_name(subfn);

	if (in->gpr[TDXH_R10] != 0) {
		add(l, "<vendor-specific R10 %#llx R11 %#llx> R12 %#llx R13 %#llx",
		    R(in, R10), R(in, R11), R(in, R12), R(in, R13));
		return;
	}
	if (name)
		add(l, "<%s>", name);
	else
		add(l, "<sub-function %#llx?>", (unsigned long long)subfn);
	switch (subfn) {
	case 10: add(l, " leaf %#llx sub-leaf %#llx", R(in, R12), R(in, R13)); break;
	case 12: add(l, " interrupts %s", in->gpr[TDXH_R12] ? "blocked" : "enabled"); break;
	case 30:
		if (in->gpr[TDXH_R13] == 1) {
			add(l, " out %llu byte%s %#llx to port %#llx", R(in, R12),
			    in->gpr[TDXH_R12] == 1 ? "" : "s", R(in, R15), R(in, R14));
			add_char(l, in->gpr[TDXH_R12], in->gpr[TDXH_R15]);
		} else {
			add(l, " in %llu byte%s from port %#llx", R(in, R12),
			    in->gpr[TDXH_R12] == 1 ? "" : "s", R(in, R14));
		}
		break;
	case 31: add(l, " MSR %#llx", R(in, R12)); break;
	case 32: add(l, " MSR %#llx value %#llx", R(in, R12), R(in, R13)); break;
	case 48:
		if (in->gpr[TDXH_R13] == 1)
			add(l, " write %llu byte%s %#llx to GPA %#llx", R(in, R12),
			    in->gpr[TDXH_R12] == 1 ? "" : "s", R(in, R15), R(in, R14));
		else
			add(l, " read %llu byte%s from GPA %#llx", R(in, R12),
			    in->gpr[TDXH_R12] == 1 ? "" : "s", R(in, R14));
		break;
	case 54: add(l, " %s", in->gpr[TDXH_R12] ? "WBNOINVD" : "WBINVD"); break;
	case 0x10000: add(l, " leaf %llu", R(in, R12)); break;
	case 0x10001: {
		uint64_t shared = 1ull << (sim_cfg.gpaw - 1);
		add(l, " [%#llx, +%#llx) to %s", R(in, R12), R(in, R13),
		    (in->gpr[TDXH_R12] & shared) ? "shared" : "private");
		break;
	}
	case 0x10002: add(l, " buffer GPA %#llx size %#llx", R(in, R12), R(in, R13)); break;
	case 0x10003: add(l, " error code %#llx GPA %#llx", R(in, R12), R(in, R13)); break;
	case 0x10004: add(l, " vector %llu", R(in, R12)); break;
	case 0x10005: add(l, " command %#llx response %#llx vector %llu timeout %llu",
			  R(in, R12), R(in, R13), R(in, R14), R(in, R15)); break;
	default: add(l, " R12 %#llx R13 %#llx R14 %#llx R15 %#llx",
		     R(in, R12), R(in, R13), R(in, R14), R(in, R15)); break;
	}
	if (in->gpr[TDXH_RCX] != 0xFFCC)
		add(l, " (expose mask %#llx)", R(in, RCX));
}

/* TDG.VP.VMCALL outputs worth showing (after SUCCESS or RETRY). */
static void vmcall_outputs(struct line *l, const struct tdxh_regs *in, const struct tdxh_regs *out)
{
	if (in->gpr[TDXH_R10] != 0)
		return;
	switch (in->gpr[TDXH_R11]) {
	case 10: add(l, ": eax %#llx ebx %#llx ecx %#llx edx %#llx",
		     R(out, R12), R(out, R13), R(out, R14), R(out, R15)); break;
	case 30:
		if (in->gpr[TDXH_R13] == 0) {
			add(l, ": %#llx", R(out, R11));
			add_char(l, in->gpr[TDXH_R12], out->gpr[TDXH_R11]);
		}
		break;
	case 31: add(l, ": %#llx", R(out, R11)); break;
	case 48: if (in->gpr[TDXH_R13] == 0) add(l, ": %#llx", R(out, R11)); break;
	case 0x10000: add(l, ": R11 %#llx R12 %#llx R13 %#llx R14 %#llx",
			  R(out, R11), R(out, R12), R(out, R13), R(out, R14)); break;
	case 0x10001:
		if (out->gpr[TDXH_R10] == 1)
			add(l, ": resume at %#llx", R(out, R11));
		break;
	default: break;
	}
}

static void leaf_inputs(struct line *l, unsigned leaf, const struct tdxh_regs *in)
{
	switch (leaf) {
	case 2:  add(l, " digest GPA %#llx, RTMR%llu", R(in, RCX), R(in, RDX)); break;
	case 4:  add(l, " report GPA %#llx, REPORTDATA GPA %#llx, subtype %llu",
		     R(in, RCX), R(in, RDX), R(in, R8)); break;
	case 5:  add(l, " flags %#llx", R(in, RCX)); break;
	case 6:  add(l, " GPA %#llx %s", in->gpr[TDXH_RCX] & ~0xFFFull,
		     level_name(in->gpr[TDXH_RCX] & 7)); break;
	case 7: case 9: case 11:
		add(l, " field %#llx", R(in, RDX)); break;
	case 8: case 10:
		add(l, " field %#llx value %#llx mask %#llx", R(in, RDX), R(in, R8), R(in, R9)); break;
	case 12: add(l, " list GPA %#llx, first field %#llx", R(in, RDX), R(in, R8)); break;
	case 18: case 20:
		add(l, " binding %#llx field %#llx", R(in, RCX), R(in, RDX)); break;
	case 22: add(l, " REPORTMACSTRUCT GPA %#llx", R(in, RCX)); break;
	case 23: add(l, " GPA %#llx", R(in, RCX)); break;
	case 24: add(l, " GPA %#llx %s attributes %#llx mask %#llx",
		     in->gpr[TDXH_RCX] & ~0xFFFull, level_name(in->gpr[TDXH_RCX] & 7),
		     R(in, RDX), R(in, R8)); break;
	case 1: case 3: break;
	default: add(l, " RCX %#llx RDX %#llx R8 %#llx R9 %#llx",
		     R(in, RCX), R(in, RDX), R(in, R8), R(in, R9)); break;
	}
}

static void leaf_outputs(struct line *l, unsigned leaf, const struct tdxh_regs *out)
{
	switch (leaf) {
	case 1:
		add(l, ": GPAW %llu, attributes %#llx, vCPUs %u of max %u, index %u, SYS.RD %s",
		    R(out, RCX) & 0x3F, R(out, RDX), (unsigned)out->gpr[TDXH_R8],
		    (unsigned)(out->gpr[TDXH_R8] >> 32), (unsigned)out->gpr[TDXH_R9],
		    (out->gpr[TDXH_R10] & 1) ? "yes" : "no");
		break;
	case 3:
		add(l, ": exit reason %llu, qualification %#llx, GLA %#llx, GPA %#llx, "
		    "length %u, info %#x", R(out, RCX), R(out, RDX), R(out, R8), R(out, R9),
		    (unsigned)out->gpr[TDXH_R10], (unsigned)(out->gpr[TDXH_R10] >> 32));
		break;
	case 7: case 9: case 11:
		add(l, ": %#llx", R(out, R8)); break;
	case 8: case 10:
		add(l, ": old %#llx", R(out, R8)); break;
	case 23:
		add(l, ": attributes %#llx", R(out, RDX)); break;
	default: break;
	}
}

static __thread struct tdxh_regs pending_in;
static __thread bool pending;

#define GHCI_INSTRUCTION_IO 30

/* Which class a TDCALL's line belongs to, from its inputs. */
static unsigned call_class(const struct tdxh_regs *in)
{
	if ((in->gpr[TDXH_RAX] & 0xFFFF) != 0)
		return SIM_TRACE_TDCALL;
	if ((sim_cfg.trace & SIM_TRACE_COM1) && in->gpr[TDXH_R10] == 0 &&
	    in->gpr[TDXH_R11] == GHCI_INSTRUCTION_IO && in->gpr[TDXH_R13] == 1 &&
	    sim_com1_sends(in->gpr[TDXH_R14]))
		return SIM_TRACE_COM1;	/* folded into sim_trace_com1's lines */
	return SIM_TRACE_VMCALL;
}

/* The line's head: vCPU, name, inputs. */
static void head(struct line *l, const struct tdxh_regs *in)
{
	unsigned leaf = (unsigned)(in->gpr[TDXH_RAX] & 0xFFFF);
	unsigned version = (unsigned)((in->gpr[TDXH_RAX] >> 16) & 0xFF);
	const char *name = leaf_name(leaf);

	add(l, "[vCPU%u] ", tdxh_current_vcpu());
	if (name)
		add(l, "%s", name);
	else
		add(l, "TDCALL leaf %u?", leaf);
	if (version)
		add(l, " v%u", version);
	if (leaf == 0)
		vmcall_inputs(l, in);
	else
		leaf_inputs(l, leaf, in);
}

/* COM1 output stays line-buffered: trace lines do not cut the guest's lines apart. */
static void emit(struct line *l)
{
	add(l, "\n");
	(void)!write(STDERR_FILENO, l->buf, l->len);
}

void sim_trace_begin(const struct ucontext_t *uc)
{
	if (!sim_cfg.trace)
		return;
	sim_regs_of(uc, &pending_in);
	pending = call_class(&pending_in) != SIM_TRACE_COM1 &&
		  (sim_cfg.trace & call_class(&pending_in));
}

void sim_trace_end(const struct ucontext_t *uc)
{
	struct tdxh_regs out;
	struct line l = { .len = 0 };
	uint64_t rax;

	if (!sim_cfg.trace || !pending)
		return;
	pending = false;
	sim_regs_of(uc, &out);
	head(&l, &pending_in);
	rax = out.gpr[TDXH_RAX];
	if (out.rip == pending_in.rip) {
		add(&l, " -> interrupted, will re-execute");
	} else if (pending_in.gpr[TDXH_RAX] == 0 && rax == 0) {
		uint64_t status = out.gpr[TDXH_R10];
		add(&l, " -> %s", tdvmcall_strerror(status));
		if (status == 0 || status == 1)
			vmcall_outputs(&l, &pending_in, &out);
	} else {
		add(&l, " -> %s", tdx_strerror(rax));
		if (rax == 0)
			leaf_outputs(&l, (unsigned)(pending_in.gpr[TDXH_RAX] & 0xFFFF), &out);
	}
	emit(&l);
}

void sim_trace_abandon(const char *what)
{
	struct line l = { .len = 0 };

	if (!sim_cfg.trace || !pending)
		return;
	pending = false;
	head(&l, &pending_in);
	add(&l, " -> %s", what);
	emit(&l);
}

void sim_trace_event(unsigned cls, const char *fmt, ...)
{
	struct line l = { .len = 0 };
	va_list ap;

	if (!(sim_cfg.trace & cls))
		return;
	add(&l, "[vCPU%u] ", tdxh_current_vcpu());
	va_start(ap, fmt);
	vadd(&l, fmt, ap);
	va_end(ap);
	emit(&l);
}

/* Printable and unambiguous: \\, \r, \t and \xNN for the rest. */
static void add_com1_byte(struct line *l, unsigned char c)
{
	if (c == '\\')
		add(l, "\\\\");
	else if (c >= 0x20 && c < 0x7F)
		add(l, "%c", c);
	else if (c == '\r')
		add(l, "\\r");
	else if (c == '\t')
		add(l, "\\t");
	else
		add(l, "\\x%02x", c);
}

void sim_trace_com1(const char *text, size_t len)
{
	size_t i = 0;

	if (!(sim_cfg.trace & SIM_TRACE_COM1))
		return;
	while (i < len) {
		struct line l = { .len = 0 };

		add(&l, "[COM1] ");
		/* A line longer than one trace line goes on in the next. */
		while (i < len && text[i] != '\n' && l.len < sizeof(l.buf) - 8)
			add_com1_byte(&l, (unsigned char)text[i++]);
		if (i < len && text[i] == '\n')
			i++;
		emit(&l);
	}
}
