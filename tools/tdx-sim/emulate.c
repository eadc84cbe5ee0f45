/* SPDX-License-Identifier: MIT */
/*
 * The few system instructions tdx-sim emulates (user mode #GPs on them), and
 * exception delivery through the guest's own IDT.
 *
 * How an image registers its #VE handler: exactly as on bare metal.  It
 * builds an IDT whose vector 20 is a present 64-bit interrupt or trap gate
 * and executes `lidt`.  lidt faults in user mode; tdx-sim decodes it, reads
 * the 10-byte descriptor and remembers base and limit for that vCPU.  When a
 * #VE is due, it reads vector 20's gate from guest memory at that moment
 * (so the image may rewrite its IDT at any time), pushes the 64-bit
 * interrupt frame on the guest stack and resumes the guest at the handler,
 * which returns with iretq.  cli and sti set a virtual IF; delivery through
 * an interrupt gate clears it, and the iretq that ends the handler restores
 * it: the frame carries SS = 0, which user mode cannot load, so that iretq
 * faults and is emulated here.  sidt cannot be emulated: with UMIP the
 * kernel answers it itself (a dummy IDTR), without UMIP it runs natively.
 */
#define _GNU_SOURCE
#include "sim.h"

#include <stdio.h>
#include <sys/uio.h>
#include <ucontext.h>
#include <unistd.h>

#define GATE_SIZE      16
#define GATE_PRESENT   0x80
#define GATE_TYPE_MASK 0x0F
#define GATE_INTR64    0x0E
#define GATE_TRAP64    0x0F
#define RFLAGS_IF      (1ull << 9)
/* What iretq takes from the frame in user mode: CF PF AF ZF SF DF OF. */
#define RFLAGS_IRET    0xCD5ull
#define FRAME_SS_NULL  0

bool sim_write_guest(uint64_t gva, const void *buf, size_t len)
{
	struct iovec local = { (void *)buf, len };
	struct iovec remote = { (void *)(uintptr_t)gva, len };

	return process_vm_writev(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)len;
}

/* ucontext register of ModRM/SIB register number 0..15 (rax rcx rdx rbx rsp rbp rsi rdi r8..r15). */
static uint64_t gpr(const ucontext_t *uc, unsigned n)
{
	static const int greg[16] = {
		REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
		REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
	};
	return (uint64_t)uc->uc_mcontext.gregs[greg[n & 15]];
}

struct insn {
	unsigned char b[15];
	size_t n;		/* readable bytes */
	size_t op;		/* index of the first opcode byte */
	unsigned rex;		/* 0x40..0x4F or 0 */
	bool addr32;		/* 0x67 */
	bool seg_override;	/* fs/gs (others are no-ops in 64-bit mode) */
};

static void fetch(const ucontext_t *uc, struct insn *in)
{
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];

	in->n = 0;
	while (in->n < sizeof(in->b) && sim_read_guest(rip + in->n, &in->b[in->n], 1))
		in->n++;
	in->op = 0;
	in->rex = 0;
	in->addr32 = in->seg_override = false;
	for (; in->op < in->n; in->op++) {
		unsigned char c = in->b[in->op];
		if (c == 0x67)
			in->addr32 = true;
		else if (c == 0x64 || c == 0x65)
			in->seg_override = true;
		else if (c != 0x66 && c != 0x2E && c != 0x3E && c != 0x26 && c != 0x36 &&
			 c != 0xF2 && c != 0xF3)
			break;
	}
	if (in->op < in->n && (in->b[in->op] & 0xF0) == 0x40)
		in->rex = in->b[in->op++];
}

/*
 * Effective address of the memory operand whose ModRM byte is at index m.
 * Sets *len to the instruction length (no immediate follows for the
 * instructions decoded here).  False for a register operand or a truncated
 * or unsupported encoding.
 */
