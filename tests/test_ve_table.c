/* SPDX-License-Identifier: MIT */
/*
 * The #VE dispatcher, table-driven: instruction bytes + register frame + VE
 * info in; expected status, TDVMCALL (as the VMM saw it) and resulting frame
 * out.  Encodings are typed from the Intel SDM and the GHCI tables (fact
 * sheet §3/§4), not from libtdx's constants: exit reasons CPUID 10, HLT 12,
 * IO 30, RDMSR 31, WRMSR 32, EPT 48; sub-functions CPUID 10, HLT 12, IO 30,
 * RDMSR 31, WRMSR 32, RequestMMIO 48; IO direction 0 in / 1 out; MMIO
 * direction 0 read / 1 write.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <tdx/tdx.h>
#include <tdx/module.h>
#include "tdx_harness.h"
#include "tdxh_ve.h"
#include "ve_hooks.h"

enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };

#define DEF 0xFFEEDDCCBBAA9988ull	/* every register not set by a case */
#define IF_ 0x202ull			/* RFLAGS with IF */
#define NOIF 0x002ull
#define DF_ 0x602ull			/* IF | DF */

static uint64_t *reg(struct tdx_ve_frame *f, int n)
{
	uint64_t *r[16] = { &f->rax, &f->rcx, &f->rdx, &f->rbx, &f->rsp, &f->rbp, &f->rsi, &f->rdi,
			    &f->r8, &f->r9, &f->r10, &f->r11, &f->r12, &f->r13, &f->r14, &f->r15 };
	return r[n];
}

enum rel { ABS, WIN, MEM, MEM_END };	/* value is absolute / window+v / buffer+v / buffer end+v */

struct reg_val {
	int reg;
	uint64_t val;
	enum rel rel;
	int set;
};
#define R(r, v)  { r, v, ABS, 1 }
#define RW(r, v) { r, v, WIN, 1 }
#define RM(r, v) { r, v, MEM, 1 }
#define RE(r, v) { r, v, MEM_END, 1 }

struct ve_case {
	const char *name;
	uint8_t bytes[16];
	unsigned nbytes;
	uint32_t exit_reason;
	uint64_t qual;		/* instruction exits; EPT: 1 read / 2 write (| extra) */
	uint32_t len;		/* instruction exits */
	uint64_t ept_off;	/* EPT: GLA = window + ept_off, GPA = its GPA (tdxh_ve_va_to_gpa) */
	int ept_private;	/* EPT: report the GPA without the shared bit */
	uint64_t gla_skew;	/* EPT: added to the GLA reported */
	uint64_t gpa_skew;	/* EPT: added to the GPA reported (and expected in R14) */
	int no_gla_valid;	/* EPT: qualification bit 7 (GLA valid) clear */
	int gla_moffs;		/* bytes[1..8] (or [2..5] with 67) get the window address + ept_off */
	int rip_rel_at;		/* nonzero: disp32 at this byte = window + ept_off - next RIP */
	uint64_t rflags;
	struct reg_val in[4];
	uint64_t answer;	/* what the device / VMM model answers */
	int vmm_fails;		/* the VMM model returns INVALID_OPERAND */
	/* expected */
	uint64_t status;
	unsigned ncalls;	/* TDVMCALLs expected */
	uint64_t subfn, r12, r13, r14, r15;	/* of the last TDVMCALL, when ncalls */
	struct reg_val out[4];	/* registers that change */
	unsigned rip_delta;
};

#define B(...) .bytes = { __VA_ARGS__ }, .nbytes = sizeof((uint8_t[]){ __VA_ARGS__ })
#define WRITE 2
#define READ 1
#define OK 0
/* The VMM refused the emulating TDVMCALL (the model answers INVALID_OPERAND): lifted. */
#define VMM_FAILED TDX_VMCALL_STATUS(TDVMCALL_STATUS_INVALID_OPERAND)

/* I/O exit qualification: size-1 | in<<3 | string<<4 | rep<<5 | imm<<6 | port<<16 */
#define IOQ(size, in, str, rep, imm, port) \
	((uint64_t)((size) - 1) | ((uint64_t)(in) << 3) | ((uint64_t)(str) << 4) | \
	 ((uint64_t)(rep) << 5) | ((uint64_t)(imm) << 6) | ((uint64_t)(port) << 16))
#define PORT 0x70

