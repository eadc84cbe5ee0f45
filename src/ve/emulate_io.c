/* SPDX-License-Identifier: MIT */
/*
 * Port I/O #VE (exit reason 30) -> TDG.VP.VMCALL<Instruction.IO>.
 * Size, direction, string, REP and port come from the exit qualification
 * (VMX format); for INS/OUTS the address size (67 prefix) and any segment
 * override come from the instruction bytes at RIP, which must agree with
 * the qualification and the VE info length.  GHCI has no string I/O: one
 * TDVMCALL per element.  With 32-bit addresses (67) the count and pointers
 * are ECX/ESI/EDI, and every write of them is a 32-bit register write:
 * bits 63:32 become 0, as on the CPU.
 */
#include <tdx/io.h>
#include <tdx/module.h>
#include <tdx/status.h>
#include "ghci/instruction_io.h"
#include "ve_internal.h"

/* Little-endian store/load of 1, 2 or 4 bytes at a flat address, bytewise (any alignment). */
static void mem_put(uint64_t addr, unsigned size, uint32_t v)
{
	volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)addr;

	for (unsigned i = 0; i < size; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t mem_get(uint64_t addr, unsigned size)
{
	const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)addr;
	uint32_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

/* What every element of one INS/OUTS shares. */
struct string_io {
	uint64_t *addr;		/* the buffer address register: RDI for INS, RSI for OUTS */
	uint64_t amask;		/* address size: all ones, or 32 bits with a 67 prefix */
	uint64_t step;		/* +size, or -size with RFLAGS.DF */
	uint16_t port;
	uint8_t in, size;
	uint8_t addr32, rep;	/* from the bytes at RIP (decode_string) */
};

/* The INS/OUTS at RIP must be the one the qualification describes, and exactly `len` bytes. */
static __attribute__((noinline)) uint64_t decode_string(const struct tdx_ve_frame *f, unsigned len, int in, unsigned size,
			      struct string_io *s)
{
	uint8_t buf[TDX_VE_MAX_INSN];
	unsigned n = tdx__ve_fetch(f->rip, buf, len, 0), i, opsize16 = 0, fs_gs = 0;
	uint8_t op;

	s->addr32 = s->rep = 0;
	for (i = 0; i + 1 < n; i++) {
		uint8_t b = buf[i];

		if (b == 0x66)
			opsize16 = 1;
		else if (b == 0x67)
			s->addr32 = 1;
		else if (b == 0xF3 || b == 0xF2)
			s->rep = 1;
		else if (b == 0x64 || b == 0x65)
			fs_gs = 1;
		else if (b != 0x2E && b != 0x36 && b != 0x3E && b != 0x26 && (b & 0xF0) != 0x40)
			return TDX_VE_BAD_IO;	/* not a prefix before the last byte */
	}
	if (n != len || n == 0)
		return TDX_VE_BAD_IO;
	op = buf[n - 1];
	if (op < 0x6C || op > 0x6F || ((op & 2) == 0) != !!in)
		return TDX_VE_BAD_IO;	/* 6C/6D INS, 6E/6F OUTS */
	if ((op & 1) ? size != (opsize16 ? 2u : 4u) : size != 1)
		return TDX_VE_BAD_IO;
	if (fs_gs && !in)
		return TDX_VE_BAD_IO;	/* OUTS from FS/GS: segment base unknown (flat mapping only) */
	return TDX_VE_OK;
}


/*
 * One element of INS/OUTS at *io->addr, stepping it on success:
 * Instruction.IO in this frame (no wrapper frame under it), the value read
 * masked to the width as tdx_io_read() does.
 */
static __attribute__((noinline)) uint64_t string_element(const struct string_io *io)
{
	uint64_t *addr = io->addr;
	struct tdx__vmcall_regs6 regs;
	uint64_t status;

	if (io->in) {
		status = tdx__instruction_io(&regs, io->size, io->port, TDX_IO_READ, 0);
		if (status == TDVMCALL_STATUS_SUCCESS)
			mem_put(*addr & io->amask, io->size, (uint32_t)regs.r11);
	} else {
		status = tdx__instruction_io(&regs, io->size, io->port, TDX_IO_WRITE,
					     mem_get(*addr & io->amask, io->size));
	}
	if (status == TDVMCALL_STATUS_SUCCESS)
		*addr = io->addr32 ? (uint32_t)(*addr + io->step) : *addr + io->step;
	return status;
}

static __attribute__((noinline)) uint64_t string_io(struct tdx_ve_frame *f, const struct tdx_ve_info *ve, uint64_t *detail,
			  int in, unsigned size, uint16_t port)
{
	struct string_io io = { .addr = in ? &f->rdi : &f->rsi, .port = port, .in = (uint8_t)in,
				.size = (uint8_t)size };
	uint64_t count, done, st = decode_string(f, ve->instruction_length, in, size, &io);

	if (st != TDX_VE_OK)
		return st;
	if (io.rep != !!(ve->exit_qualification & TDX_IO_QUAL_REP))
		return TDX_VE_BAD_IO;
	io.amask = io.addr32 ? 0xFFFFFFFFull : ~0ull;
	io.step = (f->rflags & TDX_RFLAGS_DF) ? (uint64_t)0 - size : size;
	count = io.rep ? f->rcx & io.amask : 1;

	for (done = 0; done < count && done < TDX_VE_REP_CHUNK; done++) {
		uint64_t status = string_element(&io);

		if (status != TDVMCALL_STATUS_SUCCESS)
			return tdx__ve_vmm_error(status, detail);
		if (io.rep)	/* 32-bit address size: ECX, zero-extended like any 32-bit write */
			f->rcx = (f->rcx - 1) & io.amask;
	}
	if (done == count) {	/* else the CPU re-executes the REP instruction for the rest */
		/*
		 * A finished REP leaves RCX = 0.  That includes a zero count with
		 * 32-bit addresses: ECX = 0 moves nothing, yet an Intel CPU clears
		 * bits 63:32 of RCX too (RSI/RDI of INS/OUTS stay as they were);
		 * KVM's emulator models the same.
		 */
		if (io.rep)
			f->rcx = 0;
		f->rip += ve->instruction_length;
	}
	return TDX_VE_OK;
}

uint64_t tdx__ve_io(struct tdx_ve_frame *f, const struct tdx_ve_info *ve, uint64_t *detail)
{
	uint64_t q = ve->exit_qualification, status;
	unsigned size = TDX_IO_QUAL_SIZE(q);
	int in = (q & TDX_IO_QUAL_IN) != 0;
	uint16_t port = TDX_IO_QUAL_PORT(q);
	uint32_t v;

	if ((size != 1 && size != 2 && size != 4) || (q >> 32) != 0)
		return TDX_VE_BAD_IO;
	if (q & TDX_IO_QUAL_STRING)
		return string_io(f, ve, detail, in, size, port);
	if (q & TDX_IO_QUAL_REP)
		return TDX_VE_BAD_IO;

	if (in) {
		status = tdx_io_read(size, port, &v);
		if (status == TDVMCALL_STATUS_SUCCESS)
			tdx__ve_set_gpr(f, 0, size, 0, v);	/* AL / AX merge, EAX zero-extends */
	} else {
		status = tdx_io_write(size, port, (uint32_t)f->rax);
	}
	if (status != TDVMCALL_STATUS_SUCCESS)
		return tdx__ve_vmm_error(status, detail);
	f->rip += ve->instruction_length;
	return TDX_VE_OK;
}
