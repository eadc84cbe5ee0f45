/* SPDX-License-Identifier: MIT */
/*
 * Faulting instruction -> VE info, as the TDX module reports it (it copies
 * the VMX exit reason, exit qualification, instruction length and
 * instruction information of the VM exit into the VE info).  Encodings from
 * the Intel SDM (IN, OUT, INS, OUTS, HLT, RDMSR, WRMSR, CPUID) and the VMX
 * exit-qualification / instruction-information formats; the constants are
 * libtdx's (<tdx/exit_reason.h>, <tdx/ve.h>).  Pure: no signals, no state.
 */
#include "../tdxm.h"

#include <string.h>

#include <tdx/exit_reason.h>
#include <tdx/ve.h>

/* EPT-violation qualification bit 8: the access was to the final translation. */
#define EPT_QUAL_FINAL_TRANSLATION (1ull << 8)

/* VMX instruction information for INS/OUTS: address size (9:7), segment (17:15). */
#define II_ADDR32  (1u << 7)
#define II_ADDR64  (2u << 7)
#define SEG_ES 0
#define SEG_CS 1
#define SEG_SS 2
#define SEG_DS 3
#define SEG_FS 4
#define SEG_GS 5

static uint64_t io_qual(unsigned size, bool in, uint16_t port)
{
	return (uint64_t)(size - 1) | (in ? TDX_IO_QUAL_IN : 0) | ((uint64_t)port << 16);
}

int tdxh_ve_decode_insn(const uint8_t *insn, size_t avail, const struct tdxh_regs *regs,
			struct tdxh_ve_info *out)
{
	struct tdxh_ve_info ve;
	bool opsize16 = false, addr32 = false, rep = false;
	unsigned seg = SEG_DS;
	size_t i = 0;
	uint8_t op;

	memset(&ve, 0, sizeof(ve));
	for (;; i++) {
		if (i >= avail || i >= 15)
			return -1;
		switch (insn[i]) {
		case 0x66: opsize16 = true; continue;
		case 0x67: addr32 = true; continue;
		case 0xF2: case 0xF3: rep = true; continue;
		case 0x26: seg = SEG_ES; continue;
		case 0x2E: seg = SEG_CS; continue;
		case 0x36: seg = SEG_SS; continue;
		case 0x3E: seg = SEG_DS; continue;
		case 0x64: seg = SEG_FS; continue;
		case 0x65: seg = SEG_GS; continue;
		default:
			if ((insn[i] & 0xF0) == 0x40)
				continue;	/* REX: no effect on these instructions */
			break;
		}
		break;
	}
	op = insn[i++];
	unsigned wide = opsize16 ? 2 : 4;
	uint16_t dx = (uint16_t)regs->gpr[TDXH_RDX];

	switch (op) {
	case 0xE4: case 0xE5: case 0xE6: case 0xE7:	/* IN/OUT with imm8 port */
		if (i >= avail)
			return -1;
		ve.exit_reason = EXIT_REASON_IO_INSTRUCTION;
		ve.exit_qualification = io_qual((op & 1) ? wide : 1, !(op & 2), insn[i]) | TDX_IO_QUAL_IMM;
		i++;
		break;
	case 0xEC: case 0xED: case 0xEE: case 0xEF:	/* IN/OUT with DX */
		ve.exit_reason = EXIT_REASON_IO_INSTRUCTION;
		ve.exit_qualification = io_qual((op & 1) ? wide : 1, !(op & 2), dx);
		break;
	case 0x6C: case 0x6D: case 0x6E: case 0x6F:	/* INS / OUTS */
		ve.exit_reason = EXIT_REASON_IO_INSTRUCTION;
		ve.exit_qualification = io_qual((op & 1) ? wide : 1, !(op & 2), dx) | TDX_IO_QUAL_STRING |
					(rep ? TDX_IO_QUAL_REP : 0);
		ve.instruction_info = (addr32 ? II_ADDR32 : II_ADDR64) |
				      ((op & 2) ? seg << 15 : SEG_ES << 15);
		break;
	case 0xF4:
		ve.exit_reason = EXIT_REASON_HLT;
		break;
	case 0x0F:
		if (i >= avail)
			return -1;
		switch (insn[i++]) {
		case 0x32: ve.exit_reason = EXIT_REASON_MSR_READ; break;
		case 0x30: ve.exit_reason = EXIT_REASON_MSR_WRITE; break;
		case 0xA2: ve.exit_reason = EXIT_REASON_CPUID; break;
		default: return -1;
		}
		break;
	default:
		return -1;
	}
	if (i > 15)
		return -1;
	ve.instruction_length = (uint32_t)i;
	*out = ve;
	return 0;
}

void tdxh_ve_make_ept(uint64_t gla, uint64_t gpa, bool write, struct tdxh_ve_info *out)
{
	memset(out, 0, sizeof(*out));
	out->exit_reason = EXIT_REASON_EPT_VIOLATION;
	out->exit_qualification = (write ? TDX_EPT_QUAL_WRITE : TDX_EPT_QUAL_READ) | TDX_EPT_QUAL_GLA_VALID |
				  EPT_QUAL_FINAL_TRANSLATION;
	out->gla = gla;
	out->gpa = gpa;
	out->instruction_length = TDXH_VE_EPT_JUNK_LENGTH;
}

int tdxh_ve_from_fault(unsigned trapno, uint64_t fault_addr, uint64_t pf_error, uint64_t shared_gpa,
		       const uint8_t *insn, size_t avail, const struct tdxh_regs *regs,
		       struct tdxh_ve_info *out)
{
	if (trapno == TDXH_TRAP_PF && shared_gpa) {
		tdxh_ve_make_ept(fault_addr, shared_gpa, (pf_error & 2) != 0, out);
		return 0;
	}
	if (trapno == TDXH_TRAP_GP)
		return tdxh_ve_decode_insn(insn, avail, regs, out);
	return -1;
}