static const struct ve_case cases[] = {
	/* ---- CPUID, HLT, MSRs ---- */
	{ "cpuid hypervisor leaf forwarded", B(0x0F, 0xA2), 10, 0, 2, .rflags = IF_,
	  .in = { R(RAX, 0xFFFFFFFF40000000ull), R(RCX, 0x1234500000007ull) },
	  .status = OK, .ncalls = 1, .subfn = 10, .r12 = 0x40000000, .r13 = 7,
	  .out = { R(RAX, 0xA1A1A1A1), R(RBX, 0xB2B2B2B2), R(RCX, 0xC3C3C3C3), R(RDX, 0xD4D4D4D4) },
	  .rip_delta = 2 },
	{ "cpuid leaf 0 not forwarded", B(0x0F, 0xA2), 10, 0, 2, .rflags = IF_,
	  .in = { R(RAX, 0), R(RCX, 0) }, .status = OK, .ncalls = 0,
	  .out = { R(RAX, 0), R(RBX, 0), R(RCX, 0), R(RDX, 0) }, .rip_delta = 2 },
	{ "hlt with IF=1: not blocked", B(0xF4), 12, 0, 1, .rflags = IF_,
	  .status = OK, .ncalls = 1, .subfn = 12, .r12 = 0, .rip_delta = 1 },
	{ "hlt with IF=0: blocked", B(0xF4), 12, 0, 1, .rflags = NOIF,
	  .status = OK, .ncalls = 1, .subfn = 12, .r12 = 1, .rip_delta = 1 },
	{ "rdmsr -> EDX:EAX zero-extended", B(0x0F, 0x32), 31, 0, 2, .rflags = IF_,
	  .in = { R(RCX, 0xFFFFFFFF0000001Bull) }, .answer = 0x12345678FEE00900ull,
	  .status = OK, .ncalls = 1, .subfn = 31, .r12 = 0x1B,
	  .out = { R(RAX, 0xFEE00900), R(RDX, 0x12345678) }, .rip_delta = 2 },
	{ "wrmsr sends EDX:EAX only", B(0x0F, 0x30), 32, 0, 2, .rflags = IF_,
	  .in = { R(RCX, 0xAAAA0000000001D9ull), R(RAX, 0x5555555500000001ull), R(RDX, 0x66666666ABCDEF01ull) },
	  .status = OK, .ncalls = 1, .subfn = 32, .r12 = 0x1D9, .r13 = 0xABCDEF0100000001ull, .rip_delta = 2 },
	{ "rdmsr refused by the VMM", B(0x0F, 0x32), 31, 0, 2, .rflags = IF_, .in = { R(RCX, 0x10) },
	  .vmm_fails = 1, .status = VMM_FAILED, .ncalls = 1, .subfn = 31, .r12 = 0x10 },
	{ "hlt refused by the VMM", B(0xF4), 12, 0, 1, .rflags = IF_, .vmm_fails = 1,
	  .status = VMM_FAILED, .ncalls = 1, .subfn = 12 },
	{ "instruction length 0", B(0xF4), 12, 0, 0, .rflags = IF_, .status = TDX_VE_BAD_LENGTH },
	{ "instruction length 16", B(0xF4), 12, 0, 16, .rflags = IF_, .status = TDX_VE_BAD_LENGTH },
	{ "unsupported exit reason (CR access 28)", B(0x0F, 0x20, 0xC0), 28, 0, 3, .rflags = IF_,
	  .status = TDX_VE_UNSUPPORTED_EXIT },

	/* ---- port I/O ---- */
	{ "out imm8, al", B(0xE6, PORT), 30, IOQ(1, 0, 0, 0, 1, PORT), 2, .rflags = IF_,
	  .in = { R(RAX, 0x123456789ABCDE5Aull) }, .status = OK, .ncalls = 1, .subfn = 30,
	  .r12 = 1, .r13 = 1, .r14 = PORT, .r15 = 0x5A, .rip_delta = 2 },
	{ "out dx, ax", B(0x66, 0xEF), 30, IOQ(2, 0, 0, 0, 0, PORT), 2, .rflags = IF_,
	  .in = { R(RAX, 0x1234BEEF), R(RDX, PORT) }, .status = OK, .ncalls = 1, .subfn = 30,
	  .r12 = 2, .r13 = 1, .r14 = PORT, .r15 = 0xBEEF, .rip_delta = 2 },
	{ "out dx, eax", B(0xEF), 30, IOQ(4, 0, 0, 0, 0, PORT), 1, .rflags = IF_,
	  .in = { R(RAX, 0xFFFFFFFFDEADBEEFull), R(RDX, PORT) }, .status = OK, .ncalls = 1, .subfn = 30,
	  .r12 = 4, .r13 = 1, .r14 = PORT, .r15 = 0xDEADBEEF, .rip_delta = 1 },
	{ "in al, imm8 merges AL", B(0xE4, PORT), 30, IOQ(1, 1, 0, 0, 1, PORT), 2, .rflags = IF_,
	  .answer = 0xC3, .status = OK, .ncalls = 1, .subfn = 30, .r12 = 1, .r13 = 0, .r14 = PORT,
	  .out = { R(RAX, 0xFFEEDDCCBBAA99C3ull) }, .rip_delta = 2 },
	{ "in ax, dx merges AX", B(0x66, 0xED), 30, IOQ(2, 1, 0, 0, 0, PORT), 2, .rflags = IF_,
	  .in = { R(RDX, PORT) }, .answer = 0xC3D4, .status = OK, .ncalls = 1, .subfn = 30, .r12 = 2,
	  .r13 = 0, .r14 = PORT, .out = { R(RAX, 0xFFEEDDCCBBAAC3D4ull) }, .rip_delta = 2 },
	{ "in eax, dx zero-extends", B(0xED), 30, IOQ(4, 1, 0, 0, 0, PORT), 1, .rflags = IF_,
	  .in = { R(RDX, PORT) }, .answer = 0x8899AABB, .status = OK, .ncalls = 1, .subfn = 30, .r12 = 4,
	  .r13 = 0, .r14 = PORT, .out = { R(RAX, 0x8899AABB) }, .rip_delta = 1 },
	{ "in refused by the VMM: AL untouched", B(0xE4, PORT), 30, IOQ(1, 1, 0, 0, 1, PORT), 2,
	  .rflags = IF_, .vmm_fails = 1, .status = VMM_FAILED, .ncalls = 1, .subfn = 30, .r12 = 1,
	  .r14 = PORT },
	{ "I/O size 3 in the qualification", B(0xEF), 30, IOQ(3, 0, 0, 0, 0, PORT), 1, .rflags = IF_,
	  .status = TDX_VE_BAD_IO },
	{ "REP without string", B(0xEF), 30, IOQ(4, 0, 0, 1, 0, PORT), 1, .rflags = IF_,
	  .status = TDX_VE_BAD_IO },
	{ "outsb: one byte, RSI+1", B(0x6E), 30, IOQ(1, 0, 1, 0, 0, PORT), 1, .rflags = IF_,
	  .in = { RM(RSI, 0), R(RDX, PORT) }, .status = OK, .ncalls = 1, .subfn = 30, .r12 = 1,
	  .r13 = 1, .r14 = PORT, .r15 = 'a', .out = { RM(RSI, 1) }, .rip_delta = 1 },
	{ "rep outsb x3", B(0xF3, 0x6E), 30, IOQ(1, 0, 1, 1, 0, PORT), 2, .rflags = IF_,
	  .in = { RM(RSI, 0), R(RCX, 3), R(RDX, PORT) }, .status = OK, .ncalls = 3, .subfn = 30,
	  .r12 = 1, .r13 = 1, .r14 = PORT, .r15 = 'c', .out = { RM(RSI, 3), R(RCX, 0) }, .rip_delta = 2 },
	{ "rep outsb x3 with DF=1 walks down", B(0xF3, 0x6E), 30, IOQ(1, 0, 1, 1, 0, PORT), 2,
	  .rflags = DF_, .in = { RM(RSI, 2), R(RCX, 3), R(RDX, PORT) }, .status = OK, .ncalls = 3,
	  .subfn = 30, .r12 = 1, .r13 = 1, .r14 = PORT, .r15 = 'a',
	  .out = { RM(RSI, (uint64_t)-1) , R(RCX, 0) }, .rip_delta = 2 },
	{ "rep outsd x2", B(0xF3, 0x6F), 30, IOQ(4, 0, 1, 1, 0, PORT), 2, .rflags = IF_,
	  .in = { RM(RSI, 0), R(RCX, 2), R(RDX, PORT) }, .status = OK, .ncalls = 2, .subfn = 30,
	  .r12 = 4, .r13 = 1, .r14 = PORT, .r15 = 0x68676665, .out = { RM(RSI, 8), R(RCX, 0) },
	  .rip_delta = 2 },
	{ "rep insb x4", B(0xF3, 0x6C), 30, IOQ(1, 1, 1, 1, 0, PORT), 2, .rflags = IF_,
	  .in = { RM(RDI, 16), R(RCX, 4), R(RDX, PORT) }, .answer = 0x41, .status = OK, .ncalls = 4,
	  .subfn = 30, .r12 = 1, .r13 = 0, .r14 = PORT, .out = { RM(RDI, 20), R(RCX, 0) }, .rip_delta = 2 },
	{ "rep insw, 32-bit addresses: ECX/EDI, upper halves cleared", B(0x66, 0x67, 0xF3, 0x6D), 30,
	  IOQ(2, 1, 1, 1, 0, PORT), 4, .rflags = IF_,
	  .in = { RM(RDI, 0xABCD000000000000ull + 16), R(RCX, 0x7777777700000002ull), R(RDX, PORT) },
	  .answer = 0x4241, .status = OK, .ncalls = 2, .subfn = 30, .r12 = 2, .r13 = 0, .r14 = PORT,
	  .out = { RM(RDI, 20), R(RCX, 0) }, .rip_delta = 4 },
	{ "rep outsb with count 0: nothing, RIP advances", B(0xF3, 0x6E), 30, IOQ(1, 0, 1, 1, 0, PORT), 2,
	  .rflags = IF_, .in = { RM(RSI, 0), R(RCX, 0), R(RDX, PORT) }, .status = OK, .ncalls = 0,
	  .rip_delta = 2 },
	/* 32-bit addresses (67): ECX/ESI/EDI are the registers, written as 32-bit ones (zero-extended). */
	{ "rep outsb, 32-bit addresses, ECX = 0: RCX cleared, RSI kept", B(0x67, 0xF3, 0x6E), 30,
	  IOQ(1, 0, 1, 1, 0, PORT), 3, .rflags = IF_,
	  .in = { RM(RSI, 0x1234000000000000ull), R(RCX, 0xFFFFFFFF00000000ull), R(RDX, PORT) },
	  .status = OK, .ncalls = 0, .out = { R(RCX, 0) }, .rip_delta = 3 },
	{ "rep insd, 32-bit addresses, ECX = 0: RCX cleared, RDI kept", B(0x67, 0xF3, 0x6D), 30,
	  IOQ(4, 1, 1, 1, 0, PORT), 3, .rflags = DF_,
	  .in = { RM(RDI, 0x8000000000000010ull), R(RCX, 0x0000000100000000ull), R(RDX, PORT) },
	  .status = OK, .ncalls = 0, .out = { R(RCX, 0) }, .rip_delta = 3 },
	{ "rep outsd x2, 32-bit addresses: ECX, ESI zero-extended", B(0x67, 0xF3, 0x6F), 30,
	  IOQ(4, 0, 1, 1, 0, PORT), 3, .rflags = IF_,
	  .in = { RM(RSI, 0x1234000000000000ull), R(RCX, 0x5555555500000002ull), R(RDX, PORT) },
	  .status = OK, .ncalls = 2, .subfn = 30, .r12 = 4, .r13 = 1, .r14 = PORT, .r15 = 0x68676665,
	  .out = { RM(RSI, 8), R(RCX, 0) }, .rip_delta = 3 },
	{ "rep insb x2, 32-bit addresses, DF=1: EDI walks down, zero-extended", B(0x67, 0xF3, 0x6C), 30,
	  IOQ(1, 1, 1, 1, 0, PORT), 3, .rflags = DF_,
	  .in = { RM(RDI, 0xFFFF000000000010ull), R(RCX, 0xFFFFFFFF00000002ull), R(RDX, PORT) },
	  .answer = 0x41, .status = OK, .ncalls = 2, .subfn = 30, .r12 = 1, .r13 = 0, .r14 = PORT,
	  .out = { RM(RDI, 0xE), R(RCX, 0) }, .rip_delta = 3 },
	{ "rep outsb x200, 32-bit addresses: 128 now, ECX/ESI zero-extended, RIP stays",
	  B(0x67, 0xF3, 0x6E), 30, IOQ(1, 0, 1, 1, 0, PORT), 3, .rflags = IF_,
	  .in = { RM(RSI, 0x0000000100000000ull), R(RCX, 0xFFFF0000000000C8ull), R(RDX, PORT) },
	  .status = OK, .ncalls = 128, .subfn = 30, .r12 = 1, .r13 = 1, .r14 = PORT, .r15 = 'a' + 127 % 26,
	  .out = { RM(RSI, 128), R(RCX, 72) }, .rip_delta = 0 },
	{ "outsb without REP, 32-bit addresses: ESI zero-extended, RCX untouched", B(0x67, 0x6E), 30,
	  IOQ(1, 0, 1, 0, 0, PORT), 2, .rflags = IF_,
	  .in = { RM(RSI, 0xABCD000000000000ull), R(RCX, 0xFFFFFFFF00000000ull), R(RDX, PORT) },
	  .status = OK, .ncalls = 1, .subfn = 30, .r12 = 1, .r13 = 1, .r14 = PORT, .r15 = 'a',
	  .out = { RM(RSI, 1) }, .rip_delta = 2 },
	{ "rep outsb, 64-bit addresses, RCX = 1 << 32: a count, not 0", B(0xF3, 0x6E), 30,
	  IOQ(1, 0, 1, 1, 0, PORT), 2, .rflags = IF_,
	  .in = { RM(RSI, 0), R(RCX, 0x100000000ull), R(RDX, PORT) },
	  .status = OK, .ncalls = 128, .subfn = 30, .r12 = 1, .r13 = 1, .r14 = PORT, .r15 = 'a' + 127 % 26,
	  .out = { RM(RSI, 128), R(RCX, 0xFFFFFF80ull) }, .rip_delta = 0 },
	{ "rep outsb x200: 128 now, RIP stays for the rest", B(0xF3, 0x6E), 30, IOQ(1, 0, 1, 1, 0, PORT), 2,
	  .rflags = IF_, .in = { RM(RSI, 0), R(RCX, 200), R(RDX, PORT) }, .status = OK, .ncalls = 128,
	  .subfn = 30, .r12 = 1, .r13 = 1, .r14 = PORT, .r15 = 'a' + 127 % 26,
	  .out = { RM(RSI, 128), R(RCX, 72) }, .rip_delta = 0 },
	{ "string qual says REP, bytes have none", B(0x90, 0x6E), 30, IOQ(1, 0, 1, 1, 0, PORT), 2,
	  .rflags = IF_, .in = { RM(RSI, 0), R(RCX, 2), R(RDX, PORT) }, .status = TDX_VE_BAD_IO },
	{ "string: bytes are OUT, not OUTS", B(0xEE), 30, IOQ(1, 0, 1, 0, 0, PORT), 1,
	  .rflags = IF_, .in = { RM(RSI, 0), R(RDX, PORT) }, .status = TDX_VE_BAD_IO },
	{ "string: qualification says in, bytes say OUTS", B(0x6E), 30, IOQ(1, 1, 1, 0, 0, PORT), 1,
	  .rflags = IF_, .in = { RM(RDI, 0), R(RDX, PORT) }, .status = TDX_VE_BAD_IO },
	{ "outs from FS: segment base unknown", B(0x64, 0x6E), 30, IOQ(1, 0, 1, 0, 0, PORT), 2,
	  .rflags = IF_, .in = { RM(RSI, 0), R(RDX, PORT) }, .status = TDX_VE_BAD_IO },
	{ "rep insb refused by the VMM on the first element", B(0xF3, 0x6C), 30, IOQ(1, 1, 1, 1, 0, PORT), 2,
	  .rflags = IF_, .in = { RM(RDI, 0), R(RCX, 4), R(RDX, PORT) }, .vmm_fails = 1,
	  .status = VMM_FAILED, .ncalls = 1, .subfn = 30, .r12 = 1, .r13 = 0, .r14 = PORT },

	/* ---- MMIO stores ---- */
	{ "88: mov [rbx], cl", B(0x88, 0x0B), 48, WRITE, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10), R(RCX, 0x5A) }, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 1,
	  .r13 = 1, .r14 = 0x10, .r15 = 0x5A, .rip_delta = 2 },
	{ "88: mov [rbx], ah (no REX: high byte)", B(0x88, 0x23), 48, WRITE, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10), R(RAX, 0xBE11) }, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 1,
	  .r13 = 1, .r14 = 0x10, .r15 = 0xBE, .rip_delta = 2 },
	{ "40 88: mov [rbx], spl (REX: low byte of RSP)", B(0x40, 0x88, 0x23), 48, WRITE, 0, 0x10,
	  .rflags = IF_, .in = { RW(RBX, 0x10), R(RSP, 0x7FFC0000000000E7ull) }, .status = OK, .ncalls = 1,
	  .subfn = 48, .r12 = 1, .r13 = 1, .r14 = 0x10, .r15 = 0xE7, .rip_delta = 3 },
	{ "89: mov [rbx], ecx", B(0x89, 0x0B), 48, WRITE, 0, 0x20, .rflags = IF_,
	  .in = { RW(RBX, 0x20), R(RCX, 0x1122334455667788ull) }, .status = OK, .ncalls = 1, .subfn = 48,
	  .r12 = 4, .r13 = 1, .r14 = 0x20, .r15 = 0x55667788, .rip_delta = 2 },
	{ "66 89: mov [rbx], cx", B(0x66, 0x89, 0x0B), 48, WRITE, 0, 0x20, .rflags = IF_,
	  .in = { RW(RBX, 0x20), R(RCX, 0x1122334455667788ull) }, .status = OK, .ncalls = 1, .subfn = 48,
	  .r12 = 2, .r13 = 1, .r14 = 0x20, .r15 = 0x7788, .rip_delta = 3 },
	{ "48 89: mov [rbx], rcx", B(0x48, 0x89, 0x0B), 48, WRITE, 0, 0x20, .rflags = IF_,
	  .in = { RW(RBX, 0x20), R(RCX, 0x1122334455667788ull) }, .status = OK, .ncalls = 1, .subfn = 48,
	  .r12 = 8, .r13 = 1, .r14 = 0x20, .r15 = 0x1122334455667788ull, .rip_delta = 3 },
	{ "4C 89: mov [rbx], r8 (REX.R)", B(0x4C, 0x89, 0x03), 48, WRITE, 0, 0x28, .rflags = IF_,
	  .in = { RW(RBX, 0x28), R(R8, 0x0807060504030201ull) }, .status = OK, .ncalls = 1, .subfn = 48,
	  .r12 = 8, .r13 = 1, .r14 = 0x28, .r15 = 0x0807060504030201ull, .rip_delta = 3 },
	{ "C6: mov byte [rbx], imm8", B(0xC6, 0x03, 0x7F), 48, WRITE, 0, 0x30, .rflags = IF_,
	  .in = { RW(RBX, 0x30) }, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 1, .r13 = 1,
	  .r14 = 0x30, .r15 = 0x7F, .rip_delta = 3 },
	{ "C7: mov dword [rbx+8], imm32", B(0xC7, 0x43, 0x08, 0x78, 0x56, 0x34, 0x12), 48, WRITE, 0, 0x38,
	  .rflags = IF_, .in = { RW(RBX, 0x30) }, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 4,
	  .r13 = 1, .r14 = 0x38, .r15 = 0x12345678, .rip_delta = 7 },
	{ "66 C7: mov word [rbx], imm16", B(0x66, 0xC7, 0x03, 0x34, 0x12), 48, WRITE, 0, 0x30,
	  .rflags = IF_, .in = { RW(RBX, 0x30) }, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 2,
	  .r13 = 1, .r14 = 0x30, .r15 = 0x1234, .rip_delta = 5 },
	{ "48 C7: mov qword [rbx], imm32 sign-extended", B(0x48, 0xC7, 0x03, 0xF0, 0xFF, 0xFF, 0xFF), 48,
	  WRITE, 0, 0x30, .rflags = IF_, .in = { RW(RBX, 0x30) }, .status = OK, .ncalls = 1, .subfn = 48,
	  .r12 = 8, .r13 = 1, .r14 = 0x30, .r15 = 0xFFFFFFFFFFFFFFF0ull, .rip_delta = 7 },
	{ "A2: mov [moffs64], al", B(0xA2, 0, 0, 0, 0, 0, 0, 0, 0), 48, WRITE, 0, 0x40, .gla_moffs = 1,
	  .rflags = IF_, .in = { R(RAX, 0x99) }, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 1,
	  .r13 = 1, .r14 = 0x40, .r15 = 0x99, .rip_delta = 9 },
	{ "A3: mov [moffs64], eax", B(0xA3, 0, 0, 0, 0, 0, 0, 0, 0), 48, WRITE, 0, 0x40, .gla_moffs = 1,
	  .rflags = IF_, .in = { R(RAX, 0xAAAABBBBCCCCDDDDull) }, .status = OK, .ncalls = 1, .subfn = 48,
	  .r12 = 4, .r13 = 1, .r14 = 0x40, .r15 = 0xCCCCDDDD, .rip_delta = 9 },

	/* ---- MMIO loads ---- */
	{ "8A: mov cl, [rbx] merges CL", B(0x8A, 0x0B), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .answer = 0x42, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 1,
	  .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0xFFEEDDCCBBAA9942ull) }, .rip_delta = 2 },
	{ "8A: mov ch, [rbx] merges bits 15:8", B(0x8A, 0x2B), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .answer = 0x42, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 1,
	  .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0xFFEEDDCCBBAA4288ull) }, .rip_delta = 2 },
	{ "8B: mov ecx, [rbx] zero-extends", B(0x8B, 0x0B), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .answer = 0x87654321, .status = OK, .ncalls = 1, .subfn = 48,
	  .r12 = 4, .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0x87654321) }, .rip_delta = 2 },
	{ "66 8B: mov cx, [rbx] merges CX", B(0x66, 0x8B, 0x0B), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .answer = 0x4321, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 2,
	  .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0xFFEEDDCCBBAA4321ull) }, .rip_delta = 3 },
	{ "48 8B: mov rcx, [rbx]", B(0x48, 0x8B, 0x0B), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .answer = 0x0123456789ABCDEFull, .status = OK, .ncalls = 1,
	  .subfn = 48, .r12 = 8, .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0x0123456789ABCDEFull) },
	  .rip_delta = 3 },
	{ "45 8B 0C 24: mov r9d, [r12] (SIB, REX.R/B)", B(0x45, 0x8B, 0x0C, 0x24), 48, READ, 0, 0x50,
	  .rflags = IF_, .in = { RW(R12, 0x50) }, .answer = 0xCAFE, .status = OK, .ncalls = 1,
	  .subfn = 48, .r12 = 4, .r13 = 0, .r14 = 0x50, .out = { R(R9, 0xCAFE) }, .rip_delta = 4 },
	{ "8B 44 8B 10: mov eax, [rbx+rcx*4+0x10]", B(0x8B, 0x44, 0x8B, 0x10), 48, READ, 0, 0x6C,
	  .rflags = IF_, .in = { RW(RBX, 0x40), R(RCX, 7) }, .answer = 1, .status = OK, .ncalls = 1,
	  .subfn = 48, .r12 = 4, .r13 = 0, .r14 = 0x6C, .out = { R(RAX, 1) }, .rip_delta = 4 },
	{ "8B 83: mov eax, [rbx+disp32]", B(0x8B, 0x83, 0x00, 0x01, 0x00, 0x00), 48, READ, 0, 0x108,
	  .rflags = IF_, .in = { RW(RBX, 0x8) }, .answer = 2, .status = OK, .ncalls = 1, .subfn = 48,
	  .r12 = 4, .r13 = 0, .r14 = 0x108, .out = { R(RAX, 2) }, .rip_delta = 6 },
	{ "8B 05: mov eax, [rip+disp32]", B(0x8B, 0x05, 0, 0, 0, 0), 48, READ, 0, 0x200, .rip_rel_at = 2,
	  .rflags = IF_, .answer = 3, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 4, .r13 = 0,
	  .r14 = 0x200, .out = { R(RAX, 3) }, .rip_delta = 6 },
	{ "67 8B: mov eax, [ebx] (32-bit address)", B(0x67, 0x8B, 0x03), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0xDEAD000000000000ull + 0x10) }, .answer = 4, .status = OK, .ncalls = 1,
	  .subfn = 48, .r12 = 4, .r13 = 0, .r14 = 0x10, .out = { R(RAX, 4) }, .rip_delta = 3 },
	{ "A0: mov al, [moffs64]", B(0xA0, 0, 0, 0, 0, 0, 0, 0, 0), 48, READ, 0, 0x40, .gla_moffs = 1,
	  .rflags = IF_, .answer = 0x5A, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 1, .r13 = 0,
	  .r14 = 0x40, .out = { R(RAX, 0xFFEEDDCCBBAA995Aull) }, .rip_delta = 9 },
	{ "48 A1: mov rax, [moffs64]", B(0x48, 0xA1, 0, 0, 0, 0, 0, 0, 0, 0), 48, READ, 0, 0x40,
	  .gla_moffs = 2, .rflags = IF_, .answer = 0x1122334455667788ull, .status = OK, .ncalls = 1,
	  .subfn = 48, .r12 = 8, .r13 = 0, .r14 = 0x40, .out = { R(RAX, 0x1122334455667788ull) },
	  .rip_delta = 10 },
	{ "67 A1: mov eax, [moffs32]", B(0x67, 0xA1, 0, 0, 0, 0), 48, READ, 0, 0x40, .gla_moffs = 2,
	  .rflags = IF_, .answer = 0x89ABCDEF, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 4, .r13 = 0,
	  .r14 = 0x40, .out = { R(RAX, 0x89ABCDEF) }, .rip_delta = 6 },
	{ "0F B6: movzx ecx, byte [rbx]", B(0x0F, 0xB6, 0x0B), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .answer = 0xF0, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 1,
	  .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0xF0) }, .rip_delta = 3 },
	{ "66 0F B6: movzx cx, byte [rbx] merges CX", B(0x66, 0x0F, 0xB6, 0x0B), 48, READ, 0, 0x10,
	  .rflags = IF_, .in = { RW(RBX, 0x10) }, .answer = 0xF0, .status = OK, .ncalls = 1, .subfn = 48,
	  .r12 = 1, .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0xFFEEDDCCBBAA00F0ull) }, .rip_delta = 4 },
	{ "48 0F B7: movzx rcx, word [rbx]", B(0x48, 0x0F, 0xB7, 0x0B), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .answer = 0xF00D, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 2,
	  .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0xF00D) }, .rip_delta = 4 },
	{ "0F BE: movsx ecx, byte [rbx]", B(0x0F, 0xBE, 0x0B), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .answer = 0x80, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 1,
	  .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0xFFFFFF80) }, .rip_delta = 3 },
	{ "66 0F BE: movsx cx, byte [rbx] merges CX", B(0x66, 0x0F, 0xBE, 0x0B), 48, READ, 0, 0x10,
	  .rflags = IF_, .in = { RW(RBX, 0x10) }, .answer = 0xFF, .status = OK, .ncalls = 1, .subfn = 48,
	  .r12 = 1, .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0xFFEEDDCCBBAAFFFFull) }, .rip_delta = 4 },
	{ "48 0F BF: movsx rcx, word [rbx]", B(0x48, 0x0F, 0xBF, 0x0B), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .answer = 0x8000, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 2,
	  .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0xFFFFFFFFFFFF8000ull) }, .rip_delta = 4 },
	{ "0F BF: movsx ecx, word [rbx] positive", B(0x0F, 0xBF, 0x0B), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .answer = 0x7FFF, .status = OK, .ncalls = 1, .subfn = 48, .r12 = 2,
	  .r13 = 0, .r14 = 0x10, .out = { R(RCX, 0x7FFF) }, .rip_delta = 3 },
	{ "MMIO read refused by the VMM: register untouched", B(0x8B, 0x0B), 48, READ, 0, 0x10,
	  .rflags = IF_, .in = { RW(RBX, 0x10) }, .vmm_fails = 1, .status = VMM_FAILED, .ncalls = 1,
	  .subfn = 48, .r12 = 4, .r13 = 0, .r14 = 0x10 },

	/* ---- MMIO refusals ---- */
	{ "LOCK add [rbx], ecx", B(0xF0, 0x01, 0x0B), 48, WRITE, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_LOCK },
	{ "MOVSB on MMIO", B(0xA4), 48, READ, 0, 0x10, .rflags = IF_, .in = { RW(RSI, 0x10) },
	  .status = TDX_VE_MMIO_STRING },
	{ "REP MOVSD on MMIO", B(0xF3, 0xA5), 48, READ, 0, 0x10, .rflags = IF_, .in = { RW(RSI, 0x10) },
	  .status = TDX_VE_MMIO_STRING },
	{ "STOSB on MMIO", B(0xAA), 48, WRITE, 0, 0x10, .rflags = IF_, .in = { RW(RDI, 0x10) },
	  .status = TDX_VE_MMIO_STRING },
	{ "CMP [rbx], ecx", B(0x39, 0x0B), 48, READ, 0, 0x10, .rflags = IF_, .in = { RW(RBX, 0x10) },
	  .status = TDX_VE_MMIO_CMP },
	{ "CMP byte [rbx], imm8 (80 /7)", B(0x80, 0x3B, 0x01), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_CMP },
	{ "CMP dword [rbx], imm8 (83 /7)", B(0x83, 0x3B, 0x00), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_CMP },
	{ "ADD [rbx], ecx", B(0x01, 0x0B), 48, WRITE, 0, 0x10, .rflags = IF_, .in = { RW(RBX, 0x10) },
	  .status = TDX_VE_MMIO_UNSUPPORTED },
	{ "FS: mov eax, [rbx]", B(0x64, 0x8B, 0x03), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_UNSUPPORTED },
	{ "C6 /1 is not MOV", B(0xC6, 0x0B, 0x01), 48, WRITE, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_UNSUPPORTED },
	{ "0F 10 (movups) unsupported", B(0x0F, 0x10, 0x03), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_UNSUPPORTED },
	{ "register operand: mov eax, ecx", B(0x8B, 0xC1), 48, READ, 0, 0x10, .rflags = IF_,
	  .status = TDX_VE_MMIO_NOT_MEMORY },
	{ "16 bytes: too long", B(0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
	  0x66, 0x66, 0x66, 0x8B, 0x03), 48, READ, 0, 0x10, .rflags = IF_, .in = { RW(RBX, 0x10) },
	  .status = TDX_VE_DECODE_FAILED },
	{ "page-crossing dword", B(0x8B, 0x03), 48, READ, 0, 0xFFE, .rflags = IF_,
	  .in = { RW(RBX, 0xFFE) }, .status = TDX_VE_MMIO_PAGE_CROSS },
	{ "private GPA", B(0x8B, 0x03), 48, READ, 0, 0x10, .ept_private = 1, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_PRIVATE_GPA },
	{ "decoded address differs from the GLA/GPA", B(0x8B, 0x03), 48, READ, 0, 0x20, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_ADDR_MISMATCH },
	{ "GLA differs from the decoded address, GPA agrees", B(0x8B, 0x03), 48, READ, 0, 0x10,
	  .gla_skew = 8, .rflags = IF_, .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_ADDR_MISMATCH },
	{ "GLA not valid in the qualification", B(0x8B, 0x03), 48, READ, 0, 0x10, .no_gla_valid = 1,
	  .rflags = IF_, .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_ADDR_MISMATCH },
	{ "GPA at another offset in its page", B(0x8B, 0x03), 48, READ, 0, 0x10, .gpa_skew = 8,
	  .rflags = IF_, .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_GPA_OFFSET },
	{ "GPA in another page, same offset: that GPA gets the request", B(0x8B, 0x03), 48, READ, 0,
	  0x10, .gpa_skew = 0x1000, .rflags = IF_, .in = { RW(RBX, 0x10) }, .answer = 0x600D,
	  .status = OK, .ncalls = 1, .subfn = 48, .r12 = 4, .r13 = 0, .r14 = 0x10,
	  .out = { R(RAX, 0x600D) }, .rip_delta = 2 },
	{ "qualification says write, bytes say read", B(0x8B, 0x03), 48, WRITE, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_ADDR_MISMATCH },
	{ "qualification says read, bytes say write", B(0x89, 0x03), 48, READ, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_ADDR_MISMATCH },
	{ "instruction fetch from MMIO", B(0x8B, 0x03), 48, READ | 4, 0, 0x10, .rflags = IF_,
	  .in = { RW(RBX, 0x10) }, .status = TDX_VE_MMIO_FETCH },
};