static bool modrm_address(const ucontext_t *uc, const struct insn *in, size_t m,
			  uint64_t *ea, size_t *len)
{
	unsigned modrm, mod, rm, rex_b = in->rex & 1, rex_x = (in->rex >> 1) & 1;
	size_t i = m + 1, disp_size;
	uint64_t addr = 0;
	bool rip_relative = false;

	if (m >= in->n || in->seg_override)
		return false;
	modrm = in->b[m];
	mod = modrm >> 6;
	rm = modrm & 7;
	if (mod == 3)
		return false;
	disp_size = mod == 1 ? 1 : mod == 2 ? 4 : 0;
	if (rm == 4) {	/* SIB: base + index << scale */
		unsigned sib, index, base;
		if (i >= in->n)
			return false;
		sib = in->b[i++];
		index = ((sib >> 3) & 7) | (rex_x << 3);
		base = (sib & 7) | (rex_b << 3);
		if (index != 4)
			addr += gpr(uc, index) << (sib >> 6);
		if ((base & 7) == 5 && mod == 0)
			disp_size = 4;	/* no base, disp32 */
		else
			addr += gpr(uc, base);
	} else if (rm == 5 && mod == 0) {
		rip_relative = true;
		disp_size = 4;
	} else {
		addr = gpr(uc, rm | (rex_b << 3));
	}
	if (i + disp_size > in->n)
		return false;
	if (disp_size == 1) {
		addr += (uint64_t)(int64_t)(int8_t)in->b[i];
	} else if (disp_size == 4) {
		uint32_t d = (uint32_t)in->b[i] | (uint32_t)in->b[i + 1] << 8 |
			     (uint32_t)in->b[i + 2] << 16 | (uint32_t)in->b[i + 3] << 24;
		addr += (uint64_t)(int64_t)(int32_t)d;
	}
	i += disp_size;
	*len = i;
	if (rip_relative)
		addr += (uint64_t)uc->uc_mcontext.gregs[REG_RIP] + i;
	*ea = in->addr32 ? (uint32_t)addr : addr;
	return true;
}

/* iretq at RIP, RSP at a frame we pushed (SS = 0): pop RIP, CS, RFLAGS, RSP, SS. */
static bool iretq(ucontext_t *uc, struct sim_vcpu *v)
{
	uint64_t rsp = (uint64_t)uc->uc_mcontext.gregs[REG_RSP], frame[5];
	uint64_t efl = (uint64_t)uc->uc_mcontext.gregs[REG_EFL];

	if (!sim_read_guest(rsp, frame, sizeof(frame)) || frame[4] != FRAME_SS_NULL)
		return false;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)frame[0];
	uc->uc_mcontext.gregs[REG_EFL] = (greg_t)((efl & ~RFLAGS_IRET) | (frame[2] & RFLAGS_IRET));
	uc->uc_mcontext.gregs[REG_RSP] = (greg_t)frame[3];
	v->vif = (frame[2] & RFLAGS_IF) != 0;
	v->shadow = false;
	return true;
}

bool sim_emulate_system(ucontext_t *uc)
{
	struct sim_vcpu *v = sim_vcpu_self();
	struct insn in;
	size_t len = 0;
	uint64_t ea;
	unsigned char desc[10];

	fetch(uc, &in);
	if (in.op >= in.n)
		return false;
	switch (in.b[in.op]) {
	case 0xFA:	/* cli */
	case 0xFB:	/* sti */
		v->vif = in.b[in.op] == 0xFB;
		uc->uc_mcontext.gregs[REG_RIP] += (greg_t)(in.op + 1);
		if (v->vif)
			sim_irq_sti(uc);
		return true;
	case 0xCF:	/* iretq (REX.W) from one of our frames */
		return (in.rex & 8) && iretq(uc, v);
	case 0x0F:
		if (in.op + 2 >= in.n || in.b[in.op + 1] != 0x01)
			return false;
		switch ((in.b[in.op + 2] >> 3) & 7) {
		case 3:	/* lidt m */
			if (!modrm_address(uc, &in, in.op + 2, &ea, &len) ||
			    !sim_read_guest(ea, desc, sizeof(desc)))
				return false;
			v->idt_limit = (uint16_t)(desc[0] | desc[1] << 8);
			v->idt_base = 0;
			for (unsigned i = 0; i < 8; i++)
				v->idt_base |= (uint64_t)desc[2 + i] << (8 * i);
			v->idt_loaded = true;
			sim_trace_event(SIM_TRACE_LIDT, "lidt: IDT at %#llx, limit %#x",
					(unsigned long long)v->idt_base, v->idt_limit);
			break;
		default:
			return false;
		}
		break;
	default:
		return false;
	}
	uc->uc_mcontext.gregs[REG_RIP] += (greg_t)len;
	return true;
}

