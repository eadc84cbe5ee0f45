/* SPDX-License-Identifier: MIT */
/*
 * The MMIO instruction decoder: the few x86-64 instructions a driver uses to
 * touch device registers, and a clear refusal for everything else.
 * Intel SDM vol. 2, ch. 2 (instruction format, ModR/M, SIB, REX) and the
 * MOV, MOVZX, MOVSX pages.  64-bit mode only.
 */
#include "ve_internal.h"

#define REX_W 8
#define REX_R 4
#define REX_X 2
#define REX_B 1

struct cursor {
	const uint8_t *bytes;
	unsigned len;	/* bytes available */
	unsigned pos;	/* next byte */
};

/* Make sure n more bytes exist: TDX_VE_OK, TRUNCATED, or DECODE_FAILED past 15 bytes. */
static uint64_t need(const struct cursor *c, unsigned n)
{
	if (c->pos + n > TDX_VE_MAX_INSN)
		return TDX_VE_DECODE_FAILED;
	if (c->pos + n > c->len)
		return TDX_VE_TRUNCATED;
	return TDX_VE_OK;
}

/* Little-endian, n = 1, 2, 4 or 8 bytes; need() already checked. */
static uint64_t take(struct cursor *c, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)c->bytes[c->pos + i] << (8 * i);
	c->pos += n;
	return v;
}

static uint64_t sign_extend(uint64_t v, unsigned size)
{
	unsigned shift = 64 - 8 * size;

	return size >= 8 ? v : (uint64_t)((int64_t)(v << shift) >> shift);
}

struct prefixes {
	uint8_t opsize16, addr32, lock, rep, fs_gs, rex;
};

/* Legacy prefixes then REX; a REX followed by a legacy prefix is ignored (SDM 2.2.1). */
static uint64_t scan_prefixes(struct cursor *c, struct prefixes *p)
{
	for (;;) {
		uint64_t st = need(c, 1);
		uint8_t b;

		if (st != TDX_VE_OK)
			return st;
		b = c->bytes[c->pos];
		switch (b) {
		case 0x66: p->opsize16 = 1; break;
		case 0x67: p->addr32 = 1; break;
		case 0xF0: p->lock = 1; break;
		case 0xF2: case 0xF3: p->rep = 1; break;
		case 0x2E: case 0x36: case 0x3E: case 0x26: break;	/* no base in 64-bit mode */
		case 0x64: case 0x65: p->fs_gs = 1; break;
		default:
			if ((b & 0xF0) == 0x40) {
				p->rex = b;
				c->pos++;
				continue;
			}
			return TDX_VE_OK;
		}
		p->rex = 0;
		c->pos++;
	}
}

/* The ModR/M memory operand: sets d->ea (RIP-relative: relative to the *next* RIP, fixed up by the caller). */
static inline __attribute__((always_inline)) uint64_t modrm(struct cursor *c, const struct prefixes *p, const struct tdx_ve_frame *f,
		      struct tdx_mmio_insn *d, unsigned *reg_field, int *rip_relative)
{
	uint64_t st = need(c, 1);
	unsigned mod, rm, disp_size = 0;
	uint64_t ea = 0, addr_mask = p->addr32 ? 0xFFFFFFFFull : ~0ull;
	uint8_t m;

	if (st != TDX_VE_OK)
		return st;
	m = (uint8_t)take(c, 1);
	mod = m >> 6;
	rm = m & 7;
	*reg_field = ((m >> 3) & 7) | ((p->rex & REX_R) ? 8 : 0);
	*rip_relative = 0;
	if (mod == 3)
		return TDX_VE_MMIO_NOT_MEMORY;

	if (rm == 4) {
		unsigned index, base, scale;
		uint8_t sib;

		if ((st = need(c, 1)) != TDX_VE_OK)
			return st;
		sib = (uint8_t)take(c, 1);
		scale = sib >> 6;
		index = ((sib >> 3) & 7) | ((p->rex & REX_X) ? 8 : 0);
		base = (sib & 7) | ((p->rex & REX_B) ? 8 : 0);
		if (index != 4)	/* RSP cannot be an index: "none" */
			ea += (tdx__ve_gpr(f, index) & addr_mask) << scale;
		if ((sib & 7) == 5 && mod == 0)
			disp_size = 4;	/* no base, disp32 */
		else
			ea += tdx__ve_gpr(f, base) & addr_mask;
	} else if (rm == 5 && mod == 0) {
		*rip_relative = 1;
		disp_size = 4;
	} else {
		ea += tdx__ve_gpr(f, rm | ((p->rex & REX_B) ? 8 : 0)) & addr_mask;
	}
	if (mod == 1)
		disp_size = 1;
	else if (mod == 2)
		disp_size = 4;
	if (disp_size) {
		if ((st = need(c, disp_size)) != TDX_VE_OK)
			return st;
		ea += sign_extend(take(c, disp_size), disp_size);
	}
	d->ea = ea;
	return TDX_VE_OK;
}