/* ---- models ---------------------------------------------------------------- */

static uint64_t answer;
static uint8_t *window, *code, *mem;
static unsigned port_reads;

#define INVALID_OPERAND 0x8000000000000000ull

static void vmm_answer(struct tdxh_vmcall *c)
{
	switch (tdxh_vmm_read(c, TDXH_R11)) {
	case 10:	/* CPUID: R12..R15 = EAX..EDX */
		tdxh_vmm_write(c, TDXH_R12, 0xA1A1A1A1);
		tdxh_vmm_write(c, TDXH_R13, 0xB2B2B2B2);
		tdxh_vmm_write(c, TDXH_R14, 0xC3C3C3C3);
		tdxh_vmm_write(c, TDXH_R15, 0xD4D4D4D4);
		break;
	case 31:
		tdxh_vmm_write(c, TDXH_R11, answer);
		break;
	default:
		break;
	}
	tdxh_vmm_status(c, 0);
}

static uint32_t port_read(void *ctx, uint16_t port, unsigned size)
{
	(void)ctx;
	(void)port;
	(void)size;
	return (uint32_t)answer + port_reads++;
}

static void port_write(void *ctx, uint16_t port, unsigned size, uint32_t value)
{
	(void)ctx;
	(void)port;
	(void)size;
	(void)value;
}