static uint16_t selector(bool code)
{
	uint16_t sel;

	if (code)
		__asm__("mov %%cs, %0" : "=r"(sel));
	else
		__asm__("mov %%ss, %0" : "=r"(sel));
	return sel;
}

bool sim_deliver_exception(ucontext_t *uc, unsigned vector, char *why, size_t size)
{
	struct sim_vcpu *v = sim_vcpu_self();
	unsigned char gate[GATE_SIZE];
	uint64_t handler, rsp, frame[5];

	if (!v->idt_loaded) {
		snprintf(why, size, "the image loaded no IDT (lidt)");
		return false;
	}
	if ((uint64_t)vector * GATE_SIZE + GATE_SIZE - 1 > v->idt_limit) {
		snprintf(why, size, "vector %u is beyond the IDT limit %#x", vector, v->idt_limit);
		return false;
	}
	if (!sim_read_guest(v->idt_base + (uint64_t)vector * GATE_SIZE, gate, sizeof(gate))) {
		snprintf(why, size, "the IDT at %#llx is not readable guest memory",
			 (unsigned long long)v->idt_base);
		return false;
	}
	if (!(gate[5] & GATE_PRESENT) || ((gate[5] & GATE_TYPE_MASK) != GATE_INTR64 &&
					  (gate[5] & GATE_TYPE_MASK) != GATE_TRAP64)) {
		snprintf(why, size, "IDT vector %u is not a present 64-bit interrupt or trap gate "
			 "(type/attributes byte %#x)", vector, gate[5]);
		return false;
	}
	if (gate[4] & 7) {
		snprintf(why, size, "IDT vector %u asks for IST %u; interrupt stacks are not "
			 "emulated", vector, gate[4] & 7);
		return false;
	}
	handler = (uint64_t)gate[0] | (uint64_t)gate[1] << 8 | (uint64_t)gate[6] << 16 |
		  (uint64_t)gate[7] << 24 | (uint64_t)gate[8] << 32 | (uint64_t)gate[9] << 40 |
		  (uint64_t)gate[10] << 48 | (uint64_t)gate[11] << 56;

	/* 64-bit mode: RSP aligned down to 16, then SS, RSP, RFLAGS, CS, RIP. */
	rsp = ((uint64_t)uc->uc_mcontext.gregs[REG_RSP] & ~15ull) - sizeof(frame);
	frame[0] = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	frame[1] = selector(true);
	frame[2] = ((uint64_t)uc->uc_mcontext.gregs[REG_EFL] & ~RFLAGS_IF) | (v->vif ? RFLAGS_IF : 0);
	frame[3] = (uint64_t)uc->uc_mcontext.gregs[REG_RSP];
	frame[4] = FRAME_SS_NULL;	/* so that the handler's iretq comes back here */
	if (!sim_in_ram(rsp, sizeof(frame)) || !sim_write_guest(rsp, frame, sizeof(frame))) {
		snprintf(why, size, "the interrupt frame does not fit on the guest stack at %#llx "
			 "(a CPU would double-fault)", (unsigned long long)rsp);
		return false;
	}
	uc->uc_mcontext.gregs[REG_RSP] = (greg_t)rsp;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)handler;
	/* An interrupt gate clears IF (the frame keeps the old one); a trap gate leaves it. */
	if ((gate[5] & GATE_TYPE_MASK) == GATE_INTR64)
		v->vif = false;
	v->shadow = false;
	return true;
}