/* Register operand `field` of an 8-bit instruction: AH..BH without REX. */
static void set_reg8(struct tdx_mmio_insn *d, unsigned field, const struct prefixes *p)
{
	if (!p->rex && field >= 4 && field < 8) {
		d->reg = (uint8_t)(field - 4);
		d->reg_high8 = 1;
	} else {
		d->reg = (uint8_t)field;
	}
}

static int is_cmp(uint8_t op, const struct cursor *c)
{
	if (op >= 0x38 && op <= 0x3D)
		return 1;
	/* 80/81/83 /7: CMP r/m, imm (the ModR/M byte follows, if present) */
	if ((op == 0x80 || op == 0x81 || op == 0x83) && c->pos < c->len)
		return ((c->bytes[c->pos] >> 3) & 7) == 7;
	return 0;
}

uint64_t tdx_ve_decode_mmio(const uint8_t *bytes, unsigned len,
			    const struct tdx_ve_frame *frame, struct tdx_mmio_insn *out)
{
	struct cursor c = { bytes, len, 0 };
	struct prefixes p = { 0 };
	struct tdx_mmio_insn d = { 0 };
	uint64_t st;
	unsigned osize, reg_field = 0, imm_size = 0;
	int rip_relative = 0;
	uint8_t op;

	if ((st = scan_prefixes(&c, &p)) != TDX_VE_OK)
		return st;
	if ((st = need(&c, 1)) != TDX_VE_OK)
		return st;
	op = (uint8_t)take(&c, 1);
	osize = (p.rex & REX_W) ? 8 : p.opsize16 ? 2 : 4;

	/* Refusals first, by what the instruction is. */
	if (p.lock)
		return TDX_VE_MMIO_LOCK;
	if (op >= 0xA4 && op <= 0xAF && op != 0xA8 && op != 0xA9)
		return TDX_VE_MMIO_STRING;	/* MOVS CMPS STOS LODS SCAS */
	if (is_cmp(op, &c))
		return TDX_VE_MMIO_CMP;
	if (p.fs_gs || p.rep)
		return TDX_VE_MMIO_UNSUPPORTED;	/* segment base unknown / no REP MOV */

	switch (op) {
	case 0x88: case 0x89: case 0x8A: case 0x8B:
		st = modrm(&c, &p, frame, &d, &reg_field, &rip_relative);
		d.size = (uint8_t)((op & 1) ? osize : 1);
		d.reg_size = d.size;
		d.write = !(op & 2);
		if (d.size == 1)
			set_reg8(&d, reg_field, &p);
		else
			d.reg = (uint8_t)reg_field;
		break;
	case 0xC6: case 0xC7:
		st = modrm(&c, &p, frame, &d, &reg_field, &rip_relative);
		if (st == TDX_VE_OK && (reg_field & 7) != 0)
			return TDX_VE_MMIO_UNSUPPORTED;	/* only /0 is MOV */
		d.size = (uint8_t)(op == 0xC6 ? 1 : osize);
		d.write = 1;
		d.has_imm = 1;
		imm_size = d.size > 4 ? 4 : d.size;	/* imm32 sign-extended for REX.W */
		break;
	case 0xA0: case 0xA1: case 0xA2: case 0xA3: {
		unsigned asize = p.addr32 ? 4 : 8;

		if ((st = need(&c, asize)) != TDX_VE_OK)
			return st;
		d.ea = take(&c, asize);
		d.size = (uint8_t)((op & 1) ? osize : 1);
		d.reg_size = d.size;
		d.write = (op & 2) != 0;
		d.reg = 0;	/* AL / rAX */
		break;
	}
	case 0x0F: {
		uint8_t op2;

		if ((st = need(&c, 1)) != TDX_VE_OK)
			return st;
		op2 = (uint8_t)take(&c, 1);
		if (op2 != 0xB6 && op2 != 0xB7 && op2 != 0xBE && op2 != 0xBF)
			return TDX_VE_MMIO_UNSUPPORTED;
		st = modrm(&c, &p, frame, &d, &reg_field, &rip_relative);
		d.size = (uint8_t)((op2 & 1) ? 2 : 1);
		d.reg_size = (uint8_t)osize;
		d.reg = (uint8_t)reg_field;
		d.sign_extend = op2 >= 0xBE;
		break;
	}
	default:
		return TDX_VE_MMIO_UNSUPPORTED;
	}
	if (st != TDX_VE_OK)
		return st;
	if (imm_size) {
		if ((st = need(&c, imm_size)) != TDX_VE_OK)
			return st;
		d.imm = sign_extend(take(&c, imm_size), imm_size);
	}
	d.length = (uint8_t)c.pos;
	if (rip_relative)
		d.ea += frame->rip + d.length;
	if (p.addr32)
		d.ea &= 0xFFFFFFFFull;
	*out = d;
	return TDX_VE_OK;
}