static uint64_t mmio_read(void *ctx, uint64_t offset, unsigned size)
{
	(void)ctx;
	(void)offset;
	(void)size;
	return answer;
}

static void mmio_write(void *ctx, uint64_t offset, unsigned size, uint64_t value)
{
	(void)ctx;
	(void)offset;
	(void)size;
	(void)value;
}

static int setup(void **state)
{
	static const struct tdx_model_port_device dev = { PORT, 1, port_read, port_write, NULL };
	static const struct tdx_model_mmio_device mdev = { .read = mmio_read, .write = mmio_write };

	(void)state;
	tdxh_reset();
	tdxh_add_port_device(&dev);
	window = tdxh_ve_map_mmio(0x2000, &mdev);
	/* The window's GPA is not its address (nor the address with the shared bit). */
	assert_true((tdxh_ve_va_to_gpa(window) & ~tdxh_shared_bit()) != (uint64_t)(uintptr_t)window);
	fatal_calls = 0;
	return 0;
}

static uint64_t resolve(const struct reg_val *v)
{
	switch (v->rel) {
	case WIN: return (uint64_t)(uintptr_t)window + v->val;
	case MEM: return (uint64_t)(uintptr_t)mem + v->val;
	default: return v->val;
	}
}

static void run_case(const struct ve_case *c)
{
	struct tdx_ve_frame f, expect;
	struct tdx_ve_info ve;
	uint64_t shared = tdxh_shared_bit(), detail = 0, nr_before, gla;
	uint8_t *at = code + 0x100;
	uint64_t st;
	unsigned vmcalls = 0;

	/* The instruction at RIP (flat mapping), then something that is not a prefix. */
	memset(code, 0xCC, 0x1000);
	memcpy(at, c->bytes, c->nbytes);
	for (int r = 0; r < 16; r++)
		*reg(&f, r) = DEF;
	f.rip = (uint64_t)(uintptr_t)at;
	f.cs = 0x10;
	f.ss = 0x18;
	f.rflags = c->rflags;
	for (int i = 0; i < 4; i++)
		if (c->in[i].set)
			*reg(&f, c->in[i].reg) = resolve(&c->in[i]);
	for (int i = 0; i < 256; i++)
		mem[i] = (uint8_t)('a' + i % 26);

	memset(&ve, 0, sizeof(ve));
	ve.exit_reason = c->exit_reason;
	ve.exit_qualification = c->qual;
	ve.instruction_length = c->len;
	if (c->exit_reason == 48) {
		/* GLA = the address, GPA = what the harness's page tables map it to: not the address. */
		gla = (uint64_t)(uintptr_t)window + c->ept_off;
		ve.exit_qualification = c->qual | (c->no_gla_valid ? 0 : 1u << 7) | (1u << 8);
		ve.gla = gla + c->gla_skew;
		ve.gpa = tdxh_ve_va_to_gpa((const void *)(uintptr_t)gla) + c->gpa_skew;
		if (c->ept_private)
			ve.gpa &= ~shared;
		ve.instruction_length = TDXH_VE_EPT_JUNK_LENGTH;
		if (c->gla_moffs) {
			unsigned asize = at[0] == 0x67 ? 4 : 8;
			for (unsigned i = 0; i < asize; i++)
				at[c->gla_moffs + i] = (uint8_t)(gla >> (8 * i));
		}
		if (c->rip_rel_at) {
			int32_t disp = (int32_t)(gla - (f.rip + c->nbytes));
			memcpy(at + c->rip_rel_at, &disp, 4);
		}
	}
	expect = f;
	for (int i = 0; i < 4; i++)
		if (c->out[i].set)
			*reg(&expect, c->out[i].reg) = resolve(&c->out[i]);
	if (c->status == TDX_VE_OK)
		expect.rip += c->rip_delta;

	answer = c->answer;
	port_reads = 0;
	nr_before = tdxh.state.nr_records;
	st = tdx_ve_emulate(&f, &ve, &detail);

	if (st != c->status)
		fail_msg("%s: status %#llx (%s), expected %#llx (%s)", c->name, (unsigned long long)st,
			 tdx_strerror(st), (unsigned long long)c->status, tdx_strerror(c->status));
	for (uint64_t i = nr_before; i < tdxh.state.nr_records; i++)
		if (tdxh_record(i)->leaf == 0)
			vmcalls++;
	if (vmcalls != c->ncalls)
		fail_msg("%s: %u TDVMCALLs, expected %u", c->name, vmcalls, c->ncalls);
	if (c->ncalls) {
		const struct tdxh_record *rec = tdxh_last_record();
		uint64_t want[4] = { c->r12, c->r13, c->r14, c->r15 };

		if (c->subfn == 48)	/* the shared GPA window + r14 maps to (+ the case's skew) */
			want[2] = tdxh_ve_va_to_gpa(window + c->r14) + c->gpa_skew;
		assert_int_equal(rec->vmm_saw.gpr[TDXH_R10], 0);
		if (rec->vmm_saw.gpr[TDXH_R11] != c->subfn)
			fail_msg("%s: sub-function %llu, expected %llu", c->name,
				 (unsigned long long)rec->vmm_saw.gpr[TDXH_R11], (unsigned long long)c->subfn);
		for (int i = 0; i < 4; i++)
			if (rec->vmm_saw.gpr[TDXH_R12 + i] != want[i])
				fail_msg("%s: VMM saw r%d = %#llx, expected %#llx", c->name, 12 + i,
					 (unsigned long long)rec->vmm_saw.gpr[TDXH_R12 + i],
					 (unsigned long long)want[i]);
	}
	if (c->vmm_fails && c->status == VMM_FAILED)
		assert_int_equal(detail, INVALID_OPERAND);
	for (int r = 0; r < 16; r++)
		if (*reg(&f, r) != *reg(&expect, r))
			fail_msg("%s: %s = %#llx, expected %#llx", c->name, tdxh_gpr_names[r],
				 (unsigned long long)*reg(&f, r), (unsigned long long)*reg(&expect, r));
	if (f.rip != expect.rip)
		fail_msg("%s: rip advanced by %lld, expected %u", c->name,
			 (long long)(f.rip - (uint64_t)(uintptr_t)at), c->status ? 0 : c->rip_delta);
	assert_int_equal(f.rflags, expect.rflags);
	assert_int_equal(f.cs, expect.cs);
	assert_int_equal(f.ss, expect.ss);
}

