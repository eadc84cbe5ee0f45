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

/*
 * What every element of one INS/OUTS shares, in the frame of string_io(),
 * with the registers of each element's Instruction.IO: an element reads
 * size, direction, port and REP from the qualification and the step from
 * RFLAGS.DF each time, and keeps nothing of its own across its TDVMCALL but
 * this pointer (the #VE path's stack budget).
 */
struct string_io {
	struct tdx_ve_frame *f;
	const struct tdx_ve_info *ve;
	uint64_t amask;		/* address size: all ones, or 32 bits with a 67 prefix */
	struct tdx__vmcall_regs6 regs;
};

/* The buffer address register: RDI for INS, RSI for OUTS. */
static uint64_t *string_addr(const struct string_io *io)
{
	return (io->ve->exit_qualification & TDX_IO_QUAL_IN) ? &io->f->rdi : &io->f->rsi;
}

/*
 * The INS/OUTS at RIP must be the one the qualification describes (INS or
 * OUTS, element size, REP), and exactly the VE info's length.  Sets
 * io->amask from its address size (a 67 prefix: 32 bits).
 */
static __attribute__((noinline)) uint64_t decode_string(struct string_io *io)
{
	uint64_t q = io->ve->exit_qualification;
	unsigned len = io->ve->instruction_length, size = TDX_IO_QUAL_SIZE(q);
	int in = (q & TDX_IO_QUAL_IN) != 0;
	uint8_t buf[TDX_VE_MAX_INSN];
	unsigned n = tdx__ve_fetch(io->f->rip, buf, len, 0), i;
	unsigned opsize16 = 0, addr32 = 0, fs_gs = 0, rep = 0;
	uint8_t op;

	for (i = 0; i + 1 < n; i++) {
		uint8_t b = buf[i];

		if (b == 0x66)
			opsize16 = 1;
		else if (b == 0x67)
			addr32 = 1;
		else if (b == 0xF3 || b == 0xF2)
			rep = 1;
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
	if (rep != !!(q & TDX_IO_QUAL_REP))
		return TDX_VE_BAD_IO;
	io->amask = addr32 ? 0xFFFFFFFFull : ~0ull;
	return TDX_VE_OK;
}

/*
 * One element of INS/OUTS at the buffer address, stepping it on success:
 * Instruction.IO with io->regs (no wrapper frame under this one), the value
 * read masked to the width as tdx_io_read() does.  Returns R10.
 */
static __attribute__((noinline)) uint64_t string_element(struct string_io *io)
{
	uint64_t q = io->ve->exit_qualification, status, step, *addr;
	unsigned size = TDX_IO_QUAL_SIZE(q);

	if (q & TDX_IO_QUAL_IN)
		status = tdx__instruction_io(&io->regs, size, TDX_IO_QUAL_PORT(q), TDX_IO_READ, 0);
	else
		status = tdx__instruction_io(&io->regs, size, TDX_IO_QUAL_PORT(q), TDX_IO_WRITE,
					     mem_get(*string_addr(io) & io->amask, size));
	if (status != TDVMCALL_STATUS_SUCCESS)
		return status;
	/* From memory again: nothing computed before the TDVMCALL is kept across it. */
	q = io->ve->exit_qualification;
	size = TDX_IO_QUAL_SIZE(q);
	addr = string_addr(io);
	if (q & TDX_IO_QUAL_IN)
		mem_put(*addr & io->amask, size, (uint32_t)io->regs.r11);
	step = (io->f->rflags & TDX_RFLAGS_DF) ? (uint64_t)0 - size : size;
	*addr = io->amask != ~0ull ? (uint32_t)(*addr + step) : *addr + step;
	return status;
}

/*
 * INS/OUTS: at most TDX_VE_REP_CHUNK elements per #VE.  Everything after
 * the decoding goes through io, not the arguments: only io's address and
 * the count are kept across the calls.
 */
static __attribute__((noinline)) struct tdx__ve_result string_io(struct tdx_ve_frame *f,
								 const struct tdx_ve_info *ve)
{
	struct string_io io;
	uint64_t count, st;

	io.f = f;
	io.ve = ve;
	st = decode_string(&io);
	if (st != TDX_VE_OK)
		return tdx__ve_status(st);
	count = (io.ve->exit_qualification & TDX_IO_QUAL_REP) ? io.f->rcx & io.amask : 1;
	if (count > TDX_VE_REP_CHUNK)
		count = TDX_VE_REP_CHUNK;	/* the CPU re-executes the REP instruction for the rest */

	for (; count; count--) {
		uint64_t status = string_element(&io);

		if (status != TDVMCALL_STATUS_SUCCESS)
			return tdx__ve_vmcall(status);
		if (io.ve->exit_qualification & TDX_IO_QUAL_REP)
			/* 32-bit address size: ECX, zero-extended like any 32-bit write */
			io.f->rcx = (io.f->rcx - 1) & io.amask;
	}
	/*
	 * Done when the count is: always without REP; with REP, once RCX (ECX
	 * with 32-bit addresses) is 0.  A finished REP leaves RCX = 0.  That
	 * includes a zero count with 32-bit addresses: ECX = 0 moves nothing,
	 * yet an Intel CPU clears bits 63:32 of RCX too (RSI/RDI of INS/OUTS
	 * stay as they were); KVM's emulator models the same.
	 */
	if (io.ve->exit_qualification & TDX_IO_QUAL_REP) {
		if (io.f->rcx & io.amask)
			return tdx__ve_status(TDX_VE_OK);
		io.f->rcx = 0;
	}
	io.f->rip += io.ve->instruction_length;
	return tdx__ve_status(TDX_VE_OK);
}

/*
 * IN/OUT with the registers of Instruction.IO in this frame, as
 * tdx_io_read()/tdx_io_write() send them; INS/OUTS by a tail call.
 */
struct tdx__ve_result tdx__ve_io(struct tdx_ve_frame *f, const struct tdx_ve_info *ve)
{
	uint64_t q = ve->exit_qualification, status;
	unsigned size = TDX_IO_QUAL_SIZE(q);
	struct tdx__vmcall_regs6 regs;

	if ((size != 1 && size != 2 && size != 4) || (q >> 32) != 0)
		return tdx__ve_status(TDX_VE_BAD_IO);
	if (q & TDX_IO_QUAL_STRING)
		return string_io(f, ve);
	if (q & TDX_IO_QUAL_REP)
		return tdx__ve_status(TDX_VE_BAD_IO);

	if (q & TDX_IO_QUAL_IN) {
		status = tdx__instruction_io(&regs, size, TDX_IO_QUAL_PORT(q), TDX_IO_READ, 0);
		if (status == TDVMCALL_STATUS_SUCCESS)	/* AL / AX merge, EAX zero-extends */
			tdx__ve_set_gpr(f, 0, size, 0, (uint32_t)regs.r11 & tdx__width_mask(size));
	} else {
		status = tdx__instruction_io(&regs, size, TDX_IO_QUAL_PORT(q), TDX_IO_WRITE,
					     (uint32_t)f->rax);
	}
	if (status == TDVMCALL_STATUS_SUCCESS)
		f->rip += ve->instruction_length;
	return tdx__ve_vmcall(status);
}