static void table(void **state)
{
	(void)state;
	tdxh_arm();
	for (uint64_t s = 10; s <= 48; s++)
		if (s == 10 || s == 12 || s == 31 || s == 32)
			tdxh_set_vmcall_model(s, vmm_answer);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* The VMM fails the (first) call on demand. */
		if (cases[i].vmm_fails)
			tdxh_inject(0, cases[i].subfn, INVALID_OPERAND, 1);
		run_case(&cases[i]);
	}
	assert_true(sizeof(cases) / sizeof(cases[0]) >= 40);
}

/* The data string I/O moves, in order and direction. */
static void string_io_data(void **state)
{
	static const struct ve_case *c;
	(void)state;
	tdxh_arm();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = &cases[i];
		if (strcmp(c->name, "rep insb x4") == 0) {
			run_case(c);
			assert_memory_equal(mem + 16, "ABCD", 4);
		} else if (strncmp(c->name, "rep insw, 32-bit", 16) == 0) {
			run_case(c);
			assert_memory_equal(mem + 16, "ABBB", 4);	/* 0x4241, 0x4242 */
		}
	}
	/* rep outsb x3 with DF=1 sent c, b, a: the last one seen is 'a' (checked in the table). */
}

/* The decoder consumes exactly the instruction: every shorter prefix of it is TRUNCATED. */
static void decoder_needs_every_byte(void **state)
{
	unsigned checked = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ve_case *c = &cases[i];
		struct tdx_ve_frame f;
		struct tdx_mmio_insn d;

		if (c->exit_reason != 48 || c->status != TDX_VE_OK)
			continue;
		memset(&f, 0, sizeof(f));
		for (unsigned n = 0; n < c->rip_delta; n++)
			if (tdx_ve_decode_mmio(c->bytes, n, &f, &d) != TDX_VE_TRUNCATED)
				fail_msg("%s: %u of %u bytes not TRUNCATED", c->name, n, c->rip_delta);
		assert_int_equal(tdx_ve_decode_mmio(c->bytes, c->rip_delta, &f, &d), TDX_VE_OK);
		assert_int_equal(d.length, c->rip_delta);
		checked++;
	}
	assert_true(checked >= 25);
}

/* A VMM that answers MMIO reads and port reads with junk above the access width. */
static void wide_junk(struct tdxh_vmcall *c)
{
	tdxh_vmm_write(c, TDXH_R11, 0xDEADBEEFCAFE1234ull);
	tdxh_vmm_status(c, 0);
}

static void hostile_answers_are_cut_to_the_access_width(void **state)
{
	static const struct { uint8_t bytes[4]; unsigned n; uint64_t rcx; } loads[] = {
		{ { 0x8A, 0x0B }, 2, 0xFFEEDDCCBBAA9934ull },		/* mov cl: 8-bit merge */
		{ { 0x66, 0x8B, 0x0B }, 3, 0xFFEEDDCCBBAA1234ull },	/* mov cx: 16-bit merge */
		{ { 0x8B, 0x0B }, 2, 0xCAFE1234ull },			/* mov ecx: zero-extend */
		{ { 0x0F, 0xBE, 0x0B }, 3, 0x34ull },			/* movsx ecx, byte */
		{ { 0x48, 0x0F, 0xBF, 0x0B }, 4, 0x1234ull },		/* movsx rcx, word */
	};
	uint64_t gla = (uint64_t)(uintptr_t)window + 0x10, detail;
	struct tdx_ve_frame f;
	struct tdx_ve_info ve;

	(void)state;
	tdxh_arm();
	tdxh.state.hostile = true;
	tdxh_set_vmcall_model(48, wide_junk);
	tdxh_set_vmcall_model(30, wide_junk);
	for (size_t i = 0; i < sizeof(loads) / sizeof(loads[0]); i++) {
		memset(&f, 0, sizeof(f));
		memset(&ve, 0, sizeof(ve));
		memcpy(code + 0x100, loads[i].bytes, loads[i].n);
		f.rip = (uint64_t)(uintptr_t)(code + 0x100);
		f.rbx = gla;
		f.rcx = DEF;
		ve.exit_reason = 48;
		ve.exit_qualification = 1 | (1u << 7);
		ve.gla = gla;
		ve.gpa = tdxh_ve_va_to_gpa((const void *)(uintptr_t)gla);
		assert_int_equal(tdx_ve_emulate(&f, &ve, &detail), TDX_VE_OK);
		assert_int_equal(f.rcx, loads[i].rcx);
		assert_int_equal(f.rbx, gla);	/* nothing else of the VMM's got in */
	}
	/* in al, dx: only AL changes. */
	memset(&f, 0, sizeof(f));
	memset(&ve, 0, sizeof(ve));
	f.rax = DEF;
	f.rip = (uint64_t)(uintptr_t)(code + 0x100);
	ve.exit_reason = 30;
	ve.exit_qualification = (1u << 3) | (0x60u << 16);	/* in, 1 byte, port 0x60 */
	ve.instruction_length = 1;
	assert_int_equal(tdx_ve_emulate(&f, &ve, &detail), TDX_VE_OK);
	assert_int_equal(f.rax, 0xFFEEDDCCBBAA9934ull);
}

/*
 * Instruction bytes at the end of a page: a complete instruction never
 * makes the handler read the next page (here PROT_NONE: reading it would
 * crash the test); one that continues there is read across.
 */
static void fetch_stops_at_the_page_end(void **state)
{
	uint8_t *page = code + 0x1000;	/* the second page of `code` */
	struct tdx_ve_frame f;
	struct tdx_ve_info ve;
	uint64_t gla = (uint64_t)(uintptr_t)window + 0x10, detail;

	(void)state;
	tdxh_arm();
	memset(&f, 0, sizeof(f));
	memset(&ve, 0, sizeof(ve));
	f.rbx = gla;
	ve.exit_reason = 48;
	ve.exit_qualification = 1 | (1u << 7);
	ve.gla = gla;
	ve.gpa = tdxh_ve_va_to_gpa((const void *)(uintptr_t)gla);

	/* 8B 03 (mov eax, [rbx]) in the last two bytes; the next page unreadable. */
	assert_int_equal(mprotect(page, 0x1000, PROT_NONE), 0);
	page[-2] = 0x8B;
	page[-1] = 0x03;
	f.rip = (uint64_t)(uintptr_t)(page - 2);
	assert_int_equal(tdx_ve_emulate(&f, &ve, &detail), TDX_VE_OK);
	assert_int_equal(f.rip, (uint64_t)(uintptr_t)page);

	/* 8B 83 disp32 (mov eax, [rbx+disp32]) straddling into a readable next page. */
	assert_int_equal(mprotect(page, 0x1000, PROT_READ | PROT_WRITE), 0);
	f.rbx = gla - 0x100;
	page[-2] = 0x8B;
	page[-1] = 0x83;
	memcpy(page, "\x00\x01\x00\x00", 4);
	f.rip = (uint64_t)(uintptr_t)(page - 2);
	assert_int_equal(tdx_ve_emulate(&f, &ve, &detail), TDX_VE_OK);
	assert_int_equal(f.rip, (uint64_t)(uintptr_t)(page + 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(table, setup),
		cmocka_unit_test_setup(string_io_data, setup),
		cmocka_unit_test_setup(fetch_stops_at_the_page_end, setup),
		cmocka_unit_test_setup(hostile_answers_are_cut_to_the_access_width, setup),
		cmocka_unit_test_setup(decoder_needs_every_byte, setup),
	};

	code = mmap(NULL, 0x2000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	mem = mmap(NULL, 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (code == MAP_FAILED || mem == MAP_FAILED)
		return 1;
	return cmocka_run_group_tests_name("ve_table", tests, NULL, NULL);
}
